package io.nomadx.sovereign.milvus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nomadx.sovereign.support.Plans;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkAndMonitoringTest {
  private static JsonNode policy(String name) {
    return Plans.prod()
        .one("kubernetes:networking.k8s.io/v1:NetworkPolicy", "milvus-network-" + name)
        .input("spec");
  }

  private static List<Integer> ports(JsonNode rule) {
    var out = new ArrayList<Integer>();
    rule.path("ports").forEach(p -> out.add(p.path("port").asInt()));
    return out;
  }

  @Test
  void defaultDenyCoversEveryPod() {
    JsonNode deny = policy("default-deny");
    assertTrue(
        deny.path("podSelector").isObject(),
        "an empty podSelector selects every pod; a missing one is invalid");
    assertEquals(0, deny.path("podSelector").size());
    assertEquals("Ingress", deny.path("policyTypes").get(0).asText());
    assertTrue(deny.path("ingress").isMissingNode() || deny.path("ingress").isEmpty());
  }

  @Test
  void clientsReachOnlyTheProxyPorts() {
    JsonNode rule = policy("clients").path("ingress").get(0);
    assertEquals(
        List.of(19530),
        ports(rule),
        "9091 is plain HTTP (metrics, /healthz): monitoring and the operator only");
    assertEquals(
        "[\"rag-api\",\"ingestion\"]",
        rule.path("from")
            .get(0)
            .path("namespaceSelector")
            .path("matchExpressions")
            .get(0)
            .path("values")
            .toString());
    assertEquals(
        "proxy",
        policy("clients")
            .path("podSelector")
            .path("matchLabels")
            .path("app.kubernetes.io/component")
            .asText());
  }

  @Test
  void monitoringScrapesOnlyMetricsAndTheOperatorOnlyHealthChecks() {
    assertEquals(List.of(9091), ports(policy("monitoring").path("ingress").get(0)));
    assertEquals(List.of(2379, 6650, 9091), ports(policy("operator").path("ingress").get(0)));
    JsonNode internal = policy("internal").path("ingress").get(0).path("from").get(0);
    assertTrue(
        internal.path("namespaceSelector").isMissingNode(),
        "dependency ports only from pods of this namespace");
  }

  @Test
  void clientNamespacesComeFromConfig() {
    var plan =
        Plans.of(Plans.PROD, Map.of("clientNamespaces", "[\"rag-api\",\"ingestion\",\"search\"]"));
    JsonNode rule =
        plan.one("kubernetes:networking.k8s.io/v1:NetworkPolicy", "milvus-network-clients")
            .input("spec.ingress.0");
    assertEquals(
        3,
        rule.path("from")
            .get(0)
            .path("namespaceSelector")
            .path("matchExpressions")
            .get(0)
            .path("values")
            .size());
  }

  @Test
  void prodAlertsOnTheGuidesSignals() {
    var rule = Plans.prod().only("kubernetes:monitoring.coreos.com/v1:PrometheusRule");
    JsonNode rules = rule.input("spec.groups.0.rules");
    var names = new ArrayList<String>();
    rules.forEach(r -> names.add(r.path("alert").asText()));
    assertEquals(
        List.of(
            "MilvusQueryNodeMemoryHigh",
            "MilvusProxyP99LatencyHigh",
            "MilvusSegmentImbalance",
            "MilvusFlushLag",
            "MilvusEtcdLeaderChanges"),
        names);
    assertTrue(rules.get(0).path("expr").asText().endsWith("> 0.8"));
    assertTrue(rules.get(1).path("expr").asText().endsWith("> 100"));
    assertTrue(
        rules.get(4).path("expr").asText().endsWith("[1h]) >= 2"),
        "two or more changes in an hour; > 1 fired on one");
    // The operator makes Milvus's PodMonitor (named after the Milvus resource); one of ours with
    // that
    // name would conflict with it. Ours scrapes only etcd, on its metrics-only listener.
    var podMonitors = Plans.prod().ofType("kubernetes:monitoring.coreos.com/v1:PodMonitor");
    assertEquals(
        List.of("milvus-etcd"),
        podMonitors.stream().map(p -> p.input("metadata.name").asText()).toList());
    var etcdEndpoint = podMonitors.get(0).input("spec.podMetricsEndpoints.0");
    assertEquals(
        "${1}:2381", etcdEndpoint.path("relabelings").path(0).path("replacement").asText());
    assertEquals("(.+):2379", etcdEndpoint.path("relabelings").path(0).path("regex").asText());
    assertFalse(
        Plans.prod()
            .only("kubernetes:milvus.io/v1beta1:Milvus")
            .input("spec.components.disableMetric")
            .asBoolean(true),
        "prod's operator must make the PodMonitor");
    assertTrue(
        Plans.dev()
            .only("kubernetes:milvus.io/v1beta1:Milvus")
            .input("spec.components.disableMetric")
            .asBoolean(false),
        "dev has monitoring off: no PodMonitor for a Prometheus that does not exist");
  }

  @Test
  void devWithMonitoringOffHasNoMonitorsAndNoScrapeRule() {
    var dev = Plans.dev();
    assertTrue(dev.ofType("kubernetes:monitoring.coreos.com/v1:PrometheusRule").isEmpty());
    assertTrue(
        dev.ofType("kubernetes:networking.k8s.io/v1:NetworkPolicy").stream()
            .noneMatch(p -> p.name().endsWith("-monitoring")));
  }

  @Test
  void withoutPulsarTheOperatorGetsNoPulsarPort() {
    JsonNode rule =
        Plans.dev()
            .one("kubernetes:networking.k8s.io/v1:NetworkPolicy", "milvus-network-operator")
            .input("spec.ingress.0");
    assertEquals(List.of(2379, 9091), ports(rule));
  }

  @Test
  void aSingleEtcdMemberHasNoDisruptionBudgetToBlockDrains() {
    JsonNode pdb =
        Plans.dev()
            .only("kubernetes:milvus.io/v1beta1:Milvus")
            .input("spec.dependencies.etcd.inCluster.values.pdb");
    assertEquals(false, pdb.path("create").asBoolean(true));
  }

  @Test
  void otelEndpointTurnsOnTracing() {
    var plan = Plans.of(Plans.PROD, Map.of("otelEndpoint", "otel-collector.observability:4317"));
    JsonNode trace = plan.only("kubernetes:milvus.io/v1beta1:Milvus").input("spec.config.trace");
    assertEquals("otlp", trace.path("exporter").asText());
    assertEquals("otel-collector.observability:4317", trace.path("otlp").path("endpoint").asText());
  }
}
