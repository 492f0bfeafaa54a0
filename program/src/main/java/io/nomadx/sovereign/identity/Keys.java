package io.nomadx.sovereign.identity;

import static io.nomadx.sovereign.support.PolicyDocument.condition;
import static io.nomadx.sovereign.support.PolicyDocument.conditions;

import com.pulumi.aws.kms.Alias;
import com.pulumi.aws.kms.AliasArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import io.nomadx.sovereign.support.Children;
import io.nomadx.sovereign.support.PolicyDocument;
import io.nomadx.sovereign.support.PolicyDocument.Statement;
import java.util.List;
import java.util.Map;

/**
 * Two customer-managed keys: the cluster key (Kubernetes secrets, control-plane and flow logs) and
 * the data key (segment bucket, EBS volumes). Separate keys so revoking data access never breaks
 * the control plane and vice versa. Both rotate yearly, wait 30 days before deletion and are
 * protected: losing a key loses every byte encrypted under it.
 */
public final class Keys extends ComponentResource {
  /** KMS waits this long before deleting a scheduled key: the maximum, to allow recovery. */
  public static final int DELETION_WINDOW_DAYS = 30;

  public final Output<String> clusterKeyArn;
  public final Output<String> dataKeyArn;

  /**
   * @param clusterRoleArn the EKS control-plane role, which alone may use the cluster key for
   *     secrets; absent on a cluster the stack does not create (its secrets are not the stack's)
   * @param auditTrailArn the stack's object-audit trail, which encrypts its log files with the
   *     cluster key
   */
  public record Args(
      String accountId,
      String region,
      String clusterName,
      java.util.Optional<Output<String>> clusterRoleArn,
      java.util.Optional<String> auditTrailArn) {}

  public Keys(String name, Args args, ComponentResourceOptions options) {
    super("sovereign:identity:Keys", name, options);
    String root = "arn:aws:iam::" + args.accountId() + ":root";

    Output<java.util.Optional<String>> clusterRole =
        args.clusterRoleArn()
            .map(arn -> arn.applyValue(java.util.Optional::of))
            .orElse(Output.of(java.util.Optional.empty()));
    Output<String> clusterPolicy =
        clusterRole.applyValue(
            roleArn -> {
              var doc = PolicyDocument.create().add(admin(root));
              roleArn.ifPresent(
                  role ->
                      doc.add(
                              new Statement(
                                  "ClusterRoleEncryptsSecrets",
                                  "Allow",
                                  Map.of("AWS", role),
                                  List.of(
                                      "kms:Encrypt",
                                      "kms:Decrypt",
                                      "kms:DescribeKey",
                                      "kms:ListGrants"),
                                  List.of("*"),
                                  null))
                          .add(
                              new Statement(
                                  "ClusterRoleGrantsToEks",
                                  "Allow",
                                  Map.of("AWS", role),
                                  List.of("kms:CreateGrant"),
                                  List.of("*"),
                                  condition("Bool", "kms:GrantIsForAWSResource", "true"))));
              doc.add(
                  new Statement(
                      "CloudWatchLogsInRegion",
                      "Allow",
                      Map.of("Service", "logs." + args.region() + ".amazonaws.com"),
                      Actions.KMS_USE,
                      List.of("*"),
                      condition(
                          "ArnLike",
                          "kms:EncryptionContext:aws:logs:arn",
                          "arn:aws:logs:"
                              + args.region()
                              + ":"
                              + args.accountId()
                              + ":log-group:*")));
              return allowAuditTrail(args, doc).toJson();
            });

    // IAM principals of this account may use the data key only through S3 and EC2 in this region;
    // the roles that need it get IAM policies (IRSA, EBS CSI). A grant is only ever for an AWS
    // resource (EC2 volumes, S3 bucket keys), so no role can hand the key to anyone else.
    String dataPolicy =
        PolicyDocument.create()
            .add(admin(root))
            .add(
                new Statement(
                    "AccountUseViaS3AndEc2InRegion",
                    "Allow",
                    Map.of("AWS", root),
                    Actions.KMS_USE,
                    List.of("*"),
                    accountViaS3AndEc2(args)))
            .add(
                new Statement(
                    "AccountGrantsOnlyToAwsResources",
                    "Allow",
                    Map.of("AWS", root),
                    List.of("kms:CreateGrant"),
                    List.of("*"),
                    conditions(
                        accountViaS3AndEc2(args),
                        condition("Bool", "kms:GrantIsForAWSResource", "true"))))
            // Managed node groups launch through Auto Scaling, whose service-linked role must use
            // the key for CMK-encrypted root volumes, named in the key policy because its own
            // permissions exclude customer-managed keys (AWS EC2 Auto Scaling docs, "Required AWS
            // KMS key policy for use with encrypted volumes"). That role exists only after the
            // account's first Auto Scaling group, and KMS rejects a policy whose Principal names a
            // role that does not exist (MalformedPolicyDocumentException). So the principal is
            // "*" pinned by aws:PrincipalArn to exactly that role in this account: valid in an
            // empty account, effective as soon as EKS's first node group creates the role.
            .add(
                new Statement(
                    "AutoScalingEncryptsRootVolumes",
                    "Allow",
                    Map.of("AWS", "*"),
                    Actions.KMS_USE,
                    List.of("*"),
                    autoScalingRole(args)))
            .add(
                new Statement(
                    "AutoScalingGrantsToEc2",
                    "Allow",
                    Map.of("AWS", "*"),
                    List.of("kms:CreateGrant"),
                    List.of("*"),
                    conditions(
                        autoScalingRole(args),
                        condition("Bool", "kms:GrantIsForAWSResource", "true"))))
            .toJson();
    var clusterKey =
        key(name + "-cluster", "EKS secrets and logs of " + args.clusterName(), clusterPolicy);
    var dataKey =
        key(
            name + "-data",
            "Milvus segments and volumes of " + args.clusterName(),
            Output.of(dataPolicy));
    alias(name + "-cluster", "alias/" + args.clusterName() + "-cluster", clusterKey);
    alias(name + "-data", "alias/" + args.clusterName() + "-data", dataKey);

    this.clusterKeyArn = clusterKey.arn();
    this.dataKeyArn = dataKey.arn();
    registerOutputs(Map.of("clusterKeyArn", clusterKeyArn, "dataKeyArn", dataKeyArn));
  }

