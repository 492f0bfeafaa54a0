package io.nomadx.sovereign.milvus;

import io.nomadx.sovereign.config.Defaults;
import io.nomadx.sovereign.config.MilvusSettings;
import io.nomadx.sovereign.config.MilvusSettings.ComponentSize;
import io.nomadx.sovereign.config.MilvusSettings.MessageQueue;
import io.nomadx.sovereign.config.NodePoolSettings.Role;
import io.nomadx.sovereign.config.Settings.MilvusPlacement;
import io.nomadx.sovereign.storage.StorageClasses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The `spec` of the Milvus custom resource (milvus.io/v1beta1), built from Milvus's settings and
 * where it is placed (region, zones, service account, bucket prefixes). Field names follow the
 * operator's published CRD (shared/schemas/milvus.io_milvuses.yaml, operator 1.3.8); `spec.config`
 * is Milvus's own milvus.yaml, and chart values follow the etcd (Bitnami) and Pulsar (Apache)
 * charts the operator installs. Tests validate the result against the CRD.
 */
public final class MilvusSpec {
  /** Where the TLS Secret is mounted in every Milvus pod. */
  public static final String TLS_DIR = "/milvus/tls";

  public static final String CR_NAME = "milvus";

  /**
   * Labels of the etcd pods the operator's etcd chart makes: common.labels.matchLabels of the
   * Bitnami chart (etcd-8.12.0 templates/statefulset.yaml), the release being {@code <CR>-etcd}.
   */
  public static final Map<String, String> ETCD_POD_LABELS =
      Map.of("app.kubernetes.io/name", "etcd", "app.kubernetes.io/instance", CR_NAME + "-etcd");

  /** Copies of each Pulsar ledger entry (ensemble = write quorum = ack quorum). */
  public static final int LEDGER_REPLICAS = 2;

  private final MilvusSettings m;
  private final MilvusPlacement placement;

  public MilvusSpec(MilvusSettings milvus, MilvusPlacement placement) {
    this.m = milvus;
    this.placement = placement;
  }

  /**
   * Labels the operator puts on every pod of this Milvus (used by network policies and spreads).
   */
  public static Map<String, String> podLabels(String component) {
    var l = new LinkedHashMap<String, String>();
    l.put("app.kubernetes.io/instance", CR_NAME);
    l.put("app.kubernetes.io/name", "milvus");
    if (component != null) {
      l.put("app.kubernetes.io/component", component.toLowerCase(Locale.ROOT));
    }
    return l;
  }

  /**
   * The spec holds no secret. Milvus reads its first root password from the environment, which wins
   * over milvus.yaml: pkg/util/paramtable/base_table.go puts the env source (priority 11) above the
   * file source (21), and pkg/config formats COMMON_SECURITY_DEFAULTROOTPASSWORD to the key of
   * common.security.defaultRootPassword (milvus-io/milvus pkg/v2.5.14). So the password comes from
   * the Secret through `env`, which the operator sets on every Milvus container (milvus-operator
   * 1.3.8 pkg/controllers/deployment_updater.go, MergeEnvVar of the merged component spec), and
   * appears in neither this resource nor the ConfigMap it renders from spec.config.
   *
   * @param passwordSecret the Secret in Milvus's namespace holding the root password under
   *     `password`
   */
  public Map<String, Object> build(String passwordSecret) {
    var spec = new LinkedHashMap<String, Object>();
    spec.put("mode", "cluster");
    spec.put("components", components(passwordSecret));
    spec.put("dependencies", dependencies());
    spec.put("config", config());
    return spec;
  }

  /** The environment variable Milvus maps to common.security.defaultRootPassword (see build). */
  public static final String ROOT_PASSWORD_ENV = "COMMON_SECURITY_DEFAULTROOTPASSWORD";

