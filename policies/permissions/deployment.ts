// What a plan would deploy, as AWS would see it: roles with their trust and identity policies, keys
// with their key policies, buckets with their bucket policies, and the workloads (Kubernetes service
// accounts → IRSA roles) that act through them. Read from the plan file itself, never from the Java
// objects, so the contract judges exactly what `pulumi up` would send.
import * as fs from "node:fs";
import { parse as parseYaml } from "yaml";
import { parseDocument } from "../lib/document";
import type { PlanResource } from "../lib/engine";

export type PolicyDoc = { Version?: string; Statement: Record<string, unknown>[] };

export interface Role {
    urn: string;
    name: string;
    arn: string;
    trust: PolicyDoc;
    /** Inline policies (aws:iam/rolePolicy), by resource name. */
    inline: { name: string; policy: PolicyDoc }[];
    /** AWS managed policies attached by ARN: their text is AWS's, not in the plan. */
    managed: string[];
}

export interface Key {
    urn: string;
    alias: string;
    arn: string;
    policy: PolicyDoc;
}

export interface Bucket {
    urn: string;
    name: string;
    arn: string;
    policy?: PolicyDoc;
    policyUrn?: string;
    /** Default encryption: the key S3 uses for a write that names none. */
    defaultKmsKeyArn?: string;
    bucketKey: boolean;
}

/** A pod identity: the service account a workload runs as and the IAM role it assumes. */
export interface Workload {
    namespace: string;
    serviceAccount: string;
    role: Role;
}

export interface Deployment {
    file: string;
    account: string;
    region: string;
    resources: PlanResource[];
    roles: Role[];
    keys: Key[];
    buckets: Bucket[];
    logGroups: { urn: string; name: string; arn: string; kmsKeyId?: string }[];
    oidc?: { urn: string; arn: string; issuerHost: string };
    trails: PlanResource[];
    /** Milvus: its workload identity and where it keeps segments. */
    milvus?: { workload: Workload; bucket: string; rootPath: string; accessLogPrefix?: string };
    /** milvus-backup: its identity and the prefixes it reads and writes. */
    backup?: { workload: Workload; bucket: string; rootPath: string; backupBucket: string; backupRootPath: string };
}

export class ContractError extends Error {}

function json(value: unknown, what: string): PolicyDoc {
    if (typeof value !== "string") throw new ContractError(`${what}: the policy is not a known JSON string in the plan (${typeof value})`);
    const doc = JSON.parse(value) as PolicyDoc;
    if (!Array.isArray(doc.Statement)) throw new ContractError(`${what}: the policy has no Statement list`);
    return doc;
}

const nameOf = (r: PlanResource) => r.urn.slice(r.urn.lastIndexOf("::") + 2);
const str = (v: unknown) => (typeof v === "string" ? v : undefined);