  /**
   * What a role needs to create and attach data-key-encrypted EBS volumes through EC2 (the EBS CSI
   * driver; AWS EBS CSI driver docs, "KMS key for encryption"): use of the key, and grants only for
   * AWS resources, so the role cannot hand the key to a principal of its own choosing. The key
   * policy adds that EC2 in this region must be the caller's path.
   */
  public void grantDataKeyForVolumes(Grantee who) {
    grants(who)
        .add(
            key ->
                List.of(
                    new Statement(
                        "UseDataKeyForVolumes", "Allow", null, Actions.KMS_USE, List.of(key), null),
                    new Statement(
                        "GrantDataKeyToVolumesOnly",
                        "Allow",
                        null,
                        List.of("kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"),
                        List.of(key),
                        condition("Bool", "kms:GrantIsForAWSResource", "true"))));
  }

  /**
   * What an S3 client needs of the data key for objects under SSE-KMS ({@link Actions#KMS_FOR_S3}:
   * GenerateDataKey to write, Decrypt to read and to finish multipart uploads). The key policy
   * admits the account's principals only through S3 and EC2 in this region.
   */
  public void grantDataKeyForS3(Grantee who) {
    grants(who)
        .add(
            key ->
                List.of(
                    new Statement(
                        "UseDataKey", "Allow", null, Actions.KMS_FOR_S3, List.of(key), null)));
  }

  private DataKeyGrants grants(Grantee who) {
    return who.grantsOf(this, () -> new DataKeyGrants(dataKeyArn));
  }

  /** One grantee's use of the data key, in the order granted. */
  private static final class DataKeyGrants implements Grantee.Grants {
    private final Output<String> dataKeyArn;
    private final List<java.util.function.Function<String, List<Statement>>> grants =
        new java.util.ArrayList<>();

    DataKeyGrants(Output<String> dataKeyArn) {
      this.dataKeyArn = dataKeyArn;
    }

