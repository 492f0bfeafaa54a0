package io.nomadx.sovereign.milvus;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;
import java.util.Map;

/**
 * An object of a custom resource kind the Kubernetes SDK has no class for (Milvus, PodMonitor,
 * PrometheusRule). The kubernetes 4.0.0 Java SDK lacks `apiextensions.CustomResource`; its type
 * token `kubernetes:<group>/<version>:<Kind>` is what the provider plugin dispatches on.
 */
public final class KubernetesObject extends CustomResource {
  /*
   * The SDK cannot see generic type arguments at run time: `refs` lists the classes of
   * Map<String, Object> and `tree` how they nest (as the SDK's generated classes do, e.g.
   * core.v1.Secret's data). Without them it reads the live status as Void and the program dies
   * when a real provider answers (found by the cluster box's real `pulumi up`).
   */
  @Export(
      name = "status",
      refs = {Map.class, String.class, Object.class},
      tree = "[0,1,2]")
  private Output<Map<String, Object>> status;

  public Output<Map<String, Object>> status() {
    return status;
  }

  // The Pulumi SDK reads the @Import fields by reflection when it serializes the inputs; nothing
  // here reads them.
  @SuppressWarnings("UnusedVariable")
  public static final class Args extends ResourceArgs {
    @Import(name = "apiVersion", required = true)
    private final Output<String> apiVersion;

    @Import(name = "kind", required = true)
    private final Output<String> kind;

    @Import(name = "metadata", required = true)
    private final Output<Map<String, Object>> metadata;

    @Import(name = "spec", required = true)
    private final Output<Map<String, Object>> spec;

    public Args(
        String apiVersion,
        String kind,
        Map<String, Object> metadata,
        Output<Map<String, Object>> spec) {
      this.apiVersion = Output.of(apiVersion);
      this.kind = Output.of(kind);
      this.metadata = Output.of(metadata);
      this.spec = spec;
    }
  }

  /**
   * @param apiVersion `group/version`, e.g. milvus.io/v1beta1
   */
  public KubernetesObject(
      String name,
      String apiVersion,
      String kind,
      Map<String, Object> metadata,
      Output<Map<String, Object>> spec,
      CustomResourceOptions options) {
    super(
        "kubernetes:" + apiVersion + ":" + kind,
        name,
        new Args(apiVersion, kind, metadata, spec),
        options);
  }
}
