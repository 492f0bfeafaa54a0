package io.nomadx.sovereign.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.resources.CustomResourceOptions;
import java.util.List;
import java.util.Map;

/**
 * The kubeconfig for the cluster (secret: it names the endpoint and CA) and the Kubernetes provider
 * every Kubernetes resource uses. Tokens come from `aws eks get-token` against the same region, so
 * no long-lived credential is written anywhere.
 */
public final class KubernetesAccess {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .configure(
              com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private KubernetesAccess() {}

  public static Output<String> kubeconfig(
      Output<String> clusterName,
      Output<String> endpoint,
      Output<String> certificateAuthority,
      String region) {
    return Output.tuple(clusterName, endpoint, certificateAuthority)
        .applyValue(t -> render(t.t1, t.t2, t.t3, region))
        .asSecret();
  }

  static String render(String name, String endpoint, String ca, String region) {
    var doc =
        Map.of(
            "apiVersion",
            "v1",
            "kind",
            "Config",
            "current-context",
            name,
            "clusters",
            List.of(
                Map.of(
                    "name",
                    name,
                    "cluster",
                    Map.of("server", endpoint, "certificate-authority-data", ca))),
            "contexts",
            List.of(Map.of("name", name, "context", Map.of("cluster", name, "user", name))),
            "users",
            List.of(
                Map.of(
                    "name",
                    name,
                    "user",
                    Map.of(
                        "exec",
                        Map.of(
                            "apiVersion", "client.authentication.k8s.io/v1beta1",
                            "command", "aws",
                            "args",
                                List.of(
                                    "eks",
                                    "get-token",
                                    "--cluster-name",
                                    name,
                                    "--region",
                                    region,
                                    "--output",
                                    "json"))))));
    try {
      return JSON.writeValueAsString(doc);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Provider plugin version: the `pulumi.com/waitFor` readiness annotation is honoured from
   * pulumi-kubernetes 4.18.0; the 4.0.0 Java SDK would otherwise pin the 4.0.0 plugin. 4.25.0 is
   * the version `bin/cluster-check` builds and runs `pulumi up` with, so the one tested is the one
   * pinned.
   */
  public static final String PLUGIN_VERSION = "4.25.0";

  public static Provider provider(
      String name, Output<String> kubeconfig, CustomResourceOptions options) {
    return new Provider(
        name,
        ProviderArgs.builder().kubeconfig(kubeconfig).enableServerSideApply(true).build(),
        options);
  }
}
