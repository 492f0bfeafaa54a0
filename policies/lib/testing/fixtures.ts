// A known-good prod plan in stack-export form, shaped like the program's offline plan. Every policy
// spec starts from it and changes one property. Each resource's outputs mirror its inputs, as they
// do in the offline plan, so stack policies see the same values.
//
// Prod has no route to the internet (the program's `internetEgress: none`, and `internetEgress:
// "denied"` in its pack config): no internet gateway, NAT gateway or public subnet, and no 0.0.0.0/0
// route; its private route tables reach S3 through a gateway endpoint and the other AWS APIs through
// interface endpoints. A spec that needs dev's shape (one NAT gateway behind a public subnet) adds it
// with withNat().

export const STACK = "prod-me-central-1";
export const PROJECT = "sovereign-milvus";
export const ACCOUNT = "111122223333";
export const REGION = "me-central-1";
export const ECR = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com`;
export const KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b`;
export const BUCKET = `milvus-prod-${ACCOUNT}-${REGION}`;
export const CLUSTER = "milvus-prod";
export const ZONE = "topology.kubernetes.io/zone";
/** The Pulsar chart's own zone anti-affinity keys (it reads no topologySpreadConstraints). */
const zoneAntiAffinity = { anti_affinity: true, anti_affinity_topology_key: ZONE, type: "requiredDuringSchedulingIgnoredDuringExecution" };
/** A secret's plaintext in the fixture; no analyzer output may contain it. */
export const SECRET_TOKEN = "k8s-token-Zr8vQ2pLx9";

export function urn(typeChain: string, name: string): string {
    return `urn:pulumi:${STACK}::${PROJECT}::${typeChain}::${name}`;
}

export const AWS_PROVIDER_URN = urn("pulumi:providers:aws", "aws-me-central-1");
export const K8S_PROVIDER_URN = urn("sovereign:cluster:EksCluster$pulumi:providers:kubernetes", "cluster-k8s");
const AWS_REF = `${AWS_PROVIDER_URN}::6f1b7c1e-aws`;
const K8S_REF = `${K8S_PROVIDER_URN}::9a2c4d6e-k8s`;

export interface ExportResource {
    urn: string;
    custom: boolean;
    id?: string;
    type: string;
    inputs: Record<string, any>;
    outputs: Record<string, any>;
    parent?: string;
    protect: boolean;
    retainOnDelete?: boolean;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    provider?: string;
}

export interface ExportDocument {
    version: number;
    deployment: { manifest: Record<string, unknown>; resources: ExportResource[] };
}

const STACK_URN = urn("pulumi:pulumi:Stack", `${PROJECT}-${STACK}`);
const zoneSpread = (app: string) => [{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: "DoNotSchedule", labelSelector: { matchLabels: { app } } }];

function res(
    chain: string, name: string, inputs: Record<string, any>,
    extra: Partial<ExportResource> = {},
): ExportResource {
    const type = chain.slice(chain.lastIndexOf("$") + 1);
    const custom = !type.startsWith("sovereign:") && type !== "pulumi:pulumi:Stack";
    const isAws = type.startsWith("aws:");
    const isK8s = type.startsWith("kubernetes:");
    return {
        urn: urn(chain, name),
        custom,
        id: custom ? `${name}-id` : undefined,
        type,
        inputs,
        outputs: JSON.parse(JSON.stringify(inputs)),
        parent: STACK_URN,
        protect: false,
        dependencies: [],
        propertyDependencies: {},
        provider: isAws ? AWS_REF : isK8s ? K8S_REF : undefined,
        ...extra,
    };
}

const BUCKET_CHAIN = "sovereign:storage:SegmentBucket$";
const bucketUrn = urn(`${BUCKET_CHAIN}aws:s3/bucketV2:BucketV2`, "segments-bucket");
const keyUrn = urn("sovereign:identity:Keys$aws:kms/key:Key", "keys-data");
const logGroupUrn = urn("sovereign:cluster:EksCluster$aws:cloudwatch/logGroup:LogGroup", "cluster-logs");
const operatorUrn = urn("sovereign:milvus:MilvusOperator$kubernetes:helm.sh/v3:Release", "milvus-operator");

