package io.nomadx.sovereign.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.nomadx.sovereign.capacity.Verdict;
import io.nomadx.sovereign.config.Settings;
import io.nomadx.sovereign.config.ZoneShares;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * What the loss of each zone takes, read from a plan or a live export: nodes per pool, etcd
 * members, ZooKeepers and bookies, QueryNode memory, and whether etcd and Pulsar keep quorum and
 * the QueryNodes still hold the declared collection. It claims only what placement ensures: a
 * member set forced apart by zone (etcd: a DoNotSchedule zone spread, which the Bitnami chart
 * reads; Pulsar: the chart's required zone anti-affinity) loses, in any zone, the most one zone can
 * hold (which zone gets a member is the scheduler's choice); a set that is not forced apart is
 * counted at its worst, every member in the lost zone; QueryNodes as the capacity model counts
 * them. Node counts follow the even spread Auto Scaling gives each zone.
 *
 * <p>Whether the QueryNodes left still hold the collection is the capacity model's answer for that
 * many QueryNodes, the same call the settings parser makes for prod ({@link #queryNodesHold}): the
 * need includes each QueryNode's own overhead, so it shrinks with the nodes lost. Without the
 * stack's settings (an export alone) the lines say what is lost and judge no fit.
 */
public final class ZoneLoss {
  private final ExportView export;

  /**
   * What n QueryNodes hold of the declared collection; null when the stack's settings are not
   * known.
   */
  private final IntFunction<Verdict> queryNodesHold;

  public ZoneLoss(List<JsonNode> resources, IntFunction<Verdict> queryNodesHold) {
    this.export = new ExportView(resources);
    this.queryNodesHold = queryNodesHold;
  }

  /**
   * The capacity model's verdict for n QueryNodes of the stack's size on its QueryNode pool's first
   * instance type: the check the parser runs for prod after a zone loss.
   */
  public static IntFunction<Verdict> queryNodesHold(Settings settings) {
    var queryNode = settings.milvus().components().get("queryNode");
    String type = settings.nodePools().queryNode().instanceTypes().get(0);
    var workload = settings.milvus().collection().workload();
    return n -> queryNode.holds(workload, type, n);
  }

  public List<String> render(List<String> zones) {
    var out = new ArrayList<String>();
    int z = zones.size();
    JsonNode spec =
        first(r -> r.path("type").asText().equals("kubernetes:milvus.io/v1beta1:Milvus"))
            .path("inputs")
            .path("spec");
    if (z == 0 || spec.isMissingNode()) {
      return out;
    }
    int etcd =
        spec.path("dependencies")
            .path("etcd")
            .path("inCluster")
            .path("values")
            .path("replicaCount")
            .asInt();
    JsonNode pulsar = spec.path("dependencies").path("pulsar").path("inCluster").path("values");
    int zookeepers = pulsar.path("zookeeper").path("replicaCount").asInt();
    int bookies = pulsar.path("bookkeeper").path("replicaCount").asInt();
    int ensemble =
        pulsar.path("broker").path("configData").path("managedLedgerDefaultEnsembleSize").asInt(1);
    JsonNode queryNode = spec.path("components").path("queryNode");
    int queryNodes = queryNode.path("replicas").asInt();
    double podGiB = gib(queryNode.path("resources").path("limits").path("memory").asText("0Gi"));

    JsonNode etcdValues = spec.path("dependencies").path("etcd").path("inCluster").path("values");
    boolean etcdApart = zoneSpreadForced(etcdValues);
    boolean zkApart = pulsarApart(pulsar, "zookeeper");
    boolean bkApart = pulsarApart(pulsar, "bookkeeper");
    out.add(
        "Loss of one zone (members forced apart lose the most one zone can hold; others counted at worst):");
    boolean survivesAll = true;
    for (int i = 0; i < z; i++) {
      var lost = new ArrayList<String>();
      for (JsonNode g : ofType("aws:eks/nodeGroup:NodeGroup")) {
        String pool = g.path("inputs").path("labels").path("nomadx.io/pool").asText();
        lost.add(
            pool
                + " "
                + ZoneShares.share(
                    g.path("inputs").path("scalingConfig").path("desiredSize").asInt(), z, i));
      }
      // Which zone the scheduler picks for a member is not known in advance: a set forced apart
      // loses, in any zone, at most the most one zone can hold; one that is not, all of it.
      int etcdLost = etcdApart ? ZoneShares.largest(etcd, z) : etcd;
      boolean etcdOk = etcd - etcdLost >= etcd / 2 + 1;
      var parts = new ArrayList<String>();
      parts.add("nodes " + String.join(", ", lost));
      parts.add(
          "etcd "
              + etcdLost
              + "/"
              + etcd
              + (etcdApart ? "" : " not forced apart")
              + (etcdOk ? " (quorum kept)" : " (QUORUM LOST)"));
      boolean pulsarOk = true;
      if (!pulsar.isMissingNode()) {
        int zkLost = zkApart ? ZoneShares.largest(zookeepers, z) : zookeepers;
        int bkLost = bkApart ? ZoneShares.largest(bookies, z) : bookies;
        boolean zkOk = zookeepers - zkLost >= zookeepers / 2 + 1;
        boolean bkOk = bookies - bkLost >= ensemble;
        pulsarOk = zkOk && bkOk;
        parts.add(
            "zookeepers "
                + zkLost
                + "/"
                + zookeepers
                + (zkApart ? "" : " not forced apart")
                + (zkOk ? " (quorum kept)" : " (QUORUM LOST)"));
        parts.add(
            "bookies "
                + bkLost
                + "/"
                + bookies
                + (bkApart ? "" : " not forced apart")
                + (bkOk
                    ? " (ensemble of " + ensemble + " kept)"
                    : " (TOO FEW FOR ENSEMBLE " + ensemble + ")"));
      }
      int qnLost = ZoneShares.largest(queryNodes, z); // as the capacity model counts a zone loss
      int qnLeft = queryNodes - qnLost;
      String qnPart =
          String.format(
              Locale.ROOT, "QueryNodes %d/%d (%.1f GiB)", qnLost, queryNodes, qnLost * podGiB);
      boolean servesOk = true;
      if (queryNodesHold == null) {
        parts.add(qnPart);
      } else if (qnLeft < 1) {
        servesOk = false;
        parts.add(qnPart + ", none left (COLLECTION NO LONGER FITS)");
      } else {
        Verdict left = queryNodesHold.apply(qnLeft);
        servesOk = left.fits();
        parts.add(
            qnPart
                + String.format(
                    Locale.ROOT,
                    ", %.1f GiB usable left for %.1f GiB needed%s",
                    gibOf(left.usableBytes()),
                    gibOf(left.neededBytes()),
                    servesOk ? "" : " (COLLECTION NO LONGER FITS)"));
      }
      boolean ok = etcdOk && pulsarOk && servesOk;
      survivesAll &= ok;
      out.add(
          "  "
              + zones.get(i)
              + ": "
              + String.join("; ", parts)
              + " => "
              + (ok ? "keeps serving" : "BREAKS"));
    }
    out.add(
        survivesAll
            ? "  The stack survives the loss of any one zone."
            : "  The stack does NOT survive the loss of every zone: see BREAKS above.");
    return out;
  }

  private static final String ZONE = "topology.kubernetes.io/zone";
  private static final String REQUIRED = "requiredDuringSchedulingIgnoredDuringExecution";

  /** A zone topology spread that refuses to schedule unevenly. */
  static boolean zoneSpreadForced(JsonNode values) {
    for (JsonNode c : values.path("topologySpreadConstraints")) {
      if (c.path("topologyKey").asText().equals(ZONE)
          && c.path("whenUnsatisfiable").asText("DoNotSchedule").equals("DoNotSchedule")) {
        return true;
      }
    }
    return false;
  }

  /** The Pulsar chart's own anti-affinity keys (it reads no topologySpreadConstraints). */
  static boolean pulsarApart(JsonNode pulsar, String component) {
    JsonNode a = pulsar.path(component).path("affinity");
    return pulsar.path("affinity").path("anti_affinity").asBoolean(false)
        && a.path("anti_affinity").asBoolean(false)
        && a.path("anti_affinity_topology_key").asText().equals(ZONE)
        && a.path("type").asText(REQUIRED).equals(REQUIRED);
  }

  private static double gibOf(long bytes) {
    return bytes / 1073741824.0;
  }

  private static double gib(String memory) {
    long n = Long.parseLong(memory.replaceAll("\\D", ""));
    return memory.endsWith("Ti") ? n * 1024.0 : memory.endsWith("Mi") ? n / 1024.0 : n;
  }

  private List<JsonNode> ofType(String type) {
    return export.ofType(type);
  }

  private JsonNode first(Predicate<JsonNode> p) {
    return export.first(p);
  }
}
