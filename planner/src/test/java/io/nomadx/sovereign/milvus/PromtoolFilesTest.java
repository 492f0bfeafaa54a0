package io.nomadx.sovereign.milvus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.nomadx.sovereign.support.Plans;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Writes what Prometheus is given into target/promtool/, for bin/test-alerts to run promtool on:
 * the planned PrometheusRule's `spec` (a PrometheusRule's spec is a Prometheus rule file: `groups`)
 * and every dashboard query as a recording rule, so `promtool check rules` parses each with
 * Prometheus's own parser. bin/test-alerts copies the rule unit tests next to them.
 */
class PromtoolFilesTest {
  static final Path DIR = Path.of("target", "promtool");
  static final String RULES = "milvus-alerts.rules.yaml";
  static final String TESTS = "milvus-alerts.test.yaml";
  static final String QUERIES = "dashboard-queries.rules.yaml";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void writesTheDeployedRulesAndTheDashboardQueriesAndEveryAlertIsUnitTested() throws Exception {
    Files.createDirectories(DIR);
    JsonNode spec =
        Plans.prod().only("kubernetes:monitoring.coreos.com/v1:PrometheusRule").input("spec");
    assertEquals(
        Monitoring.alerts("milvus").size(), spec.path("groups").get(0).path("rules").size());
    YAML.writeValue(DIR.resolve(RULES).toFile(), spec);

    // The unit tests name this file, and the alerts they test by name: a renamed alert fails here
    // first.
    try (InputStream in = getClass().getResourceAsStream("/promtool/" + TESTS)) {
      assertNotNull(in, "src/test/resources/promtool/" + TESTS);
      JsonNode tests = YAML.readTree(in);
      assertEquals(RULES, tests.path("rule_files").get(0).asText());
      var tested = new java.util.TreeSet<String>();
      tests
          .path("tests")
          .forEach(
              t ->
                  t.path("alert_rule_test").forEach(a -> tested.add(a.path("alertname").asText())));
      var deployed = new java.util.TreeSet<String>();
      spec.path("groups").get(0).path("rules").forEach(r -> deployed.add(r.path("alert").asText()));
      assertEquals(deployed, tested, "every deployed alert has promtool cases");
    }

    var records = new ArrayList<Object>();
    var exprs = MetricCatalogueTest.panelExpressions(MetricCatalogueTest.dashboardJson());
    assertEquals(6, exprs.size());
    for (int i = 0; i < exprs.size(); i++) {
      var rule = new LinkedHashMap<String, Object>();
      rule.put("record", "dashboard:panel_" + (i + 1));
      rule.put("expr", exprs.get(i));
      records.add(rule);
    }
    YAML.writeValue(
        DIR.resolve(QUERIES).toFile(),
        Map.of("groups", List.of(Map.of("name", "milvus-dashboard-queries", "rules", records))));
  }
}
