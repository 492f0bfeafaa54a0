package io.nomadx.sovereign.config;

import static io.nomadx.sovereign.config.ConfigReader.quote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.nomadx.sovereign.capacity.IndexType;
import io.nomadx.sovereign.capacity.InstanceCatalog;
import io.nomadx.sovereign.capacity.PoolFit;
import io.nomadx.sovereign.capacity.Quantization;
import io.nomadx.sovereign.capacity.Workload;
import io.nomadx.sovereign.config.ConfigError.Problem;
import io.nomadx.sovereign.config.MilvusSettings.ComponentSize;
import io.nomadx.sovereign.config.MilvusSettings.MessageQueue;
import io.nomadx.sovereign.config.MilvusSettings.Topology;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Milvus half of the settings: the version matrix, images, tier-preset sizes with stack
 * overrides, security, backups and the capacity check of the QueryNode pool.
 */
final class MilvusSettingsParser {
  private static final Pattern MILVUS_VERSION = Pattern.compile("v2\\.(\\d+)\\.(\\d+)");
  private static final Pattern CPU = Pattern.compile("\\d+(\\.\\d+)?|\\d+m");
  private static final Pattern MEMORY = Pattern.compile("\\d+(Mi|Gi|Ti)");

  private final ConfigReader r;
  private final JsonNode tier;

  MilvusSettingsParser(ConfigReader r, JsonNode tier) {
    this.r = r;
    this.tier = tier;
  }

  MilvusSettings parse(
      Environment env, Region region, String accountId, Settings.NodePools pools, int zoneCount) {
    String version = r.string(ConfigKey.MILVUS_VERSION, Defaults.MILVUS_VERSION);
    Matcher vm = MILVUS_VERSION.matcher(version);
    // v2.5.x or v2.6.x by the schema (a rejected value reads as the default).
    int minor = vm.matches() ? Integer.parseInt(vm.group(1)) : 5;
    Topology topology = minor >= 6 ? Topology.STREAMING : Topology.CLASSIC;
    String mqText = r.string(ConfigKey.MESSAGE_QUEUE, "pulsar");
    MessageQueue mq =
        Arrays.stream(MessageQueue.values())
            .filter(m -> m.id().equals(mqText))
            .findFirst()
            .orElse(null);
    if (mq == null) {
      mq = MessageQueue.PULSAR; // the schema lists the queues
    } else if (mq == MessageQueue.WOODPECKER && minor < 6) {
      r.problem(
          ConfigKey.MESSAGE_QUEUE,
          quote(mqText),
          "pulsar with Milvus "
              + version
              + " (woodpecker needs a v2.6.x milvusVersion and runs the 2.6 topology)");
    }

    String registry =
        r.string(ConfigKey.IMAGE_REGISTRY, Defaults.imageRegistry(accountId, region.name()));
    String chartVersion =
        r.string(ConfigKey.OPERATOR_CHART_VERSION, Defaults.OPERATOR_CHART_VERSION);
    String chartRepo =
        chartRepository(
            ConfigKey.OPERATOR_CHART_REPOSITORY,
            Defaults.OPERATOR_CHART_REPOSITORY,
            "milvus-operator-" + chartVersion);
    String backupTag = r.string(ConfigKey.BACKUP_IMAGE_TAG, Defaults.BACKUP_IMAGE_TAG);
    checkBackupTag(backupTag, minor, version);
    var images =
        new MilvusSettings.Images(
            registry,
            registry + "/milvusdb/milvus:" + version,
            registry + "/milvusdb/milvus-operator:v" + chartVersion,
            registry + "/milvusdb/etcd:" + Defaults.ETCD_IMAGE_TAG,
            registry + "/apachepulsar/pulsar:" + Defaults.PULSAR_IMAGE_TAG,
            registry + "/milvusdb/milvus-backup:" + backupTag);

    var components = parseComponents(topology, version);
    var etcd = parseEtcd(env);
    var pulsar = parsePulsar(env, mq);

    var password = parsePassword();
    String tlsSecret = r.string(ConfigKey.TLS_SECRET_NAME, Defaults.TLS_SECRET_NAME);
    // Required, at least one, each a Kubernetes name: all by the schema.
    List<String> clients = r.stringList(ConfigKey.CLIENT_NAMESPACES, List.of());

    boolean monitoring = r.bool(ConfigKey.MONITORING, true);
    String monitoringNs = r.string(ConfigKey.MONITORING_NAMESPACE, Defaults.MONITORING_NAMESPACE);
    Optional<String> otel = r.valid(ConfigKey.OTEL_ENDPOINT);
    String logLevel = r.string(ConfigKey.LOG_LEVEL, "info");
    var quotas = parseQuotas();
    String schedule = r.string(ConfigKey.BACKUP_SCHEDULE, Defaults.BACKUP_SCHEDULE);
    Cron.problem(schedule)
        .ifPresent(why -> r.problem(ConfigKey.BACKUP_SCHEDULE, quote(schedule), why));
    int timeout = r.integer(ConfigKey.READY_TIMEOUT_MINUTES, Defaults.READY_TIMEOUT_MINUTES);
    var collection =
        parseCollection(pools.queryNode(), components.get("queryNode"), env, zoneCount);
    checkGeneralPool(
        pools.general(), topology, components, etcd, mq == MessageQueue.PULSAR ? pulsar : null);

    var compaction = parseCompaction();
    var platform = parsePlatform(monitoring);
    return new MilvusSettings(
        version,
        mq,
        topology,
        images,
        new MilvusSettings.Operator(chartVersion, chartRepo, Defaults.OPERATOR_NAMESPACE),
        components,
        etcd,
        pulsar,
        new MilvusSettings.Security(password, tlsSecret),
        clients,
        new MilvusSettings.Monitoring(monitoring, monitoringNs, otel),
        logLevel,
        quotas,
        new MilvusSettings.Backup(schedule, backupTag),
        collection,
        compaction,
        timeout,
        platform);
  }

