package io.nomadx.sovereign.config;

import java.util.List;
import java.util.Map;

/**
 * The defaults the program computes with, each with the reason it is safe. Where config.schema.json
 * states a key's default too, a test keeps the two equal; lists of allowed values are read from the
 * schema, their one source.
 */
public final class Defaults {
  private Defaults() {}

  public static final String PROJECT = "sovereign-milvus";

  /** UAE region: the product exists to keep data here. */
  public static final String REGION = "me-central-1";

  /** Private, /16 leaves room for /19 node subnets whose pod IPs come from the VPC (VPC CNI). */
  public static final String VPC_CIDR = "10.40.0.0/16";

  /**
   * The AWS services a created network has interface endpoints for (why each: network/Network);
   * here so that preflight, which compiles only config and capacity, counts the same list.
   */
  public static final List<String> INTERFACE_ENDPOINTS =
      List.of("ecr.api", "ecr.dkr", "sts", "ec2", "logs", "kms", "eks", "s3");

  /**
   * A version in EKS standard support on 2026-11-24; pinned so an upgrade is always a reviewed
   * diff.
   */
  public static final String EKS_VERSION = "1.34";

  /** The versions config.schema.json allows for eksVersion. */
  public static final List<String> EKS_VERSIONS = ConfigSchema.allowedValues("eksVersion");

  /** A year of flow and control-plane logs: the retention most GCC audit regimes ask for. */
  public static final int LOG_RETENTION_DAYS = 365;

  /**
   * The values CloudWatch Logs accepts for retentionInDays (CloudWatch Logs API,
   * PutRetentionPolicy).
   */
  public static final List<Integer> LOG_RETENTION_ALLOWED =
      ConfigSchema.allowedNumbers("logRetentionDays");

  public static final String TIER = "small";

  /** The tiers config.schema.json allows; each has a preset in stacks/tiers. */
  public static final List<String> TIERS = ConfigSchema.allowedValues("tier");

  /**
   * EKS add-on versions, pinned so nodes never pick up an unreviewed build. Re-check with `aws eks
   * describe-addon-versions --kubernetes-version 1.34` before bumping the cluster.
   */
  public static final Map<String, String> ADDON_VERSIONS =
      Map.of(
          "vpc-cni", "v1.20.4-eksbuild.1",
          "coredns", "v1.12.3-eksbuild.1",
          "kube-proxy", "v1.34.0-eksbuild.2",
          "aws-ebs-csi-driver", "v1.48.0-eksbuild.2");

  /** Node pools: three nodes each so every pool has one node in each of three zones. */
  public static final NodePoolSettings SYSTEM_POOL =
      new NodePoolSettings(NodePoolSettings.Role.SYSTEM, List.of("m6i.large"), 3, 3, 6, 50);

  public static final NodePoolSettings GENERAL_POOL =
      new NodePoolSettings(NodePoolSettings.Role.GENERAL, List.of("m6i.2xlarge"), 3, 3, 9, 100);

  /** The guide's small tier runs QueryNodes on r6i.xlarge (memory-optimized, 32 GiB). */
  public static final NodePoolSettings QUERY_NODE_POOL =
      new NodePoolSettings(NodePoolSettings.Role.QUERY_NODE, List.of("r6i.xlarge"), 3, 3, 6, 100);

  /**
   * Bucket prefixes: Milvus writes under the data prefix, milvus-backup under the backup prefix.
   */
  public static final String DATA_PREFIX = "milvus";

  public static final String BACKUP_PREFIX = "backups";

  /**
   * Milvus's proxy access log (who called what, on which collection) is uploaded here, beside the
   * data it describes. Milvus may add to it but not read, change or delete it; the bucket's
   * lifecycle expires it after the stack's log retention.
   */
  public static final String ACCESS_LOG_PREFIX = "access-logs";

  /** Backups move to Glacier Instant Retrieval after this many days (the guide's 30). */
  public static final int BACKUP_ARCHIVE_AFTER_DAYS = 30;

  /** Old object versions are kept this long after being overwritten or deleted, then expired. */
  public static final int NONCURRENT_VERSION_DAYS = 90;

  public static final String MILVUS_NAMESPACE = "milvus";
  public static final String MILVUS_SERVICE_ACCOUNT = "milvus";
  public static final String BACKUP_SERVICE_ACCOUNT = "milvus-backup";

  /** Tag keys every resource carries (through the provider's default tags). */
  public static final List<String> REQUIRED_TAGS =
      List.of("owner", "environment", "data-classification", "residency");

  public static final List<String> DATA_CLASSIFICATIONS =
      ConfigSchema.texts(
          ConfigSchema.property("tags")
              .orElseThrow()
              .path("properties")
              .path("data-classification")
              .path("enum"));

  /** Milvus 2.5 keeps the guide's topology (separate coordinators, IndexNode, Pulsar). */
  public static final String MILVUS_VERSION = "v2.5.14";

  /**
   * Operator chart 1.3.8: the version of the CRD this project validates against (shared/schemas).
   */
  public static final String OPERATOR_CHART_VERSION = "1.3.8";

  /**
   * Requests (= limits, Guaranteed) of Pulsar's members that config does not size: ZooKeeper, the
   * proxy (one per broker, at most three) and autorecovery, plus the CPU of bookies and brokers
   * (their memory is `pulsar.bookieMemory` / `brokerMemory`).
   */
  public static final String PULSAR_ZOOKEEPER_CPU = "1";

