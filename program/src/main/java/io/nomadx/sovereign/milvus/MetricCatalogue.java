package io.nomadx.sovereign.milvus;

import java.util.List;
import java.util.Optional;

/**
 * Every metric the dashboards and alerts name, with where its exporter defines it, at the version
 * this program deploys. CI has no internet, so this table is the committed record of that check;
 * MetricCatalogueTest fails when a panel or an alert names a metric that is not here.
 *
 * <p>Versions: Milvus v2.5.14 (Defaults.MILVUS_VERSION; Go module
 * github.com/milvus-io/milvus/pkg/v2 v2.5.14, tag pkg/v2.5.14, commit 062fc368). Pulsar 3.0.7 and
 * etcd 3.5.18 (Defaults.PULSAR_IMAGE_TAG and ETCD_IMAGE_TAG, the images the operator's pulsar-3.3.0
 * and etcd-8.12.0 charts run here; pulsar-broker 3.0.7 sources jar, etcd-io/etcd tag v3.5.18).
 * cAdvisor as the kubelet embeds it (google/cadvisor v0.52.1) and kube-state-metrics v2.20.0 (the
 * appVersion of the kube-state-metrics chart 8.4.0 that kube-prometheus-stack 88.5.3 vendors).
 *
 * <p>Names the guide gives that Milvus v2.5.14 does not register, and so appear nowhere here:
 * milvus_querynode_num_segments (the gauge is milvus_querynode_segment_num) and
 * milvus_datanode_flowgraph_flow_count (pkg/metrics/datanode_metrics.go has flowgraph_num, a count
 * of flow graphs, not a lag; the lag is consume_tt_lag_ms).
 */
public final class MetricCatalogue {
  public enum Type {
    COUNTER,
    GAUGE,
    HISTOGRAM
  }

  /**
   * @param name the exposed name (a histogram's base name: its series add _bucket, _sum, _count)
   * @param source project and version
   * @param file the file of that version that defines it
   * @param definition the variable or call there, and its labels
   */
  public record Metric(String name, Type type, String source, String file, String definition) {}

  private static final String MILVUS = "milvus-io/milvus v2.5.14 (pkg/v2.5.14)";
  private static final String PULSAR = "apache/pulsar 3.0.7 (pulsar-broker)";
  private static final String ETCD = "etcd-io/etcd v3.5.18";

  public static final List<Metric> METRICS =
      List.of(
          new Metric(
              "milvus_querynode_segment_num",
              Type.GAUGE,
              MILVUS,
              "pkg/metrics/querynode_metrics.go",
              "QueryNodeNumSegments: namespace milvus, subsystem querynode (typeutil.QueryNodeRole), "
                  + "name segment_num; labels node_id, collection_id, segment_state, segment_level"),
          new Metric(
              "milvus_proxy_sq_latency",
              Type.HISTOGRAM,
              MILVUS,
              "pkg/metrics/proxy_metrics.go",
              "ProxySQLatency, \"latency of search or query successfully\", milliseconds (buckets 1..131072, "
                  + "metrics.go); labels node_id, query_type, db_name, collection_name"),
          new Metric(
              "milvus_datanode_consume_tt_lag_ms",
              Type.GAUGE,
              MILVUS,
              "pkg/metrics/datanode_metrics.go",
              "DataNodeConsumeTimeTickLag, \"now time minus tt per physical channel\"; labels node_id, "
                  + "msg_type, collection_id"),
          new Metric(
              "pulsar_msg_backlog",
              Type.GAUGE,
              PULSAR,
              "pulsar-broker/src/main/java/org/apache/pulsar/broker/stats/prometheus/TopicStats.java",
              "printTopicStats writeMetric(\"pulsar_msg_backlog\", stats.msgBacklog, cluster, namespace, topic); "
                  + "the namespace-level sample without topic in NamespaceStatsAggregator.java"),
          new Metric(
              "etcd_server_leader_changes_seen_total",
              Type.COUNTER,
              ETCD,
              "server/etcdserver/metrics.go",
              "leaderChanges: namespace etcd, subsystem server, name leader_changes_seen_total, "
                  + "\"The number of leader changes seen.\"; no labels of its own"),
          new Metric(
              "container_memory_working_set_bytes",
              Type.GAUGE,
              "google/cadvisor v0.52.1 (in the kubelet)",
              "metrics/prometheus.go",
              "container metric name container_memory_working_set_bytes; "
                  + "the kubelet's /metrics/cadvisor adds namespace, pod, container"),
          new Metric(
              "kube_pod_container_resource_limits",
              Type.GAUGE,
              "kubernetes/kube-state-metrics v2.20.0",
              "internal/store/pod.go",
              "kube_pod_container_resource_limits; labels namespace, pod, container, "
                  + "node, resource, unit"));

  private MetricCatalogue() {}

  /**
   * The catalogued metric a series name belongs to (a histogram's _bucket, _sum and _count
   * included).
   */
  public static Optional<Metric> lookup(String series) {
    for (var m : METRICS) {
      if (m.name().equals(series)) {
        return Optional.of(m);
      }
      if (m.type() == Type.HISTOGRAM
          && List.of("_bucket", "_sum", "_count").stream()
              .anyMatch(suffix -> series.equals(m.name() + suffix))) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