  private Map<String, Object> components(String passwordSecret) {
    var c = new LinkedHashMap<String, Object>();
    c.put("image", m.images().milvus());
    // The operator's standby Deployment (replicas 0, for its two-deployment rolling upgrade)
    // otherwise gets the image "dummy" from Docker Hub (milvus-operator 1.3.8
    // pkg/controllers/deploy_ctrl_util.go, CreateDeploy). It never runs: the operator's image,
    // already mirrored and pinned, and unchanged by a Milvus version bump.
    c.put("dummyImage", m.images().operator());
    // The init container that merges Milvus's config runs the operator's image; unset, the
    // operator takes it from its own Deployment or falls back to
    // milvusdb/milvus-operator:main-latest
    // from Docker Hub (pkg/controllers/setup.go, DefaultOperatorImageInfo): name it.
    c.put("toolImage", m.images().operator());
    c.put(
        "env",
        List.of(
            Map.of(
                "name",
                ROOT_PASSWORD_ENV,
                "valueFrom",
                Map.of("secretKeyRef", Map.of("name", passwordSecret, "key", "password")))));
    // The operator's own PodMonitor for every component (pkg/controllers/podmonitor.go): on with
    // monitoring, off without (the field has no omitempty, so it is always in the live object).
    c.put("disableMetric", !m.monitoring().enabled());
    c.put("imageUpdateMode", "rollingUpgrade");
    c.put("enableRollingUpdate", true);
    c.put("serviceAccountName", placement.workloads().milvusServiceAccount());
    c.put("nodeSelector", Scheduling.onPool(Role.GENERAL));
    c.put(
        "volumes",
        List.of(
            Map.of("name", "tls", "secret", Map.of("secretName", m.security().tlsSecretName()))));
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
    storage.put("endpoint", "s3." + placement.region() + ".amazonaws.com:443");
    d.put("storage", storage);
    return d;
  }

  /**
   * Dependencies keep their volumes and release when the CR goes: deletion must never take data.
   * pvcDeletion stays unset, which is false: the operator's {@code PVCDeletion bool
   * json:"pvcDeletion,omitempty"} (apis/milvus.io/v1beta1/dependencies_types.go) drops a false when
   * it writes the resource back, so sending it made every later `pulumi up` an update (cluster
   * box).
   */
  private static Map<String, Object> retained(Map<String, Object> values) {
    var in = new LinkedHashMap<String, Object>();
    in.put("deletionPolicy", "Retain");
    in.put("values", values);
    return in;
  }

  private Map<String, Object> etcdValues() {
    var e = m.etcd();
    var v = new LinkedHashMap<String, Object>();
    v.put("replicaCount", e.replicas());
    // A metrics-only listener (etcd's --listen-metrics-urls: /metrics and /health, no key-value
    // API), so monitoring scrapes etcd without reaching 2379. etcd reads every flag from its
    // ETCD_-prefixed environment variable (etcd server/etcdmain/config.go, flags.SetFlagsFromEnv);
    // the chart passes extraEnvVars to the etcd container (templates/statefulset.yaml).
    v.put(
        "extraEnvVars",
        List.of(
            Map.of(
                "name",
                "ETCD_LISTEN_METRICS_URLS",
                "value",
                "http://0.0.0.0:" + NetworkPolicies.ETCD_METRICS_PORT)));
    v.put("image", Scheduling.bitnamiImage(m.images().registry(), m.images().etcd()));
    var persistence = new LinkedHashMap<String, Object>();
    persistence.put("enabled", true);
    // The Bitnami etcd chart's key is persistence.storageClass (not storageClassName, as the guide
    // has it).
    persistence.put("storageClass", StorageClasses.IO2_RETAIN);
    persistence.put("size", e.storageGi() + "Gi");
    v.put("persistence", persistence);
    v.put("resources", Scheduling.guaranteed(e.cpu(), e.memory()));
    v.put("nodeSelector", Scheduling.onPool(Role.GENERAL));
    v.put("topologySpreadConstraints", Scheduling.zoneSpread(ETCD_POD_LABELS, true));
    // Keep a quorum through voluntary disruptions (node drains, upgrades). A single member has
    // no quorum to keep, and a budget on it would block every node drain.
    v.put(
        "pdb",
        e.replicas() >= 3
            ? Map.of("create", true, "minAvailable", e.replicas() / 2 + 1)
            : Map.of("create", false));
    return v;
  }

