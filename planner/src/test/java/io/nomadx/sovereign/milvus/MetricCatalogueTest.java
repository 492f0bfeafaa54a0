package io.nomadx.sovereign.milvus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nomadx.sovereign.support.Plans;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every metric a deployed panel or alert names is one its exporter defines (MetricCatalogue). */
class MetricCatalogueTest {
  /** Names in the expressions that the catalogue does not know. */
  static Set<String> unknown(List<String> exprs) {
    var out = new TreeSet<String>();
    exprs.forEach(
        e ->
            PromQl.metricNames(e).stream()
                .filter(m -> MetricCatalogue.lookup(m).isEmpty())
                .forEach(out::add));
    return out;
  }

  /**
   * The expressions of the planned PrometheusRule and of the planned dashboard ConfigMap: what is
   * deployed.
   */
  static List<String> deployedExpressions() throws Exception {
    var plan = Plans.prod();
    var exprs = new ArrayList<String>();
    plan.only("kubernetes:monitoring.coreos.com/v1:PrometheusRule")
        .input("spec.groups.0.rules")
        .forEach(r -> exprs.add(r.path("expr").asText()));
    exprs.addAll(panelExpressions(dashboardJson()));
    return exprs;
  }

  static JsonNode dashboardJson() throws Exception {
    var cm = Plans.prod().one("kubernetes:core/v1:ConfigMap", "milvus-monitoring-dashboards");
    return new ObjectMapper().readTree(cm.input("data").path(Dashboards.FILE).asText());
  }

  static List<String> panelExpressions(JsonNode dashboard) {
    var exprs = new ArrayList<String>();
    dashboard
        .path("panels")
        .forEach(p -> p.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
    return exprs;
  }

  @Test
  void everyDeployedAlertAndPanelNamesACataloguedMetric() throws Exception {
    var exprs = deployedExpressions();
    assertEquals(5 + 6, exprs.size(), "five alerts, six panels");
    assertEquals(Set.of(), unknown(exprs));
  }

  @Test
  void everyCataloguedMetricIsUsedAndCited() throws Exception {
    var used = new LinkedHashSet<String>();
    deployedExpressions()
        .forEach(
            e ->
                PromQl.metricNames(e)
                    .forEach(m -> used.add(MetricCatalogue.lookup(m).orElseThrow().name())));
    var catalogued = new LinkedHashSet<String>();
    MetricCatalogue.METRICS.forEach(
        m -> {
          catalogued.add(m.name());
          assertFalse(
              m.source().isBlank() || m.file().isBlank() || m.definition().isBlank(), m.name());
        });
    assertEquals(catalogued, used, "the catalogue lists exactly what the panels and alerts use");
  }

  @Test
  void theGuidesNamesThatMilvus2514DoesNotRegisterFail() {
    // The guide's names for segment count and flush lag; Milvus v2.5.14 registers neither.
    assertEquals(
        Set.of("milvus_querynode_num_segments"),
        unknown(List.of("sum by (pod) (milvus_querynode_num_segments{namespace=\"milvus\"})")));
    assertEquals(
        Set.of("milvus_datanode_flowgraph_flow_count"),
        unknown(List.of("max(milvus_datanode_flowgraph_flow_count) > 5")));
    // A misspelt histogram series, and a non-histogram with a histogram suffix.
    assertEquals(
        Set.of("milvus_proxy_sq_latency_bucketz", "milvus_querynode_segment_num_bucket"),
        unknown(
            List.of(
                "rate(milvus_proxy_sq_latency_bucketz[5m]) + milvus_querynode_segment_num_bucket")));
    assertTrue(
        unknown(
                List.of(
                    "rate(milvus_proxy_sq_latency_bucket[5m]) / rate(milvus_proxy_sq_latency_count[5m])"))
            .isEmpty());
  }

  @Test
  void aDashboardPanelWithAWrongMetricFails() throws Exception {
    var dashboard = (com.fasterxml.jackson.databind.node.ObjectNode) dashboardJson();
    var target =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            dashboard.path("panels").get(0).path("targets").get(0);
    target.put(
        "expr",
        target
            .path("expr")
            .asText()
            .replace("milvus_querynode_segment_num", "milvus_querynode_num_segments"));
    assertEquals(Set.of("milvus_querynode_num_segments"), unknown(panelExpressions(dashboard)));
  }

  @Test
  void lexerSkipsFunctionsKeywordsLabelsStringsAndDurations() {
    assertEquals(
        Set.of("a_total", "b:rate5m", "c"),
        PromQl.metricNames(
            "sum by (pod, le) (rate(a_total{job=\"x\", le=~\"1.*\"}[5m] offset 1h)) / on (pod) group_left (node) "
                + "b:rate5m > bool 1.5e3 and ignoring (instance) c unless vector(0) or -0.5 * time()"));
    assertEquals(
        Set.of("up"),
        PromQl.metricNames("count without (instance) ({__name__=\"up\", job=\"k\"})"));
    assertEquals(
        Set.of("x"), PromQl.metricNames("max_over_time(x{a='b}c', d=`e\"f`}[10m:1m]) > Inf"));
    assertEquals(Set.of(), PromQl.metricNames("histogram_quantile(0.99, vector(1))"));
    assertThrows(
        IllegalArgumentException.class, () -> PromQl.metricNames("histogram_quantle(0.99, x)"));
    assertThrows(IllegalArgumentException.class, () -> PromQl.metricNames("sum(x{a=\"b\""));
  }

  @Test
  void lookupKnowsHistogramSeriesOnlyForHistograms() {
    assertEquals(
        "milvus_proxy_sq_latency",
        MetricCatalogue.lookup("milvus_proxy_sq_latency_bucket").orElseThrow().name());
    assertEquals(
        "milvus_proxy_sq_latency",
        MetricCatalogue.lookup("milvus_proxy_sq_latency_sum").orElseThrow().name());
    assertTrue(MetricCatalogue.lookup("etcd_server_leader_changes_seen_total_count").isEmpty());
    assertTrue(MetricCatalogue.lookup("etcd_server_leader_changes_seen").isEmpty());
  }
}
