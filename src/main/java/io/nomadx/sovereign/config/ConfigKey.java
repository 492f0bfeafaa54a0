package io.nomadx.sovereign.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every key a stack may set under the project namespace, with its default and meaning. The
 * README's config table is checked against this list, so a key cannot exist undocumented.
 */
public enum ConfigKey {
    ENVIRONMENT("environment", "prefix of the stack name (`prod-…` → prod)",
            "`prod` or `dev`. Prod turns on every high-availability rule."),
    REGION("region", "`" + Defaults.REGION + "`",
            "AWS region of every resource; one of " + Region.allowedNames() + ". `aws:region`, if set, must match."),
    ACCOUNT_ID("accountId", "none (required)",
            "12-digit AWS account. The provider refuses to act in any other account (allowedAccountIds)."),
    AVAILABILITY_ZONE_IDS("availabilityZoneIds", "the region's three AZ IDs",
            "AZ IDs (not names) to use; leave one out to exclude it. At least 2; prod needs 3."),
    VPC_CIDR("vpcCidr", "`" + Defaults.VPC_CIDR + "`", "Private IPv4 range, /16 to /20."),
    NAT_GATEWAY_PER_ZONE("natGatewayPerZone", "`true` in prod, `false` in dev",
            "One NAT gateway per zone (survives a zone loss) or a single one (cheaper). Prod must be true."),
    EKS_VERSION("eksVersion", "`" + Defaults.EKS_VERSION + "`",
            "Kubernetes version of the control plane and nodes; one of " + String.join(", ", Defaults.EKS_VERSIONS) + "."),
    CLUSTER_NAME("clusterName", "`milvus-<environment>`", "EKS cluster name (changing it replaces the cluster)."),
    ENDPOINT_PUBLIC_ACCESS("endpointPublicAccess", "`false`",
            "Expose the Kubernetes API publicly. Never in prod; dev only with `publicAccessCidrs`."),
    PUBLIC_ACCESS_CIDRS("publicAccessCidrs", "`[]`", "CIDRs allowed to reach a public API endpoint (no 0.0.0.0/0)."),
    ADMIN_PRINCIPAL_ARNS("adminPrincipalArns", "`[]`",
            "IAM role/user ARNs given cluster-admin through EKS access entries. Prod needs at least one; "
                    + "include the role that runs `pulumi up`."),
    LOG_RETENTION_DAYS("logRetentionDays", "`" + Defaults.LOG_RETENTION_DAYS + "`",
            "Retention of control-plane and flow logs; a value CloudWatch accepts."),
    ADDON_VERSIONS("addonVersions", "pinned per add-on (see Defaults.java)",
            "Map of EKS add-on to version for vpc-cni, coredns, kube-proxy, aws-ebs-csi-driver."),
    NODE_POOLS("nodePools", "system 3×m6i.large, general 3×m6i.2xlarge, queryNode 3×r6i.xlarge",
            "Per pool (`system`, `general`, `queryNode`): instanceTypes, minSize, desiredSize, maxSize, diskSizeGiB. "
                    + "QueryNode types must be memory-optimized."),
    BUCKET_NAME("bucketName", "`milvus-<environment>-<accountId>-<region>`", "Segment bucket name (S3 naming rules)."),
    DATA_PREFIX("dataPrefix", "`" + Defaults.DATA_PREFIX + "`", "Bucket prefix Milvus writes segments under."),
    BACKUP_PREFIX("backupPrefix", "`" + Defaults.BACKUP_PREFIX + "`",
            "Bucket prefix for milvus-backup; archived to Glacier Instant Retrieval after 30 days."),
    NONCURRENT_VERSION_DAYS("noncurrentVersionDays", "`" + Defaults.NONCURRENT_VERSION_DAYS + "`",
            "Days an overwritten or deleted object version is kept before it expires (1 to 3650)."),
    MILVUS_NAMESPACE("milvusNamespace", "`" + Defaults.MILVUS_NAMESPACE + "`",
            "Namespace of Milvus; the IRSA trust is bound to it."),
    TAGS("tags", "environment and residency filled in",
            "Tags on every resource: `owner` (required), `data-classification` (one of "
                    + String.join(", ", Defaults.DATA_CLASSIFICATIONS) + "), `environment`, `residency` (the region's country)."),
    TIER("tier", "`" + Defaults.TIER + "`", "Sizing tier: " + String.join(", ", Defaults.TIERS) + "."),
    POLICY_PACK_CONFIG("policyPackConfig", "`policies/config/<stack>.json`",
            "Pack config file the policy packs use for this stack.");

    private final String key;
    private final String defaultText;
    private final String description;

    ConfigKey(String key, String defaultText, String description) {
        this.key = key;
        this.defaultText = defaultText;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String defaultText() {
        return defaultText;
    }

    public String description() {
        return description;
    }

    public static Optional<ConfigKey> find(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
}
