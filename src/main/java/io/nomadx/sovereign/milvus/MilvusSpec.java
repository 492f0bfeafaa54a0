package io.nomadx.sovereign.milvus;

import io.nomadx.sovereign.config.Defaults;
import io.nomadx.sovereign.config.MilvusSettings;
import io.nomadx.sovereign.config.MilvusSettings.ComponentSize;
import io.nomadx.sovereign.config.MilvusSettings.MessageQueue;
import io.nomadx.sovereign.config.NodePoolSettings.Role;
import io.nomadx.sovereign.config.Settings;
import io.nomadx.sovereign.storage.StorageClasses;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The `spec` of the Milvus custom resource (milvus.io/v1beta1), built from settings. Field names
 * follow the operator's published CRD (shared/schemas/milvus.io_milvuses.yaml, operator 1.3.8);
 * `spec.config` is Milvus's own milvus.yaml, and chart values follow the etcd (Bitnami) and Pulsar
 * (Apache) charts the operator installs. Tests validate the result against the CRD.
 */
public final class MilvusSpec {
    /** Where the TLS Secret is mounted in every Milvus pod. */
    public static final String TLS_DIR = "/milvus/tls";
    public static final String CR_NAME = "milvus";
    /** Copies of each Pulsar ledger entry (ensemble = write quorum = ack quorum). */
    public static final int LEDGER_REPLICAS = 2;

    private final Settings settings;
    private final MilvusSettings m;

    public MilvusSpec(Settings settings) {
        this.settings = settings;
        this.m = settings.milvus();
    }

    /** Labels the operator puts on every pod of this Milvus (used by network policies and spreads). */
    public static Map<String, String> podLabels(String component) {
        var l = new LinkedHashMap<String, String>();
        l.put("app.kubernetes.io/instance", CR_NAME);
        l.put("app.kubernetes.io/name", "milvus");
        if (component != null) {
            l.put("app.kubernetes.io/component", component.toLowerCase());
        }
        return l;
    }

    /**
     * @param rootPassword the root password as a secret Output: nested in the document, it stays
     *                     secret on its own, so the rest of the spec remains visible to reviewers
     *                     and to the policy packs
     */
    public Map<String, Object> build(Object rootPassword) {
        var spec = new LinkedHashMap<String, Object>();
        spec.put("mode", "cluster");
        spec.put("components", components());
        spec.put("dependencies", dependencies());
        spec.put("config", config(rootPassword));
        return spec;
    }

    private Map<String, Object> components() {
        var c = new LinkedHashMap<String, Object>();
        c.put("image", m.images().milvus());
        c.put("imageUpdateMode", "rollingUpgrade");
        c.put("enableRollingUpdate", true);
        c.put("serviceAccountName", settings.workloads().milvusServiceAccount());
        c.put("nodeSelector", Scheduling.onPool(Role.GENERAL));
        c.put("volumes", List.of(Map.of("name", "tls", "secret", Map.of("secretName", m.security().tlsSecretName()))));
        c.put("volumeMounts", List.of(Map.of("name", "tls", "mountPath", TLS_DIR, "readOnly", true)));
        for (String name : m.topology().components()) {
            c.put(name, component(name, m.components().get(name)));
        }
        return c;
    }

    private Map<String, Object> component(String name, ComponentSize size) {
        var c = new LinkedHashMap<String, Object>();
        c.put("replicas", size.replicas());
        c.put("resources", Scheduling.guaranteed(size));
        c.put("topologySpreadConstraints", Scheduling.zoneSpread(podLabels(name), false));
        if (name.equals("queryNode")) {
            c.put("nodeSelector", Scheduling.onPool(Role.QUERY_NODE));
            c.put("tolerations", Scheduling.queryNodeTolerations());
        }
        return c;
    }

    private Map<String, Object> dependencies() {
        var d = new LinkedHashMap<String, Object>();
        d.put("etcd", Map.of("inCluster", retained(etcdValues())));
        d.put("msgStreamType", m.messageQueue().id());
        if (m.messageQueue() == MessageQueue.PULSAR) {
            d.put("pulsar", Map.of("inCluster", retained(pulsarValues())));
        }
        var storage = new LinkedHashMap<String, Object>();
        storage.put("external", true);
        storage.put("type", "S3");
        // The regional endpoint: segments never leave the region, not even through a global endpoint.
        storage.put("endpoint", "s3." + settings.region().name() + ".amazonaws.com:443");
        d.put("storage", storage);
        return d;
    }