  private MilvusSettings.Platform parsePlatform(boolean monitoring) {
    String certManager = r.string(ConfigKey.CERT_MANAGER, Defaults.CERT_MANAGER);
    String certRepo =
        chartRepository(
            ConfigKey.CERT_MANAGER_CHART_REPOSITORY,
            Defaults.CERT_MANAGER_CHART_REPOSITORY,
            certManager.equals("existing")
                ? null
                : "cert-manager-" + Defaults.CERT_MANAGER_CHART_VERSION);
    // Kind/name by the schema's pattern; split here.
    Optional<MilvusSettings.TlsIssuer> issuer =
        r.valid(ConfigKey.TLS_ISSUER)
            .map(ISSUER::matcher)
            .filter(Matcher::matches)
            .map(m -> new MilvusSettings.TlsIssuer(m.group(1), m.group(2)));
    String stack = r.string(ConfigKey.MONITORING_STACK, Defaults.MONITORING_STACK);
    if (!monitoring && r.valid(ConfigKey.MONITORING_STACK).isPresent()) {
      r.problem(ConfigKey.MONITORING_STACK, quote(stack), "no value with monitoring: false");
    }
    String promChart =
        !monitoring || stack.equals("existing")
            ? null
            : stack.equals("full")
                ? "kube-prometheus-stack-" + Defaults.KUBE_PROMETHEUS_STACK_CHART_VERSION
                : "prometheus-operator-crds-" + Defaults.PROMETHEUS_CRDS_CHART_VERSION;
    String promRepo =
        chartRepository(
            ConfigKey.PROMETHEUS_CHART_REPOSITORY, Defaults.PROMETHEUS_CHART_REPOSITORY, promChart);
    return new MilvusSettings.Platform(
        !certManager.equals("existing"), certRepo, issuer, stack, promRepo);
  }