  /**
   * Values for the Pulsar chart the operator renders (pulsar-3.3.0 from milvus-helm, merged over
   * milvus-helm's values.yaml `pulsarv3` defaults; ../shared/charts/SOURCE.md). Only keys the chart
   * reads: it has no topologySpreadConstraints, and its anti-affinity is `affinity.anti_affinity`
   * (root) and `<component>.affinity.{anti_affinity, anti_affinity_topology_key, type}`
   * (templates/zookeeper-statefulset.yaml, bookkeeper-statefulset.yaml, broker-statefulset.yaml),
   * which milvus-helm turns off.
   */
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
    // The cluster-metadata init job takes its image from here, not from `images`
    // (values.yaml pulsar_metadata.image; templates/pulsar-cluster-initialize.yaml).
    v.put("pulsar_metadata", Map.of("image", image));
    v.put("affinity", Map.of("anti_affinity", true, "type", REQUIRED));

    var zk =
        member(
            p.zookeepers(), Defaults.PULSAR_ZOOKEEPER_CPU, Defaults.PULSAR_ZOOKEEPER_MEMORY, 50, 0);
    zk.put("volumes", Map.of("data", volume(ZOOKEEPER_VOLUME_GI)));
    v.put("zookeeper", zk);

    var bookie = member(p.bookies(), Defaults.PULSAR_BOOKIE_CPU, p.bookieMemory(), 40, 40);
    bookie.put(
        "volumes", Map.of("journal", volume(p.journalGi()), "ledgers", volume(p.ledgersGi())));
    // The guide's fix for bookie OOM under write bursts: larger journal files.
    configData(bookie).put("journalMaxSizeMB", String.valueOf(Defaults.JOURNAL_MAX_SIZE_MB));
    v.put("bookkeeper", bookie);