    /** Dependencies keep their volumes and release when the CR goes: deletion must never take data. */
    private static Map<String, Object> retained(Map<String, Object> values) {
        var in = new LinkedHashMap<String, Object>();
        in.put("deletionPolicy", "Retain");
        in.put("pvcDeletion", false);
        in.put("values", values);
        return in;
    }

    private Map<String, Object> etcdValues() {
        var e = m.etcd();
        var labels = Map.of("app.kubernetes.io/name", "etcd", "app.kubernetes.io/instance", CR_NAME + "-etcd");
        var v = new LinkedHashMap<String, Object>();
        v.put("replicaCount", e.replicas());
        v.put("image", Scheduling.bitnamiImage(m.images().registry(), m.images().etcd()));
        var persistence = new LinkedHashMap<String, Object>();
        persistence.put("enabled", true);
        // The Bitnami etcd chart's key is persistence.storageClass (not storageClassName, as the guide has it).
        persistence.put("storageClass", StorageClasses.IO2_RETAIN);
        persistence.put("size", e.storageGi() + "Gi");
        v.put("persistence", persistence);
        v.put("resources", Scheduling.guaranteed(e.cpu(), e.memory()));
        v.put("nodeSelector", Scheduling.onPool(Role.GENERAL));
        v.put("topologySpreadConstraints", Scheduling.zoneSpread(labels, true));
        // Keep a quorum through voluntary disruptions (node drains, upgrades). A single member has
        // no quorum to keep, and a budget on it would block every node drain.
        v.put("pdb", e.replicas() >= 3 ? Map.of("create", true, "minAvailable", e.replicas() / 2 + 1) : Map.of("create", false));
        return v;
    }

    private Map<String, Object> pulsarValues() {
        var p = m.pulsar();
        var image = Scheduling.repositoryAndTag(m.images().pulsar());
        var v = new LinkedHashMap<String, Object>();
        var components = new LinkedHashMap<String, Object>();
        components.put("zookeeper", true);
        components.put("bookkeeper", true);
        components.put("autorecovery", true);
        components.put("broker", true);
        components.put("proxy", true); // Milvus reaches in-cluster Pulsar through the proxy (NOTES.md)
        components.put("functions", false);
        components.put("toolset", false);
        components.put("pulsar_manager", false);
        v.put("components", components);
        var images = new LinkedHashMap<String, Object>();
        for (String c : List.of("zookeeper", "bookie", "autorecovery", "broker", "proxy")) {
            images.put(c, image);
        }
        v.put("images", images);

        var zk = member(p.zookeepers(), "zookeeper", "1", "2Gi");
        zk.put("volumes", Map.of("data", volume(20)));
        v.put("zookeeper", zk);

        var bookie = member(p.bookies(), "bookie", "2", p.bookieMemory());
        bookie.put("volumes", Map.of("journal", volume(p.journalGi()), "ledgers", volume(p.ledgersGi())));
        // The guide's fix for bookie OOM under write bursts: larger journal files.
        bookie.put("configData", Map.of("journalMaxSizeMB", String.valueOf(Defaults.JOURNAL_MAX_SIZE_MB)));
        v.put("bookkeeper", bookie);

        var broker = member(p.brokers(), "broker", "1", p.brokerMemory());
        // Every entry on two bookies, acknowledged by both. Bookies sit one per zone (DoNotSchedule
        // spread), so the two copies are in two zones and a zone loss leaves enough bookies to write.
        broker.put("configData", Map.of(
                "managedLedgerDefaultEnsembleSize", String.valueOf(LEDGER_REPLICAS),
                "managedLedgerDefaultWriteQuorum", String.valueOf(LEDGER_REPLICAS),
                "managedLedgerDefaultAckQuorum", String.valueOf(LEDGER_REPLICAS)));
        v.put("broker", broker);
        v.put("proxy", member(Math.min(p.brokers(), 3), "proxy", "500m", "1Gi"));
        v.put("autorecovery", member(1, "recovery", "250m", "512Mi"));
        return v;
    }

