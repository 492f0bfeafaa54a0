package io.nomadx.sovereign.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.nomadx.sovereign.config.ZoneShares;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What the loss of each zone takes, read from a plan or a live export: nodes per pool, etcd
 * members, ZooKeepers and bookies (spread one per zone first, DoNotSchedule), QueryNode memory,
 * and whether etcd and Pulsar keep quorum and the QueryNodes still hold the declared collection.
 * Counts assume the even spread the topology constraints and Auto Scaling enforce.
 */
public final class ZoneLoss {
    private final List<JsonNode> resources;

    public ZoneLoss(List<JsonNode> resources) {
        this.resources = resources;
    }

    public List<String> render(List<String> zones) {
        var out = new ArrayList<String>();
        int z = zones.size();
        JsonNode spec = first(r -> r.path("type").asText().equals("kubernetes:milvus.io/v1beta1:Milvus")).path("inputs").path("spec");
        if (z == 0 || spec.isMissingNode()) {
            return out;
        }
        int etcd = spec.path("dependencies").path("etcd").path("inCluster").path("values").path("replicaCount").asInt();
        JsonNode pulsar = spec.path("dependencies").path("pulsar").path("inCluster").path("values");
        int zookeepers = pulsar.path("zookeeper").path("replicaCount").asInt();
        int bookies = pulsar.path("bookkeeper").path("replicaCount").asInt();
        int ensemble = pulsar.path("broker").path("configData").path("managedLedgerDefaultEnsembleSize").asInt(1);
        JsonNode queryNode = spec.path("components").path("queryNode");
        int queryNodes = queryNode.path("replicas").asInt();
        double podGiB = gib(queryNode.path("resources").path("limits").path("memory").asText("0Gi"));
        JsonNode capacity = first(r -> r.path("type").asText().equals("pulumi:pulumi:Stack")).path("outputs").path("capacity");
        double needed = capacity.path("neededGiB").asDouble();

        out.add("Loss of one zone (even spread assumed):");
        boolean survivesAll = true;
        for (int i = 0; i < z; i++) {
            var lost = new ArrayList<String>();
            for (JsonNode g : ofType("aws:eks/nodeGroup:NodeGroup")) {
                String pool = g.path("inputs").path("labels").path("nomadx.io/pool").asText();
                lost.add(pool + " " + ZoneShares.share(g.path("inputs").path("scalingConfig").path("desiredSize").asInt(), z, i));
            }
            int etcdLost = ZoneShares.share(etcd, z, i);
            boolean etcdOk = etcd - etcdLost >= etcd / 2 + 1;
            var parts = new ArrayList<String>();
            parts.add("nodes " + String.join(", ", lost));
            parts.add("etcd " + etcdLost + "/" + etcd + (etcdOk ? " (quorum kept)" : " (QUORUM LOST)"));
            boolean pulsarOk = true;
            if (!pulsar.isMissingNode()) {
                int zkLost = ZoneShares.share(zookeepers, z, i);
                int bkLost = ZoneShares.share(bookies, z, i);
                boolean zkOk = zookeepers - zkLost >= zookeepers / 2 + 1;
                boolean bkOk = bookies - bkLost >= ensemble;
                pulsarOk = zkOk && bkOk;
                parts.add("zookeepers " + zkLost + "/" + zookeepers + (zkOk ? " (quorum kept)" : " (QUORUM LOST)"));
                parts.add("bookies " + bkLost + "/" + bookies + (bkOk ? " (ensemble of " + ensemble + " kept)" : " (TOO FEW FOR ENSEMBLE " + ensemble + ")"));
            }
            int qnLost = ZoneShares.share(queryNodes, z, i);
            double usable = (queryNodes - qnLost) * podGiB * 0.8;
            boolean servesOk = usable >= needed;
            parts.add(String.format("QueryNodes %d/%d (%.1f GiB), %.1f GiB usable left for %.1f GiB needed%s", qnLost, queryNodes,
                    qnLost * podGiB, usable, needed, servesOk ? "" : " (COLLECTION NO LONGER FITS)"));
            boolean ok = etcdOk && pulsarOk && servesOk;
            survivesAll &= ok;
            out.add("  " + zones.get(i) + ": " + String.join("; ", parts) + " => " + (ok ? "keeps serving" : "BREAKS"));
        }
        out.add(survivesAll ? "  The stack survives the loss of any one zone."
                : "  The stack does NOT survive the loss of every zone: see BREAKS above.");
        return out;
    }

    private static double gib(String memory) {
        long n = Long.parseLong(memory.replaceAll("\\D", ""));
        return memory.endsWith("Ti") ? n * 1024.0 : memory.endsWith("Mi") ? n / 1024.0 : n;
    }

    private List<JsonNode> ofType(String type) {
        return resources.stream().filter(r -> r.path("type").asText().equals(type))
                .sorted(java.util.Comparator.comparing(r -> r.path("urn").asText())).toList();
    }

    private JsonNode first(Predicate<JsonNode> p) {
        return resources.stream().filter(p).findFirst().orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
    }
}