  /**
   * A Helm repository, or a local directory of chart archives ({@link
   * Defaults#CHART_DIRECTORY_HELP}); a directory must hold the archive the stack installs from it
   * ({@code archive}.tgz, null if none).
   */
  private String chartRepository(ConfigKey key, String fallback, String archive) {
    String repo = r.string(key, fallback);
    if (repo.startsWith("file://")) {
      java.nio.file.Path dir = java.nio.file.Path.of(repo.substring("file://".length()));
      if (!dir.isAbsolute() || !java.nio.file.Files.isDirectory(dir)) {
        r.problem(
            key,
            quote(repo),
            "file:// and the absolute path of an existing directory of chart archives");
      } else if (archive != null
          && !java.nio.file.Files.isRegularFile(dir.resolve(archive + ".tgz"))) {
        r.problem(
            key,
            quote(repo),
            "a directory holding " + archive + ".tgz (the chart this stack installs from it)");
      }
    } else if (!repo.matches("(https|oci)://[^\\s]+")) {
      r.problem(
          key,
          quote(repo),
          "an https:// or oci:// Helm repository, or file:///<directory of chart archives>");
    }
    return repo;
  }

  private static final Pattern ISSUER =
      Pattern.compile("(ClusterIssuer|Issuer)/([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?)");

  private void checkBackupTag(String tag, int minor, String version) {
    Matcher m = Pattern.compile("v0\\.(\\d+)\\.(\\d+)").matcher(tag);
    if (!m.matches()) {
      return; // a pinned v0.x.y, by the schema
    } else if (minor >= 6
        && (Integer.parseInt(m.group(1)) < 5
            || (Integer.parseInt(m.group(1)) == 5 && Integer.parseInt(m.group(2)) < 7))) {
      // milvus-backup supports Milvus 2.6 from v0.5.7 (its release notes).
      r.problem(ConfigKey.BACKUP_IMAGE_TAG, quote(tag), "v0.5.7 or later with Milvus " + version);
    }
  }

  private Map<String, ComponentSize> parseComponents(Topology topology, String version) {
    JsonNode own = stackValue(ConfigKey.MILVUS_COMPONENTS);
    JsonNode merged = Json.merge(tier.path(ConfigKey.MILVUS_COMPONENTS.key()), own);
    var out = new LinkedHashMap<String, ComponentSize>();
    // Known components and their fields by the schema; which of them this version runs is decided
    // here.
    own.fieldNames()
        .forEachRemaining(
            name -> {
              if (!topology.components().contains(name)) {
                r.add(
                    new Problem(
                        r.ns() + "milvusComponents." + name,
                        "a component Milvus " + version + " does not run",
                        String.join(", ", topology.components())
                            + " (the operator ignores the others)"));
              }
            });
    for (String name : topology.components()) {
      JsonNode c = merged.path(name);
      String base = r.ns() + "milvusComponents." + name;
      if (c.isMissingNode()) {
        r.add(
            new Problem(
                base, "nothing (the tier preset has no size for it)", "replicas, cpu, memory"));
        continue;
      }
      int replicas = wholeNumber(c, base, "replicas", 1);
      String cpu = quantity(c, base, "cpu", CPU, "CPU quantities such as 500m or 2");
      String memory = quantity(c, base, "memory", MEMORY, "memory quantities such as 512Mi or 8Gi");
      out.put(name, new ComponentSize(replicas, cpu, memory));
    }
    return out;
  }

  private MilvusSettings.Etcd parseEtcd(Environment env) {
    JsonNode e = layered(ConfigKey.ETCD);
    String base = r.ns() + "etcd";
    int replicas = wholeNumber(e, base, "replicas", 1);
    if (replicas % 2 == 0 || (env.isProd() && replicas < 3)) {
      r.add(
          new Problem(
              base + ".replicas",
              String.valueOf(replicas),
              "an odd number, at least 3 in prod (quorum survives one lost member)"));
    }
    int storage = wholeNumber(e, base, "storageGi", 4);
    return new MilvusSettings.Etcd(
        replicas,
        storage,
        quantity(e, base, "cpu", CPU, "CPU quantities such as 500m or 2"),
        quantity(e, base, "memory", MEMORY, "memory quantities such as 2Gi"));
  }

