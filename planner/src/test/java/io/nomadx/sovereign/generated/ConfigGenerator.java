package io.nomadx.sovereign.generated;

import static io.nomadx.sovereign.config.ConfigKey.*;

import io.nomadx.sovereign.capacity.CapacityModel;
import io.nomadx.sovereign.config.ConfigKey;
import io.nomadx.sovereign.config.ConfigSource;
import io.nomadx.sovereign.config.Defaults;
import io.nomadx.sovereign.config.Quantities;
import io.nomadx.sovereign.config.SettingsParser;
import io.nomadx.sovereign.config.ZoneShares;
import io.nomadx.sovereign.support.Plans;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * Seeded, pairwise generator of stack configs.
 *
 * <p>Valid side: every pair of levels of the {@link Factor}s (the settings that change what the
 * program builds together, see the factor comments) appears in at least one config (a greedy
 * covering array, seeded); every other key's valid values ({@link #KEYS}) are spread over those
 * configs, each at least once. Invalid side: every {@link Bad} mutation of every key, each breaking
 * one key of a valid config.
 *
 * <p>A new {@link ConfigKey} needs one line in {@link #KEYS}: its valid values (or a factor that
 * sets it) and at least one mutation with the problem key, the bad value and what is allowed. A
 * test fails for a key without that line.
 */
final class ConfigGenerator {
  static final long SEED = 20261124L;
  static final String P = Defaults.PROJECT + ":";

  /** One generated stack: the base stack file plus overrides, plus keys given as secrets. */
  record Case(
      int index,
      String stack,
      Map<String, String> overrides,
      Set<String> secretKeys,
      Map<Factor, String> levels) {
    ConfigSource config() {
      var base = Plans.config(stack, overrides);
      var secrets = new HashSet<>(base.secretKeys());
      secretKeys.forEach(k -> secrets.add(P + k));
      return new ConfigSource(base.stack(), base.values(), secrets);
    }

    boolean networkOnly() {
      return "true".equals(overrides.get(BOOTSTRAP_NETWORK_ONLY.key()));
    }

    @Override
    public String toString() {
      return "#" + index + " " + stack + " " + levels;
    }
  }

  /**
   * One way to break a key: set `overrides`; the error must have a problem whose key starts with
   * `problemKey`, whose value contains `value` and whose allowed text contains `allowed`.
   */
  record Bad(
      String kind,
      Map<String, String> overrides,
      String problemKey,
      String value,
      String allowed,
      Set<String> platforms) {
    /**
     * Only on configs of these {@link Factor#PLATFORM} levels (a key of one network or cluster
     * mode).
     */
    Bad on(String... platformLevels) {
      return new Bad(kind, overrides, problemKey, value, allowed, Set.of(platformLevels));
    }

    boolean fits(Case c) {
      return platforms.isEmpty() || platforms.contains(c.levels().get(Factor.PLATFORM));
    }
  }

  /** An invalid case: a valid config with one mutation applied. */
  record BadCase(Case config, Bad bad) {
    @Override
    public String toString() {
      return bad.kind()
          + " on #"
          + config.index()
          + " "
          + config.stack()
          + " -> "
          + bad.problemKey();
    }
  }

  // ---- factors: the settings that interact
  // ----------------------------------------------------------

  /**
   * The settings whose combinations change what the program builds together; every pair of their
   * levels is planned at least once.
   */
  enum Factor {
    /**
     * prod/dev: prod's HA rules (zone count, NAT per zone, no public endpoint, capacity after a
     * zone's loss).
     */
    ENV("prod", "dev"),
    /**
     * Tier presets size pools, components, etcd and Pulsar, and the capacity check, per zone count
     * and version.
     */
    TIER("small", "medium", "large", "xl"),
    /**
     * Version and queue together (woodpecker needs 2.6): the component topology and Pulsar or not.
     */
    TOPOLOGY("v2.5+pulsar", "v2.6+pulsar", "v2.6+woodpecker"),
    /**
     * Zones: quorum spread of etcd/Pulsar, node pools per zone, subnets per zone, zone-loss
     * capacity.
     */
    ZONES("three", "two"),
    /**
     * Who owns the network and cluster: created (default egress), created with NAT per zone, a
     * landing zone's VPC, an existing cluster.
     */
    PLATFORM("created", "nat", "landing-zone", "existing-cluster"),
    /**
     * Monitoring off, or its CRDs, the full stack, or the cluster's own: releases, dependencies,
     * network policies.
     */
    MONITORING("off", "crds", "full", "existing"),
    /** The serving certificate's issuer and who installs cert-manager. */
    TLS("own-ca", "bank-cluster-issuer", "bank-issuer"),
    /**
     * Object audit: the stack's trail (default or named bucket) or an organisation trail: buckets,
     * key policy.
     */
    AUDIT("stack", "stack-named", "organization");

    final List<String> levels;

    Factor(String... levels) {
      this.levels = List.of(levels);
    }
  }

  /** A valid config under construction: its factor levels and overrides. */
  static final class Row {
    final Map<Factor, String> levels = new EnumMap<>(Factor.class);
    final Map<String, String> o = new LinkedHashMap<>();
    final Set<String> secrets = new HashSet<>();
    String droppedZone;

    boolean prod() {
      return is(Factor.ENV, "prod");
    }

    boolean is(Factor f, String level) {
      return level.equals(levels.get(f));
    }

    boolean createsNetwork() {
      return is(Factor.PLATFORM, "created") || is(Factor.PLATFORM, "nat");
    }

