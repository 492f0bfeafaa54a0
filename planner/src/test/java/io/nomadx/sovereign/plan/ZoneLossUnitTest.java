package io.nomadx.sovereign.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nomadx.sovereign.capacity.CapacityModel;
import io.nomadx.sovereign.capacity.IndexType;
import io.nomadx.sovereign.capacity.Quantization;
import io.nomadx.sovereign.capacity.Verdict;
import io.nomadx.sovereign.capacity.Workload;
import io.nomadx.sovereign.config.Defaults;
import io.nomadx.sovereign.config.SettingsParser;
import io.nomadx.sovereign.support.Plans;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** Zone-loss arithmetic on small hand-made exports; the QueryNode fit is the capacity model's. */
class ZoneLossUnitTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The capacity model for `vectors` 768-dim HNSW(M=16) int8 vectors, one replica, on r6i.xlarge
   * QueryNodes with `memory` limits.
   */
  private static IntFunction<Verdict> model(long vectors, String memory) {
    var workload =
        new Workload(
            vectors,
            768,
            IndexType.HNSW,
            16,
            Quantization.INT8,
            Workload.defaultPqSubquantizers(768),
            1);
    long limit = io.nomadx.sovereign.config.Quantities.bytes(memory);
    return n -> new CapacityModel().check(workload, "r6i.xlarge", n, limit);
  }

  private static List<JsonNode> resources(
      int etcd,
      int zk,
      int bookies,
      int ensemble,
      int queryNodes,
      String memory,
      double neededGiB,
      boolean pulsar)
      throws Exception {
    String spread =
        ",\"topologySpreadConstraints\":[{\"topologyKey\":\"topology.kubernetes.io/zone\",\"whenUnsatisfiable\":\"DoNotSchedule\"}]";
    String apart =
        ",\"affinity\":{\"anti_affinity\":true,\"anti_affinity_topology_key\":\"topology.kubernetes.io/zone\"}";
    String deps =
        "\"etcd\":{\"inCluster\":{\"values\":{\"replicaCount\":"
            + etcd
            + spread
            + "}}}"
            + (pulsar
                ? ",\"pulsar\":{\"inCluster\":{\"values\":{\"affinity\":{\"anti_affinity\":true},\"zookeeper\":{\"replicaCount\":"
                    + zk
                    + apart
                    + "},"
                    + "\"bookkeeper\":{\"replicaCount\":"
                    + bookies
                    + apart
                    + "},\"broker\":{\"configData\":{\"managedLedgerDefaultEnsembleSize\":\""
                    + ensemble
                    + "\"}}}}}"
                : "");
    String milvus =
        "{\"type\":\"kubernetes:milvus.io/v1beta1:Milvus\",\"urn\":\"m\",\"inputs\":{\"spec\":{\"dependencies\":{"
            + deps
            + "},\"components\":{\"queryNode\":{\"replicas\":"
            + queryNodes
            + ",\"resources\":{\"limits\":{\"memory\":\""
            + memory
            + "\"}}}}}}}";
    String stack =
        "{\"type\":\"pulumi:pulumi:Stack\",\"urn\":\"s\",\"outputs\":{\"capacity\":{\"neededGiB\":"
            + neededGiB
            + "}}}";
    String group =
        "{\"type\":\"aws:eks/nodeGroup:NodeGroup\",\"urn\":\"g\",\"inputs\":{\"labels\":{\"nomadx.io/pool\":\"general\"},"
            + "\"scalingConfig\":{\"desiredSize\":4}}}";
    return List.of(JSON.readTree(milvus), JSON.readTree(stack), JSON.readTree(group));
  }

  @Test
  void membersNotForcedApartAreCountedAtTheirWorst() throws Exception {
    var resources = new java.util.ArrayList<>(resources(3, 3, 3, 2, 3, "24Gi", 30.0, true));
    String text =
        resources
            .get(0)
            .toString()
            .replace(
                "\"anti_affinity\":true},\"zookeeper\"", "\"anti_affinity\":false},\"zookeeper\"");
    resources.set(0, JSON.readTree(text));
    var lines = new ZoneLoss(resources, model(30_000_000, "24Gi")).render(List.of("a", "b", "c"));
    assertTrue(
        lines.get(1).contains("zookeepers 3/3 not forced apart (QUORUM LOST)"), lines.get(1));
    assertTrue(
        lines.get(1).contains("bookies 3/3 not forced apart (TOO FEW FOR ENSEMBLE 2)"),
        lines.get(1));
    assertTrue(
        lines.get(1).contains("etcd 1/3 (quorum kept)"),
        "etcd is spread by its DoNotSchedule constraint: " + lines.get(1));
    assertEquals(
        "  The stack does NOT survive the loss of every zone: see BREAKS above.", lines.get(4));
  }

  @Test
  void threeZonesOfThreeSurviveAndSayWhy() throws Exception {
    var lines =
        new ZoneLoss(resources(3, 3, 3, 2, 3, "24Gi", 30.0, true), model(30_000_000, "24Gi"))
            .render(List.of("a", "b", "c"));
    // Two QueryNodes left: 30M vectors' 27.6 GiB plus two QueryNodes' 2 GiB overhead each, not
    // three.
    assertEquals(
        "  a: nodes general 2; etcd 1/3 (quorum kept); zookeepers 1/3 (quorum kept); bookies 1/3 (ensemble of 2 kept); "
            + "QueryNodes 1/3 (24.0 GiB), 38.4 GiB usable left for 31.6 GiB needed => keeps serving",
        lines.get(1));
    assertEquals(
        "  c: nodes general 1; etcd 1/3 (quorum kept); zookeepers 1/3 (quorum kept); bookies 1/3 (ensemble of 2 kept); "
            + "QueryNodes 1/3 (24.0 GiB), 38.4 GiB usable left for 31.6 GiB needed => keeps serving",
        lines.get(3));
    assertEquals("  The stack survives the loss of any one zone.", lines.get(4));
  }

  @Test
  void eachBreakIsNamed() throws Exception {
    var lines =
        new ZoneLoss(resources(3, 3, 2, 2, 2, "24Gi", 1500.0, true), model(40_000_000, "24Gi"))
            .render(List.of("a", "b"));
    String a = lines.get(1);
    assertTrue(a.contains("etcd 2/3 (QUORUM LOST)"), a);
    assertTrue(a.contains("zookeepers 2/3 (QUORUM LOST)"), a);
    assertTrue(a.contains("bookies 1/2 (TOO FEW FOR ENSEMBLE 2)"), a);
    assertTrue(
        a.contains(
            "QueryNodes 1/2 (24.0 GiB), 19.2 GiB usable left for 38.8 GiB needed (COLLECTION NO LONGER FITS) => BREAKS"),
        a);
    assertTrue(lines.get(3).contains("does NOT survive"), lines.get(3));
  }

  @Test
  void withoutPulsarOnlyEtcdAndQueryNodesCount() throws Exception {
    var lines =
        new ZoneLoss(resources(5, 0, 0, 0, 4, "512Mi", 0.1, false), model(1, "512Mi"))
            .render(List.of("a", "b", "c"));
    // The model counts each QueryNode's 2 GiB overhead, which two 512Mi pods cannot hold even
    // empty.
    assertEquals(
        "  a: nodes general 2; etcd 2/5 (quorum kept); QueryNodes 2/4 (1.0 GiB), 0.8 GiB usable left for 4.0 GiB needed"
            + " (COLLECTION NO LONGER FITS) => BREAKS",
        lines.get(1));
  }

  @Test
  void nothingToSayWithoutMilvusOrZones() throws Exception {
    assertEquals(List.of(), new ZoneLoss(List.of(), model(1, "1Gi")).render(List.of("a")));
    assertEquals(
        List.of(),
        new ZoneLoss(resources(3, 3, 3, 2, 3, "1Gi", 1, true), model(1, "1Gi")).render(List.of()));
  }

  @Test
  void withoutTheStacksSettingsNoFitIsJudged() throws Exception {
    var lines =
        new ZoneLoss(resources(3, 3, 3, 2, 3, "24Gi", 30.0, true), null)
            .render(List.of("a", "b", "c"));
    assertTrue(lines.get(1).endsWith("QueryNodes 1/3 (24.0 GiB) => keeps serving"), lines.get(1));
  }

  /**
   * The shipped prod stack after losing a zone: two of three QueryNodes left, and the need the
   * settings parser checks for exactly that (31.6 GiB: the collection plus two QueryNodes'
   * overhead). ZoneLoss used to take the stack output's need for all three (33.6 GiB).
   */
  @Test
  void prodAfterAZoneLossNeedsWhatTheParserChecks() {
    var config = Plans.config(Plans.PROD, Map.of());
    var settings = SettingsParser.parse(config, Defaults.PROJECT);
    var resources = new java.util.ArrayList<JsonNode>();
    var run = Plans.prod().result();
    StackExport.of(run.registrations(), run.componentOutputs())
        .path("deployment")
        .path("resources")
        .forEach(resources::add);
    var lines =
        new ZoneLoss(resources, ZoneLoss.queryNodesHold(settings))
            .render(List.of("mec1-az1", "mec1-az2", "mec1-az3"));
    assertTrue(
        lines
            .get(1)
            .contains(
                "QueryNodes 1/3 (24.0 GiB), 38.4 GiB usable left for 31.6 GiB needed => keeps serving"),
        lines.get(1));
  }
}