  private MilvusSettings.Pulsar parsePulsar(Environment env, MessageQueue mq) {
    JsonNode p = layered(ConfigKey.PULSAR);
    String base = r.ns() + "pulsar";
    int least = env.isProd() && mq == MessageQueue.PULSAR ? 3 : 1;
    int brokers = wholeNumber(p, base, "brokers", least);
    int bookies = wholeNumber(p, base, "bookies", least);
    int zookeepers = wholeNumber(p, base, "zookeepers", least);
    if (zookeepers % 2 == 0) {
      r.add(
          new Problem(
              base + ".zookeepers",
              String.valueOf(zookeepers),
              "an odd number (ZooKeeper quorum)"));
    }
    int journal = wholeNumber(p, base, "journalGi", 1);
    int ledgers = wholeNumber(p, base, "ledgersGi", 10);
    return new MilvusSettings.Pulsar(
        brokers,
        bookies,
        zookeepers,
        journal,
        ledgers,
        quantity(p, base, "brokerMemory", MEMORY, "memory quantities such as 4Gi"),
        quantity(p, base, "bookieMemory", MEMORY, "memory quantities such as 8Gi"));
  }

  private MilvusSettings.Secret parsePassword() {
    Optional<String> raw = r.raw(ConfigKey.ROOT_PASSWORD);
    if (raw.isEmpty()) {
      return new MilvusSettings.Secret(""); // required: the schema reported it
    }
    if (!r.isSecret(ConfigKey.ROOT_PASSWORD)) {
      // Never echo the value: it was meant to be secret.
      r.problem(
          ConfigKey.ROOT_PASSWORD,
          "a plain-text value",
          "a secret (`pulumi config set --secret rootPassword`)");
    } else if (!raw.get().equals(ConfigSource.UNDECRYPTED_SECRET)) {
      if (raw.get().equals(Defaults.PUBLIC_ROOT_PASSWORD)) {
        r.problem(
            ConfigKey.ROOT_PASSWORD,
            "Milvus's public default password",
            "any other password of 12 or more characters");
      } else if (raw.get().length() < 12) {
        r.problem(
            ConfigKey.ROOT_PASSWORD,
            "a secret of " + raw.get().length() + " characters",
            "12 or more characters");
      }
    }
    return new MilvusSettings.Secret(raw.get());
  }

  private MilvusSettings.Compaction parseCompaction() {
    // Fields, types and the 1-hour-to-30-days range by the schema.
    JsonNode c = r.objectField(ConfigKey.COMPACTION).orElse(MissingNode.getInstance());
    return new MilvusSettings.Compaction(
        c.path("autoCompaction").asBoolean(true),
        c.path("retentionDurationSeconds").asInt(Defaults.RETENTION_DURATION_SECONDS));
  }

  private MilvusSettings.Quotas parseQuotas() {
    // Fields, whole and positive numbers by the schema.
    JsonNode q = r.objectField(ConfigKey.QUOTAS).orElse(MissingNode.getInstance());
    return new MilvusSettings.Quotas(
        q.path("maxCollections").asInt(100),
        q.path("insertRateMBps").asDouble(30),
        q.path("deleteRateMBps").asDouble(0.1));
  }

  private MilvusSettings.Collection parseCollection(
      NodePoolSettings pool, ComponentSize queryNode, Environment env, int zoneCount) {
    JsonNode c = layered(ConfigKey.COLLECTION);
    String base = r.ns() + "collection";
    long vectors =
        c.path("vectors").canConvertToLong() && c.path("vectors").asLong() > 0
            ? c.path("vectors").asLong()
            : -1;
    if (vectors < 0) {
      r.add(
          new Problem(
              base + ".vectors",
              quote(c.path("vectors").asText()),
              "a whole number of vectors > 0"));
    }
    int dimension = wholeNumber(c, base, "dimension", 1);
    String index = c.path("indexType").asText("HNSW");
    String quantization = c.path("quantization").asText("NONE");
    int m = c.has("hnswM") ? wholeNumber(c, base, "hnswM", 2) : 16;
    int replicas = c.has("replicas") ? wholeNumber(c, base, "replicas", 1) : 1;
    IndexType indexType = enumValue(IndexType.class, index, base + ".indexType");
    Quantization q = enumValue(Quantization.class, quantization, base + ".quantization");
    var settings =
        new MilvusSettings.Collection(
            Math.max(vectors, 1), dimension, index, m, quantization, replicas);
    if (vectors < 0 || indexType == null || q == null || queryNode == null) {
      return settings;
    }
    Workload workload;
    try {
      workload = settings.workload();
    } catch (IllegalArgumentException e) {
      r.add(new Problem(base, "an impossible collection shape", e.getMessage()));
      return settings;
    }
    checkQueryNodes(workload, pool, queryNode, env.isProd() ? zoneCount : 0);
    return settings;
  }