const NETWORK = "sovereign:network:Network$";
const IDENTITY = "sovereign:identity:ClusterRoles$";
export const OIDC_ISSUER = `oidc.eks.${REGION}.amazonaws.com/id/833B949943B87278659B502D4BE9B733`;
export const OIDC_PROVIDER_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/${OIDC_ISSUER}`;
const netUrn = (type: string, name: string) => urn(`${NETWORK}${type}`, name);
const privateSubnetUrn = netUrn("aws:ec2/subnet:Subnet", "network-private-a");
const publicSubnetUrn = netUrn("aws:ec2/subnet:Subnet", "network-public-a");
const privateTableUrn = netUrn("aws:ec2/routeTable:RouteTable", "network-private-a");
const publicTableUrn = netUrn("aws:ec2/routeTable:RouteTable", "network-public");
const igwUrn = netUrn("aws:ec2/internetGateway:InternetGateway", "network-igw");
const natUrn = netUrn("aws:ec2/natGateway:NatGateway", "network-nat-a");

/** The data key's policy, shaped like the program's: account administration, use pinned by condition, services pinned by source. */
export const KEY_POLICY = {
    Version: "2012-10-17",
    Statement: [
        { Sid: "AccountAdministersKey", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: ["kms:Describe*", "kms:Put*"], Resource: "*" },
        {
            Sid: "AutoScalingEncryptsRootVolumes", Effect: "Allow", Principal: { AWS: "*" }, Action: ["kms:Encrypt", "kms:Decrypt"], Resource: "*",
            Condition: { StringEquals: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`, "kms:CallerAccount": ACCOUNT } },
        },
        {
            Sid: "CloudWatchLogsInRegion", Effect: "Allow", Principal: { Service: `logs.${REGION}.amazonaws.com` }, Action: ["kms:Encrypt", "kms:Decrypt"], Resource: "*",
            Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:*` } },
        },
        {
            Sid: "CloudTrailDescribesKey", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "kms:DescribeKey", Resource: "*",
            Condition: { StringEquals: { "aws:SourceArn": `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/milvus-prod-segments-audit` } },
        },
        { Sid: "NoOneElse", Effect: "Deny", Principal: "*", Action: "kms:*", Resource: "*", Condition: { StringNotEquals: { "kms:CallerAccount": ACCOUNT } } },
    ],
};

/** The Milvus IRSA role's trust: one service account, the STS audience. */
export const IRSA_TRUST = {
    Version: "2012-10-17",
    Statement: [{
        Sid: "TrustServiceAccount", Effect: "Allow", Principal: { Federated: OIDC_PROVIDER_ARN }, Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { [`${OIDC_ISSUER}:sub`]: "system:serviceaccount:milvus:milvus", [`${OIDC_ISSUER}:aud`]: "sts.amazonaws.com" } },
    }],
};

/** The Milvus IRSA role's permissions: its prefix and the data key, nothing wider. */
export const IRSA_POLICY = {
    Version: "2012-10-17",
    Statement: [
        {
            Sid: "ListOwnPrefixes", Effect: "Allow", Action: ["s3:ListBucket", "s3:GetBucketLocation"], Resource: `arn:aws:s3:::${BUCKET}`,
            Condition: { StringLikeIfExists: { "s3:prefix": ["milvus/*", "milvus"] } },
        },
        { Sid: "ReadWriteMilvus", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: `arn:aws:s3:::${BUCKET}/milvus/*` },
        { Sid: "UseDataKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: KEY_ARN },
    ],
};

const TLS_POLICY = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
    }],
});

const BACKUP_YAML = [
    "log:",
    "  level: info",
    "milvus:",
    "  address: milvus-milvus.milvus.svc.cluster.local",
    "  port: 19530",
    "minio:",
    "  storageType: aws",
    `  address: s3.${REGION}.amazonaws.com`,
    "  port: 443",
    "  useSSL: true",
    "  useIAM: true",
    `  bucketName: ${BUCKET}`,
    "  rootPath: milvus",
    `  backupBucketName: ${BUCKET}`,
    "  backupRootPath: backups",
    "",
].join("\n");

function milvusSpec(): Record<string, any> {
    const pulsarImage = { repository: `${ECR}/apachepulsar/pulsar`, tag: "3.0.7" };
    return {
        mode: "cluster",
        components: {
            image: `${ECR}/milvusdb/milvus:v2.5.17`,
            serviceAccountName: "milvus",
            proxy: { replicas: 2 },
            queryNode: {
                replicas: 3,
                resources: { requests: { cpu: "4", memory: "28Gi" }, limits: { cpu: "4000m", memory: "28Gi" } },
                topologySpreadConstraints: zoneSpread("querynode"),
            },
        },
        config: {
            // As in the program's plan: the root password is a secret with only its ciphertext, so it is
            // unknown here, and a policy that read it would skip with an advisory on the known-good plan.
            common: { security: { authorizationEnabled: true, tlsMode: 1, defaultRootPassword: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: "v1:cm9vdA==:c2VjcmV0" } } },
            tls: { serverPemPath: "/milvus/tls/tls.crt", serverKeyPath: "/milvus/tls/tls.key" },
            minio: { useIAM: true, useSSL: true, region: REGION, bucketName: BUCKET, rootPath: "milvus" },
        },
        dependencies: {
            etcd: {
                inCluster: {
                    deletionPolicy: "Retain",
                    values: {
                        replicaCount: 3,
                        image: { registry: ECR, repository: "milvusdb/etcd", tag: "3.5.18-r1" },
                        persistence: { storageClass: "gp3-retain", size: "10Gi" },
                        topologySpreadConstraints: zoneSpread("etcd"),
                    },
                },
            },
            pulsar: {
                inCluster: {
                    deletionPolicy: "Retain",
                    values: {
                        affinity: { anti_affinity: true },
                        images: { zookeeper: pulsarImage, bookie: pulsarImage, broker: pulsarImage, proxy: pulsarImage, autorecovery: pulsarImage },
                        zookeeper: { replicaCount: 3, volumes: { data: { storageClassName: "gp3-retain" } }, affinity: zoneAntiAffinity },
                        bookkeeper: {
                            replicaCount: 3,
                            volumes: { journal: { storageClassName: "gp3-retain" }, ledgers: { storageClassName: "gp3-retain" } },
                            affinity: zoneAntiAffinity,
                        },
                        broker: { replicaCount: 3, affinity: zoneAntiAffinity },
                        proxy: { replicaCount: 2 },
                    },
                },
            },
            storage: { external: true, type: "S3", endpoint: `s3.${REGION}.amazonaws.com:443` },
        },
    };
}

/** A fresh copy of the known-good prod plan. */
export function goodPlan(): ExportDocument {
    const resources: ExportResource[] = [
        res("pulumi:pulumi:Stack", `${PROJECT}-${STACK}`, {}, { parent: undefined }),
        res("pulumi:providers:aws", "aws-me-central-1", {
            region: REGION,
            allowedAccountIds: [ACCOUNT],
            defaultTags: { tags: { owner: "data-platform", environment: "prod", "data-classification": "restricted", residency: "AE" } },
        }),
        res("sovereign:network:Network", "network", {}),
        res("sovereign:network:Network$aws:ec2/vpc:Vpc", "network-vpc", { cidrBlock: "10.40.0.0/16", enableDnsHostnames: true, enableDnsSupport: true }),
        res("sovereign:identity:Keys", "keys", {}),
        res("sovereign:identity:Keys$aws:kms/key:Key", "keys-data", {
            description: "sovereign-milvus prod data key", enableKeyRotation: true, deletionWindowInDays: 30, policy: JSON.stringify(KEY_POLICY),
        }, { protect: true }),
        res("sovereign:storage:SegmentBucket", "segments", {}),
        res(`${BUCKET_CHAIN}aws:s3/bucketV2:BucketV2`, "segments-bucket", { bucket: BUCKET, forceDestroy: false }, { protect: true }),
        res(`${BUCKET_CHAIN}aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2`, "segments-encryption", {
            bucket: BUCKET,
            rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY_ARN }, bucketKeyEnabled: true }],
        }, { dependencies: [bucketUrn, keyUrn], propertyDependencies: { bucket: [bucketUrn], rules: [keyUrn] } }),
        res(`${BUCKET_CHAIN}aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock`, "segments-public-access", {
            bucket: BUCKET, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
        }, { dependencies: [bucketUrn], propertyDependencies: { bucket: [bucketUrn] } }),
        res(`${BUCKET_CHAIN}aws:s3/bucketPolicy:BucketPolicy`, "segments-policy", { bucket: BUCKET, policy: TLS_POLICY },
            { dependencies: [bucketUrn], propertyDependencies: { bucket: [bucketUrn], policy: [bucketUrn] } }),
        res("sovereign:cluster:EksCluster", "cluster", {}),
        res("sovereign:cluster:EksCluster$aws:cloudwatch/logGroup:LogGroup", "cluster-logs", {
            name: `/aws/eks/${CLUSTER}/cluster`, kmsKeyId: KEY_ARN, retentionInDays: 365,
        }, { dependencies: [keyUrn], propertyDependencies: { kmsKeyId: [keyUrn] } }),
        res("sovereign:cluster:EksCluster$aws:eks/cluster:Cluster", "cluster-eks", {
            name: CLUSTER,
            version: "1.34",
            roleArn: `arn:aws:iam::${ACCOUNT}:role/milvus-prod-cluster`,
            vpcConfig: { subnetIds: ["subnet-a", "subnet-b", "subnet-c"], endpointPrivateAccess: true, endpointPublicAccess: false },
            encryptionConfig: { provider: { keyArn: KEY_ARN }, resources: ["secrets"] },
            enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
            accessConfig: { authenticationMode: "API" },
        }, { dependencies: [logGroupUrn, keyUrn], propertyDependencies: { encryptionConfig: [keyUrn] } }),
        res("sovereign:cluster:EksCluster$aws:eks/addon:Addon", "cluster-ebs-csi", {
            addonName: "aws-ebs-csi-driver", addonVersion: "v1.48.0-eksbuild.2", clusterName: CLUSTER,
        }),
        res("sovereign:cluster:NodePool$aws:ec2/launchTemplate:LaunchTemplate", "query-node-template", {
            blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", kmsKeyId: KEY_ARN, volumeSize: 100, volumeType: "gp3" } }],
        }),
        res(`${IDENTITY}aws:iam/role:Role`, "roles-cluster", {
            name: "milvus-prod-cluster",
            assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "TrustService", Effect: "Allow", Principal: { Service: "eks.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
        }),
        res(`${IDENTITY}aws:iam/rolePolicyAttachment:RolePolicyAttachment`, "roles-cluster-AmazonEKSClusterPolicy", {
            role: "milvus-prod-cluster", policyArn: "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy",
        }),
        res(`${NETWORK}aws:iam/role:Role`, "network-flow-logs", {
            name: "milvus-prod-flow-logs",
            assumeRolePolicy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Sid: "FlowLogsDelivery", Effect: "Allow", Principal: { Service: "vpc-flow-logs.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } } }],
            }),
        }),
        res("sovereign:identity:ServiceAccountRole$aws:iam/role:Role", "milvus-irsa", { name: "milvus-prod-milvus", assumeRolePolicy: JSON.stringify(IRSA_TRUST) }),
        res("sovereign:identity:ServiceAccountRole$aws:iam/rolePolicy:RolePolicy", "milvus-irsa", { role: "milvus-prod-milvus", policy: JSON.stringify(IRSA_POLICY) }),
        res("sovereign:cluster:EksCluster$aws:eks/accessEntry:AccessEntry", "eks-admin-0", {
            clusterName: CLUSTER, principalArn: `arn:aws:iam::${ACCOUNT}:role/platform-admin`, type: "STANDARD",
        }),
        res("sovereign:cluster:EksCluster$aws:eks/accessPolicyAssociation:AccessPolicyAssociation", "eks-admin-0", {
            clusterName: CLUSTER, principalArn: `arn:aws:iam::${ACCOUNT}:role/platform-admin`,
            policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", accessScope: { type: "cluster" },
        }),
        res(`${NETWORK}aws:ec2/subnet:Subnet`, "network-private-a", {
            cidrBlock: "10.40.0.0/19", mapPublicIpOnLaunch: false, vpcId: "vpc-1", tags: { "kubernetes.io/role/internal-elb": "1" },
        }),
        res(`${NETWORK}aws:ec2/routeTable:RouteTable`, "network-private-a", { vpcId: "vpc-1" }),
        res(`${NETWORK}aws:ec2/routeTableAssociation:RouteTableAssociation`, "network-private-a", { routeTableId: "rtb-private-a", subnetId: "subnet-private-a" },
            { propertyDependencies: { routeTableId: [privateTableUrn], subnetId: [privateSubnetUrn] } }),
        res(`${NETWORK}aws:ec2/vpcEndpoint:VpcEndpoint`, "network-s3", {
            vpcId: "vpc-1", serviceName: `com.amazonaws.${REGION}.s3`, vpcEndpointType: "Gateway", routeTableIds: ["rtb-private-a"],
        }, { propertyDependencies: { routeTableIds: [privateTableUrn] } }),
        res(`${NETWORK}aws:ec2/vpcEndpoint:VpcEndpoint`, "network-ecr-dkr", {
            vpcId: "vpc-1", serviceName: `com.amazonaws.${REGION}.ecr.dkr`, vpcEndpointType: "Interface", privateDnsEnabled: true,
            subnetIds: ["subnet-private-a"], securityGroupIds: ["sg-endpoints"],
        }, { propertyDependencies: { subnetIds: [privateSubnetUrn], securityGroupIds: [netUrn("aws:ec2/securityGroup:SecurityGroup", "network-endpoints")] } }),
        res(`${NETWORK}aws:ec2/securityGroup:SecurityGroup`, "network-endpoints", {
            description: "HTTPS from inside the VPC to AWS interface endpoints", vpcId: "vpc-1",
            ingress: [{ cidrBlocks: ["10.40.0.0/16"], fromPort: 443, toPort: 443, protocol: "tcp" }],
            egress: [{ cidrBlocks: ["10.40.0.0/16"], fromPort: 0, toPort: 0, protocol: "-1" }],
        }),
        res("sovereign:cluster:NodePool$aws:eks/nodeGroup:NodeGroup", "query-node-group", {
            clusterName: CLUSTER, subnetIds: ["subnet-private-a"], launchTemplate: { id: "lt-1", version: "1" },
        }, { propertyDependencies: { subnetIds: [privateSubnetUrn] } }),
        res("sovereign:cluster:EksCluster$pulumi:providers:kubernetes", "cluster-k8s", {
            kubeconfig: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", plaintext: JSON.stringify(`users:\n- user:\n    token: ${SECRET_TOKEN}\n`) },
            enableServerSideApply: "true",
        }, { provider: undefined }),
        res("kubernetes:core/v1:Namespace", "milvus-namespace", { metadata: { name: "milvus" } }),
        res("sovereign:storage:StorageClasses$kubernetes:storage.k8s.io/v1:StorageClass", "gp3-retain", {
            metadata: { name: "gp3-retain" },
            provisioner: "ebs.csi.aws.com",
            parameters: { type: "gp3", encrypted: "true", kmsKeyId: KEY_ARN },
            reclaimPolicy: "Retain",
            volumeBindingMode: "WaitForFirstConsumer",
        }),
        res("sovereign:milvus:MilvusOperator$kubernetes:helm.sh/v3:Release", "milvus-operator", {
            chart: "milvus-operator",
            version: "1.3.8",
            namespace: "milvus-operator",
            repositoryOpts: { repo: "https://zilliztech.github.io/milvus-operator/" },
            values: { image: { repository: `${ECR}/milvusdb/milvus-operator`, tag: "v1.3.8" } },
        }),
        res("sovereign:milvus:MilvusCluster$kubernetes:milvus.io/v1beta1:Milvus", "milvus", {
            apiVersion: "milvus.io/v1beta1",
            kind: "Milvus",
            metadata: { name: "milvus", namespace: "milvus", annotations: { "pulumi.com/waitFor": "condition=MilvusReady" } },
            spec: milvusSpec(),
        }, { dependencies: [operatorUrn] }),
        res("sovereign:milvus:MilvusCluster$kubernetes:core/v1:Secret", "milvus-root-password", {
            metadata: { name: "milvus-root", namespace: "milvus" },
            type: "Opaque",
            stringData: { password: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: "v1:cm9vdA==:cGFzcw==" } },
        }),
        res("sovereign:milvus:MilvusCluster$kubernetes:core/v1:Service", "milvus-proxy", {
            metadata: { name: "milvus-proxy", namespace: "milvus" },
            spec: { type: "ClusterIP", selector: { "app.kubernetes.io/instance": "milvus", "app.kubernetes.io/component": "proxy" }, ports: [{ port: 19530 }] },
        }),
        res("sovereign:milvus:MilvusCluster$kubernetes:networking.k8s.io/v1:NetworkPolicy", "milvus-ingress", {
            metadata: { name: "milvus-ingress", namespace: "milvus" },
            spec: {
                podSelector: {},
                policyTypes: ["Ingress"],
                ingress: [
                    { from: [{ podSelector: {} }] },
                    {
                        from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "rag-api" } } }],
                        ports: [{ port: 19530, protocol: "TCP" }],
                    },
                ],
            },
        }),
        res("sovereign:milvus:MilvusCluster$kubernetes:networking.k8s.io/v1:NetworkPolicy", "milvus-monitoring", {
            metadata: { name: "allow-monitoring-scrape", namespace: "milvus" },
            spec: {
                podSelector: { matchLabels: { "app.kubernetes.io/name": "milvus" } },
                policyTypes: ["Ingress"],
                ingress: [{
                    from: [{ namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: ["monitoring"] }] } }],
                    ports: [{ port: 9091, protocol: "TCP" }],
                }],
            },
        }),
        res("sovereign:milvus:MilvusCluster$kubernetes:networking.k8s.io/v1:NetworkPolicy", "milvus-operator-checks", {
            metadata: { name: "allow-operator-health-checks", namespace: "milvus" },
            spec: {
                podSelector: {},
                policyTypes: ["Ingress"],
                ingress: [{
                    from: [{ namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: ["milvus-operator"] }] } }],
                    ports: [{ port: 2379, protocol: "TCP" }, { port: 6650, protocol: "TCP" }, { port: 9091, protocol: "TCP" }],
                }],
            },
        }),
        res("sovereign:milvus:MilvusCluster$kubernetes:networking.k8s.io/v1:NetworkPolicy", "milvus-egress", {
            metadata: { name: "milvus-egress", namespace: "milvus" },
            spec: {
                podSelector: {},
                policyTypes: ["Egress"],
                egress: [
                    { to: [{ podSelector: {} }] },
                    {
                        to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
                        ports: [{ port: 53, protocol: "UDP" }, { port: 53, protocol: "TCP" }],
                    },
                    { to: [{ ipBlock: { cidr: "10.40.232.0/24" } }, { ipBlock: { cidr: "10.40.233.0/24" } }], ports: [{ port: 443, protocol: "TCP" }] },
                ],
            },
        }),
        res("sovereign:milvus:Backup$kubernetes:core/v1:ConfigMap", "milvus-backup-config", {
            metadata: { name: "milvus-backup-config", namespace: "milvus" },
            data: { "backup.yaml": BACKUP_YAML },
        }),
        res("sovereign:milvus:Backup$kubernetes:batch/v1:CronJob", "milvus-backup", {
            metadata: { name: "milvus-backup", namespace: "milvus" },
            spec: {
                schedule: "0 2 * * *",
                concurrencyPolicy: "Forbid",
                jobTemplate: {
                    spec: {
                        template: {
                            spec: {
                                serviceAccountName: "milvus-backup",
                                restartPolicy: "OnFailure",
                                containers: [{ name: "backup", image: `${ECR}/zilliz/milvus-backup:v0.5.16`, args: ["create", "-n", "nightly"] }],
                            },
                        },
                    },
                },
            },
        }),
    ];
    return { version: 3, deployment: { manifest: { time: "2026-11-24T00:00:00Z", magic: "", version: "v3.248.0" }, resources } };
}

