package io.nomadx.sovereign.platform;

import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import io.nomadx.sovereign.config.NodePoolSettings.Role;
import io.nomadx.sovereign.milvus.Namespaces;
import io.nomadx.sovereign.milvus.Scheduling;
import io.nomadx.sovereign.support.Children;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * cert-manager, which issues Milvus's serving certificate: a fresh EKS cluster has neither it nor
 * its CRDs. Pinned chart from the configured repository; every image from the stack's registry (the
 * chart builds `<imageRegistry>/<imageNamespace>/<name>:<appVersion>`, cert-manager v1.21.1
 * values.yaml); its CRDs installed by the release and kept when the release goes (`crds.keep`).
 */
public final class CertManager extends ComponentResource {
  public static final String NAMESPACE = "cert-manager";

  /**
   * Where the mirror keeps cert-manager's images:
   * <registry>/jetstack/cert-manager-controller:v1.21.1, ...
   */
  public static final String IMAGE_NAMESPACE = "jetstack";

  /** What needs cert-manager's CRDs (Issuers, Certificates) depends on this. */
  public final Release release;

  public record Args(
      String chartVersion, String chartRepository, String imageRegistry, List<Resource> dependsOn) {
    public Args {
      dependsOn = List.copyOf(dependsOn);
    }
  }

  public CertManager(String name, Args args, ComponentResourceOptions options) {
    super("sovereign:platform:CertManager", name, options);
    var ns = Namespaces.create(name + "-namespace", NAMESPACE, Children.of(this));
    var values = new LinkedHashMap<String, Object>();
    values.put("crds", Map.of("enabled", true, "keep", true));
    values.put("imageRegistry", args.imageRegistry());
    values.put("imageNamespace", IMAGE_NAMESPACE);
    var system = Scheduling.onPool(Role.SYSTEM);
    values.put("nodeSelector", system);
    for (String part : List.of("webhook", "cainjector", "startupapicheck")) {
      values.put(part, Map.of("nodeSelector", system));
    }
    this.release =
        HelmCharts.install(
            name,
            "cert-manager",
            "cert-manager",
            args.chartVersion(),
            args.chartRepository(),
            NAMESPACE,
            values,
            Children.builder(this)
                .dependsOn(
                    java.util.stream.Stream.concat(
                            args.dependsOn().stream(), java.util.stream.Stream.of(ns))
                        .toList())
                .build());
    registerOutputs(Map.of());
  }
}