    boolean createsCluster() {
      return !is(Factor.PLATFORM, "existing-cluster");
    }

    boolean pulsar() {
      return levels.get(Factor.TOPOLOGY).endsWith("pulsar");
    }

    String stack() {
      return prod() ? Plans.PROD : Plans.DEV;
    }

    String account() {
      return prod() ? "111111111111" : "222222222222";
    }
  }

  /** Client namespaces each stack's pack config allows (policies/config/<stack>.json). */
  private static final Map<String, List<String>> CLIENTS =
      Map.of(Plans.PROD, List.of("rag-api", "ingestion"), Plans.DEV, List.of("rag-api"));

  private static final List<String> ZONE_IDS = List.of("mec1-az1", "mec1-az2", "mec1-az3");
  private static final Map<String, String> SUBNETS =
      Map.of(
          "mec1-az1",
          "subnet-0aaa1111aaaa1111a",
          "mec1-az2",
          "subnet-0bbb2222bbbb2222b",
          "mec1-az3",
          "subnet-0ccc3333cccc3333c");
  static final String KUBECONFIG =
      "apiVersion: v1\nkind: Config\ncurrent-context: bank\n"
          + "clusters: [{name: bank, cluster: {server: \"https://10.40.0.10\", certificate-authority-data: \"Q0E=\"}}]\n"
          + "contexts: [{name: bank, context: {cluster: bank, user: bank}}]\nusers: [{name: bank, user: {token: \"t0ken\"}}]\n";

  // ---- every key: its valid values and its mutations (one line per key)
  // --------------------------

  /**
   * A key's valid values (each a function of the row; null when it does not fit the row) and
   * mutations.
   */
  record KeyCases(
      List<Function<Row, Map<String, String>>> valid, List<Bad> bad, boolean byFactor) {}

  static final Map<ConfigKey, KeyCases> KEYS = new EnumMap<>(ConfigKey.class);

