package io.nomadx.sovereign.milvus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nomadx.sovereign.support.PlanView;
import io.nomadx.sovereign.support.Plans;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DashboardsTest {
  private static JsonNode configMap(PlanView plan) {
    var r = plan.one("kubernetes:core/v1:ConfigMap", "milvus-monitoring-dashboards");
    var out = new ObjectMapper().createObjectNode();
    out.set("metadata", r.input("metadata"));
    out.set("data", r.input("data"));
    return out;
  }

  private static JsonNode dashboard(PlanView plan) throws Exception {
    return new ObjectMapper().readTree(configMap(plan).path("data").path(Dashboards.FILE).asText());
  }

  @Test
  void theSixDayOneViewsReachTheGrafanaSidecarFromTheMilvusNamespace() throws Exception {
    var cm = configMap(Plans.prod());
    assertEquals("milvus", cm.path("metadata").path("namespace").asText());
    // kube-prometheus-stack 88.5.3 values.yaml grafana.sidecar.dashboards: label grafana_dashboard,
    // labelValue "1".
    assertEquals("1", cm.path("metadata").path("labels").path("grafana_dashboard").asText());
    var d = dashboard(Plans.prod());
    var titles = new ArrayList<String>();
    d.path("panels").forEach(p -> titles.add(p.path("title").asText()));
    assertEquals(
        List.of(
            "Segments per QueryNode",
            "Search/query p99 latency per collection",
            "QueryNode memory against its limit",
            "DataNode flush lag",
            "Pulsar backlog per topic",
            "etcd leader changes (last hour)"),
        titles);
    assertEquals("milvus-milvus", d.path("uid").asText());
    d.path("panels")
        .forEach(
            p -> {
              assertEquals("${datasource}", p.path("datasource").path("uid").asText());
              p.path("targets")
                  .forEach(
                      t ->
                          assertTrue(
                              t.path("expr").asText().contains("namespace=\"milvus\""),
                              t.toString()));
            });
  }

  @Test
  void panelsDrawTheAlertsOwnExpressionsAndThresholds() throws Exception {
    var alerts = Monitoring.alerts("milvus");
    var panels = dashboard(Plans.prod()).path("panels");
    // panel index -> alert index whose left-hand side it draws
    Map<Integer, Integer> shadows = Map.of(1, 1, 2, 0, 5, 4);
    shadows.forEach(
        (panel, alert) -> {
          String expr = panels.get(panel).path("targets").get(0).path("expr").asText();
          assertTrue(
              alerts.get(alert).expr().startsWith(expr + " "),
              expr + " vs " + alerts.get(alert).expr());
        });
    assertEquals(
        0.8,
        panels
            .get(2)
            .path("fieldConfig")
            .path("defaults")
            .path("thresholds")
            .path("steps")
            .get(1)
            .path("value")
            .asDouble());
    assertEquals(
        100.0,
        panels
            .get(1)
            .path("fieldConfig")
            .path("defaults")
            .path("thresholds")
            .path("steps")
            .get(1)
            .path("value")
            .asDouble());
    assertEquals(
        600000.0,
        panels
            .get(3)
            .path("fieldConfig")
            .path("defaults")
            .path("thresholds")
            .path("steps")
            .get(1)
            .path("value")
            .asDouble());
    assertTrue(alerts.get(3).expr().endsWith("> 600000"));
    assertEquals(
        "off",
        panels
            .get(4)
            .path("fieldConfig")
            .path("defaults")
            .path("custom")
            .path("thresholdsStyle")
            .path("mode")
            .asText());
  }

  @Test
  void queriesFollowTheConfiguredNamespaceAndEveryStackKeepsTheDashboard() throws Exception {
    var plan =
        Plans.of(Plans.PROD, Map.of("milvusNamespace", "vectors", "monitoringStack", "full"));
    var cm = configMap(plan);
    assertEquals("vectors", cm.path("metadata").path("namespace").asText());
    dashboard(plan)
        .path("panels")
        .forEach(
            p ->
                p.path("targets")
                    .forEach(
                        t -> {
                          assertTrue(t.path("expr").asText().contains("namespace=\"vectors\""));
                          assertTrue(!t.path("expr").asText().contains("namespace=\"milvus\""));
                        }));
    configMap(Plans.of(Plans.PROD, Map.of("monitoringStack", "existing")));
    assertTrue(
        Plans.dev().ofType("kubernetes:core/v1:ConfigMap").stream()
            .noneMatch(r -> r.name().equals("milvus-monitoring-dashboards")),
        "dev has monitoring off");
  }

  @Test
  void uidsStayWithinGrafanasFortyCharacters() {
    assertEquals("milvus-vectors", Dashboards.uid("vectors"));
    assertEquals(40, Dashboards.uid("a-very-long-namespace-name-for-a-milvus-cluster").length());
  }

  /**
   * The ConfigMap's text must not depend on the JVM that rendered it: with Map.of's per-JVM
   * iteration order, every `pulumi up` replaced the ConfigMap (cluster box,
   * pulumi-second-run-no-change). Keys sorted at every level make the text one function of the
   * dashboard.
   */
  @Test
  void theDashboardTextIsTheSameOnEveryRun() throws Exception {
    var unsorted = new ArrayList<String>();
    checkSorted(new ObjectMapper().readTree(Dashboards.json("milvus")), "$", unsorted);
    assertTrue(unsorted.isEmpty(), "objects whose keys are not in order: " + unsorted);
  }

  private static void checkSorted(JsonNode node, String path, List<String> unsorted) {
    if (node.isObject()) {
      var names = new ArrayList<String>();
      node.fieldNames().forEachRemaining(names::add);
      var sorted = new ArrayList<>(names);
      java.util.Collections.sort(sorted);
      if (!names.equals(sorted)) {
        unsorted.add(path + " " + names);
      }
      node.fields()
          .forEachRemaining(e -> checkSorted(e.getValue(), path + "." + e.getKey(), unsorted));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        checkSorted(node.get(i), path + "[" + i + "]", unsorted);
      }
    }
  }
}
