package io.nomadx.sovereign.cluster;

import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.eks.AccessEntry;
import com.pulumi.aws.eks.AccessEntryArgs;
import com.pulumi.aws.eks.AccessPolicyAssociation;
import com.pulumi.aws.eks.AccessPolicyAssociationArgs;
import com.pulumi.aws.eks.Cluster;
import com.pulumi.aws.eks.ClusterArgs;
import com.pulumi.aws.eks.inputs.AccessPolicyAssociationAccessScopeArgs;
import com.pulumi.aws.eks.inputs.ClusterAccessConfigArgs;
import com.pulumi.aws.eks.inputs.ClusterEncryptionConfigArgs;
import com.pulumi.aws.eks.inputs.ClusterEncryptionConfigProviderArgs;
import com.pulumi.aws.eks.inputs.ClusterVpcConfigArgs;
import com.pulumi.aws.eks.outputs.ClusterIdentity;
import com.pulumi.aws.iam.OpenIdConnectProvider;
import com.pulumi.aws.iam.OpenIdConnectProviderArgs;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import com.pulumi.core.Alias;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import io.nomadx.sovereign.config.Settings;
import io.nomadx.sovereign.identity.Actions;
import io.nomadx.sovereign.support.Children;
import java.util.List;
import java.util.Map;

/**
 * The EKS control plane, composed from aws.eks resources: a pinned version, a private API endpoint,
 * secrets envelope-encrypted with the cluster key, all control-plane logs to an encrypted log group
 * created first, access entries for the admins, and the OIDC provider for IRSA.
 */
public final class EksCluster extends ComponentResource {
  /** Every control-plane log type EKS offers (EKS docs, "Control plane logging"). */
  public static final List<String> LOG_TYPES =
      List.of("api", "audit", "authenticator", "controllerManager", "scheduler");

  public final Output<String> clusterName;
  public final Output<String> endpoint;
  public final Output<String> certificateAuthority;
  public final Output<String> oidcIssuerUrl;
  public final Output<String> oidcProviderArn;
  public final Output<String> clusterSecurityGroupId;
  public final Output<String> version;

  public record Args(
      Settings.ClusterSettings settings,
      Output<String> roleArn,
      Output<String> secretsKeyArn,
      Output<List<String>> subnetIds) {}

  /**
   * `arn:aws:iam::111111111111:role/ops/admin` → `111111111111-role-ops-admin`: stable, unique per
   * principal.
   */
  static String principalKey(String principalArn) {
    String[] parts = principalArn.split(":", 6);
    return (parts[4] + "-" + parts[5]).replaceAll("[^A-Za-z0-9_.@=,+-]", "-");
  }