  static {
    key(
        ENVIRONMENT,
        List.of(r -> set("environment", r.prod() ? "prod" : "dev")),
        bad("environment", "staging", "'staging'", "prod, dev"));
    key(
        REGION,
        List.of(r -> set("region", "me-central-1")),
        bad("region", "eu-west-1", "'eu-west-1'", "me-central-1"),
        bad("region", "us-east-1", "'us-east-1'", "me-central-1"),
        bad("region", "ap-south-1", "'ap-south-1'", "me-central-1"),
        bad("region", "me-west-9", "'me-west-9'", "me-central-1"));
    key(
        ACCOUNT_ID,
        List.of(r -> set("accountId", r.account())),
        bad("accountId", "1234", "'1234'", "exactly 12 digits"));
    factorKey(
        AVAILABILITY_ZONE_IDS,
        bad("availabilityZoneIds", "[\"mec1-az1\"]", "[mec1-az1]", "at least 2 zones"),
        bad(
            "availabilityZoneIds",
            "[\"me-central-1a\",\"mec1-az2\"]",
            "'me-central-1a'",
            "AZ IDs of me-central-1"));
    factorKey(
        ACKNOWLEDGE_TWO_ZONES, bad("acknowledgeTwoZones", "maybe", "'maybe'", "true or false"));
    key(
        VPC_CIDR,
        List.of(
            r -> r.createsNetwork() ? set("vpcCidr", "10.50.0.0/16") : null,
            r -> r.createsNetwork() ? set("vpcCidr", "172.20.0.0/18") : null,
            r -> r.createsNetwork() ? set("vpcCidr", "192.168.0.0/20") : null),
        bad("vpcCidr", "8.8.0.0/16", "'8.8.0.0/16'", "a private range").on("created", "nat"),
        bad("vpcCidr", "10.40.0.0/24", "'10.40.0.0/24'", "/16 to /20").on("created", "nat"));
    factorKey(
        INTERNET_EGRESS,
        bad("internetEgress", "proxy", "'proxy'", "none, nat").on("created", "nat"));
    factorKey(
        NAT_GATEWAY_PER_ZONE,
        bad("natGatewayPerZone", "often", "'often'", "true or false").on("created", "nat"));
    factorKey(
        EXISTING_VPC_ID,
        bad("existingVpcId", "landing-zone-prod", "'landing-zone-prod'", "a VPC id")
            .on("landing-zone"));
    factorKey(
        EXISTING_PRIVATE_SUBNET_IDS,
        bad(
                "existingPrivateSubnetIds",
                "[\"subnet-0aaa1111aaaa1111a\"]",
                "subnet-0aaa1111aaaa1111a",
                "a map of AZ ID to private subnet id")
            .on("landing-zone"));
    key(
        BOOTSTRAP_NETWORK_ONLY,
        List.of(),
        bad("bootstrapNetworkOnly", "yes", "'yes'", "true or false"));
    key(
        EKS_VERSION,
        List.of(
            r -> r.createsCluster() ? set("eksVersion", "1.33") : null,
            r -> r.createsCluster() ? set("eksVersion", "1.35") : null),
        bad("eksVersion", "1.27", "'1.27'", "1.34").on("created", "nat", "landing-zone"));
    key(
        CLUSTER_NAME,
        List.of(r -> set("clusterName", "vectors-" + (r.prod() ? "prod" : "dev"))),
        bad("clusterName", "-milvus", "'-milvus'", "starting with a letter or digit"));
    key(
        ENDPOINT_PUBLIC_ACCESS,
        List.of(
            r ->
                !r.prod() && r.createsCluster()
                    ? set(
                        "endpointPublicAccess", "true", "publicAccessCidrs", "[\"203.0.113.0/24\"]")
                    : null),
        bad("endpointPublicAccess", "sometimes", "'sometimes'", "true or false")
            .on("created", "nat", "landing-zone"));
    key(
        PUBLIC_ACCESS_CIDRS,
        List.of(
            r ->
                !r.prod() && r.createsCluster()
                    ? set(
                        "endpointPublicAccess", "true", "publicAccessCidrs", "[\"203.0.113.0/24\"]")
                    : null),
        bad("publicAccessCidrs", "[\"0.0.0.0/0\"]", "'0.0.0.0/0'", "/8 or narrower")
            .on("created", "nat", "landing-zone"));
    key(
        API_ACCESS_CIDRS,
        List.of(r -> r.createsCluster() ? set("apiAccessCidrs", "[\"10.99.0.0/16\"]") : null),
        bad("apiAccessCidrs", "[\"198.51.100.0/24\"]", "'198.51.100.0/24'", "private ranges only")
            .on("created", "nat", "landing-zone"));
    key(
        ADMIN_PRINCIPAL_ARNS,
        List.of(
            r ->
                r.createsCluster()
                    ? set(
                        "adminPrincipalArns",
                        "[\"arn:aws:iam::" + r.account() + ":role/search-ops\"]")
                    : null),
        bad(
                "adminPrincipalArns",
                "[\"platform-admin\"]",
                "'platform-admin'",
                "arn:aws:iam::123456789012:role/")
            .on("created", "nat", "landing-zone"));
    key(
        LOG_RETENTION_DAYS,
        List.of(
            r -> set("logRetentionDays", "7"),
            r -> set("logRetentionDays", "400"),
            r -> set("logRetentionDays", "3653")),
        bad("logRetentionDays", "100", "100", "one of [1, 3"));
    key(
        ADDON_VERSIONS,
        List.of(
            r ->
                r.createsCluster()
                    ? set("addonVersions", "{\"coredns\":\"v1.11.4-eksbuild.2\"}")
                    : null),
        bad(
                "addonVersions.coredns",
                Map.of("addonVersions", "{\"coredns\":\"latest\"}"),
                "'latest'",
                "a pinned add-on version")
            .on("created", "nat", "landing-zone"));
    factorKey(
        EXISTING_CLUSTER_KUBECONFIG,
        bad(
                "existingClusterKubeconfig",
                KUBECONFIG.replace("https://", "http://"),
                "has no https:// server",
                "")
            .on("existing-cluster"));
    factorKey(
        EXISTING_CLUSTER_OIDC_PROVIDER_ARN,
        bad(
                "existingClusterOidcProviderArn",
                "arn:aws:iam::123456789012:role/oidc",
                "'arn:aws:iam::123456789012:role/oidc'",
                "oidc-provider/oidc.eks.<region>.amazonaws.com")
            .on("existing-cluster"));
    factorKey(
        AWS_ENDPOINT_CIDRS,
        bad("awsEndpointCidrs", "[\"0.0.0.0/0\"]", "'0.0.0.0/0'", "private ranges only")
            .on("landing-zone", "existing-cluster"),
        bad(
                "awsEndpointCidrs",
                "[\"10.40.232.0/24\"]",
                "'[\"10.40.232.0/24\"]'",
                "no value when the stack creates its network")
            .on("created", "nat"));
    key(
        COST_ASSUMPTIONS,
        List.of(
            r ->
                set(
                    "costAssumptions",
                    "{\"flowLogGiBPerDay\": 3, \"objectReadsPerMonth\": 250000000, \"backupsRetained\": 90}")),
        bad(
            "costAssumptions.natProcessedGiBPerMonth",
            Map.of("costAssumptions", "{\"natProcessedGiBPerMonth\": -5}"),
            "-5",
            "a number >= 0"));
    key(
        NODE_POOLS,
        List.of(r -> set("nodePools", generalPool(""))),
        bad(
            "nodePools.queryNode.instanceTypes",
            Map.of("nodePools", "{\"queryNode\":{\"instanceTypes\":[\"m6i.4xlarge\"]}}"),
            "'m6i.4xlarge'",
            "memory-optimized"),
        bad(
            "nodePools.queryNode.instanceTypes",
            Map.of("nodePools", "{\"queryNode\":{\"instanceTypes\":[\"c6i.8xlarge\"]}}"),
            "'c6i.8xlarge'",
            "memory-optimized"),
        bad(
            "nodePools.queryNode.instanceTypes",
            Map.of("nodePools", "{\"queryNode\":{\"instanceTypes\":[\"t3.large\"]}}"),
            "'t3.large'",
            "memory-optimized"),
        bad(
            "nodePools.general.minSize/desiredSize/maxSize",
            Map.of("nodePools", "{\"general\":{\"minSize\":9,\"desiredSize\":5,\"maxSize\":6}}"),
            "9/5/6",
            "minSize <= desiredSize <= maxSize"));
    key(
        BUCKET_NAME,
        List.of(r -> set("bucketName", "nomadx-vectors-" + r.account())),
        bad("bucketName", "Milvus_Segments", "'Milvus_Segments'", "lowercase letters"));
    key(
        DATA_PREFIX,
        List.of(r -> set("dataPrefix", "segments")),
        bad("dataPrefix", "access-logs", "'access-logs'", "Milvus's access log lives there"));
    key(
        BACKUP_PREFIX,
        List.of(r -> set("backupPrefix", "milvus-backups")),
        bad("backupPrefix", "milvus", "'milvus'", "other than dataPrefix"));
    key(
        NONCURRENT_VERSION_DAYS,
        List.of(r -> set("noncurrentVersionDays", "1"), r -> set("noncurrentVersionDays", "3650")),
        bad("noncurrentVersionDays", "0", "0", "1 to 3650"));
    factorKey(OBJECT_AUDIT, bad("objectAudit", "none", "'none'", "stack, organization"));
    factorKey(
        AUDIT_BUCKET_NAME,
        bad("auditBucketName", "Audit_Logs", "'Audit_Logs'", "3-63 lowercase letters"));
    key(
        MILVUS_NAMESPACE,
        List.of(r -> set("milvusNamespace", "vectors")),
        bad("milvusNamespace", "Milvus_NS", "'Milvus_NS'", "Kubernetes names"));
    key(
        TAGS,
        List.of(
            r ->
                set(
                    "tags",
                    "{\"owner\":\"search-team@example.ae\",\"data-classification\":\""
                        + (r.prod() ? "restricted" : "public")
                        + "\",\"cost-centre\":\"cc-42\"}")),
        bad(
            "tags.data-classification",
            Map.of("tags", "{\"owner\":\"team\",\"data-classification\":\"secret\"}"),
            "'secret'",
            "restricted"),
        bad(
            "tags.data-classification",
            Map.of("tags", "{\"owner\":\"team\",\"data-classification\":\"top\"}"),
            "'top'",
            "restricted"),
        bad(
            "tags.data-classification",
            Map.of("tags", "{\"owner\":\"team\",\"data-classification\":\"PUBLIC\"}"),
            "'PUBLIC'",
            "restricted"),
        bad(
            "tags.owner",
            Map.of("tags", "{\"data-classification\":\"internal\"}"),
            "nothing",
            "a team name or e-mail address"));
    factorKey(
        TIER,
        bad("tier", "tiny", "'tiny'", "small, medium, large, xl"),
        bad("tier", "huge", "'huge'", "small, medium, large, xl"),
        bad("tier", "Small", "'Small'", "small, medium, large, xl"),
        bad("tier", "m", "'m'", "small, medium, large, xl"));
    key(
        POLICY_PACK_CONFIG,
        List.of(r -> set("policyPackConfig", "policies/config/" + r.stack() + ".json")),
        bad("policyPackConfig", "", "''", "an explicit empty value is not the default"));
    factorKey(
        MILVUS_VERSION,
        bad("milvusVersion", "latest", "'latest'", "a pinned v2.5.x or v2.6.x tag"),
        bad("milvusVersion", "v2.4.9", "'v2.4.9'", "a pinned v2.5.x or v2.6.x tag"),
        bad("milvusVersion", "2.5.1", "'2.5.1'", "a pinned v2.5.x or v2.6.x tag"),
        bad("milvusVersion", "v3.0.0", "'v3.0.0'", "a pinned v2.5.x or v2.6.x tag"));
    factorKey(
        MESSAGE_QUEUE,
        bad("messageQueue", "kafka", "'kafka'", "pulsar, woodpecker"),
        bad("messageQueue", "rocksmq", "'rocksmq'", "pulsar, woodpecker"),
        bad("messageQueue", "natsmq", "'natsmq'", "pulsar, woodpecker"),
        bad("messageQueue", "Pulsar", "'Pulsar'", "pulsar, woodpecker"));
    key(
        IMAGE_REGISTRY,
        List.of(r -> set("imageRegistry", "999999999999.dkr.ecr.me-central-1.amazonaws.com")),
        bad("imageRegistry", "https://docker.io", "'https://docker.io'", "a registry host"),
        bad("imageRegistry", "Registry.Example", "'Registry.Example'", "a registry host"),
        bad("imageRegistry", "reg istry", "'reg istry'", "a registry host"),
        bad("imageRegistry", "ftp://mirror", "'ftp://mirror'", "a registry host"));
    key(
        OPERATOR_CHART_VERSION,
        List.of(r -> set("operatorChartVersion", "1.3.9")),
        bad("operatorChartVersion", "0.9.8", "'0.9.8'", "a pinned 1.x.y"),
        bad("operatorChartVersion", "latest", "'latest'", "a pinned 1.x.y"),
        bad("operatorChartVersion", "1.3", "'1.3'", "a pinned 1.x.y"),
        bad("operatorChartVersion", "2.0.0", "'2.0.0'", "a pinned 1.x.y"));
    key(
        OPERATOR_CHART_REPOSITORY,
        List.of(r -> set("operatorChartRepository", "oci://charts.example.ae/milvus")),
        bad(
            "operatorChartRepository",
            "http://charts.example.com",
            "'http://charts.example.com'",
            "https:// or oci://"));
    key(
        MILVUS_COMPONENTS,
        List.of(r -> r.prod() ? set("milvusComponents", "{\"proxy\":{\"replicas\":3}}") : null),
        bad(
            "milvusComponents.proxy.memory",
            Map.of("milvusComponents", "{\"proxy\":{\"memory\":\"4GB\"}}"),
            "'4GB'",
            "memory quantities"));
    key(
        ETCD,
        List.of(r -> set("etcd", "{\"storageGi\": 40}")),
        bad("etcd.replicas", Map.of("etcd", "{\"replicas\": 2}"), "2", "an odd number"),
        bad("etcd.replicas", Map.of("etcd", "{\"replicas\": 4}"), "4", "an odd number"),
        bad("etcd.replicas", Map.of("etcd", "{\"replicas\": 6}"), "6", "an odd number"));
    key(
        PULSAR,
        List.of(r -> r.pulsar() ? set("pulsar", "{\"ledgersGi\": 300}") : null),
        bad("pulsar.journalGi", Map.of("pulsar", "{\"journalGi\": 4}"), "4", "at least 8"));
    factorKey(
        COLLECTION,
        bad(
            "collection.quantization",
            Map.of("collection", "{\"quantization\": \"FP8\"}"),
            "'FP8'",
            "NONE, INT8, PQ"));
    key(
        ROOT_PASSWORD,
        List.of(r -> set("rootPassword", "Correct-Horse-Battery-42")),
        bad("rootPassword", "Milvus", "Milvus's public default password", ""));
    key(
        TLS_SECRET_NAME,
        List.of(r -> set("tlsSecretName", "milvus-serving-tls")),
        bad("tlsSecretName", "TLS", "'TLS'", "Kubernetes names"));
    factorKey(
        TLS_ISSUER,
        bad("tlsIssuer", "bank-pki", "'bank-pki'", "ClusterIssuer/<name> or Issuer/<name>"));
    factorKey(CERT_MANAGER, bad("certManager", "maybe", "'maybe'", "install, existing"));
    key(
        CERT_MANAGER_CHART_REPOSITORY,
        List.of(
            r ->
                !r.is(Factor.TLS, "bank-cluster-issuer")
                    ? set("certManagerChartRepository", "https://charts.example.ae/jetstack")
                    : null),
        bad(
            "certManagerChartRepository",
            "charts.jetstack.io",
            "'charts.jetstack.io'",
            "an https:// or oci:// Helm repository"));
    key(
        CLIENT_NAMESPACES,
        List.of(r -> set("clientNamespaces", json(CLIENTS.get(r.stack())))),
        bad("clientNamespaces", "[]", "[]", "at least one namespace"),
        bad("clientNamespaces", "[\"RAG_API\"]", "'RAG_API'", "Kubernetes names"));
    factorKey(MONITORING, bad("monitoring", "yes", "'yes'", "true or false"));
    factorKey(
        MONITORING_STACK,
        bad("monitoringStack", "prometheus", "'prometheus'", "crds, full, existing"));
    key(
        PROMETHEUS_CHART_REPOSITORY,
        List.of(
            r ->
                r.is(Factor.MONITORING, "crds") || r.is(Factor.MONITORING, "full")
                    ? set("prometheusChartRepository", "oci://charts.example.ae/prometheus")
                    : null),
        bad(
            "prometheusChartRepository",
            "http://charts.example.com",
            "'http://charts.example.com'",
            "https:// or oci://"));
    key(
        MONITORING_NAMESPACE,
        List.of(r -> set("monitoringNamespace", "monitoring")),
        bad("monitoringNamespace", "Monitoring", "'Monitoring'", "Kubernetes names"));
    key(
        OTEL_ENDPOINT,
        List.of(
            r -> set("otelEndpoint", "otel-collector.observability:4317"),
            r -> set("otelEndpoint", "collector.tracing:4318")),
        bad("otelEndpoint", "http://collector", "'http://collector'", "host:port"),
        bad("otelEndpoint", "collector", "'collector'", "host:port"),
        bad("otelEndpoint", "collector:port", "'collector:port'", "host:port"));
    key(
        LOG_LEVEL,
        List.of(
            r -> set("logLevel", "debug"),
            r -> set("logLevel", "info"),
            r -> set("logLevel", "warn"),
            r -> set("logLevel", "error")),
        bad("logLevel", "trace", "'trace'", "debug, info, warn, error"),
        bad("logLevel", "verbose", "'verbose'", "debug, info, warn, error"),
        bad("logLevel", "INFO", "'INFO'", "debug, info, warn, error"),
        bad("logLevel", "fatal", "'fatal'", "debug, info, warn, error"));
    key(
        QUOTAS,
        List.of(
            r ->
                set(
                    "quotas",
                    "{\"maxCollections\": 200, \"insertRateMBps\": 50, \"deleteRateMBps\": 1}")),
        bad(
            "quotas.deleteRateMBps",
            Map.of("quotas", "{\"deleteRateMBps\": 0}"),
            "0",
            "a number > 0"));
    // Valid and invalid as a Kubernetes CronJob's schedule (config/Cron: robfig ParseStandard, no
    // TZ).
    key(
        BACKUP_SCHEDULE,
        List.of(
            r -> set("backupSchedule", "30 1 * * *"),
            r -> set("backupSchedule", "0 3 * * 1-5"),
            r -> set("backupSchedule", "15 */6 * * 0,6"),
            r -> set("backupSchedule", "@daily"),
            r -> set("backupSchedule", "0 2 * * mon-fri"),
            r -> set("backupSchedule", "0 4 1 jan,jul *")),
        bad("backupSchedule", "0 24 * * *", "'0 24 * * *'", "five-field cron"),
        bad("backupSchedule", "61 2 * * *", "'61 2 * * *'", "five-field cron"),
        bad("backupSchedule", "0 2 * *", "'0 2 * *'", "five-field cron"),
        bad("backupSchedule", "@reboot", "'@reboot'", "five-field cron"),
        bad("backupSchedule", "0 2 * * 7", "'0 2 * * 7'", "five-field cron"),
        bad(
            "backupSchedule",
            "TZ=Asia/Dubai 0 2 * * *",
            "'TZ=Asia/Dubai 0 2 * * *'",
            "no TZ= or CRON_TZ= prefix"),
        bad("backupSchedule", "0 2 32 * *", "'0 2 32 * *'", "five-field cron"));
    key(
        BACKUP_IMAGE_TAG,
        List.of(r -> set("backupImageTag", "v0.5.9")),
        bad("backupImageTag", "latest", "'latest'", "a pinned v0.x.y"),
        bad("backupImageTag", "main", "'main'", "a pinned v0.x.y"),
        bad("backupImageTag", "v1", "'v1'", "a pinned v0.x.y"),
        bad("backupImageTag", "0.5.16", "'0.5.16'", "a pinned v0.x.y"));
    key(
        COMPACTION,
        List.of(
            r ->
                set("compaction", "{\"autoCompaction\": true, \"retentionDurationSeconds\": 3600}"),
            r ->
                set(
                    "compaction",
                    "{\"autoCompaction\": true, \"retentionDurationSeconds\": 2592000}")),
        bad(
            "compaction.autoCompaction",
            Map.of("compaction", "{\"autoCompaction\": \"on\"}"),
            "'on'",
            "true or false"));
    key(
        READY_TIMEOUT_MINUTES,
        List.of(r -> set("readyTimeoutMinutes", "20"), r -> set("readyTimeoutMinutes", "120")),
        bad("readyTimeoutMinutes", "5", "5", "20 to 120"));
  }

