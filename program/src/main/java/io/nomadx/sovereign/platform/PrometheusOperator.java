package io.nomadx.sovereign.platform;

import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import io.nomadx.sovereign.config.Defaults;
import io.nomadx.sovereign.config.NodePoolSettings.Role;
import io.nomadx.sovereign.milvus.Namespaces;
import io.nomadx.sovereign.milvus.Scheduling;
import io.nomadx.sovereign.support.Children;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the PodMonitor and PrometheusRule need on a fresh cluster, which has no Prometheus Operator
 * CRDs: either the CRDs alone (prometheus-community chart prometheus-operator-crds) or the whole
 * kube-prometheus-stack (Prometheus Operator, Prometheus, Alertmanager, Grafana), its images from
 * the stack's registry (`global.imageRegistry`, kube-prometheus-stack values.yaml). The Milvus
 * Operator then also creates its own PodMonitor for Milvus once the CRDs exist (it checks for
 * them).
 */
public final class PrometheusOperator extends ComponentResource {
  /** The monitoring objects depend on this. */
  public final Release release;

  public record Args(
      boolean fullStack, String chartRepository, String namespace, String imageRegistry) {}

  public PrometheusOperator(String name, Args args, ComponentResourceOptions options) {
    super("sovereign:platform:PrometheusOperator", name, options);
    var opts = Children.of(this);
    var values = new LinkedHashMap<String, Object>();
    if (args.fullStack()) {
      var ns = Namespaces.create(name + "-namespace", args.namespace(), opts);
      values.put("global", Map.of("imageRegistry", args.imageRegistry()));
      values.put("prometheusOperator", Map.of("nodeSelector", Scheduling.onPool(Role.SYSTEM)));
      // By default the chart's Prometheus selects only PodMonitors and PrometheusRules labelled
      // release=<this release> (values.yaml prometheus.prometheusSpec.*SelectorNilUsesHelmValues:
      // true;
      // templates/prometheus/prometheus.yaml): the operator's PodMonitor, etcd's and the Milvus
      // alerts carry no such label and would be ignored. False selects them all, in every
      // namespace (podMonitorNamespaceSelector and ruleNamespaceSelector default to {}).
      values.put(
          "prometheus",
          Map.of(
              "prometheusSpec",
              Map.of(
                  "podMonitorSelectorNilUsesHelmValues", false,
                  "ruleSelectorNilUsesHelmValues", false)));
      this.release =
          HelmCharts.install(
              name,
              "kube-prometheus-stack",
              "kube-prometheus-stack",
              Defaults.KUBE_PROMETHEUS_STACK_CHART_VERSION,
              args.chartRepository(),
              args.namespace(),
              values,
              Children.of(this, ns));
    } else {
      // CRDs only: no workload, so the release record sits in kube-system and the monitoring
      // namespace stays for whoever installs Prometheus later. The CRDs carry Helm's keep
      // policy (chart value crds.annotations), so uninstalling the release never deletes them
      // and every PodMonitor and PrometheusRule with them.
      values.put("crds", Map.of("annotations", Map.of("helm.sh/resource-policy", "keep")));
      this.release =
          HelmCharts.install(
              name,
              "prometheus-operator-crds",
              "prometheus-operator-crds",
              Defaults.PROMETHEUS_CRDS_CHART_VERSION,
              args.chartRepository(),
              "kube-system",
              values,
              opts);
    }
    registerOutputs(Map.of());
  }
}
