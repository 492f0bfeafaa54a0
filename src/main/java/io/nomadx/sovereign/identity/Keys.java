package io.nomadx.sovereign.identity;

import com.pulumi.aws.kms.Alias;
import com.pulumi.aws.kms.AliasArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.ProviderResource;
import io.nomadx.sovereign.support.Children;
import io.nomadx.sovereign.support.PolicyDocument;
import io.nomadx.sovereign.support.PolicyDocument.Statement;

import java.util.List;
import java.util.Map;

import static io.nomadx.sovereign.support.PolicyDocument.condition;
import static io.nomadx.sovereign.support.PolicyDocument.conditions;

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
     * @param clusterRoleArn the EKS control-plane role, which alone may use the cluster key for secrets
     */
    public record Args(String accountId, String region, String clusterName, Output<String> clusterRoleArn,
                       ProviderResource aws) {
    }

    public Keys(String name, Args args, ComponentResourceOptions options) {
        super("sovereign:identity:Keys", name, options);
        String root = "arn:aws:iam::" + args.accountId() + ":root";

        Output<String> clusterPolicy = args.clusterRoleArn().applyValue(roleArn -> PolicyDocument.create()
                .add(admin(root))
                .add(new Statement("ClusterRoleEncryptsSecrets", "Allow", Map.of("AWS", roleArn),
                        List.of("kms:Encrypt", "kms:Decrypt", "kms:DescribeKey", "kms:ListGrants"), List.of("*"), null))
                .add(new Statement("ClusterRoleGrantsToEks", "Allow", Map.of("AWS", roleArn),
                        List.of("kms:CreateGrant"), List.of("*"),
                        condition("Bool", "kms:GrantIsForAWSResource", "true")))
                .add(new Statement("CloudWatchLogsInRegion", "Allow",
                        Map.of("Service", "logs." + args.region() + ".amazonaws.com"), Actions.KMS_USE, List.of("*"),
                        condition("ArnLike", "kms:EncryptionContext:aws:logs:arn",
                                "arn:aws:logs:" + args.region() + ":" + args.accountId() + ":log-group:*")))
                .toJson());

        // IAM principals of this account may use the data key only through S3 and EC2 in this region;
        // the roles that need it get IAM policies (IRSA) or a grant (EBS CSI).
        String autoscaling = "arn:aws:iam::" + args.accountId()
                + ":role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling";
        String dataPolicy = PolicyDocument.create()
                .add(admin(root))
                .add(new Statement("AccountUseViaS3AndEc2InRegion", "Allow", Map.of("AWS", root),
                        List.of("kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey", "kms:CreateGrant"),
                        List.of("*"),
                        conditions(condition("StringEquals", "kms:CallerAccount", args.accountId()),
                                condition("StringEquals", "kms:ViaService",
                                        List.of("s3." + args.region() + ".amazonaws.com", "ec2." + args.region() + ".amazonaws.com")))))
                // Managed node groups launch through Auto Scaling, whose service-linked role must use
                // the key for CMK-encrypted root volumes (AWS docs, "Required KMS key policy for use
                // with encrypted volumes").
                .add(new Statement("AutoScalingEncryptsRootVolumes", "Allow", Map.of("AWS", autoscaling),
                        Actions.KMS_USE, List.of("*"), null))
                .add(new Statement("AutoScalingGrantsToEc2", "Allow", Map.of("AWS", autoscaling),
                        List.of("kms:CreateGrant"), List.of("*"), condition("Bool", "kms:GrantIsForAWSResource", "true")))
                .toJson();

        var clusterKey = key(name + "-cluster", "EKS secrets and logs of " + args.clusterName(), clusterPolicy, args.aws());
        var dataKey = key(name + "-data", "Milvus segments and volumes of " + args.clusterName(), Output.of(dataPolicy), args.aws());
        alias(name + "-cluster", "alias/" + args.clusterName() + "-cluster", clusterKey, args.aws());
        alias(name + "-data", "alias/" + args.clusterName() + "-data", dataKey, args.aws());

        this.clusterKeyArn = clusterKey.arn();
        this.dataKeyArn = dataKey.arn();
        registerOutputs(Map.of("clusterKeyArn", clusterKeyArn, "dataKeyArn", dataKeyArn));
    }

    /** Key administration for the account's IAM admins, without the right to use the key. */
    private static Statement admin(String root) {
        return new Statement("AccountAdministersKey", "Allow", Map.of("AWS", root), Actions.KMS_ADMIN, List.of("*"), null);
    }

    private Key key(String resourceName, String description, Output<String> policy, ProviderResource aws) {
        return new Key(resourceName, KeyArgs.builder()
                .description(description)
                .enableKeyRotation(true)
                .deletionWindowInDays(DELETION_WINDOW_DAYS)
                .keyUsage("ENCRYPT_DECRYPT")
                .customerMasterKeySpec("SYMMETRIC_DEFAULT")
                // A multi-Region key could be replicated out of the region: never.
                .multiRegion(false)
                .policy(policy)
                .build(), Children.stateful(this, aws));
    }

    private void alias(String resourceName, String aliasName, Key key, ProviderResource aws) {
        new Alias(resourceName, AliasArgs.builder().name(aliasName).targetKeyId(key.keyId()).build(), Children.of(this, aws));
    }
}