    private Map<String, Object> member(int replicas, String component, String cpu, String memory) {
        var labels = Map.of("app", "pulsar", "component", component);
        var c = new LinkedHashMap<String, Object>();
        // The chart's own PodMonitors would scrape Pulsar's HTTP port from the monitoring namespace,
        // which the network policies (rightly) refuse: dependency ports stay namespace-internal.
        c.put("podMonitor", Map.of("enabled", false));
        c.put("replicaCount", replicas);
        c.put("resources", Scheduling.guaranteed(cpu, memory));
        c.put("nodeSelector", Scheduling.onPool(Role.GENERAL));
        c.put("topologySpreadConstraints", Scheduling.zoneSpread(labels, true));
        return c;
    }

    private static Map<String, Object> volume(int sizeGi) {
        var vol = new LinkedHashMap<String, Object>();
        vol.put("size", sizeGi + "Gi");
        vol.put("storageClassName", StorageClasses.GP3_RETAIN);
        return vol;
    }

    /**
     * The proxy's access log: who called which method on which collection, and the outcome
     * (milvus-io/milvus pkg/util/paramtable/component_param.go, proxy.accessLog.*, v2.5.14). Rotated
     * hourly and uploaded to the bucket at {@code remotePath}, which Milvus joins to the bucket root,
     * not to minio.rootPath (internal/proxy/accesslog/minio_handler.go). remoteMaxTime 0: Milvus
     * deletes nothing; the bucket's lifecycle expires the log, and Milvus may not delete it anyway.
     */
    private Map<String, Object> accessLog() {
        var log = new LinkedHashMap<String, Object>();
        log.put("enable", true);
        log.put("minioEnable", true);
        log.put("filename", "access.log"); // an empty filename means stdout and no upload (accesslog/global.go)
        log.put("localPath", "/tmp/milvus_access");
        log.put("maxSize", 64);
        log.put("rotatedTime", 3600);
        log.put("remotePath", settings.storage().accessLogPrefix() + "/");
        log.put("remoteMaxTime", 0);
        return log;
    }

    private Map<String, Object> config(Object rootPassword) {
        var config = new LinkedHashMap<String, Object>();
        var security = new LinkedHashMap<String, Object>();
        security.put("authorizationEnabled", true);
        security.put("tlsMode", 1); // one-way TLS on the proxy's gRPC (19530) and HTTP (9091) ports
        // Read once, when Milvus first creates the root user; rotate later through the API.
        security.put("defaultRootPassword", rootPassword);
        var common = new LinkedHashMap<String, Object>();
        common.put("security", security);
        common.put("retentionDuration", m.compaction().retentionDurationSeconds());
        config.put("common", common);
        config.put("dataCoord", Map.of(
                "enableCompaction", m.compaction().autoCompaction(),
                "compaction", Map.of("enableAutoCompaction", m.compaction().autoCompaction())));
        config.put("tls", Map.of(
                "serverPemPath", TLS_DIR + "/tls.crt",
                "serverKeyPath", TLS_DIR + "/tls.key",
                "caPemPath", TLS_DIR + "/ca.crt"));
        var minio = new LinkedHashMap<String, Object>();
        minio.put("cloudProvider", "aws");
        minio.put("useIAM", true); // IRSA: no access keys anywhere
        minio.put("useSSL", true);
        minio.put("region", settings.region().name());
        minio.put("bucketName", settings.storage().bucketName());
        minio.put("rootPath", settings.storage().dataPrefix());
        config.put("minio", minio);
        config.put("log", Map.of("level", m.logLevel()));
        config.put("proxy", Map.of("http", Map.of("enabled", true), "accessLog", accessLog()));
        var q = m.quotas();
        config.put("quotaAndLimits", Map.of(
                "enabled", true,
                "limits", Map.of("maxCollectionNum", q.maxCollections(), "maxCollectionNumPerDB", q.maxCollections()),
                "dml", Map.of("enabled", true,
                        "insertRate", Map.of("max", q.insertRateMBps()),
                        "deleteRate", Map.of("max", q.deleteRateMBps()))));
        m.monitoring().otelEndpoint().ifPresent(endpoint -> config.put("trace", Map.of(
                "exporter", "otlp",
                "sampleFraction", 0.01,
                "otlp", Map.of("endpoint", endpoint, "secure", true))));
        return config;
    }
}