  public static final String PULSAR_ZOOKEEPER_MEMORY = "2Gi";
  public static final String PULSAR_BOOKIE_CPU = "2";
  public static final String PULSAR_BROKER_CPU = "1";
  public static final String PULSAR_PROXY_CPU = "500m";
  public static final String PULSAR_PROXY_MEMORY = "1Gi";
  public static final int PULSAR_MAX_PROXIES = 3;
  public static final String PULSAR_AUTORECOVERY_CPU = "250m";
  public static final String PULSAR_AUTORECOVERY_MEMORY = "512Mi";

  /**
   * Charts can also come from a directory on the machine that runs `pulumi up` (an air-gapped
   * mirror synced into the deploy runner): Helm installs a chart archive from a path (Helm docs,
   * "helm install": "a path to a packaged chart").
   */
  public static final String CHART_DIRECTORY_HELP =
      "`file:///<absolute directory>` installs `<chart>-<version>.tgz` from that directory instead.";

  public static final String OPERATOR_CHART_REPOSITORY =
      "https://zilliztech.github.io/milvus-operator/";
  public static final String OPERATOR_NAMESPACE = "milvus-operator";

  /**
   * cert-manager, which issues Milvus's certificate: chart pinned
   * (../shared/charts/cert-manager-v1.21.1.tgz).
   */
  public static final String CERT_MANAGER = "install";

  public static final List<String> CERT_MANAGER_MODES = ConfigSchema.allowedValues("certManager");
  public static final String CERT_MANAGER_CHART_VERSION = "v1.21.1";
  public static final String CERT_MANAGER_CHART_REPOSITORY = "https://charts.jetstack.io";

  /**
   * What monitoring installs on the cluster: the Prometheus Operator CRDs only (chart
   * prometheus-operator-crds 31.0.1), the whole kube-prometheus-stack 88.5.3, or nothing.
   */
  public static final String MONITORING_STACK = "crds";

  public static final List<String> MONITORING_STACKS =
      ConfigSchema.allowedValues("monitoringStack");
  public static final String PROMETHEUS_CRDS_CHART_VERSION = "31.0.1";
  public static final String KUBE_PROMETHEUS_STACK_CHART_VERSION = "88.5.3";
  public static final String PROMETHEUS_CHART_REPOSITORY =
      "https://prometheus-community.github.io/helm-charts";

  /** milvus-backup v0.5.16: the newest; supports Milvus 2.5 and 2.6 (2.6 from v0.5.7). */
  public static final String BACKUP_IMAGE_TAG = "v0.5.16";

  /** etcd and Pulsar images as the Milvus Helm chart pins them. */
  public static final String ETCD_IMAGE_TAG = "3.5.18-r1";

  public static final String PULSAR_IMAGE_TAG = "3.0.7";
  public static final String TLS_SECRET_NAME = "milvus-tls";
  public static final String MONITORING_NAMESPACE = "monitoring";
  public static final String BACKUP_SCHEDULE = "0 2 * * *";
  public static final int READY_TIMEOUT_MINUTES = 30;

  /** Milvus's own default for common.retentionDuration: 5 days. */
  public static final int RETENTION_DURATION_SECONDS = 432_000;

  /** The guide's bookie fix: a 2 GiB journal file so write bursts do not exhaust it. */
  public static final int JOURNAL_MAX_SIZE_MB = 2048;

  /** The public default root password every Milvus ships with: never accepted. */
  public static final String PUBLIC_ROOT_PASSWORD = "Milvus";

  /**
   * What the monthly cost estimate assumes about usage (`costAssumptions`). Our estimates for a
   * cluster of this size, not measured or published figures; docs/cost.md says what each moves.
   * Control-plane logs: all five EKS log types, the audit log by far the largest, about 1 GiB a day
   * on a cluster of ten-odd nodes with operators watching it.
   */
  public static final CostAssumptions COST_ASSUMPTIONS =
      new CostAssumptions(
          1.0, // controlPlaneLogGiBPerDay
          0.5, // flowLogGiBPerDay: ALL traffic at 60 s aggregation, ~100 B a record
          50, // natProcessedGiBPerMonth: only dev has NAT; images and AWS APIs go through endpoints
          100, // endpointProcessedGiBPerMonth: ECR API, STS, EC2, Logs, KMS, EKS calls (image
          // layers use the free S3 gateway)
          10_000_000L, // objectReadsPerMonth: segment loads, searches that read from S3, compaction
          // reads
          1_000_000L, // objectWritesPerMonth: flushes, compaction, index builds, access-log uploads
          30); // backupsRetained: a month of nightly backups

  public static String imageRegistry(String accountId, String region) {
    return accountId + ".dkr.ecr." + region + ".amazonaws.com";
  }

  public static String clusterName(Environment env) {
    return "milvus-" + env.id();
  }

  /**
   * Bucket names are global: account and region make the default unique without a random suffix.
   */
  /**
   * Object-level audit: the stack's own CloudTrail trail, unless an organisation trail covers the
   * account.
   */
  public static final String OBJECT_AUDIT = "stack";

  public static final List<String> OBJECT_AUDIT_MODES = ConfigSchema.allowedValues("objectAudit");

  /** The audit trail's log bucket: in the region, beside the segment bucket. */
  public static String auditBucketName(Environment env, String accountId, String region) {
    return "milvus-" + env.id() + "-audit-" + accountId + "-" + region;
  }

  public static String bucketName(Environment env, String accountId, String region) {
    return "milvus-" + env.id() + "-" + accountId + "-" + region;
  }

  public static String policyPackConfig(String stack) {
    return "policies/config/" + stack + ".json";
  }
}