    void add(java.util.function.Function<String, List<Statement>> grant) {
      grants.add(grant);
    }

    @Override
    public Output<List<Statement>> statements() {
      var each = List.copyOf(grants);
      return dataKeyArn.applyValue(
          key -> each.stream().flatMap(g -> g.apply(key).stream()).toList());
    }
  }

  /**
   * The object-audit trail encrypts its log files with the cluster key, for itself only (AWS
   * CloudTrail User Guide, "Configure AWS KMS key policies for CloudTrail": aws:SourceArn and the
   * aws:cloudtrail:arn encryption context); the account's principals, with IAM permission, may
   * decrypt them to read the audit log.
   */
  private static PolicyDocument allowAuditTrail(Args args, PolicyDocument doc) {
    args.auditTrailArn()
        .ifPresent(
            trail -> {
              String cloudtrail = "cloudtrail.amazonaws.com";
              String context = "kms:EncryptionContext:aws:cloudtrail:arn";
              String accountTrails =
                  "arn:aws:cloudtrail:" + args.region() + ":" + args.accountId() + ":trail/*";
              doc.add(
                      new Statement(
                          "CloudTrailEncryptsAuditLogs",
                          "Allow",
                          Map.of("Service", cloudtrail),
                          List.of("kms:GenerateDataKey*"),
                          List.of("*"),
                          conditions(
                              condition("StringEquals", "aws:SourceArn", trail),
                              condition("StringLike", context, accountTrails))))
                  .add(
                      new Statement(
                          "CloudTrailDescribesKey",
                          "Allow",
                          Map.of("Service", cloudtrail),
                          List.of("kms:DescribeKey"),
                          List.of("*"),
                          condition("StringEquals", "aws:SourceArn", trail)))
                  .add(
                      new Statement(
                          "AccountReadsAuditLogs",
                          "Allow",
                          Map.of("AWS", "arn:aws:iam::" + args.accountId() + ":root"),
                          List.of("kms:Decrypt"),
                          List.of("*"),
                          conditions(
                              condition("StringEquals", "kms:CallerAccount", args.accountId()),
                              condition("StringLike", context, accountTrails))));
            });
    return doc;
  }

  /**
   * The EC2 Auto Scaling service-linked role of this account, by ARN in a condition (see above).
   */
  public static String autoScalingRoleArn(String accountId) {
    return "arn:aws:iam::"
        + accountId
        + ":role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling";
  }

  private static Map<String, Map<String, Object>> autoScalingRole(Args args) {
    return conditions(
        condition("StringEquals", "aws:PrincipalArn", autoScalingRoleArn(args.accountId())),
        condition("StringEquals", "kms:CallerAccount", args.accountId()));
  }

  private static Map<String, Map<String, Object>> accountViaS3AndEc2(Args args) {
    return conditions(
        condition("StringEquals", "kms:CallerAccount", args.accountId()),
        condition(
            "StringEquals",
            "kms:ViaService",
            List.of(
                "s3." + args.region() + ".amazonaws.com",
                "ec2." + args.region() + ".amazonaws.com")));
  }

  /** Key administration for the account's IAM admins, without the right to use the key. */
  private static Statement admin(String root) {
    return new Statement(
        "AccountAdministersKey",
        "Allow",
        Map.of("AWS", root),
        Actions.KMS_ADMIN,
        List.of("*"),
        null);
  }

  private Key key(String resourceName, String description, Output<String> policy) {
    return new Key(
        resourceName,
        KeyArgs.builder()
            .description(description)
            .enableKeyRotation(true)
            .deletionWindowInDays(DELETION_WINDOW_DAYS)
            .keyUsage("ENCRYPT_DECRYPT")
            .customerMasterKeySpec("SYMMETRIC_DEFAULT")
            // A multi-Region key could be replicated out of the region: never.
            .multiRegion(false)
            .policy(policy)
            .build(),
        Children.stateful(this));
  }

  private void alias(String resourceName, String aliasName, Key key) {
    new Alias(
        resourceName,
        AliasArgs.builder().name(aliasName).targetKeyId(key.keyId()).build(),
        Children.of(this));
  }
}
