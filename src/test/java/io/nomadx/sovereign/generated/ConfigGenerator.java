package io.nomadx.sovereign.generated;

import io.nomadx.sovereign.capacity.CapacityModel;
import io.nomadx.sovereign.config.Quantities;
import io.nomadx.sovereign.config.SettingsParser;
import io.nomadx.sovereign.config.ZoneShares;
import io.nomadx.sovereign.support.Plans;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded generators of stack configs: valid ones across tiers, Milvus versions, message queues and
 * zone sets, and invalid ones made by breaking one key of a valid config in a known way.
 */
final class ConfigGenerator {
    static final long SEED = 20261124L;

    /** One generated stack: the base stack file plus overrides. */
    record Case(int index, String stack, Map<String, String> overrides) {
        @Override
        public String toString() {
            return "#" + index + " " + stack + " " + overrides;
        }
    }

    /** An invalid case and the key its error must name. */
    record BadCase(Case config, String key, String mutation) {
        @Override
        public String toString() {
            return config.index() + " " + mutation + " -> " + key;
        }
    }

    private static final List<String> TIERS = List.of("small", "medium", "large", "xl");
    /** Client namespaces each stack's pack config allows (policies/config/<stack>.json). */
    private static final Map<String, List<String>> CLIENTS = Map.of(
            Plans.PROD, List.of("rag-api", "ingestion"), Plans.DEV, List.of("rag-api"));

    static List<Case> valid(int count) {
        var random = new Random(SEED);
        var out = new ArrayList<Case>();
        for (int i = 0; i < count; i++) {
            out.add(validCase(i, random));
        }
        return out;
    }

    private static Case validCase(int i, Random random) {
        String stack = random.nextBoolean() ? Plans.PROD : Plans.DEV;
        var o = new LinkedHashMap<String, String>();
        o.put("tier", pick(random, TIERS));
        boolean v26 = random.nextBoolean();
        o.put("milvusVersion", v26 ? "v2.6." + random.nextInt(5) : "v2.5." + (10 + random.nextInt(7)));
        o.put("messageQueue", v26 && random.nextBoolean() ? "woodpecker" : "pulsar");
        int zones = random.nextInt(4) == 0 ? 2 : 3;
        if (zones == 2) {
            var ids = new ArrayList<>(List.of("mec1-az1", "mec1-az2", "mec1-az3"));
            ids.remove(random.nextInt(3));
            o.put("availabilityZoneIds", "[\"" + ids.get(0) + "\",\"" + ids.get(1) + "\"]");
            o.put("acknowledgeTwoZones", "true");
        }
        var clients = new ArrayList<>(CLIENTS.get(stack));
        java.util.Collections.shuffle(clients, random);
        o.put("clientNamespaces", json(clients.subList(0, 1 + random.nextInt(clients.size()))));
        o.put("logLevel", pick(random, List.of("debug", "info", "warn", "error")));
        o.put("backupSchedule", random.nextInt(60) + " " + random.nextInt(24) + " * * " + pick(random, List.of("*", "1-5", "0,6")));
        o.put("monitoring", String.valueOf(random.nextBoolean()));
        if (random.nextBoolean()) {
            o.put("otelEndpoint", "otel-collector.observability:" + (4317 + random.nextInt(2)));
        }
        o.put("compaction", "{\"autoCompaction\": true, \"retentionDurationSeconds\": " + (3600 * (1 + random.nextInt(240))) + "}");
        o.put("costAssumptions", "{\"flowLogGiBPerDay\": " + random.nextInt(20) + ", \"objectReadsPerMonth\": "
                + random.nextInt(1_000_000_000) + ", \"backupsRetained\": " + random.nextInt(366) + "}");
        if (stack.equals(Plans.DEV)) {
            // dev's own overrides name one topology's components; match them to the version drawn
            o.put("milvusComponents", v26
                    ? "{\"proxy\":{\"replicas\":1,\"cpu\":\"1\",\"memory\":\"2Gi\"},\"queryNode\":{\"replicas\":2,\"cpu\":\"1\",\"memory\":\"12Gi\"}}"
                    : "{\"queryNode\":{\"replicas\":2,\"cpu\":\"1\",\"memory\":\"12Gi\"}}");
        }
        // A general pool that holds any tier's, version's and queue's pods whole (capacity.PoolFit):
        // the stacks' own pools are sized for their own tier and queue only.
        o.put("nodePools", "{\"general\":{\"instanceTypes\":[\"m6i.8xlarge\"],\"minSize\":3,\"desiredSize\":16,\"maxSize\":24}}");
        // Declare a collection the QueryNodes hold, even after the worst zone's loss in prod.
        var settings = SettingsParser.parse(Plans.config(stack, withVectors(o, 1_000_000L)));
        var queryNode = settings.milvus().components().get("queryNode");
        int nodes = queryNode.replicas();
        if (stack.equals(Plans.PROD)) {
            nodes -= ZoneShares.largest(queryNode.replicas(), zones);
        }
        // Each QueryNode can use no more than its pod limit: scale the model's per-node answer down.
        String type = settings.nodePools().queryNode().instanceTypes().get(0);
        var model = new CapacityModel();
        var verdict = model.check(settings.milvus().collection().workload(), type, Math.max(nodes, 1),
                Quantities.bytes(queryNode.memory()));
        long max = verdict.maxVectors();
        long vectors = Math.max(1_000_000L, (long) (max * (0.2 + 0.6 * random.nextDouble())));
        return new Case(i, stack, withVectors(o, vectors));
    }

    private static Map<String, String> withVectors(Map<String, String> o, long vectors) {
        var m = new LinkedHashMap<>(o);
        m.put("collection", "{\"vectors\": " + vectors + "}");
        return m;
    }