  public EksCluster(String name, Args args, ComponentResourceOptions options) {
    super("sovereign:cluster:EksCluster", name, options);
    var s = args.settings();

    // EKS writes to /aws/eks/<cluster>/cluster; creating it first lets us set the key and retention
    // before EKS would create an unencrypted, never-expiring one.
    var logGroup =
        new LogGroup(
            name + "-control-plane-logs",
            LogGroupArgs.builder()
                .name("/aws/eks/" + s.name() + "/cluster")
                .kmsKeyId(args.secretsKeyArn())
                .retentionInDays(s.logRetentionDays())
                .build(),
            Children.stateful(this));

    var cluster =
        new Cluster(
            name,
            ClusterArgs.builder()
                .name(s.name())
                .version(s.version())
                .roleArn(args.roleArn())
                .vpcConfig(
                    ClusterVpcConfigArgs.builder()
                        .subnetIds(args.subnetIds())
                        .endpointPrivateAccess(true)
                        .endpointPublicAccess(s.endpointPublicAccess())
                        .publicAccessCidrs(
                            s.endpointPublicAccess() ? s.publicAccessCidrs() : List.of())
                        .build())
                .encryptionConfig(
                    ClusterEncryptionConfigArgs.builder()
                        .resources("secrets")
                        .provider(
                            ClusterEncryptionConfigProviderArgs.builder()
                                .keyArn(args.secretsKeyArn())
                                .build())
                        .build())
                .enabledClusterLogTypes(LOG_TYPES)
                // API-only authentication (no aws-auth ConfigMap); the creator gets no hidden admin
                // entry: admins are listed in config and visible in the plan. Both are one-way
                // choices.
                .accessConfig(
                    ClusterAccessConfigArgs.builder()
                        .authenticationMode("API")
                        .bootstrapClusterCreatorAdminPermissions(false)
                        .build())
                .bootstrapSelfManagedAddons(
                    false) // add-ons are managed, pinned EKS add-ons (Addons)
                .tags(Map.of("Name", s.name()))
                .build(),
            Children.stateful(this, logGroup));

    // One access entry per principal, named after it: EKS allows one entry per principal, so an
    // entry keyed by list position would be re-pointed at the next admin when one is removed and
    // collide with that admin's own entry. The alias adopts entries an earlier version named by
    // position (upgrade first, then change the list).
    for (int i = 0; i < s.adminPrincipalArns().size(); i++) {
      String principal = s.adminPrincipalArns().get(i);
      String entryName = name + "-admin-" + principalKey(principal);
      var byPosition =
          Children.builder(this)
              .aliases(Alias.builder().name(name + "-admin-" + i).build())
              .build();
      var entry =
          new AccessEntry(
              entryName,
              AccessEntryArgs.builder()
                  .clusterName(cluster.name())
                  .principalArn(principal)
                  .type("STANDARD")
                  .build(),
              byPosition);
      new AccessPolicyAssociation(
          entryName,
          AccessPolicyAssociationArgs.builder()
              .clusterName(cluster.name())
              .principalArn(entry.principalArn())
              .policyArn(Actions.EKS_CLUSTER_ADMIN_ACCESS)
              .accessScope(AccessPolicyAssociationAccessScopeArgs.builder().type("cluster").build())
              .build(),
          byPosition);
    }

    // The API is private: whoever runs `pulumi up` or kubectl reaches it from inside the VPC, or
    // from the private ranges named here (a VPN, the network of an in-VPC CI runner), through
    // the cluster security group EKS creates for the control plane's network interfaces. Keyed
    // by CIDR, so removing one range removes only its rule.
    Output<String> clusterSecurityGroup =
        cluster.vpcConfig().applyValue(v -> v.clusterSecurityGroupId().orElse(""));
    for (String cidr : s.apiAccessCidrs()) {
      new SecurityGroupIngressRule(
          name + "-api-from-" + cidr.replace('/', '-'),
          SecurityGroupIngressRuleArgs.builder()
              .securityGroupId(clusterSecurityGroup)
              .cidrIpv4(cidr)
              .ipProtocol("tcp")
              .fromPort(443)
              .toPort(443)
              .description("Kubernetes API from " + cidr)
              .build(),
          Children.of(this));
    }

    Output<String> issuer = cluster.identities().applyValue(EksCluster::issuerOf);
    var oidc =
        new OpenIdConnectProvider(
            name + "-oidc",
            OpenIdConnectProviderArgs.builder()
                .url(issuer)
                .clientIdLists("sts.amazonaws.com")
                .build(),
            Children.stateful(this));

    this.clusterName = cluster.name();
    this.endpoint = cluster.endpoint();
    this.certificateAuthority =
        cluster.certificateAuthority().applyValue(ca -> ca.data().orElse(""));
    this.oidcIssuerUrl = issuer;
    this.oidcProviderArn = oidc.arn();
    this.clusterSecurityGroupId =
        cluster.vpcConfig().applyValue(v -> v.clusterSecurityGroupId().orElse(""));
    this.version = cluster.version();
    registerOutputs(
        Map.of(
            "clusterName",
            clusterName,
            "endpoint",
            endpoint,
            "oidcIssuerUrl",
            oidcIssuerUrl,
            "oidcProviderArn",
            oidcProviderArn));
  }

  private static String issuerOf(List<ClusterIdentity> identities) {
    return identities.stream()
        .flatMap(i -> i.oidcs().stream())
        .map(o -> o.issuer().orElse(""))
        .filter(x -> !x.isEmpty())
        .findFirst()
        .orElse("");
  }
}
