package io.nomadx.sovereign.milvus;

import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResourceOptions;
import java.util.Map;

/** Namespaces with Pod Security Admission labels. */
public final class Namespaces {
  private Namespaces() {}

  /**
   * Enforce `baseline` (the etcd and Pulsar charts do not all meet `restricted`), and warn and
   * audit at `restricted` so every gap shows up in `kubectl` output and the audit log.
   */
  public static Namespace create(String resourceName, String name, CustomResourceOptions options) {
    return new Namespace(
        resourceName,
        NamespaceArgs.builder()
            .metadata(
                ObjectMetaArgs.builder()
                    .name(name)
                    .labels(
                        Map.of(
                            "pod-security.kubernetes.io/enforce", "baseline",
                            "pod-security.kubernetes.io/warn", "restricted",
                            "pod-security.kubernetes.io/audit", "restricted"))
                    .build())
            .build(),
        options);
  }
}