    /** Each mutation breaks exactly one key; the error must name it. */
    static List<BadCase> invalid(int count) {
        var random = new Random(SEED + 1);
        var bases = valid(50);
        var out = new ArrayList<BadCase>();
        for (int i = 0; i < count; i++) {
            Case base = bases.get(random.nextInt(bases.size()));
            out.add(mutate(new Case(i, base.stack(), base.overrides()), random));
        }
        return out;
    }

    private static BadCase mutate(Case c, Random random) {
        var o = new LinkedHashMap<>(c.overrides());
        String p = "sovereign-milvus:";
        int kind = random.nextInt(25);
        String key;
        String what;
        switch (kind) {
            case 0 -> { o.put("region", pick(random, List.of("eu-west-1", "us-east-1", "ap-south-1", "me-west-9"))); key = p + "region"; }
            case 1 -> { o.put("vpcCidr", random.nextInt(256) + "." + random.nextInt(256) + ".0.0/" + (8 + random.nextInt(8))); key = p + "vpcCidr"; }
            case 2 -> { o.put("eksVersion", "1." + (20 + random.nextInt(10))); key = p + "eksVersion"; }
            case 3 -> {
                int days = 2 + random.nextInt(4000);
                while (io.nomadx.sovereign.config.Defaults.LOG_RETENTION_ALLOWED.contains(days)) {
                    days++;
                }
                o.put("logRetentionDays", String.valueOf(days));
                key = p + "logRetentionDays";
            }
            case 4 -> { o.put("tier", pick(random, List.of("tiny", "huge", "Small", "m"))); key = p + "tier"; }
            case 5 -> { o.put("milvusVersion", pick(random, List.of("latest", "v2.4." + random.nextInt(20), "2.5.1", "v3.0.0"))); key = p + "milvusVersion"; }
            case 6 -> { o.put("messageQueue", pick(random, List.of("kafka", "rocksmq", "natsmq", "Pulsar"))); key = p + "messageQueue"; }
            case 7 -> { o.put("backupSchedule", pick(random, List.of("0 24 * * *", "61 2 * * *", "0 2 * *", "@daily", "0 2 32 * *"))); key = p + "backupSchedule"; }
            case 8 -> { o.put("backupImageTag", pick(random, List.of("latest", "main", "v1", "0.5.16"))); key = p + "backupImageTag"; }
            case 9 -> { o.put("clientNamespaces", "[]"); key = p + "clientNamespaces"; }
            case 10 -> { o.put("clientNamespaces", "[\"Bad_NS" + random.nextInt(99) + "\"]"); key = p + "clientNamespaces"; }
            case 11 -> { o.put("logLevel", pick(random, List.of("trace", "verbose", "INFO", "fatal"))); key = p + "logLevel"; }
            case 12 -> { o.put("readyTimeoutMinutes", String.valueOf(random.nextBoolean() ? random.nextInt(20) : 121 + random.nextInt(500))); key = p + "readyTimeoutMinutes"; }
            case 13 -> { o.put("imageRegistry", pick(random, List.of("https://docker.io", "Registry.Example", "reg istry", "ftp://mirror"))); key = p + "imageRegistry"; }
            case 14 -> { o.put("operatorChartVersion", pick(random, List.of("0.9.8", "latest", "1.3", "2.0.0"))); key = p + "operatorChartVersion"; }
            case 15 -> { o.put("collection", "{\"vectors\": " + (1_000_000_000_000L + random.nextInt(1000)) + "}"); key = p + "collection"; }
            case 16 -> { o.put("etcd", "{\"replicas\": " + (2 * (1 + random.nextInt(3))) + "}"); key = p + "etcd.replicas"; }
            case 17 -> { o.put("nodePools", "{\"queryNode\":{\"instanceTypes\":[\"" + pick(random, List.of("m6i.4xlarge", "c6i.8xlarge", "t3.large")) + "\"]}}"); key = p + "nodePools.queryNode.instanceTypes"; }
            case 18 -> { o.put("nodePools", "{\"general\":{\"minSize\":9,\"desiredSize\":5,\"maxSize\":" + (5 + random.nextInt(3)) + "}}"); key = p + "nodePools.general.minSize/desiredSize/maxSize"; }
            case 19 -> { o.put("accountId", String.valueOf(random.nextInt(99999))); key = p + "accountId"; }
            case 20 -> { o.put("tags", "{\"owner\":\"team\",\"data-classification\":\"" + pick(random, List.of("secret", "top", "PUBLIC")) + "\"}"); key = p + "tags.data-classification"; }
            case 21 -> { o.put("compaction", "{\"retentionDurationSeconds\": " + random.nextInt(3600) + "}"); key = p + "compaction.retentionDurationSeconds"; }
            case 22 -> { o.put("otelEndpoint", pick(random, List.of("http://collector", "collector", "collector:port"))); key = p + "otelEndpoint"; }
            case 23 -> { o.put("costAssumptions", "{\"natProcessedGiBPerMonth\": " + (-1 - random.nextInt(100)) + "}"); key = p + "costAssumptions.natProcessedGiBPerMonth"; }
            default -> { o.put("quotas", "{\"insertRateMBps\": " + (-1 - random.nextInt(100)) + "}"); key = p + "quotas.insertRateMBps"; }
        }
        what = "mutation " + kind;
        return new BadCase(new Case(c.index(), c.stack(), o), key, what);
    }

    private static String pick(Random random, List<String> options) {
        return options.get(random.nextInt(options.size()));
    }

    private static String json(List<String> values) {
        return "[" + String.join(",", values.stream().map(v -> "\"" + v + "\"").toList()) + "]";
    }
}
