package io.nomadx.sovereign.milvus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The guide's six day-one views ("Observability": segment count, p99 per collection, QueryNode
 * memory, DataNode flush lag, Pulsar backlog, etcd leader changes) as one Grafana dashboard, built
 * from the plan's settings (the Milvus namespace scopes every query). Each panel that shadows an
 * alert draws the alert's own expression and threshold (Monitoring), so the two cannot drift apart.
 *
 * <p>Delivery: a ConfigMap in the Milvus namespace labelled for Grafana's dashboard sidecar. The
 * kube-prometheus-stack 88.5.3 chart (monitoringStack `full`) turns the sidecar on and has it watch
 * ConfigMaps labelled `grafana_dashboard: "1"` in every namespace (values.yaml lines 1537-1542:
 * grafana.sidecar.dashboards.enabled true, label grafana_dashboard, labelValue "1", searchNamespace
 * ALL). With `crds` or `existing` nothing of ours runs Grafana; the ConfigMap is still created, so
 * a Grafana that runs the sidecar with that label and a search scope including the Milvus namespace
 * (or ALL) shows it. The standalone grafana chart 12.11.1 has the sidecar off and searches only its
 * own namespace unless told (charts/grafana/values.yaml lines 1163-1197: enabled false, label
 * grafana_dashboard, labelValue "" = any value, searchNamespace null).
 *
 * <p>Dashboard JSON follows Grafana's JSON model (grafana.com/docs/grafana/latest/dashboards/
 * build-dashboards/view-dashboard-json-model/): timeseries panels, a `datasource` template variable
 * of type prometheus, so the dashboard works with the stack's provisioned data source (uid
 * prometheus, kube-prometheus-stack values.yaml line 1563) or any other Prometheus.
 */
public final class Dashboards {
  /**
   * The sidecar's label key and value (kube-prometheus-stack 88.5.3 values.yaml lines 1539-1540).
   */
  public static final String SIDECAR_LABEL = "grafana_dashboard";

  public static final String SIDECAR_LABEL_VALUE = "1";
  public static final String CONFIG_MAP = "milvus-dashboards";
  public static final String FILE = "milvus-day-one.json";

  /** One query of a panel: PromQL and the legend Grafana draws for each series. */
  public record Target(String expr, String legend) {}

  /**
   * @param unit Grafana unit id (ms, percentunit, short)
   * @param threshold the alert's threshold drawn as a line, or null when no alert shadows the panel
   */
  public record Panel(
      String title, String description, String unit, Double threshold, List<Target> targets) {
    public Panel {
      targets = List.copyOf(targets);
    }
  }

  private Dashboards() {}

  public static List<Panel> panels(String ns) {
    String scope = "namespace=\"" + ns + "\"";
    return List.of(
        new Panel(
            "Segments per QueryNode",
            "Loaded segments per QueryNode (milvus_querynode_segment_num). Unbalanced growth means "
                + "rebalance lag; alert MilvusSegmentImbalance at max > 1.5 x average.",
            "short",
            null,
            List.of(new Target(Monitoring.segmentsPerQueryNode(ns), "{{pod}}"))),
        new Panel(
            "Search/query p99 latency per collection",
            "p99 of successful searches and queries (milvus_proxy_sq_latency, ms). Target < 100 ms; "
                + "alert MilvusProxyP99LatencyHigh.",
            "ms",
            (double) Monitoring.P99_LATENCY_MS,
            List.of(new Target(Monitoring.searchP99ByCollection(ns), "{{collection_name}}"))),
        new Panel(
            "QueryNode memory against its limit",
            "Working set over the container's memory limit. Alert MilvusQueryNodeMemoryHigh at 80%: "
                + "HNSW falling out of memory crashes throughput.",
            "percentunit",
            Monitoring.QUERY_NODE_MEMORY_SHARE,
            List.of(new Target(Monitoring.queryNodeMemoryShare(ns), "{{pod}}"))),
        new Panel(
            "DataNode flush lag",
            "Now minus the last time tick each DataNode consumed, worst channel "
                + "(milvus_datanode_consume_tt_lag_ms). Alert MilvusFlushLag past 10 minutes.",
            "ms",
            (double) Monitoring.FLUSH_LAG_MS,
            List.of(new Target(Monitoring.flushLagPerDataNode(ns), "{{pod}}"))),
        // Pulsar labels its samples with its own `namespace` (tenant/namespace, TopicStats.java).
        // Scraped without honor_labels (the pulsar-3.3.0 chart's broker PodMonitor sets none),
        // Prometheus keeps the target's Kubernetes namespace in `namespace` and renames Pulsar's
        // to `exported_namespace` (prometheus.io/docs/prometheus/latest/configuration/
        // configuration/#scrape_config, honor_labels); a scrape that honours labels would
        // need this selector on `kubernetes_namespace` (that PodMonitor's relabeling) instead.
        new Panel(
            "Pulsar backlog per topic",
            "Messages not yet acknowledged per topic (pulsar_msg_backlog), upstream of Milvus and "
                + "downstream of ingest. Empty until Prometheus scrapes the Pulsar brokers.",
            "short",
            null,
            List.of(
                new Target(
                    "sum by (topic) (pulsar_msg_backlog{" + scope + ", topic!=\"\"})",
                    "{{topic}}"))),
        new Panel(
            "etcd leader changes (last hour)",
            "Leader changes each etcd member saw in the last hour "
                + "(etcd_server_leader_changes_seen_total). More than one an hour means etcd is "
                + "unhappy; alert MilvusEtcdLeaderChanges.",
            "short",
            (double) Monitoring.ETCD_LEADER_CHANGES_PER_HOUR,
            List.of(new Target(Monitoring.etcdLeaderChangesPerHour(ns), "{{pod}}"))));
  }