  /**
   * The mutations of the issue-16 generator whose value is drawn from the seed (kinds 1, 2, 3, 9,
   * 10, 12, 15, 16, 18, 19, 21, 23).
   */
  static List<Bad> drawnMutations() {
    var random = new Random(SEED + 1);
    var out = new ArrayList<Bad>();
    String cidr =
        random.nextInt(256) + "." + random.nextInt(256) + ".0.0/" + (8 + random.nextInt(8));
    out.add(bad("vpcCidr", cidr, "'" + cidr + "'", "").on("created", "nat"));
    String eks = "1." + (20 + random.nextInt(10));
    out.add(bad("eksVersion", eks, "'" + eks + "'", "1.34").on("created", "nat", "landing-zone"));
    int days = 2 + random.nextInt(4000);
    while (Defaults.LOG_RETENTION_ALLOWED.contains(days)) {
      days++;
    }
    out.add(bad("logRetentionDays", String.valueOf(days), String.valueOf(days), "one of [1, 3"));
    String ns = "Bad_NS" + random.nextInt(99);
    out.add(bad("clientNamespaces", "[\"" + ns + "\"]", "'" + ns + "'", "Kubernetes names"));
    int low = random.nextInt(20);
    int high = 121 + random.nextInt(500);
    out.add(bad("readyTimeoutMinutes", String.valueOf(low), String.valueOf(low), "20 to 120"));
    out.add(bad("readyTimeoutMinutes", String.valueOf(high), String.valueOf(high), "20 to 120"));
    long vectors = 1_000_000_000_000L + random.nextInt(1000);
    out.add(
        bad(
            "collection",
            Map.of("collection", "{\"vectors\": " + vectors + "}"),
            "an impossible collection shape",
            "vectors = " + vectors));
    int max = 5 + random.nextInt(3);
    out.add(
        bad(
            "nodePools.general.minSize/desiredSize/maxSize",
            Map.of(
                "nodePools",
                "{\"general\":{\"minSize\":9,\"desiredSize\":5,\"maxSize\":" + max + "}}"),
            "9/5/" + max,
            "minSize <= desiredSize <= maxSize"));
    String account = String.valueOf(random.nextInt(99999));
    out.add(bad("accountId", account, "'" + account + "'", "exactly 12 digits"));
    int seconds = random.nextInt(3600);
    out.add(
        bad(
            "compaction.retentionDurationSeconds",
            Map.of("compaction", "{\"retentionDurationSeconds\": " + seconds + "}"),
            String.valueOf(seconds),
            "3600 to 2592000"));
    int rate = -1 - random.nextInt(100);
    out.add(
        bad(
            "quotas.insertRateMBps",
            Map.of("quotas", "{\"insertRateMBps\": " + rate + "}"),
            String.valueOf(rate),
            "a number > 0"));
    return out;
  }

