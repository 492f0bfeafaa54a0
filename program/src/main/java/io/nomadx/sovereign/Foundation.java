package io.nomadx.sovereign;

import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.inputs.ProviderDefaultTagsArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.nomadx.sovereign.audit.ObjectAuditTrail;
import io.nomadx.sovereign.cluster.Addons;
import io.nomadx.sovereign.cluster.EksCluster;
import io.nomadx.sovereign.cluster.KubernetesAccess;
import io.nomadx.sovereign.cluster.NodePool;
import io.nomadx.sovereign.config.NodePoolSettings;
import io.nomadx.sovereign.config.Settings;
import io.nomadx.sovereign.identity.Actions;
import io.nomadx.sovereign.identity.ClusterRoles;
import io.nomadx.sovereign.identity.Grantee;
import io.nomadx.sovereign.identity.Keys;
import io.nomadx.sovereign.identity.ServiceAccountRole;
import io.nomadx.sovereign.network.ExistingNetwork;
import io.nomadx.sovereign.network.Network;
import io.nomadx.sovereign.storage.SegmentBucket;
import io.nomadx.sovereign.storage.StorageClasses;
import io.nomadx.sovereign.support.Children;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS side of the platform and the Kubernetes storage it offers, wired in dependency order:
 * roles → keys → network → cluster → add-ons (with their IRSA roles) and node pools → bucket →
 * Kubernetes provider → storage classes. Workloads on top get their IRSA identities from {@link
 * #addServiceAccount}. Everything runs through two explicit providers, given to each component in
 * its options ({@link Children#using}) and inherited by its children.
 */
public final class Foundation {
  public final com.pulumi.kubernetes.Provider kubernetes;

  /**
   * The network the stack creates; absent on an existing cluster (settings' {@code
   * cluster().existing()}), as is {@link #cluster}, and in a landing zone's VPC ({@link
   * #existingNetwork}).
   */
  public final Optional<Network> network;

  /**
   * A landing zone's VPC and subnets (settings' {@code network().existing()}), checked against AWS
   * at preview and up.
   */
  public final Optional<ExistingNetwork> existingNetwork;

  /**
   * Where pods reach AWS's APIs (the VPC interface endpoints' subnets): the created network's
   * endpoint subnets, or the landing zone's or existing cluster's as configured.
   */
  public final List<String> awsEndpointCidrs;

  /** The VPC and private subnets the cluster and node groups use; null on an existing cluster. */
  private final Output<String> vpcId;

  private final Output<List<String>> privateSubnetIds;
  public final Keys keys;
  public final Optional<EksCluster> cluster;
  public final Output<String> clusterName;

  /** The cluster's IAM OIDC provider and issuer, which every IRSA role trusts. */
  private final Oidc oidc;

  public final SegmentBucket bucket;

  /**
   * The cluster and node roles; absent on an existing cluster, whose control plane and nodes have
   * theirs.
   */
  public final Optional<ClusterRoles> roles;

  /** The stack's one AWS provider: region and account pinned. */
  private final Provider aws;

  /** IRSA roles are named {@code <cluster name>-<workload>}. */
  private final String roleNamePrefix;

  public final ServiceAccountRole ebsCsiRole;
  public final Output<String> kubeconfig;
  public final List<NodePool> nodePools;
  public final StorageClasses storageClasses;

  /**
   * The AWS provider and what every stack needs first: the keys, and the cluster roles where the
   * stack creates a cluster (the cluster key's policy names the cluster role). {@code of} takes
   * which roles to create, or none for an existing cluster.
   */
  private record Base(
      Provider aws, Optional<ClusterRoles> roles, Keys keys, String auditTrailName) {
    static Base of(Settings s, Optional<ClusterRoles.Args> roleArgs) {
      var clusterSettings = s.cluster();
      String region = s.region().name();
      // The only AWS provider: region and account pinned, tags on everything it creates.
      var aws =
          new Provider(
              "aws-" + region,
              ProviderArgs.builder()
                  .region(region)
                  .allowedAccountIds(s.accountId())
                  .defaultTags(ProviderDefaultTagsArgs.builder().tags(s.tags()).build())
                  .build());
      var onAws = Children.using(aws);
      var roles = roleArgs.map(args -> new ClusterRoles("roles", args, onAws));
      var audit = s.storage().objectAudit();
      String auditTrailName = clusterSettings.name() + "-segments-audit";
      var auditTrailArn =
          audit.stackTrail()
              ? Optional.of(ObjectAuditTrail.arnOf(region, s.accountId(), auditTrailName))
              : Optional.<String>empty();
      var keys =
          new Keys(
              "keys",
              new Keys.Args(
                  s.accountId(),
                  region,
                  clusterSettings.name(),
                  roles.map(r -> r.clusterRoleArn),
                  auditTrailArn),
              onAws);
      return new Base(aws, roles, keys, auditTrailName);
    }
  }

  private static Network createdNetwork(Settings s, Base base) {
    return new Network(
        "network",
        new Network.Args(
            s.cluster().name(),
            s.network().vpcCidr(),
            s.region(),
            s.zoneIds(),
            s.network().internetEgress(),
            s.network().natPerZone(),
            s.network().flowLogRetentionDays(),
            s.accountId(),
            base.keys().clusterKeyArn),
        Children.using(base.aws()));
  }

  /**
   * The first `pulumi up` of a first-ever deploy (config {@code bootstrapNetworkOnly}): the network
   * the stack creates, with the roles and keys it needs, and nothing private yet, so it can run
   * from outside the VPC before an in-VPC runner exists. Registered exactly as the full program
   * registers them, so the full `up` afterwards creates the rest and leaves these unchanged. The
   * network needs the cluster key (flow logs), whose policy names the cluster role; nothing here
   * uses the node role, which the full `up` creates for the node groups. Returns the stack outputs.
   */
  public static Map<String, Output<?>> networkOnly(Settings s) {
    var base = Base.of(s, Optional.of(new ClusterRoles.Args(s.cluster().name(), false)));
    var net = createdNetwork(s, base);
    var m = new java.util.LinkedHashMap<String, Output<?>>();
    m.put("clusterKeyArn", base.keys().clusterKeyArn);
    m.put("dataKeyArn", base.keys().dataKeyArn);
    m.put("vpcId", net.vpcId);
    m.put("privateSubnetIds", net.privateSubnetIds);
    m.put("publicSubnetIds", net.publicSubnetIds);
    return m;
  }

  public Foundation(Settings s) {
    var clusterSettings = s.cluster();
    String region = s.region().name();
    var existing = clusterSettings.existing();
    // An existing cluster's control plane and nodes run under the platform team's roles.
    var base =
        Base.of(
            s,
            existing.isPresent()
                ? Optional.empty()
                : Optional.of(new ClusterRoles.Args(clusterSettings.name(), true)));
    this.aws = base.aws();
    this.roleNamePrefix = clusterSettings.name() + "-";
    var onAws = Children.using(aws);
    this.roles = base.roles();
    this.keys = base.keys();
    var audit = s.storage().objectAudit();
    String auditTrailName = base.auditTrailName();
    if (existing.isPresent()) {
      // A cluster the platform team already runs: its network, add-ons and nodes are theirs.
      this.network = Optional.empty();
      this.existingNetwork = Optional.empty();
      this.vpcId = null;
      this.privateSubnetIds = null;
      this.cluster = Optional.empty();
      this.oidc =
          new Oidc(
              Output.of(existing.get().oidcProviderArn()),
              Output.of(existing.get().oidcIssuerUrl()));
      this.clusterName = Output.of(clusterSettings.name());
      this.awsEndpointCidrs = s.network().awsEndpointCidrs();
    } else {
      var landingZone = s.network().existing();
      if (landingZone.isPresent()) {
        // A landing zone's VPC: the cluster and nodes go into its subnets, the stack creates no
        // network.
        var given =
            new ExistingNetwork(
                "network",
                new ExistingNetwork.Args(
                    landingZone.get().vpcId(), landingZone.get().subnetsByZone(), s.project()),
                onAws);
        this.network = Optional.empty();
        this.existingNetwork = Optional.of(given);
        this.vpcId = given.vpcId;
        this.privateSubnetIds = given.privateSubnetIds;
      } else {
        var net = createdNetwork(s, base);
        this.network = Optional.of(net);
        this.existingNetwork = Optional.empty();
        this.vpcId = net.vpcId;
        this.privateSubnetIds = net.privateSubnetIds;
      }
      this.awsEndpointCidrs =
          network.map(net -> net.endpointSubnetCidrs).orElse(s.network().awsEndpointCidrs());
      var eks =
          new EksCluster(
              "eks",
              new EksCluster.Args(
                  clusterSettings,
                  roles.orElseThrow().clusterRoleArn,
                  keys.clusterKeyArn,
                  privateSubnetIds),
              onAws);
      this.cluster = Optional.of(eks);
      this.oidc = new Oidc(eks.oidcProviderArn, eks.oidcIssuerUrl);
      this.clusterName = eks.clusterName;
    }

    var vpcCniRole =
        existing.isPresent()
            ? null
            : irsa(
                "vpc-cni",
                roleNamePrefix + "vpc-cni",
                "kube-system",
                "aws-node",
                List.of(Actions.EKS_CNI_POLICY),
                Optional.empty(),
                Optional.empty(),
                onAws);
    // On an existing cluster the role is still made, for its EBS CSI controller to use with the
    // data key.
    var ebsCsi = new Grantee();
    keys.grantDataKeyForVolumes(ebsCsi);
    this.ebsCsiRole =
        irsa(
            "ebs-csi",
            roleNamePrefix + "ebs-csi",
            "kube-system",
            "ebs-csi-controller-sa",
            List.of(Actions.EBS_CSI_POLICY),
            Optional.of(ebsCsi.policy()),
            Optional.empty(),
            onAws);

    var pools = new ArrayList<NodePool>();
    if (existing.isEmpty()) {
      var eks = cluster.orElseThrow();
      var addonArgs =
          new Addons.Args(
              eks.clusterName,
              clusterSettings.addonVersions(),
              vpcCniRole.roleArn,
              ebsCsiRole.roleArn);
      var addons = new Addons("addons", addonArgs, onAws);
      for (NodePoolSettings pool : s.nodePools().all()) {
        pools.add(
            new NodePool(
                clusterSettings.name() + "-" + pool.role().resourceName(),
                new NodePool.Args(
                    pool,
                    eks.clusterName,
                    clusterSettings.version(),
                    roles.orElseThrow().nodeRoleArn.orElseThrow(),
                    privateSubnetIds,
                    keys.dataKeyArn,
                    addons.networking),
                onAws));
      }
      addons.installAfterNodes("addons", addonArgs, new ArrayList<Resource>(pools));
    }
    this.nodePools = List.copyOf(pools);

    this.bucket =
        new SegmentBucket("segments", new SegmentBucket.Args(s.storage(), keys.dataKeyArn), onAws);
    audit
        .trailBucketName()
        .ifPresent(
            auditBucket ->
                new ObjectAuditTrail(
                    "segments-audit",
                    new ObjectAuditTrail.Args(
                        auditTrailName,
                        auditBucket,
                        region,
                        s.accountId(),
                        bucket.bucketArn,
                        keys.clusterKeyArn,
                        audit.retentionDays()),
                    onAws));

    this.kubeconfig =
        existing.isPresent()
            ? Output.ofSecret(existing.get().kubeconfig().reveal())
            : KubernetesAccess.kubeconfig(
                clusterName,
                cluster.orElseThrow().endpoint,
                cluster.orElseThrow().certificateAuthority,
                region);
    // Kubernetes objects wait for nodes: a provider that connects before any node exists can
    // create objects but nothing would run them.
    this.kubernetes =
        KubernetesAccess.provider(
            "kubernetes",
            kubeconfig,
            CustomResourceOptions.builder()
                .dependsOn(new ArrayList<Resource>(nodePools))
                .version(KubernetesAccess.PLUGIN_VERSION)
                .build());
    this.storageClasses =
        new StorageClasses(
            "storage-classes",
            new StorageClasses.Args(keys.dataKeyArn),
            Children.using(kubernetes));
  }

  /**
   * An IRSA identity for a workload of this stack, on this cluster: its role, trusted by the
   * cluster's OIDC provider, and its ServiceAccount annotated with the role (the AWS CDK's {@code
   * cluster.addServiceAccount}). Named {@code <name>-irsa}; the role is {@code <cluster>-<name>}.
   */
  public ServiceAccountRole addServiceAccount(
      String name,
      String namespace,
      String serviceAccount,
      Output<String> permissions,
      ServiceAccountRole.KubernetesServiceAccount kubernetesSide) {
    return irsa(
        name,
        roleNamePrefix + name,
        namespace,
        serviceAccount,
        List.of(),
        Optional.of(permissions),
        Optional.of(kubernetesSide),
        Children.using(aws, kubernetes));
  }

  private ServiceAccountRole irsa(
      String name,
      String roleName,
      String namespace,
      String serviceAccount,
      List<String> managed,
      Optional<Output<String>> inline,
      Optional<ServiceAccountRole.KubernetesServiceAccount> kubernetesSide,
      ComponentResourceOptions providers) {
    return new ServiceAccountRole(
        name + "-irsa",
        new ServiceAccountRole.Args(
            roleName,
            namespace,
            serviceAccount,
            oidc.providerArn(),
            oidc.issuerUrl(),
            managed,
            inline,
            kubernetesSide),
        providers);
  }

  private record Oidc(Output<String> providerArn, Output<String> issuerUrl) {}

  /** Stack outputs, in one place. The kubeconfig is secret. */
  public Map<String, Output<?>> outputs() {
    var m = new java.util.LinkedHashMap<String, Output<?>>();
    m.put("clusterName", clusterName);
    cluster.ifPresent(eks -> m.put("clusterEndpoint", eks.endpoint));
    m.put("oidcIssuerUrl", oidc.issuerUrl());
    m.put("kubeconfig", kubeconfig);
    m.put("bucketName", bucket.bucketName);
    m.put("clusterKeyArn", keys.clusterKeyArn);
    m.put("dataKeyArn", keys.dataKeyArn);
    m.put("ebsCsiRoleArn", ebsCsiRole.roleArn);
    roles.flatMap(r -> r.nodeRoleArn).ifPresent(arn -> m.put("nodeRoleArn", arn));
    if (vpcId != null) {
      m.put("vpcId", vpcId);
      m.put("privateSubnetIds", privateSubnetIds);
    }
    network.ifPresent(net -> m.put("publicSubnetIds", net.publicSubnetIds));
    return m;
  }
}