  /**
   * The QueryNode pool must hold the declared collection at 80% memory use: one QueryNode pod per
   * memory-optimized node, each pod small enough to be scheduled on one. In prod it must still hold
   * it after losing the zone with the most QueryNodes (`zonesToSurvive` > 0).
   */
  private void checkQueryNodes(
      Workload workload, NodePoolSettings pool, ComponentSize queryNode, int zonesToSurvive) {
    String type = pool.instanceTypes().get(0);
    var spec = InstanceCatalog.lookup(type);
    if (spec.isEmpty()) {
      r.add(
          new Problem(
              r.ns() + "nodePools.queryNode.instanceTypes",
              quote(type),
              "a type the capacity model knows: "
                  + String.join(
                      ", ",
                      InstanceCatalog.names().stream().filter(n -> n.startsWith("r")).toList())));
      return;
    }
    if (!MEMORY.matcher(queryNode.memory()).matches()) {
      return; // already reported
    }
    if (Quantities.bytes(queryNode.memory()) > spec.get().allocatableBytes()) {
      r.add(
          new Problem(
              r.ns() + "milvusComponents.queryNode.memory",
              quote(queryNode.memory()),
              String.format(
                  "at most %.1f GiB, what one %s can allocate to a pod",
                  spec.get().allocatableBytes() / 1073741824.0, type)));
    }
    if (pool.maxSize() < queryNode.replicas()) {
      r.add(
          new Problem(
              r.ns() + "nodePools.queryNode.maxSize",
              String.valueOf(pool.maxSize()),
              "at least " + queryNode.replicas() + " (one node per QueryNode replica)"));
    }
    var verdict = queryNode.holds(workload, type, queryNode.replicas());
    if (!verdict.fits()) {
      r.add(
          new Problem(
              r.ns() + "collection.vectors",
              String.valueOf(workload.vectors()),
              verdict.message()));
      return;
    }
    int surviving =
        zonesToSurvive > 1
            ? queryNode.replicas() - ZoneShares.largest(queryNode.replicas(), zonesToSurvive)
            : 0;
    if (zonesToSurvive > 1 && surviving < 1) {
      r.add(
          new Problem(
              r.ns() + "milvusComponents.queryNode.replicas",
              String.valueOf(queryNode.replicas()),
              "enough QueryNodes that some survive the loss of a zone in prod"));
    } else if (zonesToSurvive > 1) {
      var afterLoss = queryNode.holds(workload, type, surviving);
      if (!afterLoss.fits()) {
        r.add(
            new Problem(
                r.ns() + "collection.vectors",
                String.valueOf(workload.vectors()),
                "what prod holds after losing the zone with the most QueryNodes ("
                    + surviving
                    + " of "
                    + queryNode.replicas()
                    + " left): "
                    + afterLoss.message()));
      }
    }
  }