  private static void key(
      ConfigKey key, List<Function<Row, Map<String, String>>> valid, Bad... bad) {
    KEYS.put(key, new KeyCases(valid, List.of(bad), false));
  }

  /** A key a {@link Factor} sets in the valid configs. */
  private static void factorKey(ConfigKey key, Bad... bad) {
    KEYS.put(key, new KeyCases(List.of(), List.of(bad), true));
  }

  private static Bad bad(String key, String badValue, String shown, String allowed) {
    return bad(key, Map.of(key, badValue), shown, allowed);
  }

  private static Bad bad(
      String problemKey, Map<String, String> overrides, String shown, String allowed) {
    return new Bad(
        problemKey + "=" + overrides.values().iterator().next(),
        overrides,
        P + problemKey,
        shown,
        allowed,
        Set.of());
  }

  private static Map<String, String> set(String... kv) {
    var m = new LinkedHashMap<String, String>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private static String generalPool(String extra) {
    // A general pool that holds any tier's, version's and queue's pods whole (capacity.PoolFit):
    // the stacks' own pools are sized for their own tier and queue only.
    return "{\"general\":{\"instanceTypes\":[\"m6i.8xlarge\"],\"minSize\":3,\"desiredSize\":16,\"maxSize\":24"
        + extra
        + "}}";
  }

  // ---- the covering array ----------------------------------------------------------------------

  /**
   * Factor levels of each valid config: a greedy, seeded covering array of every pair of levels.
   */
  static List<Map<Factor, String>> pairwise(Random random) {
    var uncovered = new HashSet<String>();
    var factors = Factor.values();
    for (int i = 0; i < factors.length; i++) {
      for (int j = i + 1; j < factors.length; j++) {
        for (String a : factors[i].levels) {
          for (String b : factors[j].levels) {
            uncovered.add(pair(factors[i], a, factors[j], b));
          }
        }
      }
    }
    var rows = new ArrayList<Map<Factor, String>>();
    while (!uncovered.isEmpty()) {
      Map<Factor, String> best = null;
      int bestGain = -1;
      for (int candidate = 0; candidate < 40; candidate++) {
        var order = new ArrayList<>(List.of(factors));
        Collections.shuffle(order, random);
        var row = new EnumMap<Factor, String>(Factor.class);
        for (Factor f : order) {
          String pick = null;
          int gain = -1;
          var levels = new ArrayList<>(f.levels);
          Collections.shuffle(levels, random);
          for (String level : levels) {
            int g = 0;
            for (var e : row.entrySet()) {
              if (uncovered.contains(pair(f, level, e.getKey(), e.getValue()))) {
                g++;
              }
            }
            if (g > gain) {
              gain = g;
              pick = level;
            }
          }
          row.put(f, pick);
        }
        int g = covered(row, uncovered);
        if (g > bestGain) {
          bestGain = g;
          best = row;
        }
      }
      for (var p : pairs(best)) {
        uncovered.remove(p);
      }
      rows.add(best);
    }
    return rows;
  }

  static List<String> pairs(Map<Factor, String> row) {
    var out = new ArrayList<String>();
    for (var a : row.entrySet()) {
      for (var b : row.entrySet()) {
        if (a.getKey().ordinal() < b.getKey().ordinal()) {
          out.add(pair(a.getKey(), a.getValue(), b.getKey(), b.getValue()));
        }
      }
    }
    return out;
  }

  private static int covered(Map<Factor, String> row, Set<String> uncovered) {
    return (int) pairs(row).stream().filter(uncovered::contains).count();
  }

  static String pair(Factor f, String a, Factor g, String b) {
    return f.ordinal() < g.ordinal()
        ? f + "=" + a + "&" + g + "=" + b
        : g + "=" + b + "&" + f + "=" + a;
  }

  // ---- valid configs ---------------------------------------------------------------------------

  static List<Case> valid() {
    var random = new Random(SEED);
    var rows = new ArrayList<Row>();
    for (var levels : pairwise(random)) {
      var row = new Row();
      row.levels.putAll(levels);
      applyFactors(row, random);
      rows.add(row);
    }
    // The first-ever deploy's network-only `up` of the first row's settings.
    var networkOnly = new Row();
    networkOnly.levels.putAll(rows.get(0).levels);
    networkOnly.levels.put(Factor.PLATFORM, "created");
    applyFactors(networkOnly, random);
    networkOnly.o.put(BOOTSTRAP_NETWORK_ONLY.key(), "true");
    // Every other key's valid values, each in the next row it fits (from a seeded start).
    int next = random.nextInt(rows.size());
    for (var e : KEYS.entrySet()) {
      for (var value : e.getValue().valid()) {
        for (int tried = 0; tried < rows.size(); tried++) {
          Row row = rows.get((next + tried) % rows.size());
          var put = value.apply(row);
          if (put != null && put.keySet().stream().noneMatch(row.o::containsKey)) {
            row.o.putAll(put);
            next = (next + tried + 1) % rows.size();
            break;
          }
        }
      }
    }
    rows.add(networkOnly);
    var out = new ArrayList<Case>();
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      sizeCollection(row, random);
      out.add(
          new Case(
              i,
              row.stack(),
              Collections.unmodifiableMap(row.o),
              Set.copyOf(row.secrets),
              Map.copyOf(row.levels)));
    }
    return out;
  }