/** The resource whose URN ends with `::name`. */
export function find(doc: ExportDocument, name: string): ExportResource {
    const r = doc.deployment.resources.find((x) => x.urn.endsWith(`::${name}`));
    if (!r) throw new Error(`fixture has no resource named ${name}`);
    return r;
}

/** The known-good plan with one change to one resource's inputs (outputs follow the inputs). */
export function withChange(name: string, change: (inputs: any, r: ExportResource) => void, doc = goodPlan()): ExportDocument {
    const r = find(doc, name);
    change(r.inputs, r);
    r.outputs = JSON.parse(JSON.stringify(r.inputs));
    return doc;
}

/** The known-good plan with one more resource. */
export function withResource(chain: string, name: string, inputs: Record<string, any>, extra: Partial<ExportResource> = {}, doc = goodPlan()): ExportDocument {
    doc.deployment.resources.push(res(chain, name, inputs, extra));
    return doc;
}

/**
 * The known-good plan with dev's route to the internet: a public subnet routed to an internet
 * gateway, a NAT gateway in it, and the private subnet's default route through that NAT gateway.
 */
export function withNat(doc = goodPlan()): ExportDocument {
    const add = (chain: string, name: string, inputs: Record<string, any>, extra: Partial<ExportResource> = {}) => withResource(`${NETWORK}${chain}`, name, inputs, extra, doc);
    add("aws:ec2/subnet:Subnet", "network-public-a", { cidrBlock: "10.40.224.0/24", mapPublicIpOnLaunch: false, vpcId: "vpc-1" });
    add("aws:ec2/internetGateway:InternetGateway", "network-igw", { vpcId: "vpc-1" });
    add("aws:ec2/natGateway:NatGateway", "network-nat-a", { allocationId: "eipalloc-1", subnetId: "subnet-public-a" }, { propertyDependencies: { subnetId: [publicSubnetUrn] } });
    add("aws:ec2/routeTable:RouteTable", "network-public", { vpcId: "vpc-1" });
    add("aws:ec2/routeTableAssociation:RouteTableAssociation", "network-public-a", { routeTableId: "rtb-public", subnetId: "subnet-public-a" },
        { propertyDependencies: { routeTableId: [publicTableUrn], subnetId: [publicSubnetUrn] } });
    add("aws:ec2/route:Route", "network-public-default", { destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-1", routeTableId: "rtb-public" },
        { propertyDependencies: { routeTableId: [publicTableUrn], gatewayId: [igwUrn] } });
    add("aws:ec2/route:Route", "network-private-a-default", { destinationCidrBlock: "0.0.0.0/0", natGatewayId: "nat-1", routeTableId: "rtb-private-a" },
        { propertyDependencies: { routeTableId: [privateTableUrn], natGatewayId: [natUrn] } });
    return doc;
}

/** The known-good plan without some resources. */
export function without(names: string[], doc = goodPlan()): ExportDocument {
    doc.deployment.resources = doc.deployment.resources.filter((r) => !names.some((n) => r.urn.endsWith(`::${n}`)));
    return doc;
}

/** The known-good plan as `pulumi preview --json` would show it: one create step per resource. */
export function asPreview(doc = goodPlan()): object {
    return {
        steps: [
            ...doc.deployment.resources.map((r) => ({ op: "create", urn: r.urn, provider: r.provider, newState: { ...r, provider: undefined } })),
            { op: "delete", urn: "urn:pulumi:prod-me-central-1::sovereign-milvus::aws:s3/bucketV2:BucketV2::old", oldState: { urn: "x", type: "aws:s3/bucketV2:BucketV2" } },
        ],
        diagnostics: [],
        changeSummary: { create: doc.deployment.resources.length },
    };
}