  /**
   * Every pod the general pool runs (Milvus's components but the QueryNodes, etcd, Pulsar) must fit
   * on its desired nodes, each pod whole on one node ({@link PoolFit}); else they stay Pending.
   */
  private void checkGeneralPool(
      NodePoolSettings pool,
      Topology topology,
      Map<String, ComponentSize> components,
      MilvusSettings.Etcd etcd,
      MilvusSettings.Pulsar pulsar) {
    var type = InstanceCatalog.lookup(pool.instanceTypes().get(0));
    var pods = new ArrayList<PoolFit.Pod>();
    try {
      for (String name : topology.components()) {
        var size = components.get(name);
        if (!name.equals("queryNode") && size != null) {
          add(pods, name, size.replicas(), size.cpu(), size.memory());
        }
      }
      add(pods, "etcd", etcd.replicas(), etcd.cpu(), etcd.memory());
      if (pulsar != null) {
        add(
            pods,
            "zookeeper",
            pulsar.zookeepers(),
            Defaults.PULSAR_ZOOKEEPER_CPU,
            Defaults.PULSAR_ZOOKEEPER_MEMORY);
        add(pods, "bookie", pulsar.bookies(), Defaults.PULSAR_BOOKIE_CPU, pulsar.bookieMemory());
        add(pods, "broker", pulsar.brokers(), Defaults.PULSAR_BROKER_CPU, pulsar.brokerMemory());
        add(
            pods,
            "pulsar-proxy",
            Math.min(pulsar.brokers(), Defaults.PULSAR_MAX_PROXIES),
            Defaults.PULSAR_PROXY_CPU,
            Defaults.PULSAR_PROXY_MEMORY);
        add(
            pods,
            "autorecovery",
            1,
            Defaults.PULSAR_AUTORECOVERY_CPU,
            Defaults.PULSAR_AUTORECOVERY_MEMORY);
      }
    } catch (RuntimeException e) {
      return; // a malformed size, already reported where it was read
    }
    if (type.isEmpty() || pods.isEmpty()) {
      return;
    }
    var fit = PoolFit.place(pods, type.get(), pool.desiredSize());
    if (!fit.fits()) {
      var left = new java.util.TreeMap<String, Integer>();
      fit.unplaced().forEach(p -> left.merge(p.name(), 1, Integer::sum));
      r.add(
          new Problem(
              r.ns() + "nodePools.general.desiredSize",
              String.valueOf(pool.desiredSize()),
              "at least "
                  + fit.nodesNeeded()
                  + " "
                  + type.get().name()
                  + " nodes: on "
                  + pool.desiredSize()
                  + " the general pool's "
                  + pods.size()
                  + " pods leave "
                  + left.entrySet().stream()
                      .map(e -> e.getValue() + " " + e.getKey())
                      .collect(java.util.stream.Collectors.joining(", "))
                  + " with no node to run on (each pod whole on one node)"));
    }
  }

  private static void add(
      List<PoolFit.Pod> pods, String name, int replicas, String cpu, String memory) {
    for (int i = 0; i < replicas; i++) {
      pods.add(new PoolFit.Pod(name, Quantities.millicores(cpu), Quantities.bytes(memory)));
    }
  }

  // ---- helpers --------------------------------------------------------------------------

  /** The tier's value for a key with the stack's value laid over it. */
  private JsonNode layered(ConfigKey key) {
    return Json.merge(tier.path(key.key()), stackValue(key));
  }

  private JsonNode stackValue(ConfigKey key) {
    return r.objectField(key).map(n -> (JsonNode) n).orElse(MissingNode.getInstance());
  }

  private int wholeNumber(JsonNode node, String base, String field, int least) {
    JsonNode v = node.path(field);
    if (!v.isIntegralNumber() || v.asLong() < least || v.asLong() > Integer.MAX_VALUE) {
      r.add(
          new Problem(
              base + "." + field,
              v.isMissingNode() ? "nothing" : quote(v.asText()),
              "a whole number >= " + least));
      return least;
    }
    return v.asInt();
  }

  private String quantity(
      JsonNode node, String base, String field, Pattern pattern, String allowed) {
    JsonNode v = node.path(field);
    if (!v.isTextual() || !pattern.matcher(v.asText()).matches()) {
      r.add(
          new Problem(
              base + "." + field, v.isMissingNode() ? "nothing" : quote(v.asText()), allowed));
      return "0";
    }
    return v.asText();
  }

  private <E extends Enum<E>> E enumValue(Class<E> type, String text, String key) {
    try {
      return Enum.valueOf(type, text);
    } catch (IllegalArgumentException e) {
      r.add(
          new Problem(
              key,
              quote(text),
              String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList())));
      return null;
    }
  }
}