  private static void applyFactors(Row r, Random random) {
    var o = r.o;
    o.put(TIER.key(), r.levels.get(Factor.TIER));
    String topology = r.levels.get(Factor.TOPOLOGY);
    boolean v26 = topology.startsWith("v2.6");
    o.put(
        MILVUS_VERSION.key(),
        v26 ? "v2.6." + random.nextInt(5) : "v2.5." + (10 + random.nextInt(7)));
    o.put(MESSAGE_QUEUE.key(), topology.endsWith("woodpecker") ? "woodpecker" : "pulsar");
    if (!r.prod()) {
      // dev's own overrides name one topology's components; match them to the version drawn
      o.put(
          MILVUS_COMPONENTS.key(),
          v26
              ? "{\"proxy\":{\"replicas\":1,\"cpu\":\"1\",\"memory\":\"2Gi\"},\"queryNode\":{\"replicas\":2,\"cpu\":\"1\",\"memory\":\"12Gi\"}}"
              : "{\"queryNode\":{\"replicas\":2,\"cpu\":\"1\",\"memory\":\"12Gi\"}}");
    }
    var zones = new ArrayList<>(ZONE_IDS);
    if (r.is(Factor.ZONES, "two")) {
      r.droppedZone = zones.remove(random.nextInt(3));
      o.put(ACKNOWLEDGE_TWO_ZONES.key(), "true");
    }
    o.put(AVAILABILITY_ZONE_IDS.key(), json(zones));
    switch (r.levels.get(Factor.PLATFORM)) {
      case "nat" -> {
        o.put(INTERNET_EGRESS.key(), "nat");
        o.put(NAT_GATEWAY_PER_ZONE.key(), "true");
      }
      case "landing-zone" -> {
        o.put(EXISTING_VPC_ID.key(), "vpc-0a1b2c3d4e5f60718");
        var subnets = new LinkedHashMap<String, String>();
        zones.forEach(z -> subnets.put(z, SUBNETS.get(z)));
        o.put(EXISTING_PRIVATE_SUBNET_IDS.key(), jsonMap(subnets));
        o.put(AWS_ENDPOINT_CIDRS.key(), "[\"10.1.250.0/26\",\"10.1.250.64/26\"]");
        o.put(VPC_CIDR.key(), null);
      }
      case "existing-cluster" -> {
        o.put(EXISTING_CLUSTER_KUBECONFIG.key(), KUBECONFIG);
        r.secrets.add(EXISTING_CLUSTER_KUBECONFIG.key());
        o.put(
            EXISTING_CLUSTER_OIDC_PROVIDER_ARN.key(),
            "arn:aws:iam::"
                + r.account()
                + ":oidc-provider/oidc.eks.me-central-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF");
        o.put(AWS_ENDPOINT_CIDRS.key(), "[\"10.1.250.0/26\"]");
        for (var k :
            List.of(
                INTERNET_EGRESS,
                NAT_GATEWAY_PER_ZONE,
                ADMIN_PRINCIPAL_ARNS,
                ENDPOINT_PUBLIC_ACCESS,
                PUBLIC_ACCESS_CIDRS,
                API_ACCESS_CIDRS,
                VPC_CIDR,
                EKS_VERSION,
                ADDON_VERSIONS)) {
          o.put(k.key(), null);
        }
      }
      default -> {}
    }
    switch (r.levels.get(Factor.MONITORING)) {
      case "off" -> o.put(MONITORING.key(), "false");
      default -> {
        o.put(MONITORING.key(), "true");
        o.put(MONITORING_STACK.key(), r.levels.get(Factor.MONITORING));
      }
    }
    switch (r.levels.get(Factor.TLS)) {
      case "bank-cluster-issuer" -> {
        o.put(TLS_ISSUER.key(), "ClusterIssuer/bank-pki");
        o.put(CERT_MANAGER.key(), "existing");
      }
      case "bank-issuer" -> {
        o.put(TLS_ISSUER.key(), "Issuer/bank-pki");
        o.put(CERT_MANAGER.key(), "install");
      }
      default -> {}
    }
    switch (r.levels.get(Factor.AUDIT)) {
      case "stack-named" -> {
        o.put(OBJECT_AUDIT.key(), "stack");
        o.put(AUDIT_BUCKET_NAME.key(), "nomadx-audit-" + r.account() + "-me-central-1");
      }
      case "organization" -> o.put(OBJECT_AUDIT.key(), "organization");
      default -> {}
    }
    o.put(NODE_POOLS.key(), generalPool(""));
  }

