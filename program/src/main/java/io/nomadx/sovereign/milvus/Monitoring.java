package io.nomadx.sovereign.milvus;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import io.nomadx.sovereign.support.Children;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The guide's alerts as a PrometheusRule and its day-one dashboard as a ConfigMap for Grafana's
 * sidecar (Dashboards); the operator scrapes every Milvus pod through the PodMonitor it makes
 * itself (MilvusSpec's disableMetric). Needs the Prometheus Operator's CRDs
 * (monitoring.coreos.com/v1) in the cluster.
 */
public final class Monitoring extends ComponentResource {
  /**
   * The guide's day-one alerts: name, PromQL, for, severity, summary. Every metric they name is in
   * MetricCatalogue with the file that defines it; bin/test-alerts runs them through promtool's
   * rule unit tests (src/test/resources/promtool/milvus-alerts.test.yaml), firing just past each
   * threshold and quiet at it.
   */
  public record Alert(
      String name, String expr, String forDuration, String severity, String summary) {}

  /** QueryNode memory share of its limit at which the guide alerts: HNSW must stay in memory. */
  public static final double QUERY_NODE_MEMORY_SHARE = 0.8;

  /** The guide's p99 target for search and query, in milliseconds (Milvus records them in ms). */
  public static final int P99_LATENCY_MS = 100;

  /** Flush lag, in milliseconds, past which ingestion is falling behind: 10 minutes. */
  public static final int FLUSH_LAG_MS = 600_000;

  /** "> 1/hour means etcd is unhappy": two or more leader changes within an hour. */
  public static final int ETCD_LEADER_CHANGES_PER_HOUR = 2;

  private static String scope(String ns) {
    return "namespace=\"" + ns + "\"";
  }

  /**
   * Each QueryNode's working set over its memory limit (0..1). Both sides keep the pod label (the
   * kubelet's cAdvisor endpoint and kube-state-metrics both label by namespace, pod, container);
   * `on (pod) group_left` matches each container series to its pod's one limit.
   */
  public static String queryNodeMemoryShare(String ns) {
    return "max by (pod) (container_memory_working_set_bytes{"
        + scope(ns)
        + ", container=\"querynode\"}"
        + " / on (pod) group_left kube_pod_container_resource_limits{"
        + scope(ns)
        + ", container=\"querynode\", resource=\"memory\"})";
  }

  /**
   * p99 of successful searches and queries per collection, in ms. milvus_proxy_sq_latency carries
   * collection_name; milvus_proxy_req_latency, which this alert used before, has only node_id and
   * function_name (pkg/metrics/proxy_metrics.go, v2.5.14), so it could not be per collection, and
   * summed over every function it mixed in DDL and Flush calls that take seconds by design.
   */
  public static String searchP99ByCollection(String ns) {
    return "histogram_quantile(0.99, sum by (collection_name, le) (rate(milvus_proxy_sq_latency_bucket{"
        + scope(ns)
        + "}[5m])))";
  }

  /** Loaded segments per QueryNode pod (every collection, state and level summed). */
  public static String segmentsPerQueryNode(String ns) {
    return "sum by (pod) (milvus_querynode_segment_num{" + scope(ns) + "})";
  }

  /** Each DataNode's worst channel: now minus the last time tick it consumed, in ms. */
  public static String flushLagPerDataNode(String ns) {
    return "max by (pod) (milvus_datanode_consume_tt_lag_ms{" + scope(ns) + "})";
  }

  /**
   * Leader changes each etcd member saw in the last hour. The counter is at 1 once a member first
   * sees a leader (etcd v3.5.18 server/etcdserver/raft.go: leaderChanges.Inc() whenever the soft
   * state's leader is set and differs from the one it knew, which starts as none), so only its
   * increase means anything.
   */
  public static String etcdLeaderChangesPerHour(String ns) {
    return "increase(etcd_server_leader_changes_seen_total{" + scope(ns) + "}[1h])";
  }

  public static List<Alert> alerts(String ns) {
    return List.of(
        new Alert(
            "MilvusQueryNodeMemoryHigh",
            queryNodeMemoryShare(ns) + " > " + QUERY_NODE_MEMORY_SHARE,
            "10m",
            "critical",
            "QueryNode memory over 80%: HNSW falling out of memory crashes throughput"),
        new Alert(
            "MilvusProxyP99LatencyHigh",
            searchP99ByCollection(ns) + " > " + P99_LATENCY_MS,
            "10m",
            "warning",
            "Search/query p99 latency of a collection over 100 ms"),
        new Alert(
            "MilvusSegmentImbalance",
            "max(" + segmentsPerQueryNode(ns) + ") > 1.5 * avg(" + segmentsPerQueryNode(ns) + ")",
            "30m",
            "warning",
            "Segments unevenly spread over QueryNodes: rebalance lag"),
        new Alert(
            "MilvusFlushLag",
            "max(milvus_datanode_consume_tt_lag_ms{" + scope(ns) + "}) > " + FLUSH_LAG_MS,
            "10m",
            "warning",
            "A DataNode is more than 10 minutes behind its channel: flushes lag ingestion"),
        // Not `> 1`: increase() extrapolates to the window's edges (Prometheus docs, functions,
        // increase()), so one change seen by a member whose counter is already past zero reads
        // about 1.017 over an hour of 1-minute samples and fired; promtool's tests showed it.
        new Alert(
            "MilvusEtcdLeaderChanges",
            etcdLeaderChangesPerHour(ns) + " >= " + ETCD_LEADER_CHANGES_PER_HOUR,
            "0m",
            "critical",
            "etcd changed leader more than once in an hour"));
  }

  public record Args(String namespace, List<Resource> dependsOn) {
    public Args {
      dependsOn = List.copyOf(dependsOn);
    }
  }

  public Monitoring(String name, Args args, ComponentResourceOptions options) {
    super("sovereign:milvus:Monitoring", name, options);
    var opts = Children.builder(this).dependsOn(args.dependsOn()).build();

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
    new KubernetesObject(
        name + "-etcd",
        "monitoring.coreos.com/v1",
        "PodMonitor",
        Map.of("name", "milvus-etcd", "namespace", args.namespace()),
        Output.of(
            Map.of(
                "selector", Map.of("matchLabels", MilvusSpec.ETCD_POD_LABELS),
                "podMetricsEndpoints",
                    List.of(
                        Map.of(
                            "port", "client",
                            "path", "/metrics",
                            "relabelings",
                                List.of(
                                    Map.of(
                                        "action",
                                        "replace",
                                        "sourceLabels",
                                        List.of("__address__"),
                                        "regex",
                                        "(.+):" + NetworkPolicies.ETCD_CLIENT_PORT,
                                        "targetLabel",
                                        "__address__",
                                        "replacement",
                                        "${1}:" + NetworkPolicies.ETCD_METRICS_PORT)))))),
        opts);

    var rules =
        alerts(args.namespace()).stream()
            .map(
                a -> {
                  var rule = new LinkedHashMap<String, Object>();
                  rule.put("alert", a.name());
                  rule.put("expr", a.expr());
                  rule.put("for", a.forDuration());
                  rule.put("labels", Map.of("severity", a.severity()));
                  rule.put("annotations", Map.of("summary", a.summary()));
                  return (Object) rule;
                })
            .toList();
    new KubernetesObject(
        name + "-alerts",
        "monitoring.coreos.com/v1",
        "PrometheusRule",
        Map.of("name", "milvus-alerts", "namespace", args.namespace()),
        Output.of(Map.of("groups", List.of(Map.of("name", "milvus", "rules", rules)))),
        opts);
    // The day-one dashboard for Grafana's sidecar, next to the alerts it shadows (Dashboards says
    // which Grafana picks it up with each monitoringStack).
    new ConfigMap(
        name + "-dashboards",
        ConfigMapArgs.builder()
            .metadata(
                ObjectMetaArgs.builder()
                    .name(Dashboards.CONFIG_MAP)
                    .namespace(args.namespace())
                    .labels(Map.of(Dashboards.SIDECAR_LABEL, Dashboards.SIDECAR_LABEL_VALUE))
                    .build())
            .data(Map.of(Dashboards.FILE, Dashboards.json(args.namespace())))
            .build(),
        opts);
    registerOutputs(Map.of());
  }
}
