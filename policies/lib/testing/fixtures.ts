// A known-good prod plan in stack-export form, shaped like the program's offline plan. Every policy
// spec starts from it and changes one property. Each resource's outputs mirror its inputs, as they
// do in the offline plan, so stack policies see the same values.

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
                    pvcDeletion: false,
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
                    pvcDeletion: false,
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
            description: "sovereign-milvus prod data key", enableKeyRotation: true, deletionWindowInDays: 30, policy: "{}",
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