  /** Declare a collection the QueryNodes hold, even after the worst zone's loss in prod. */
  private static void sizeCollection(Row r, Random random) {
    var o = r.o;
    int zones = r.is(Factor.ZONES, "two") ? 2 : 3;
    o.put(COLLECTION.key(), "{\"vectors\": 1000000}");
    var settings = SettingsParser.parse(new Case(-1, r.stack(), o, r.secrets, r.levels).config());
    var queryNode = settings.milvus().components().get("queryNode");
    int nodes = queryNode.replicas();
    if (r.prod()) {
      nodes -= ZoneShares.largest(queryNode.replicas(), zones);
    }
    // Each QueryNode can use no more than its pod limit: scale the model's per-node answer down.
    String type = settings.nodePools().queryNode().instanceTypes().get(0);
    var verdict =
        new CapacityModel()
            .check(
                settings.milvus().collection().workload(),
                type,
                Math.max(nodes, 1),
                Quantities.bytes(queryNode.memory()));
    long vectors =
        Math.max(1_000_000L, (long) (verdict.maxVectors() * (0.2 + 0.6 * random.nextDouble())));
    o.put(COLLECTION.key(), "{\"vectors\": " + vectors + "}");
  }

  // ---- invalid configs -------------------------------------------------------------------------

  /** Every mutation of every key, each applied to a valid config chosen by the seed. */
  static List<BadCase> invalid() {
    var bases = valid().stream().filter(c -> !c.networkOnly()).toList();
    var random = new Random(SEED + 2);
    var out = new ArrayList<BadCase>();
    var all = new ArrayList<Bad>();
    KEYS.values().forEach(k -> all.addAll(k.bad()));
    all.addAll(drawnMutations());
    for (Bad bad : all) {
      var fitting = bases.stream().filter(bad::fits).toList();
      Case base = fitting.get(random.nextInt(fitting.size()));
      var o = new HashMap<>(base.overrides());
      o.putAll(bad.overrides());
      out.add(
          new BadCase(
              new Case(base.index(), base.stack(), o, base.secretKeys(), base.levels()), bad));
    }
    return out;
  }

  static String json(List<String> values) {
    return "[" + String.join(",", values.stream().map(v -> "\"" + v + "\"").toList()) + "]";
  }

  private static String jsonMap(Map<String, String> values) {
    return "{"
        + String.join(
            ",",
            values.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                .toList())
        + "}";
  }
}