    var broker = member(p.brokers(), Defaults.PULSAR_BROKER_CPU, p.brokerMemory(), 40, 40);
    // Every entry on two bookies, acknowledged by both. Bookies sit one per zone (required zone
    // anti-affinity), so the two copies are in two zones and a zone loss leaves enough bookies to
    // write.
    configData(broker).put("managedLedgerDefaultEnsembleSize", String.valueOf(LEDGER_REPLICAS));
    configData(broker).put("managedLedgerDefaultWriteQuorum", String.valueOf(LEDGER_REPLICAS));
    configData(broker).put("managedLedgerDefaultAckQuorum", String.valueOf(LEDGER_REPLICAS));
    v.put("broker", broker);
    v.put(
        "proxy",
        member(
            Math.min(p.brokers(), Defaults.PULSAR_MAX_PROXIES),
            Defaults.PULSAR_PROXY_CPU,
            Defaults.PULSAR_PROXY_MEMORY,
            40,
            40));
    v.put(
        "autorecovery",
        member(1, Defaults.PULSAR_AUTORECOVERY_CPU, Defaults.PULSAR_AUTORECOVERY_MEMORY, 50, 0));
    return v;
  }

  /** Each ZooKeeper member's data volume (gp3-retain): ZooKeeper holds metadata only. */
  public static final int ZOOKEEPER_VOLUME_GI = 20;

  private static final String REQUIRED = "requiredDuringSchedulingIgnoredDuringExecution";
  private static final String PREFERRED = "preferredDuringSchedulingIgnoredDuringExecution";

  /**
   * One Pulsar component: replicas, Guaranteed resources on the general pool, its JVM sized from
   * its own memory limit, and zone anti-affinity: required while there are no more replicas than
   * zones (one per zone, what the zone-loss analysis counts on), preferred beyond that (the chart
   * allows one topology key; more replicas than zones cannot all be apart).
   */
  private Map<String, Object> member(
      int replicas, String cpu, String memory, int heapPercent, int directPercent) {
    var c = new LinkedHashMap<String, Object>();
    // The chart's own PodMonitors would scrape Pulsar's HTTP port from the monitoring namespace,
    // which the network policies (rightly) refuse: dependency ports stay namespace-internal.
    c.put("podMonitor", Map.of("enabled", false));
    c.put("replicaCount", replicas);
    c.put("resources", Scheduling.guaranteed(cpu, memory));
    c.put("nodeSelector", Scheduling.onPool(Role.GENERAL));
    c.put(
        "affinity",
        Map.of(
            "anti_affinity",
            true,
            "anti_affinity_topology_key",
            Scheduling.ZONE_KEY,
            "type",
            replicas <= placement.zoneCount() ? REQUIRED : PREFERRED));
    var config = new LinkedHashMap<String, Object>();
    config.put("PULSAR_MEM", jvmMemory(memory, heapPercent, directPercent));
    c.put("configData", config);
    return c;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> configData(Map<String, Object> component) {
    return (Map<String, Object>) component.get("configData");
  }

  /**
   * PULSAR_MEM for a container memory limit: heap and direct memory as shares of the limit, the
   * rest for metaspace, threads and the page cache. milvus-helm's defaults (bookie -Xmx4096m with
   * 8192m direct, broker 512m + 2048m direct) ignore the limits set here; a JVM whose heap plus
   * direct memory exceeds its limit is OOM-killed under load (the guide's bookie failure mode).
   * PULSAR_MEM reaches the JVM through the component's ConfigMap (templates/*-configmap.yaml).
   */
  static String jvmMemory(String limit, int heapPercent, int directPercent) {
    long mib = io.nomadx.sovereign.config.Quantities.bytes(limit) >> 20;
    long heap = mib * heapPercent / 100;
    String mem = "-Xms" + heap + "m -Xmx" + heap + "m";
    return directPercent == 0
        ? mem
        : mem + " -XX:MaxDirectMemorySize=" + (mib * directPercent / 100) + "m";
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
    log.put(
        "filename",
        "access.log"); // an empty filename means stdout and no upload (accesslog/global.go)
    log.put("localPath", "/tmp/milvus_access");
    log.put("maxSize", 64);
    log.put("rotatedTime", 3600);
    log.put("remotePath", placement.storage().accessLogPrefix() + "/");
    log.put("remoteMaxTime", 0);
    return log;
  }

  private Map<String, Object> config() {
    var config = new LinkedHashMap<String, Object>();
    var security = new LinkedHashMap<String, Object>();
    security.put("authorizationEnabled", true);
    security.put(
        "tlsMode", 1); // one-way TLS on the proxy port 19530 (gRPC and REST); 9091 stays plain HTTP
    var common = new LinkedHashMap<String, Object>();
    common.put("security", security);
    common.put("retentionDuration", m.compaction().retentionDurationSeconds());
    config.put("common", common);
    config.put(
        "dataCoord",
        Map.of(
            "enableCompaction", m.compaction().autoCompaction(),
            "compaction", Map.of("enableAutoCompaction", m.compaction().autoCompaction())));
    config.put(
        "tls",
        Map.of(
            "serverPemPath", TLS_DIR + "/tls.crt",
            "serverKeyPath", TLS_DIR + "/tls.key",
            "caPemPath", TLS_DIR + "/ca.crt"));
    var minio = new LinkedHashMap<String, Object>();
    minio.put("cloudProvider", "aws");
    minio.put("useIAM", true); // IRSA: no access keys anywhere
    minio.put("useSSL", true);
    minio.put("region", placement.region());
    minio.put("bucketName", placement.storage().bucketName());
    minio.put("rootPath", placement.storage().dataPrefix());
    config.put("minio", minio);
    config.put("log", Map.of("level", m.logLevel()));
    config.put("proxy", Map.of("http", Map.of("enabled", true), "accessLog", accessLog()));
    var q = m.quotas();
    config.put(
        "quotaAndLimits",
        Map.of(
            "enabled", true,
            "limits",
                Map.of(
                    "maxCollectionNum",
                    q.maxCollections(),
                    "maxCollectionNumPerDB",
                    q.maxCollections()),
            "dml",
                Map.of(
                    "enabled",
                    true,
                    "insertRate",
                    Map.of("max", q.insertRateMBps()),
                    "deleteRate",
                    Map.of("max", q.deleteRateMBps()))));
    m.monitoring()
        .otelEndpoint()
        .ifPresent(
            endpoint ->
                config.put(
                    "trace",
                    Map.of(
                        "exporter",
                        "otlp",
                        "sampleFraction",
                        0.01,
                        "otlp",
                        Map.of("endpoint", endpoint, "secure", true))));
    return config;
  }
}