  /** The Grafana dashboard for a Milvus namespace, as the JSON model's object tree. */
  public static Map<String, Object> dashboard(String ns) {
    var datasource = Map.of("type", "prometheus", "uid", "${datasource}");
    var panelList = new ArrayList<Object>();
    var panels = panels(ns);
    for (int i = 0; i < panels.size(); i++) {
      var p = panels.get(i);
      var steps = new ArrayList<Object>();
      var base = new LinkedHashMap<String, Object>();
      base.put("color", "green");
      base.put("value", null); // Grafana's base step has no value
      steps.add(base);
      if (p.threshold() != null) {
        steps.add(Map.of("color", "red", "value", p.threshold()));
      }
      var targets = new ArrayList<Object>();
      for (int t = 0; t < p.targets().size(); t++) {
        targets.add(
            Map.of(
                "refId",
                String.valueOf((char) ('A' + t)),
                "datasource",
                datasource,
                "expr",
                p.targets().get(t).expr(),
                "legendFormat",
                p.targets().get(t).legend()));
      }
      var panel = new LinkedHashMap<String, Object>();
      panel.put("id", i + 1);
      panel.put("type", "timeseries");
      panel.put("title", p.title());
      panel.put("description", p.description());
      panel.put("datasource", datasource);
      panel.put("gridPos", Map.of("h", 8, "w", 12, "x", (i % 2) * 12, "y", (i / 2) * 8));
      panel.put(
          "fieldConfig",
          Map.of(
              "defaults",
                  Map.of(
                      "unit",
                      p.unit(),
                      "thresholds",
                      Map.of("mode", "absolute", "steps", steps),
                      "custom",
                      Map.of(
                          "thresholdsStyle",
                          Map.of("mode", p.threshold() == null ? "off" : "line"))),
              "overrides", List.of()));
      panel.put("targets", targets);
      panelList.add(panel);
    }
    var variable = new LinkedHashMap<String, Object>();
    variable.put("name", "datasource");
    variable.put("label", "Prometheus");
    variable.put("type", "datasource");
    variable.put("query", "prometheus");
    var d = new LinkedHashMap<String, Object>();
    d.put("uid", uid(ns));
    d.put("title", "Milvus day one (" + ns + ")");
    d.put("tags", List.of("milvus", "sovereign-milvus"));
    d.put("timezone", "utc");
    d.put("editable", false);
    d.put("refresh", "1m");
    d.put("time", Map.of("from", "now-6h", "to", "now"));
    d.put("schemaVersion", 39);
    d.put("version", 1);
    d.put("templating", Map.of("list", List.of(variable)));
    d.put("panels", panelList);
    return d;
  }

  /** Grafana dashboard uids are at most 40 characters; one per Milvus namespace. */
  static String uid(String ns) {
    String uid = "milvus-" + ns;
    return uid.length() <= 40 ? uid : uid.substring(0, 40);
  }

  /** The dashboard as the JSON text the sidecar hands to Grafana. */
  public static String json(String ns) {
    try {
      // Keys sorted: Map.of iterates in an order that changes from one JVM to the next, and a
      // dashboard that renders differently on every run replaced its ConfigMap on every
      // `pulumi up` (found by the cluster box's second-run check).
      return new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .writeValueAsString(dashboard(ns));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
