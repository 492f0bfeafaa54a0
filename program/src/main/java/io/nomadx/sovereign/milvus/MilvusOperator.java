package io.nomadx.sovereign.milvus;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import io.nomadx.sovereign.config.MilvusSettings;
import io.nomadx.sovereign.config.NodePoolSettings.Role;
import io.nomadx.sovereign.platform.HelmCharts;
import io.nomadx.sovereign.support.Children;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Milvus Operator as a Helm release: chart and repository from config (a sovereign install
 * points at an in-region mirror), image from the configured registry, atomic, waiting until ready.
 * Its release installs the CRDs the Milvus resource needs, so the resource depends on it.
 */
public final class MilvusOperator extends ComponentResource {
  public final Output<String> namespace;

  /** The release: anything needing the Milvus CRD depends on it. */
  public final Release release;

  public record Args(MilvusSettings milvus, List<Resource> dependsOn) {
    public Args {
      dependsOn = List.copyOf(dependsOn);
    }
  }

  /** The operator's CRDs, which its chart installs as templates (values.yaml installCRDs: true). */
  public static final List<String> CRDS =
      List.of("milvuses.milvus.io", "milvusclusters.milvus.io", "milvusupgrades.milvus.io");

  public static final String CRD_GUARD = "milvus-crds-retained";

  public MilvusOperator(String name, Args args, ComponentResourceOptions options) {
    super("sovereign:milvus:MilvusOperator", name, options);
    var operator = args.milvus().operator();
    var ns = Namespaces.create(name + "-namespace", operator.namespace(), Children.of(this));

    var values = new LinkedHashMap<String, Object>();
    var image = new LinkedHashMap<>(Scheduling.repositoryAndTag(args.milvus().images().operator()));
    image.put("pullPolicy", "IfNotPresent");
    values.put("image", image);
    values.put("resources", Scheduling.guaranteed("500m", "512Mi"));
    values.put("nodeSelector", Scheduling.onPool(Role.SYSTEM));

    this.release =
        HelmCharts.install(
            name,
            "milvus-operator",
            "milvus-operator",
            operator.chartVersion(),
            operator.chartRepository(),
            operator.namespace(),
            values,
            Children.builder(this)
                .dependsOn(
                    java.util.stream.Stream.concat(
                            args.dependsOn().stream(), java.util.stream.Stream.of(ns))
                        .toList())
                // Its CRDs hold every Milvus resource: the release is never deleted or replaced by
                // accident.
                .protect(true)
                .build());
    retainCrds(name);
    this.namespace = Output.of(operator.namespace());
    registerOutputs(Map.of("namespace", namespace));
  }

  /**
   * The chart renders the CRDs as templates with no keep policy, so uninstalling or replacing the
   * release (or a failed atomic install) would delete them, and Kubernetes would delete every
   * Milvus resource with its CRD. The API server refuses that: a ValidatingAdmissionPolicy (GA in
   * Kubernetes 1.30; admissionregistration.k8s.io/v1) denies DELETE of these CRDs. Helm then
   * reports the CRD it could not delete and the Milvus resources stay. Decommissioning means
   * deleting the binding first, on purpose.
   */
  private void retainCrds(String name) {
    var opts = Children.of(this);
    var spec = new LinkedHashMap<String, Object>();
    spec.put("failurePolicy", "Fail");
    spec.put(
        "matchConstraints",
        Map.of(
            "resourceRules",
            List.of(
                Map.of(
                    "apiGroups",
                    List.of("apiextensions.k8s.io"),
                    "apiVersions",
                    List.of("v1"),
                    "operations",
                    List.of("DELETE"),
                    "resources",
                    List.of("customresourcedefinitions")))));
    spec.put(
        "validations",
        List.of(
            Map.of(
                "expression",
                    "!(oldObject.metadata.name in "
                        + CRDS.stream().map(c -> "'" + c + "'").toList()
                        + ")",
                "message",
                    "the Milvus CRDs are retained: deleting one deletes every Milvus resource (remove the binding "
                        + CRD_GUARD
                        + " first, on purpose)")));
    var policy =
        new KubernetesObject(
            name + "-crd-guard",
            "admissionregistration.k8s.io/v1",
            "ValidatingAdmissionPolicy",
            Map.of("name", CRD_GUARD),
            Output.of(spec),
            opts);
    new KubernetesObject(
        name + "-crd-guard-binding",
        "admissionregistration.k8s.io/v1",
        "ValidatingAdmissionPolicyBinding",
        Map.of("name", CRD_GUARD),
        Output.of(Map.of("policyName", CRD_GUARD, "validationActions", List.of("Deny"))),
        Children.of(this, policy));
  }
}
