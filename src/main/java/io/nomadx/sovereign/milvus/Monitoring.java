package io.nomadx.sovereign.milvus;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ProviderResource;
import com.pulumi.resources.Resource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The guide's alerts as a PrometheusRule; the operator scrapes every Milvus pod through the PodMonitor
 * it makes itself (MilvusSpec's disableMetric). Needs the Prometheus Operator's CRDs
 * (monitoring.coreos.com/v1) in the cluster.
 */
public final class Monitoring extends ComponentResource {
    /**
     * The guide's day-one alerts: name, PromQL, for, severity, summary. Metric names as Milvus
     * v2.5.14 registers them (milvus-io/milvus pkg/metrics: namespace `milvus`, subsystems
     * `proxy`, `querynode`, `datanode`): proxy_req_latency (proxy_metrics.go), querynode_segment_num
     * (querynode_metrics.go), datanode_consume_tt_lag_ms, "now minus the time tick consumed per
     * physical channel" (datanode_metrics.go).
     */
    public record Alert(String name, String expr, String forDuration, String severity, String summary) {
    }

    public static List<Alert> alerts(String ns) {
        String scope = "namespace=\"" + ns + "\"";
        return List.of(
                new Alert("MilvusQueryNodeMemoryHigh",
                        "max by (pod) (container_memory_working_set_bytes{" + scope + ", container=\"querynode\"}"
                                + " / on (pod) group_left kube_pod_container_resource_limits{" + scope
                                + ", container=\"querynode\", resource=\"memory\"}) > 0.8",
                        "10m", "critical", "QueryNode memory over 80%: HNSW falling out of memory crashes throughput"),
                new Alert("MilvusProxyP99LatencyHigh",
                        "histogram_quantile(0.99, sum by (le) (rate(milvus_proxy_req_latency_bucket{" + scope + "}[5m]))) > 100",
                        "10m", "warning", "Proxy p99 latency over 100 ms"),
                new Alert("MilvusSegmentImbalance",
                        "max(sum by (pod) (milvus_querynode_segment_num{" + scope + "}))"
                                + " > 1.5 * avg(sum by (pod) (milvus_querynode_segment_num{" + scope + "}))",
                        "30m", "warning", "Segments unevenly spread over QueryNodes: rebalance lag"),
                new Alert("MilvusFlushLag",
                        "max(milvus_datanode_consume_tt_lag_ms{" + scope + "}) > 600000",
                        "10m", "warning", "A DataNode is more than 10 minutes behind its channel: flushes lag ingestion"),
                new Alert("MilvusEtcdLeaderChanges",
                        "increase(etcd_server_leader_changes_seen_total{" + scope + "}[1h]) > 1",
                        "0m", "critical", "etcd changed leader more than once in an hour"));
    }

    public record Args(String namespace, List<Resource> dependsOn, ProviderResource kubernetes) {
        public Args {
            dependsOn = List.copyOf(dependsOn);
        }
    }

    public Monitoring(String name, Args args, ComponentResourceOptions options) {
        super("sovereign:milvus:Monitoring", name, options);
        var opts = CustomResourceOptions.builder().parent(this).provider(args.kubernetes()).dependsOn(args.dependsOn()).build();

        // No PodMonitor of our own: the operator makes one per Milvus, named after it, scraping every
        // component's `metrics` port (milvus-operator 1.3.8 pkg/controllers/podmonitor.go,
        // ReconcilePodMonitor; off only with spec.components.disableMetric). A second one of that
        // name failed the real `pulumi up` with a server-side apply conflict (cluster box).
        // etcd is scraped by a PodMonitor of ours: the operator's PodMonitor adds an etcd endpoint
        // (port `client`) but selects only pods labelled app.kubernetes.io/name=milvus
        // (pkg/controllers/podmonitor.go, updatePodMonitor), which etcd's pods are not; and 2379 is
        // etcd's key-value API, closed to monitoring. The target is found through the declared
        // `client` port (a PodMonitor can only discover declared ports: podMetricsEndpoints.portNumber,
        // prometheus-operator-crds 31.0.1) and relabelled to the metrics-only listener.
        new KubernetesObject(name + "-etcd", "monitoring.coreos.com/v1", "PodMonitor",
                Map.of("name", "milvus-etcd", "namespace", args.namespace()),
                Output.of(Map.of(
                        "selector", Map.of("matchLabels", MilvusSpec.ETCD_POD_LABELS),
                        "podMetricsEndpoints", List.of(Map.of(
                                "port", "client",
                                "path", "/metrics",
                                "relabelings", List.of(Map.of(
                                        "action", "replace",
                                        "sourceLabels", List.of("__address__"),
                                        "regex", "(.+):" + NetworkPolicies.ETCD_CLIENT_PORT,
                                        "targetLabel", "__address__",
                                        "replacement", "${1}:" + NetworkPolicies.ETCD_METRICS_PORT)))))), opts);

        var rules = alerts(args.namespace()).stream().map(a -> {
            var rule = new LinkedHashMap<String, Object>();
            rule.put("alert", a.name());
            rule.put("expr", a.expr());
            rule.put("for", a.forDuration());
            rule.put("labels", Map.of("severity", a.severity()));
            rule.put("annotations", Map.of("summary", a.summary()));
            return (Object) rule;
        }).toList();
        new KubernetesObject(name + "-alerts", "monitoring.coreos.com/v1", "PrometheusRule",
                Map.of("name", "milvus-alerts", "namespace", args.namespace()),
                Output.of(Map.of("groups", List.of(Map.of("name", "milvus", "rules", rules)))), opts);
        registerOutputs(Map.of());
    }
}
