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
            "AZ IDs (not names) to use; leave one out to exclude it. At least 2; two need `acknowledgeTwoZones`."),
    ACKNOWLEDGE_TWO_ZONES("acknowledgeTwoZones", "`false`",
            "Accept a two-zone stack, where losing either zone can break etcd and Pulsar quorum (the summary says which)."),
    VPC_CIDR("vpcCidr", "`" + Defaults.VPC_CIDR + "`", "Private IPv4 range, /16 to /20."),
    INTERNET_EGRESS("internetEgress", "`none` in prod, `nat` in dev",
            "`none`: no internet gateway, NAT or public subnet; nodes and pods reach AWS only through the VPC endpoints in the region. "
                    + "`nat`: private subnets route to the internet through NAT gateways."),
    NAT_GATEWAY_PER_ZONE("natGatewayPerZone", "`true` in prod, `false` in dev",
            "With internetEgress nat: one NAT gateway per zone (survives a zone loss) or a single one (cheaper). Prod must be true."),
    EXISTING_VPC_ID("existingVpcId", "unset (the stack creates its VPC)",
            "Create the cluster in a VPC a landing zone already provides (`vpc-` and 8 or 17 hex digits), with "
                    + "`existingPrivateSubnetIds`. The stack then creates no VPC, subnets, route tables, NAT or internet gateway, "
                    + "VPC endpoints or flow logs, and refuses `vpcCidr`, `internetEgress` and `natGatewayPerZone`: the VPC must "
                    + "already have DNS support and hostnames, the endpoints (or routes) the nodes need and its flow logs."),
    EXISTING_PRIVATE_SUBNET_IDS("existingPrivateSubnetIds", "unset",
            "With `existingVpcId`: a map of AZ ID to private subnet id, one for each zone of `availabilityZoneIds` "
                    + "(`{mec1-az1: subnet-…, …}`); the cluster and every node group use exactly these. At preview and up "
                    + "the program reads each subnet from AWS and stops before the cluster if one is not in that VPC and "
                    + "AZ, maps public IPs on launch or lacks the tag `kubernetes.io/role/internal-elb: 1`."),
    BOOTSTRAP_NETWORK_ONLY("bootstrapNetworkOnly", "`false`",
            "First-ever deploy only: `true` makes `pulumi up` create just the network (with the roles and keys it needs) and "
                    + "nothing private, so it can run from outside the VPC before the in-VPC runner exists. `bin/bootstrap` sets it "
                    + "for that one `up` and removes it; the full `up` then creates the rest and changes none of it. Not with "
                    + "`existingVpcId` or `existingClusterKubeconfig`."),
    EKS_VERSION("eksVersion", "`" + Defaults.EKS_VERSION + "`",
            "Kubernetes version of the control plane and nodes; one of " + String.join(", ", Defaults.EKS_VERSIONS) + "."),
    CLUSTER_NAME("clusterName", "`milvus-<environment>`", "EKS cluster name (changing it replaces the cluster)."),
    ENDPOINT_PUBLIC_ACCESS("endpointPublicAccess", "`false`",
            "Expose the Kubernetes API publicly. Never in prod; dev only with `publicAccessCidrs`."),
    PUBLIC_ACCESS_CIDRS("publicAccessCidrs", "`[]`", "CIDRs allowed to reach a public API endpoint (no 0.0.0.0/0)."),
    API_ACCESS_CIDRS("apiAccessCidrs", "`[]`",
            "Private CIDRs (a VPN, a peered network holding the CI runner) allowed to reach the private Kubernetes API on 443, "
                    + "through rules on the cluster security group; never a public endpoint."),
    ADMIN_PRINCIPAL_ARNS("adminPrincipalArns", "`[]`",
            "IAM role/user ARNs given cluster-admin through EKS access entries. Prod needs at least one; "
                    + "include the role that runs `pulumi up`."),
    LOG_RETENTION_DAYS("logRetentionDays", "`" + Defaults.LOG_RETENTION_DAYS + "`",
            "Retention of control-plane and flow logs; a value CloudWatch accepts."),
    ADDON_VERSIONS("addonVersions", "pinned per add-on (see Defaults.java)",
            "Map of EKS add-on to version for vpc-cni, coredns, kube-proxy, aws-ebs-csi-driver."),
    EXISTING_CLUSTER_KUBECONFIG("existingClusterKubeconfig", "unset (the stack creates its VPC, EKS cluster and node groups)",
            "Deploy onto an EKS cluster you already run: its kubeconfig (secret, YAML or JSON). The stack then creates no VPC, "
                    + "cluster, add-ons, node groups or access entries, and rejects the keys that configure them; the cluster's nodes "
                    + "must carry the `nomadx.io/pool` label and taint of each pool in `nodePools`. Needs `existingClusterOidcProviderArn`."),
    EXISTING_CLUSTER_OIDC_PROVIDER_ARN("existingClusterOidcProviderArn", "unset",
            "With `existingClusterKubeconfig`: the cluster's IAM OIDC provider in this account and region "
                    + "(`arn:aws:iam::<accountId>:oidc-provider/oidc.eks.<region>.amazonaws.com/id/<ID>`); the IRSA roles trust it."),
    AWS_ENDPOINT_CIDRS("awsEndpointCidrs", "the endpoint subnets the stack creates (one per zone)",
            "Where the VPC interface endpoints for S3 and STS live, as private CIDRs: the only addresses outside the cluster that "
                    + "pods in the Milvus namespace may reach (HTTPS), by its default-deny egress network policies. Required with "
                    + "`existingVpcId` or `existingClusterKubeconfig` (the landing zone's endpoint subnets; S3's interface endpoint "
                    + "with private DNS for all resolvers); refused otherwise."),
    NODE_POOLS("nodePools", "system 3×m6i.large, general 3×m6i.2xlarge, queryNode 3×r6i.xlarge",
            "Per pool (`system`, `general`, `queryNode`): instanceTypes, minSize, desiredSize, maxSize, diskSizeGiB. "
                    + "QueryNode types must be memory-optimized."),
    BUCKET_NAME("bucketName", "`milvus-<environment>-<accountId>-<region>`", "Segment bucket name (S3 naming rules)."),
    DATA_PREFIX("dataPrefix", "`" + Defaults.DATA_PREFIX + "`", "Bucket prefix Milvus writes segments under."),
    BACKUP_PREFIX("backupPrefix", "`" + Defaults.BACKUP_PREFIX + "`",
            "Bucket prefix for milvus-backup; archived to Glacier Instant Retrieval after 30 days."),
    NONCURRENT_VERSION_DAYS("noncurrentVersionDays", "`" + Defaults.NONCURRENT_VERSION_DAYS + "`",
            "Days an overwritten or deleted object version is kept before it expires (1 to 3650)."),
    OBJECT_AUDIT("objectAudit", "`" + Defaults.OBJECT_AUDIT + "`",
            "Object-level audit of the segment bucket (CloudTrail data events): `stack` creates an in-region trail "
                    + "delivering to its own encrypted, protected bucket; `organization` when an organisation trail already "
                    + "records this account's S3 data events in the region (then none is created)."),
    AUDIT_BUCKET_NAME("auditBucketName", "`milvus-<environment>-audit-<accountId>-<region>`",
            "Bucket the stack's audit trail delivers to (S3 naming rules); only with `objectAudit: stack`."),
    MILVUS_NAMESPACE("milvusNamespace", "`" + Defaults.MILVUS_NAMESPACE + "`",
            "Namespace of Milvus; the IRSA trust is bound to it."),
    TAGS("tags", "environment and residency filled in",
            "Tags on every resource: `owner` (required), `data-classification` (one of "
                    + String.join(", ", Defaults.DATA_CLASSIFICATIONS) + "), `environment`, `residency` (the region's country)."),
    TIER("tier", "`" + Defaults.TIER + "`", "Sizing tier: " + String.join(", ", Defaults.TIERS) + "."),
    POLICY_PACK_CONFIG("policyPackConfig", "`policies/config/<stack>.json`",
            "Pack config file the policy packs use for this stack."),
    MILVUS_VERSION("milvusVersion", "`" + Defaults.MILVUS_VERSION + "`",
            "Milvus image tag. 2.5.x runs the guide's topology (coordinators, IndexNode); 2.6.x runs MixCoord and StreamingNode."),
    MESSAGE_QUEUE("messageQueue", "`pulsar`", "`pulsar` (in-cluster, Retain volumes) or `woodpecker` (2.6.x only; the WAL lives in the bucket)."),
    IMAGE_REGISTRY("imageRegistry", "`<accountId>.dkr.ecr.<region>.amazonaws.com`",
            "The one registry every image comes from (operator, Milvus, etcd, Pulsar, backup): an in-region mirror."),
    OPERATOR_CHART_VERSION("operatorChartVersion", "`" + Defaults.OPERATOR_CHART_VERSION + "`", "Milvus Operator Helm chart version (1.x)."),
    OPERATOR_CHART_REPOSITORY("operatorChartRepository", "`" + Defaults.OPERATOR_CHART_REPOSITORY + "`",
            "Helm repository of the operator chart; point it at an in-region mirror for a sovereign install. "
                    + Defaults.CHART_DIRECTORY_HELP),
    MILVUS_COMPONENTS("milvusComponents", "from the tier",
            "Per component (`proxy`, `queryNode`, ...): `replicas`, `cpu`, `memory`. Only the chosen version's components."),
    ETCD("etcd", "from the tier", "`replicas` (odd, >= 3), `storageGi`, `cpu`, `memory` of in-cluster etcd (io2-retain volumes)."),
    PULSAR("pulsar", "from the tier",
            "`brokers`, `bookies`, `zookeepers` (>= 3 each), `journalGi`, `ledgersGi`, `brokerMemory`, `bookieMemory`."),
    COLLECTION("collection", "from the tier",
            "Declared size the QueryNodes must hold: `vectors`, `dimension`, `indexType` (HNSW, IVF_FLAT, IVF_PQ, DISKANN), `hnswM`, `quantization` (NONE, INT8, PQ), `replicas`."),
    ROOT_PASSWORD("rootPassword", "none (required, secret)",
            "Milvus root password: `pulumi config set --secret rootPassword`. Never the public default."),
    TLS_SECRET_NAME("tlsSecretName", "`" + Defaults.TLS_SECRET_NAME + "`",
            "Kubernetes TLS Secret (tls.crt, tls.key, ca.crt) in the Milvus namespace serving port 19530 (gRPC and REST; 9091 serves metrics and health over plain HTTP)."),
    TLS_ISSUER("tlsIssuer", "the stack's own private CA",
            "Issuer of Milvus's serving certificate: `ClusterIssuer/<name>` or `Issuer/<name>` (in the Milvus namespace) "
                    + "of your PKI. Unset, the stack creates a private CA and the ClusterIssuer `milvus-ca`."),
    CERT_MANAGER("certManager", "`" + Defaults.CERT_MANAGER + "`",
            "`install` cert-manager " + Defaults.CERT_MANAGER_CHART_VERSION + " (images from imageRegistry under jetstack/), "
                    + "or `existing` when the cluster already runs cert-manager v1."),
    CERT_MANAGER_CHART_REPOSITORY("certManagerChartRepository", "`" + Defaults.CERT_MANAGER_CHART_REPOSITORY + "`",
            "Helm repository of the cert-manager chart; point it at an in-region mirror. " + Defaults.CHART_DIRECTORY_HELP),
    CLIENT_NAMESPACES("clientNamespaces", "none (required)", "Namespaces whose pods may reach Milvus on 19530."),
    MONITORING("monitoring", "`true`", "Create the PrometheusRule, the Grafana dashboard ConfigMap and the operator's PodMonitor (needs the Prometheus Operator CRDs)."),
    MONITORING_STACK("monitoringStack", "`" + Defaults.MONITORING_STACK + "`",
            "With monitoring on: `crds` installs the Prometheus Operator CRDs (PodMonitor, PrometheusRule), `full` the whole "
                    + "kube-prometheus-stack (images from imageRegistry), `existing` when the cluster already runs the Prometheus Operator."),
    PROMETHEUS_CHART_REPOSITORY("prometheusChartRepository", "`" + Defaults.PROMETHEUS_CHART_REPOSITORY + "`",
            "Helm repository of the Prometheus Operator charts; point it at an in-region mirror. " + Defaults.CHART_DIRECTORY_HELP),
    MONITORING_NAMESPACE("monitoringNamespace", "`monitoring`", "Namespace of Prometheus, allowed to scrape 9091."),
    OTEL_ENDPOINT("otelEndpoint", "unset", "OTLP `host:port` Milvus sends traces to (TLS)."),
    LOG_LEVEL("logLevel", "`info`", "Milvus log level: debug, info, warn, error."),
    QUOTAS("quotas", "100 collections, 30 MB/s insert, 0.1 MB/s delete",
            "`maxCollections`, `insertRateMBps`, `deleteRateMBps` (Milvus quotaAndLimits)."),
    BACKUP_SCHEDULE("backupSchedule", "`0 2 * * *`", "Cron schedule of the milvus-backup CronJob (02:00 daily)."),
    BACKUP_IMAGE_TAG("backupImageTag", "`" + Defaults.BACKUP_IMAGE_TAG + "`", "milvus-backup version; 2.6 needs v0.5.7 or later."),
    COMPACTION("compaction", "auto compaction on, 5-day retention",
            "`autoCompaction` (bool) and `retentionDurationSeconds` (how long deleted data stays for time travel; 3600 to 2592000). Guards against segment bloat."),
    READY_TIMEOUT_MINUTES("readyTimeoutMinutes", "`30`",
            "How long `pulumi up` waits for the Milvus resource to report ready (first bring-up takes 15-20 min)."),
    COST_ASSUMPTIONS("costAssumptions", "1 GiB/day control-plane logs, 0.5 GiB/day flow logs, 50 GiB NAT and 100 GiB endpoint "
            + "traffic a month, 10M object reads and 1M writes a month, 30 backups kept",
            "Usage the monthly cost estimate assumes (docs/cost.md): `controlPlaneLogGiBPerDay`, `flowLogGiBPerDay`, "
                    + "`natProcessedGiBPerMonth`, `endpointProcessedGiBPerMonth` (numbers >= 0), `objectReadsPerMonth`, "
                    + "`objectWritesPerMonth` (whole numbers >= 0), `backupsRetained` (0 to " + Defaults.MAX_BACKUPS_RETAINED + ").");

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
