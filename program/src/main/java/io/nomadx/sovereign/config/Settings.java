package io.nomadx.sovereign.config;

import java.util.List;
import java.util.Map;

/**
 * A stack's whole configuration, read once and validated. Components receive slices of it and never
 * read config themselves.
 */
public record Settings(
    String project,
    String stack,
    Environment environment,
    Region region,
    String accountId,
    List<String> zoneIds,
    NetworkSettings network,
    ClusterSettings cluster,
    NodePools nodePools,
    StorageSettings storage,
    WorkloadSettings workloads,
    Map<String, String> tags,
    String tier,
    String policyPackConfig,
    MilvusSettings milvus,
    CostAssumptions costAssumptions) {

  public Settings {
    zoneIds = List.copyOf(zoneIds);
    tags = Map.copyOf(tags);
  }

  /** The slice the Milvus resource and milvus-backup read besides {@link #milvus()}. */
  public MilvusPlacement milvusPlacement() {
    return new MilvusPlacement(region.name(), zoneIds.size(), workloads, storage);
  }

  /**
   * VPC layout. With {@code internetEgress} false there is no route to the internet at all: no
   * internet gateway, NAT or public subnet; {@code natPerZone} then means nothing. With {@code
   * existing}, a landing zone's VPC: the stack creates no network, and the other fields mean
   * nothing. {@code bootstrapNetworkOnly}: the program registers the created network (and the roles
   * and keys it needs) and nothing else, for the first `up` of a first-ever deploy. {@code
   * awsEndpointCidrs}: where a landing zone's (or an existing cluster's) VPC interface endpoints
   * live; empty when the stack creates its network, whose own endpoint subnets are used ({@code
   * network.SubnetLayout}).
   */
  public record NetworkSettings(
      String vpcCidr,
      boolean internetEgress,
      boolean natPerZone,
      int flowLogRetentionDays,
      java.util.Optional<ExistingNetwork> existing,
      boolean bootstrapNetworkOnly,
      List<String> awsEndpointCidrs) {
    public NetworkSettings {
      awsEndpointCidrs = List.copyOf(awsEndpointCidrs);
    }
  }

  /**
   * A VPC and its private subnets that a landing zone provides, one subnet per configured zone.
   *
   * @param subnetsByZone AZ ID to subnet id, in the stack's zone order (the region's order)
   */
  public record ExistingNetwork(String vpcId, Map<String, String> subnetsByZone) {
    public ExistingNetwork {
      subnetsByZone =
          java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(subnetsByZone));
    }

    /** The subnet ids in zone order: what the cluster and every node group use. */
    public List<String> subnetIds() {
      return List.copyOf(subnetsByZone.values());
    }
  }

  /**
   * The EKS control plane and who may administer it; or, with {@code existing}, the cluster the
   * platform team already runs (then the stack creates no VPC, cluster, add-ons or node groups).
   */
  public record ClusterSettings(
      String name,
      String version,
      boolean endpointPublicAccess,
      List<String> publicAccessCidrs,
      List<String> apiAccessCidrs,
      List<String> adminPrincipalArns,
      int logRetentionDays,
      Map<String, String> addonVersions,
      java.util.Optional<ExistingCluster> existing) {
    public ClusterSettings {
      publicAccessCidrs = List.copyOf(publicAccessCidrs);
      apiAccessCidrs = List.copyOf(apiAccessCidrs);
      adminPrincipalArns = List.copyOf(adminPrincipalArns);
      addonVersions = Map.copyOf(addonVersions);
    }
  }

  /**
   * A cluster the stack deploys onto rather than creates.
   *
   * @param kubeconfig how to reach its API (a Pulumi secret; its text never reaches a log)
   * @param oidcProviderArn its IAM OIDC provider, which the IRSA roles trust
   * @param oidcIssuerUrl the issuer that provider stands for ({@code https://} + the ARN's provider
   *     path)
   */
  public record ExistingCluster(
      MilvusSettings.Secret kubeconfig, String oidcProviderArn, String oidcIssuerUrl) {}

  /** The three managed node groups. */
  public record NodePools(
      NodePoolSettings system, NodePoolSettings general, NodePoolSettings queryNode) {
    public List<NodePoolSettings> all() {
      return List.of(system, general, queryNode);
    }
  }

  /**
   * The segment bucket and its prefixes: Milvus's data, milvus-backup's backups, and Milvus's
   * access log (kept {@code accessLogRetentionDays}, the stack's log retention).
   */
  public record StorageSettings(
      String bucketName,
      String dataPrefix,
      String backupPrefix,
      String accessLogPrefix,
      int backupArchiveAfterDays,
      int noncurrentVersionDays,
      int accessLogRetentionDays,
      ObjectAudit objectAudit) {}

  /**
   * Object-level audit of the segment bucket: a trail of the stack's own (its log bucket named
   * here), or an organisation trail that already records this account's S3 data events (none).
   */
  public record ObjectAudit(java.util.Optional<String> trailBucketName, int retentionDays) {
    public boolean stackTrail() {
      return trailBucketName.isPresent();
    }
  }

  /**
   * Where Milvus is placed: the region whose S3 endpoint it uses, how many zones its pods spread
   * over, the namespace and service accounts it runs as, and its prefixes of the segment bucket.
   */
  public record MilvusPlacement(
      String region, int zoneCount, WorkloadSettings workloads, StorageSettings storage) {}

  /** Where Milvus and its backup job run, for the IRSA trust policies. */
  public record WorkloadSettings(
      String milvusNamespace, String milvusServiceAccount, String backupServiceAccount) {}
}