export function readDeployment(file: string): Deployment {
    const doc = parseDocument(fs.readFileSync(file, "utf8"));
    const resources = doc.resources;
    const ofType = (t: string) => resources.filter((r) => r.type === t);

    const provider = ofType("pulumi:providers:aws")[0];
    if (!provider) throw new ContractError(`${file}: no aws provider`);
    const region = str(provider.inputs.region) ?? "";
    const accounts = JSON.parse(String(provider.inputs.allowedAccountIds ?? "[]")) as string[];
    if (accounts.length !== 1) throw new ContractError(`${file}: the aws provider must pin exactly one account, found ${accounts}`);
    const account = accounts[0];

    const roles: Role[] = ofType("aws:iam/role:Role").map((r) => ({
        urn: r.urn,
        name: String(r.inputs.name),
        arn: String(r.outputs.arn),
        trust: json(r.inputs.assumeRolePolicy, `role ${r.inputs.name} trust`),
        inline: [],
        managed: [],
    }));
    const roleNamed = (n: unknown) => roles.find((x) => x.name === n);
    for (const p of ofType("aws:iam/rolePolicy:RolePolicy")) {
        const role = roleNamed(p.inputs.role);
        if (!role) throw new ContractError(`${file}: inline policy ${nameOf(p)} is attached to ${p.inputs.role}, which the plan does not create`);
        role.inline.push({ name: nameOf(p), policy: json(p.inputs.policy, `inline policy ${nameOf(p)}`) });
    }
    for (const a of ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")) {
        roleNamed(a.inputs.role)?.managed.push(String(a.inputs.policyArn));
    }

    const keys: Key[] = ofType("aws:kms/key:Key").map((k) => {
        const alias = ofType("aws:kms/alias:Alias").find((a) => a.inputs.targetKeyId === k.outputs.keyId || a.inputs.targetKeyId === k.outputs.id);
        return { urn: k.urn, alias: String(alias?.inputs.name ?? nameOf(k)), arn: String(k.outputs.arn), policy: json(k.inputs.policy, `key ${nameOf(k)}`) };
    });

    const buckets: Bucket[] = ofType("aws:s3/bucketV2:BucketV2").map((b) => {
        const name = String(b.inputs.bucket);
        const policy = ofType("aws:s3/bucketPolicy:BucketPolicy").find((p) => p.inputs.bucket === name || p.inputs.bucket === b.outputs.id);
        const sse = ofType("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2")
            .find((e) => e.inputs.bucket === name || e.inputs.bucket === b.outputs.id);
        const rule = (sse?.inputs.rules as any[] | undefined)?.[0];
        const byDefault = rule?.applyServerSideEncryptionByDefault;
        return {
            urn: b.urn,
            name,
            arn: String(b.outputs.arn ?? `arn:aws:s3:::${name}`),
            policy: policy ? json(policy.inputs.policy, `bucket policy of ${name}`) : undefined,
            policyUrn: policy?.urn,
            defaultKmsKeyArn: byDefault?.sseAlgorithm === "aws:kms" ? str(byDefault.kmsMasterKeyId) : undefined,
            bucketKey: rule?.bucketKeyEnabled === true,
        };
    });

    const logGroups = ofType("aws:cloudwatch/logGroup:LogGroup").map((g) => ({
        urn: g.urn,
        name: String(g.inputs.name),
        arn: String(g.outputs.arn ?? `arn:aws:logs:${region}:${account}:log-group:${g.inputs.name}`),
        kmsKeyId: str(g.inputs.kmsKeyId),
    }));

    const oidcResource = ofType("aws:iam/openIdConnectProvider:OpenIdConnectProvider")[0];
    const oidc = oidcResource
        ? { urn: oidcResource.urn, arn: String(oidcResource.outputs.arn), issuerHost: String(oidcResource.inputs.url).replace(/^https:\/\//, "") }
        : undefined;

    const deployment: Deployment = {
        file, account, region, resources, roles, keys, buckets, logGroups, oidc,
        trails: ofType("aws:cloudtrail/trail:Trail"),
    };
    deployment.milvus = milvusOf(deployment);
    deployment.backup = backupOf(deployment);
    return deployment;
}

/** The IAM role a Kubernetes service account is annotated with (IRSA), as the pod would get it. */
export function workload(d: Deployment, namespace: string, serviceAccount: string): Workload {
    const sa = d.resources.find((r) => r.type === "kubernetes:core/v1:ServiceAccount"
        && (r.inputs.metadata as any)?.name === serviceAccount && (r.inputs.metadata as any)?.namespace === namespace);
    if (!sa) throw new ContractError(`${d.file}: no ServiceAccount ${namespace}/${serviceAccount}`);
    const arn = (sa.inputs.metadata as any)?.annotations?.["eks.amazonaws.com/role-arn"];
    const role = d.roles.find((r) => r.arn === arn);
    if (!role) throw new ContractError(`${d.file}: ServiceAccount ${namespace}/${serviceAccount} names role ${arn}, which the plan does not create`);
    return { namespace, serviceAccount, role };
}

function milvusOf(d: Deployment): Deployment["milvus"] {
    const cr = d.resources.find((r) => r.type === "kubernetes:milvus.io/v1beta1:Milvus");
    if (!cr) return undefined;
    const spec = cr.inputs.spec as any;
    const namespace = (cr.inputs.metadata as any).namespace;
    const minio = spec?.config?.minio ?? {};
    const accessLog = spec?.config?.proxy?.accessLog;
    return {
        workload: workload(d, namespace, spec?.components?.serviceAccountName ?? "default"),
        bucket: String(minio.bucketName),
        rootPath: String(minio.rootPath),
        // Milvus joins remotePath to the bucket root, not to rootPath (internal/proxy/accesslog/minio_handler.go).
        accessLogPrefix: accessLog?.enable === true && accessLog?.minioEnable === true && accessLog?.filename
            ? String(accessLog.remotePath ?? "access_log/").replace(/\/+$/, "") : undefined,
    };
}

function backupOf(d: Deployment): Deployment["backup"] {
    const job = d.resources.find((r) => r.type === "kubernetes:batch/v1:CronJob" && (r.inputs.metadata as any)?.name === "milvus-backup");
    if (!job) return undefined;
    const namespace = (job.inputs.metadata as any).namespace;
    const pod = (job.inputs.spec as any).jobTemplate.spec.template.spec;
    const configMapName = (pod.volumes as any[]).find((v) => v.configMap)?.configMap.name;
    const cm = d.resources.find((r) => r.type === "kubernetes:core/v1:ConfigMap"
        && (r.inputs.metadata as any)?.name === configMapName && (r.inputs.metadata as any)?.namespace === namespace);
    if (!cm) throw new ContractError(`${d.file}: the backup job mounts ConfigMap ${configMapName}, which the plan does not create`);
    const minio = (parseYaml(String((cm.inputs.data as any)["backup.yaml"]))).minio;
    return {
        workload: workload(d, namespace, pod.serviceAccountName),
        bucket: String(minio.bucketName),
        rootPath: String(minio.rootPath),
        backupBucket: String(minio.backupBucketName),
        backupRootPath: String(minio.backupRootPath),
    };
}

export const keyByAlias = (d: Deployment, suffix: string) => {
    const k = d.keys.find((x) => x.alias.endsWith(suffix));
    if (!k) throw new ContractError(`${d.file}: no key whose alias ends in ${suffix}`);
    return k;
};

export const bucketNamed = (d: Deployment, name: string) => {
    const b = d.buckets.find((x) => x.name === name);
    if (!b) throw new ContractError(`${d.file}: no bucket ${name}`);
    return b;
};

export const roleNamed = (d: Deployment, suffix: string) => {
    const r = d.roles.find((x) => x.name.endsWith(suffix));
    if (!r) throw new ContractError(`${d.file}: no role whose name ends in ${suffix}`);
    return r;
};
