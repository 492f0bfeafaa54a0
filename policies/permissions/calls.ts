// The permission contract: every AWS call each principal of the stack really makes, and the doors
// that must stay shut, as requests to evaluate against the policies in a plan. Each call says whose
// behaviour it comes from (the client's source, or AWS's documentation of the service's own calls).
import { Deployment, keyByAlias, bucketNamed, PolicyDoc, Role, roleNamed } from "./deployment";
import type { Request } from "./evaluate";

export type Expectation = "Allowed" | "Denied";

export interface Case {
    actor: string;
    call: string;
    expect: Expectation;
    /** Where the call (or the reason the door must stay shut) comes from. */
    source: string;
    request: Request;
}

/** An outside account, for the doors that must stay shut to it. */
export const OUTSIDE_ACCOUNT = "999999999999";
const ALL_ACTIONS: PolicyDoc = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };

/** A role acting through its own session, with the global keys AWS puts in every signed request. */
function roleSession(d: Deployment, role: Role, session: string) {
    return {
        principal: `arn:aws:sts::${d.account}:assumed-role/${role.name}/${session}`,
        identityPolicies: role.inline.map((p) => ({ name: p.name, policy: p.policy })),
        context: {
            "aws:PrincipalArn": role.arn,
            "aws:PrincipalAccount": d.account,
            "aws:SecureTransport": "true",
            "aws:RequestedRegion": d.region,
        } as Record<string, string | string[]>,
    };
}

type Actor = ReturnType<typeof roleSession>;

function call(d: Deployment, actor: Actor, action: string, resource: string, resourcePolicy: PolicyDoc | undefined,
              extra: Record<string, string | string[]> = {}, drop: string[] = []): Request {
    const context = { ...actor.context, ...extra };
    for (const k of drop) delete context[k];
    return { principal: actor.principal, action, resource, resourceAccount: d.account, context, identityPolicies: actor.identityPolicies, resourcePolicy };
}

/** What S3 asks KMS for on a caller's behalf when it reads or writes an SSE-KMS object with a bucket key. */
function viaS3(d: Deployment, bucketArn: string) {
    return { "kms:ViaService": `s3.${d.region}.amazonaws.com`, "kms:CallerAccount": d.account, "kms:EncryptionContext:aws:s3:arn": bucketArn };
}

/** AWS's default key policy: the account root may do anything, so IAM policies alone decide. */
function delegateToIam(d: Deployment): PolicyDoc {
    return { Version: "2012-10-17", Statement: [{ Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${d.account}:root` }, Action: "kms:*", Resource: "*" }] };
}

function viaEc2(d: Deployment) {
    return { "kms:ViaService": `ec2.${d.region}.amazonaws.com`, "kms:CallerAccount": d.account };
}

/** The IRSA hop: the cluster's OIDC provider asks STS for the role with the pod's projected token. */
function webIdentity(d: Deployment, role: Role, namespace: string, serviceAccount: string, audience = "sts.amazonaws.com"): Request {
    if (!d.oidc) throw new Error(`${d.file}: no OIDC provider`);
    return {
        principal: d.oidc.arn,
        action: "sts:AssumeRoleWithWebIdentity",
        resource: role.arn,
        resourceAccount: d.account,
        context: { [`${d.oidc.issuerHost}:sub`]: `system:serviceaccount:${namespace}:${serviceAccount}`, [`${d.oidc.issuerHost}:aud`]: audience },
        identityPolicies: [],
        resourcePolicy: role.trust,
    };
}

const MINIO_GO = "minio-go v7.0.73 api-stat.go BucketExists: HEAD on the bucket; S3 authorises HeadBucket as s3:ListBucket with no s3:prefix (AWS S3 API reference \"HeadBucket\")";
const MILVUS = "milvus-io/milvus v2.5.14";

/** Object-store calls of a minio-go client (Milvus, milvus-backup) under a prefix, through S3 default encryption. */
function objectStoreClient(d: Deployment, actorName: string, actor: Actor, bucketName: string, prefix: string, source: string): Case[] {
    const bucket = bucketNamed(d, bucketName);
    const dataKey = keyByAlias(d, "-data");
    const obj = `${bucket.arn}/${prefix}/insert_log/449/450/451/100/1001`;
    const c = (callName: string, request: Request, expect: Expectation = "Allowed", src = source): Case => ({ actor: actorName, call: callName, expect, source: src, request });
    return [
        c("HeadBucket at start-up", call(d, actor, "s3:ListBucket", bucket.arn, bucket.policy), "Allowed", MINIO_GO),
        c(`ListObjectsV2 under ${prefix}/`, call(d, actor, "s3:ListBucket", bucket.arn, bucket.policy, { "s3:prefix": `${prefix}/insert_log/449/` })),
        c("PutObject without encryption headers", call(d, actor, "s3:PutObject", obj, bucket.policy)),
        c("CreateMultipartUpload without encryption headers", call(d, actor, "s3:PutObject", obj, bucket.policy),
            "Allowed", `${source}; AWS S3 docs "Multipart upload API and permissions": CreateMultipartUpload, UploadPart and CompleteMultipartUpload need s3:PutObject`),
        c("UploadPart (parts never carry encryption headers)", call(d, actor, "s3:PutObject", obj, bucket.policy)),
        c("AbortMultipartUpload", call(d, actor, "s3:AbortMultipartUpload", obj, bucket.policy)),
        c("GetObject / HeadObject", call(d, actor, "s3:GetObject", obj, bucket.policy)),
        c("KMS GenerateDataKey through S3 for a write", call(d, actor, "kms:GenerateDataKey", dataKey.arn, dataKey.policy, viaS3(d, bucket.arn)),
            "Allowed", "AWS S3 docs \"Using SSE-KMS\": S3 calls GenerateDataKey as the caller; with a bucket key the context is the bucket ARN"),
        c("KMS Decrypt through S3 for a read or to complete a multipart upload", call(d, actor, "kms:Decrypt", dataKey.arn, dataKey.policy, viaS3(d, bucket.arn)),
            "Allowed", "AWS S3 docs \"Multipart upload API and permissions\": kms:Decrypt to complete a multipart upload"),
        // Doors that stay shut for the same client.
        c("any request over plain HTTP", call(d, actor, "s3:GetObject", obj, bucket.policy, { "aws:SecureTransport": "false" }),
            "Denied", "bucket policy DenyInsecureTransport: data only over TLS"),
        c("PutObject naming SSE-S3 (AES256)", call(d, actor, "s3:PutObject", obj, bucket.policy, { "s3:x-amz-server-side-encryption": "AES256" }),
            "Denied", "objects are encrypted with the data key only"),
        c("PutObject naming another KMS key", call(d, actor, "s3:PutObject", obj, bucket.policy, {
            "s3:x-amz-server-side-encryption": "aws:kms",
            "s3:x-amz-server-side-encryption-aws-kms-key-id": `arn:aws:kms:${d.region}:${d.account}:key/00000000-0000-0000-0000-000000000000`,
        }), "Denied", "objects are encrypted with the data key only"),
        c("PutObject with a customer-provided key (SSE-C)", call(d, actor, "s3:PutObject", obj, bucket.policy, { "s3:x-amz-server-side-encryption-customer-algorithm": "AES256" }),
            "Denied", "SSE-C would encrypt with a key the stack does not hold"),
        c("KMS Decrypt of the data key outside S3", call(d, actor, "kms:Decrypt", dataKey.arn, dataKey.policy, { "kms:CallerAccount": d.account }),
            "Denied", "the data key is usable only through S3 and EC2 in this region"),
        c("KMS CreateGrant on the data key", call(d, actor, "kms:CreateGrant", dataKey.arn, dataKey.policy, { ...viaS3(d, bucket.arn), "kms:GrantIsForAWSResource": "false" }),
            "Denied", "no workload may hand the data key to anyone"),
    ];
}

function milvusCases(d: Deployment): Case[] {
    const m = d.milvus;
    if (!m) return [];
    const { role, namespace, serviceAccount } = m.workload;
    const actor = roleSession(d, role, "milvus");
    const src = `${MILVUS} internal/storage/minio_object_storage.go (newMinioClient: BucketExists, then Put/Get/Stat/List/Remove under minio.rootPath)`;
    const bucket = bucketNamed(d, m.bucket);
    const c = (call: string, expect: Expectation, source: string, request: Request): Case => ({ actor: "milvus", call, expect, source, request });
    const cases: Case[] = [
        c(`assume its role as ${namespace}/${serviceAccount}`, "Allowed", "EKS IRSA: the pod identity webhook injects a projected token for the service account",
            webIdentity(d, role, namespace, serviceAccount)),
        c("assume its role as another service account", "Denied", "the trust is bound to one namespace and service account",
            webIdentity(d, role, namespace, "default")),
        c("assume its role with another audience", "Denied", "the trust is bound to the STS audience",
            webIdentity(d, role, namespace, serviceAccount, "other.example.com")),
        ...objectStoreClient(d, "milvus", actor, m.bucket, m.rootPath, src),
        c("DeleteObject under its root path (compaction garbage collection)", "Allowed", `${src}; internal/datacoord/garbage_collector.go`,
            call(d, actor, "s3:DeleteObject", `${bucket.arn}/${m.rootPath}/insert_log/449/450/451/100/1001`, bucket.policy)),
        c("segcore's connection check (ListObjects at the bucket root, prefix justforconnectioncheck)", "Allowed",
            `${MILVUS} internal/core/src/storage/MinioChunkManager.cpp PreCheck, on QueryNodes and IndexNodes`,
            call(d, actor, "s3:ListBucket", bucket.arn, bucket.policy, { "s3:prefix": "justforconnectioncheck" })),
        c("GetBucketLocation (the access-log client sets no region)", "Allowed", "minio-go v7.0.73 bucket-cache.go getBucketLocation; internal/proxy/accesslog/minio_handler.go newMinioClient",
            call(d, actor, "s3:GetBucketLocation", bucket.arn, bucket.policy)),
        c("list another prefix at the bucket root", "Denied", "listing only under its own prefixes",
            call(d, actor, "s3:ListBucket", bucket.arn, bucket.policy, { "s3:prefix": "other/" })),
    ];
    if (m.accessLogPrefix !== undefined) {
        const log = `${bucket.arn}/${m.accessLogPrefix}/access-2026112915.log`;
        const accessLogSrc = `${MILVUS} internal/proxy/accesslog/minio_handler.go update: FPutObject to remotePath at the bucket root`;
        cases.push(
            c("upload a rotated access log", "Allowed", accessLogSrc, call(d, actor, "s3:PutObject", log, bucket.policy)),
            c("read its access log", "Denied", "the access log is evidence: Milvus only adds to it", call(d, actor, "s3:GetObject", log, bucket.policy)),
            c("delete its access log", "Denied", "the access log is evidence: Milvus cannot erase it (the bucket lifecycle expires it)",
                call(d, actor, "s3:DeleteObject", log, bucket.policy)),
        );
    }
    if (d.backup) {
        const b = d.backup;
        const target = bucketNamed(d, b.backupBucket);
        const binlog = `${target.arn}/${b.backupRootPath}/nightly-20261129/binlogs/insert_log/449/450/451/100/1001`;
        const restore = "milvus-backup v0.5.16 core/restore/coll_task.go copyAndRewriteDir: same bucket, no copy; Milvus's import reads the backup's binlogs";
        if (b.backupBucket === m.bucket) {
            cases.push(
                c(`read a backup's binlogs during a restore`, "Allowed", restore, call(d, actor, "s3:GetObject", binlog, target.policy)),
                c(`list a backup's binlogs during a restore`, "Allowed", restore,
                    call(d, actor, "s3:ListBucket", target.arn, target.policy, { "s3:prefix": `${b.backupRootPath}/nightly-20261129/binlogs/insert_log/` })),
            );
        }
        cases.push(
            c("overwrite a backup", "Denied", "backups survive a compromised Milvus", call(d, actor, "s3:PutObject", binlog, target.policy)),
            c("delete a backup", "Denied", "backups survive a compromised Milvus", call(d, actor, "s3:DeleteObject", binlog, target.policy)),
        );
    }
    return cases;
}

function backupCases(d: Deployment): Case[] {
    const b = d.backup;
    if (!b) return [];
    const { role, namespace, serviceAccount } = b.workload;
    const actor = roleSession(d, role, "milvus-backup");
    const src = "milvus-backup v0.5.16 internal/storage/minio.go, core/backup/coll_dml_task.go (list and read under rootPath; CopyObject, Put, List, Remove under backupRootPath)";
    const data = bucketNamed(d, b.bucket);
    const target = bucketNamed(d, b.backupBucket);
    const live = `${data.arn}/${b.rootPath}/insert_log/449/450/451/100/1001`;
    const copy = `${target.arn}/${b.backupRootPath}/nightly-20261129/binlogs/insert_log/449/450/451/100/1001`;
    return [
        { actor: "milvus-backup", call: `assume its role as ${namespace}/${serviceAccount}`, expect: "Allowed", source: "EKS IRSA",
          request: webIdentity(d, role, namespace, serviceAccount) },
        { actor: "milvus-backup", call: "assume its role as Milvus's service account", expect: "Denied", source: "one role per workload",
          request: webIdentity(d, role, namespace, d.milvus?.workload.serviceAccount ?? "milvus") },
        ...objectStoreClient(d, "milvus-backup", actor, b.backupBucket, b.backupRootPath, src),
        { actor: "milvus-backup", call: "check the backup bucket (ListObjects at its root, empty prefix, one key)", expect: "Allowed",
          source: "milvus-backup v0.5.16 internal/storage/factory.go NewBackupStorage → CreateBucketIfNotExist(ctx, cli, \"\"); minio.go BucketExist lists with MaxKeys 1",
          request: call(d, actor, "s3:ListBucket", target.arn, target.policy, { "s3:prefix": "" }) },
        { actor: "milvus-backup", call: `list Milvus's segments under ${b.rootPath}/`, expect: "Allowed", source: src,
          request: call(d, actor, "s3:ListBucket", data.arn, data.policy, { "s3:prefix": `${b.rootPath}/insert_log/449/` }) },
        { actor: "milvus-backup", call: "read a live segment (the source of a server-side copy)", expect: "Allowed", source: src,
          request: call(d, actor, "s3:GetObject", live, data.policy) },
        { actor: "milvus-backup", call: "write the copy into the backup prefix (CopyObject, no encryption headers)", expect: "Allowed",
          source: `${src}; AWS S3 API reference "CopyObject": s3:GetObject on the source, s3:PutObject on the target`,
          request: call(d, actor, "s3:PutObject", copy, target.policy, { "s3:x-amz-copy-source": `${b.bucket}/${b.rootPath}/insert_log/449/450/451/100/1001` }) },
        { actor: "milvus-backup", call: "copy a large binlog part by part (UploadPartCopy reads the source)", expect: "Allowed",
          source: "milvus-backup v0.5.16 internal/storage/minio.go multiPartCopy (at or above multipartCopyThresholdMiB, 500 by default)",
          request: call(d, actor, "s3:GetObject", live, data.policy) },
        { actor: "milvus-backup", call: "delete an expired backup", expect: "Allowed", source: src,
          request: call(d, actor, "s3:DeleteObject", copy, target.policy) },
        { actor: "milvus-backup", call: "delete a live segment", expect: "Denied", source: "a backup job must never destroy what it backs up",
          request: call(d, actor, "s3:DeleteObject", live, data.policy) },
        { actor: "milvus-backup", call: "overwrite a live segment", expect: "Denied", source: "a backup job must never rewrite what it backs up",
          request: call(d, actor, "s3:PutObject", live, data.policy) },
    ];
}

function outsiderCases(d: Deployment): Case[] {
    const cases: Case[] = [];
    const outsider = {
        principal: `arn:aws:sts::${OUTSIDE_ACCOUNT}:assumed-role/admin/intruder`,
        identityPolicies: [{ name: "AdministratorAccess", policy: ALL_ACTIONS }],
        context: { "aws:PrincipalArn": `arn:aws:iam::${OUTSIDE_ACCOUNT}:role/admin`, "aws:PrincipalAccount": OUTSIDE_ACCOUNT, "aws:SecureTransport": "true" } as Record<string, string | string[]>,
    };
    for (const bucket of d.buckets) {
        const obj = `${bucket.arn}/${d.milvus?.rootPath ?? "data"}/any`;
        cases.push(
            { actor: "another account", call: `read ${bucket.name}`, expect: "Denied", source: "no principal outside the account", request: call(d, outsider, "s3:GetObject", obj, bucket.policy) },
            { actor: "another account", call: `write ${bucket.name}`, expect: "Denied", source: "no principal outside the account", request: call(d, outsider, "s3:PutObject", obj, bucket.policy) },
            { actor: "another account", call: `list ${bucket.name}`, expect: "Denied", source: "no principal outside the account", request: call(d, outsider, "s3:ListBucket", bucket.arn, bucket.policy) },
        );
    }
    for (const key of d.keys) {
        cases.push({ actor: "another account", call: `decrypt with ${key.alias} through S3`, expect: "Denied", source: "no principal outside the account",
            request: call(d, outsider, "kms:Decrypt", key.arn, key.policy, { "kms:ViaService": `s3.${d.region}.amazonaws.com`, "kms:CallerAccount": OUTSIDE_ACCOUNT }) });
    }
    for (const role of d.roles) {
        cases.push({ actor: "another account", call: `assume ${role.name}`, expect: "Denied", source: "trust only for the stack's own principals",
            request: call(d, outsider, "sts:AssumeRole", role.arn, role.trust) });
    }
    return cases;
}

/** An account administrator with every IAM permission: manages the keys, cannot use the data key but through S3/EC2. */
function adminCases(d: Deployment): Case[] {
    const admin = {
        principal: `arn:aws:sts::${d.account}:assumed-role/platform-admin/alice`,
        identityPolicies: [{ name: "AdministratorAccess", policy: ALL_ACTIONS }],
        context: { "aws:PrincipalArn": `arn:aws:iam::${d.account}:role/platform-admin`, "aws:PrincipalAccount": d.account, "aws:SecureTransport": "true", "kms:CallerAccount": d.account } as Record<string, string | string[]>,
    };
    const data = keyByAlias(d, "-data");
    return [
        ...d.keys.map((k): Case => ({ actor: "account admin", call: `change the key policy of ${k.alias}`, expect: "Allowed",
            source: "KMS refuses a key policy that locks the account out (PutKeyPolicy lockout safety check): IAM admins keep administration",
            request: call(d, admin, "kms:PutKeyPolicy", k.arn, k.policy) })),
        { actor: "account admin", call: "decrypt directly with the data key", expect: "Denied", source: "the data key is usable only through S3 and EC2 in this region",
          request: call(d, admin, "kms:Decrypt", data.arn, data.policy) },
        { actor: "account admin", call: "decrypt with the data key through S3 in another region", expect: "Denied", source: "kms:ViaService names this region's S3 only",
          request: call(d, admin, "kms:Decrypt", data.arn, data.policy, { "kms:ViaService": "s3.eu-west-1.amazonaws.com" }) },
        { actor: "account admin", call: "create a grant on the data key for a principal of its choosing", expect: "Denied", source: "grants only for AWS resources",
          request: call(d, admin, "kms:CreateGrant", data.arn, data.policy, { ...viaEc2(d), "kms:GrantIsForAWSResource": "false" }) },
    ];
}

function ebsCsiCases(d: Deployment): Case[] {
    const role = roleNamed(d, "-ebs-csi");
    const actor = roleSession(d, role, "ebs-csi");
    const data = keyByAlias(d, "-data");
    const src = "AWS EBS CSI driver docs (\"KMS key for encryption\"): EC2 calls KMS as the driver's role when it creates a CMK-encrypted volume";
    const ok = (name: string, action: string, extra: Record<string, string> = {}): Case => ({ actor: "ebs-csi-driver", call: name, expect: "Allowed", source: src,
        request: call(d, actor, action, data.arn, data.policy, { ...viaEc2(d), ...extra }) });
    return [
        { actor: "ebs-csi-driver", call: "assume its role as kube-system/ebs-csi-controller-sa", expect: "Allowed", source: "EKS add-on aws-ebs-csi-driver runs its controller under that service account",
          request: webIdentity(d, role, "kube-system", "ebs-csi-controller-sa") },
        ok("EC2 creates a grant for the new volume", "kms:CreateGrant", { "kms:GrantIsForAWSResource": "true" }),
        ok("EC2 generates the volume's data key", "kms:GenerateDataKeyWithoutPlaintext"),
        ok("EC2 decrypts the volume's data key on attach", "kms:Decrypt"),
        ok("EC2 describes the key", "kms:DescribeKey"),
        { actor: "ebs-csi-driver", call: "create a grant that is not for an AWS resource", expect: "Denied", source: "issue 9: the driver's role must not grant the data key to anyone",
          request: call(d, actor, "kms:CreateGrant", data.arn, data.policy, { "kms:CallerAccount": d.account, "kms:GrantIsForAWSResource": "false" }) },
        { actor: "ebs-csi-driver", call: "create a grant through EC2 that is not for an AWS resource", expect: "Denied", source: "grants only for AWS resources",
          request: call(d, actor, "kms:CreateGrant", data.arn, data.policy, { ...viaEc2(d), "kms:GrantIsForAWSResource": "false" }) },
        // Each layer on its own: under AWS's default key policy (everything delegated to IAM), the
        // role's identity policy alone must still refuse a grant that is not for an AWS resource.
        { actor: "ebs-csi-driver", call: "create a grant not for an AWS resource under a key policy that delegates to IAM", expect: "Denied",
          source: "AWS KMS docs, \"Default key policy\": the root statement delegates every kms action to IAM policies",
          request: call(d, actor, "kms:CreateGrant", data.arn, delegateToIam(d), { ...viaEc2(d), "kms:GrantIsForAWSResource": "false" }) },
        { actor: "ebs-csi-driver", call: "decrypt directly with the data key", expect: "Denied", source: "the data key is usable only through S3 and EC2",
          request: call(d, actor, "kms:Decrypt", data.arn, data.policy, { "kms:CallerAccount": d.account }) },
    ];
}

function autoScalingCases(d: Deployment): Case[] {
    const slr = `arn:aws:iam::${d.account}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
    // The service-linked role's own permissions exclude customer-managed keys (AWS docs): no identity policy.
    const actor = {
        principal: `arn:aws:sts::${d.account}:assumed-role/AWSServiceRoleForAutoScaling/AutoScaling`,
        identityPolicies: [],
        context: { "aws:PrincipalArn": slr, "aws:PrincipalAccount": d.account, "aws:SecureTransport": "true", "kms:CallerAccount": d.account } as Record<string, string | string[]>,
    };
    const data = keyByAlias(d, "-data");
    const src = "AWS EC2 Auto Scaling docs, \"Required AWS KMS key policy for use with encrypted volumes\": managed node groups launch CMK-encrypted root volumes as this role";
    const ok = (name: string, action: string, extra: Record<string, string> = {}): Case => ({ actor: "ec2-auto-scaling", call: name, expect: "Allowed", source: src,
        request: call(d, actor, action, data.arn, data.policy, extra) });
    return [
        ok("use the data key for a root volume", "kms:GenerateDataKeyWithoutPlaintext"),
        ok("decrypt a root volume's data key", "kms:Decrypt"),
        ok("re-encrypt from the AMI's key", "kms:ReEncryptFrom"),
        ok("describe the key", "kms:DescribeKey"),
        ok("grant EC2 use of the key for the instance's volume", "kms:CreateGrant", { "kms:GrantIsForAWSResource": "true" }),
        { actor: "ec2-auto-scaling", call: "grant the key to a principal, not a resource", expect: "Denied", source: "grants only for AWS resources",
          request: call(d, actor, "kms:CreateGrant", data.arn, data.policy, { "kms:GrantIsForAWSResource": "false" }) },
    ];
}

function clusterCases(d: Deployment): Case[] {
    const role = roleNamed(d, "-cluster");
    const actor = roleSession(d, role, "eks");
    const key = keyByAlias(d, "-cluster");
    const data = keyByAlias(d, "-data");
    const src = "AWS EKS docs, \"Encrypt Kubernetes secrets with KMS\": the cluster role encrypts, decrypts and creates a grant for the control plane";
    return [
        { actor: "eks-control-plane", call: "EKS assumes the cluster role", expect: "Allowed", source: "AWS EKS docs, \"Amazon EKS cluster IAM role\"",
          request: { principal: "eks.amazonaws.com", action: "sts:AssumeRole", resource: role.arn, resourceAccount: d.account, context: {}, identityPolicies: [], resourcePolicy: role.trust } },
        ...["kms:Encrypt", "kms:Decrypt", "kms:DescribeKey"].map((a): Case => ({ actor: "eks-control-plane", call: `${a} for Secrets`, expect: "Allowed", source: src,
            request: call(d, actor, a, key.arn, key.policy) })),
        { actor: "eks-control-plane", call: "grant the control plane use of the key", expect: "Allowed", source: src,
          request: call(d, actor, "kms:CreateGrant", key.arn, key.policy, { "kms:GrantIsForAWSResource": "true" }) },
        { actor: "eks-control-plane", call: "use the data key", expect: "Denied", source: "separate keys: the control plane never reads Milvus data",
          request: call(d, actor, "kms:Decrypt", data.arn, data.policy, { "kms:CallerAccount": d.account }) },
    ];
}

function nodeCases(d: Deployment): Case[] {
    const role = roleNamed(d, "-node");
    const actor = roleSession(d, role, "i-0123456789abcdef0");
    const data = keyByAlias(d, "-data");
    const cases: Case[] = [
        { actor: "node", call: "EC2 assumes the node role", expect: "Allowed", source: "AWS EKS docs, \"Amazon EKS node IAM role\"",
          request: { principal: "ec2.amazonaws.com", action: "sts:AssumeRole", resource: role.arn, resourceAccount: d.account, context: {}, identityPolicies: [], resourcePolicy: role.trust } },
        { actor: "node", call: "use the data key", expect: "Denied", source: "nodes carry no data permissions: pods get theirs through IRSA",
          request: call(d, actor, "kms:Decrypt", data.arn, data.policy, viaS3(d, d.buckets[0]?.arn ?? "")) },
    ];
    for (const bucket of d.buckets) {
        cases.push({ actor: "node", call: `read ${bucket.name}`, expect: "Denied", source: "nodes carry no data permissions: any pod could use them",
            request: call(d, actor, "s3:GetObject", `${bucket.arn}/${d.milvus?.rootPath ?? "data"}/x`, bucket.policy) });
    }
    return cases;
}

function vpcCniCases(d: Deployment): Case[] {
    const role = roleNamed(d, "-vpc-cni");
    return [
        { actor: "vpc-cni", call: "assume its role as kube-system/aws-node", expect: "Allowed", source: "EKS add-on vpc-cni runs as kube-system/aws-node",
          request: webIdentity(d, role, "kube-system", "aws-node") },
        { actor: "vpc-cni", call: "assume its role as a Milvus pod", expect: "Denied", source: "network permissions only for the CNI",
          request: webIdentity(d, role, d.milvus?.workload.namespace ?? "milvus", "milvus") },
    ];
}

/** CloudWatch Logs encrypts each of the stack's log groups with the key the group names. */
function logsCases(d: Deployment): Case[] {
    const cases: Case[] = [];
    const src = "AWS CloudWatch Logs docs, \"Encrypt log data using AWS KMS\": the regional logs service principal uses the key with the log group ARN as encryption context";
    for (const g of d.logGroups) {
        const key = d.keys.find((k) => k.arn === g.kmsKeyId);
        if (!key) continue; // sovereignty-log-group-cmk-required reports unencrypted groups
        const ctx = (arn: string) => ({ "kms:EncryptionContext:aws:logs:arn": arn });
        for (const action of ["kms:GenerateDataKey", "kms:Encrypt", "kms:Decrypt", "kms:DescribeKey"]) {
            cases.push({ actor: "cloudwatch-logs", call: `${action} for ${g.name}`, expect: "Allowed", source: src,
                request: { principal: `logs.${d.region}.amazonaws.com`, action, resource: key.arn, resourceAccount: d.account, context: ctx(g.arn), identityPolicies: [], resourcePolicy: key.policy } });
        }
        cases.push({ actor: "cloudwatch-logs", call: `decrypt for a log group of another account with ${key.alias}`, expect: "Denied", source: "the key serves this account's log groups only",
            request: { principal: `logs.${d.region}.amazonaws.com`, action: "kms:Decrypt", resource: key.arn, resourceAccount: d.account,
                context: ctx(`arn:aws:logs:${d.region}:${OUTSIDE_ACCOUNT}:log-group:stolen`), identityPolicies: [], resourcePolicy: key.policy } });
        cases.push({ actor: "cloudwatch-logs", call: `logs of another region use ${key.alias}`, expect: "Denied", source: "logs stay in the region",
            request: { principal: "logs.eu-west-1.amazonaws.com", action: "kms:GenerateDataKey", resource: key.arn, resourceAccount: d.account, context: ctx(g.arn), identityPolicies: [], resourcePolicy: key.policy } });
    }
    return cases;
}

function flowLogsCases(d: Deployment): Case[] {
    const role = roleNamed(d, "-flow-logs");
    const group = d.logGroups.find((g) => g.name.endsWith("/flow-logs"));
    if (!group) return [];
    const actor = roleSession(d, role, "flow-logs");
    const other = d.logGroups.find((g) => g !== group);
    const src = "AWS VPC docs, \"IAM role for publishing flow logs to CloudWatch Logs\"";
    const trust = (sourceAccount: string): Request => ({ principal: "vpc-flow-logs.amazonaws.com", action: "sts:AssumeRole", resource: role.arn, resourceAccount: d.account,
        context: { "aws:SourceAccount": sourceAccount }, identityPolicies: [], resourcePolicy: role.trust });
    const cases: Case[] = [
        { actor: "vpc-flow-logs", call: "assume the delivery role for this account", expect: "Allowed", source: src, request: trust(d.account) },
        { actor: "vpc-flow-logs", call: "assume the delivery role for another account (confused deputy)", expect: "Denied", source: "aws:SourceAccount pins the trust", request: trust(OUTSIDE_ACCOUNT) },
        ...["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"].map((a): Case => ({ actor: "vpc-flow-logs", call: a, expect: "Allowed", source: src,
            request: call(d, actor, a, `${group.arn}:log-stream:eni-0123456789abcdef0-all`, undefined) })),
    ];
    if (other) {
        cases.push({ actor: "vpc-flow-logs", call: `write into ${other.name}`, expect: "Denied", source: "the delivery role writes its own group only",
            request: call(d, actor, "logs:PutLogEvents", `${other.arn}:log-stream:x`, undefined) });
    }
    return cases;
}

/** CloudTrail delivers the segment bucket's object events to the audit bucket, encrypted with the trail's key. */
function auditTrailCases(d: Deployment): Case[] {
    const cases: Case[] = [];
    for (const trail of d.trails) {
        const name = String(trail.inputs.name);
        // The ARN AWS gives a trail (AWS CloudTrail API reference, "Trail"): the policies pin CloudTrail to it.
        const trailArn = `arn:aws:cloudtrail:${d.region}:${d.account}:trail/${name}`;
        const bucket = bucketNamed(d, String(trail.inputs.s3BucketName));
        const key = d.keys.find((k) => k.arn === trail.inputs.kmsKeyId);
        if (!key) throw new Error(`${d.file}: trail ${name} encrypts with ${trail.inputs.kmsKeyId}, which the plan does not create`);
        const src = "AWS CloudTrail User Guide, \"Amazon S3 bucket policy for CloudTrail\" and \"Configure AWS KMS key policies for CloudTrail\"";
        const logFile = `${bucket.arn}/AWSLogs/${d.account}/CloudTrail/${d.region}/2026/11/29/${d.account}_CloudTrail_${d.region}_20261129T0000Z_x.json.gz`;
        const service = (action: string, resource: string, policy: PolicyDoc | undefined, context: Record<string, string>): Request =>
            ({ principal: "cloudtrail.amazonaws.com", action, resource, resourceAccount: d.account, context, identityPolicies: [], resourcePolicy: policy });
        const write = (sourceArn: string) => service("s3:PutObject", logFile, bucket.policy, {
            "aws:SourceArn": sourceArn, "s3:x-amz-acl": "bucket-owner-full-control",
            "s3:x-amz-server-side-encryption": "aws:kms", "s3:x-amz-server-side-encryption-aws-kms-key-id": key.arn, "aws:SecureTransport": "true",
        });
        const encrypt = (sourceArn: string) => service("kms:GenerateDataKey", key.arn, key.policy, {
            "aws:SourceArn": sourceArn, "kms:EncryptionContext:aws:cloudtrail:arn": sourceArn,
        });
        const otherTrail = `arn:aws:cloudtrail:${d.region}:${OUTSIDE_ACCOUNT}:trail/any`;
        cases.push(
            { actor: "cloudtrail", call: `check the ACL of ${bucket.name}`, expect: "Allowed", source: src,
              request: service("s3:GetBucketAcl", bucket.arn, bucket.policy, { "aws:SourceArn": trailArn }) },
            { actor: "cloudtrail", call: `deliver a log file of ${name}`, expect: "Allowed", source: src, request: write(trailArn) },
            { actor: "cloudtrail", call: "deliver a log file of another account's trail", expect: "Denied", source: "aws:SourceArn pins delivery to the stack's trail", request: write(otherTrail) },
            { actor: "cloudtrail", call: `encrypt a log file of ${name} with ${key.alias}`, expect: "Allowed", source: src, request: encrypt(trailArn) },
            { actor: "cloudtrail", call: `describe ${key.alias} for ${name}`, expect: "Allowed", source: src,
              request: service("kms:DescribeKey", key.arn, key.policy, { "aws:SourceArn": trailArn }) },
            { actor: "cloudtrail", call: `encrypt another account's trail with ${key.alias}`, expect: "Denied", source: "the key serves this stack's trail only", request: encrypt(otherTrail) },
        );
        if (d.milvus) {
            const actor = roleSession(d, d.milvus.workload.role, "milvus");
            cases.push(
                { actor: "milvus", call: "read the audit log", expect: "Denied", source: "the audited cannot read the audit", request: call(d, actor, "s3:GetObject", logFile, bucket.policy) },
                { actor: "milvus", call: "delete the audit log", expect: "Denied", source: "the audited cannot erase the audit", request: call(d, actor, "s3:DeleteObject", logFile, bucket.policy) },
            );
        }
        const auditor = {
            principal: `arn:aws:sts::${d.account}:assumed-role/security-auditor/bob`,
            identityPolicies: [{ name: "ReadAuditLogs", policy: { Version: "2012-10-17", Statement: [
                { Effect: "Allow", Action: ["s3:GetObject", "kms:Decrypt"], Resource: [`${bucket.arn}/*`, key.arn] }] } as PolicyDoc }],
            context: { "aws:PrincipalArn": `arn:aws:iam::${d.account}:role/security-auditor`, "aws:PrincipalAccount": d.account, "aws:SecureTransport": "true" } as Record<string, string | string[]>,
        };
        cases.push(
            { actor: "security auditor", call: "read a log file", expect: "Allowed", source: "the account's auditors read the trail with IAM permission", request: call(d, auditor, "s3:GetObject", logFile, bucket.policy) },
            { actor: "security auditor", call: "decrypt a log file through S3", expect: "Allowed", source: src,
              request: call(d, auditor, "kms:Decrypt", key.arn, key.policy, { "kms:ViaService": `s3.${d.region}.amazonaws.com`, "kms:CallerAccount": d.account, "kms:EncryptionContext:aws:cloudtrail:arn": trailArn }) },
        );
    }
    return cases;
}

/** Every case for one plan. */
export function contract(d: Deployment): Case[] {
    return [
        ...milvusCases(d),
        ...backupCases(d),
        ...ebsCsiCases(d),
        ...autoScalingCases(d),
        ...clusterCases(d),
        ...nodeCases(d),
        ...vpcCniCases(d),
        ...logsCases(d),
        ...flowLogsCases(d),
        ...auditTrailCases(d),
        ...adminCases(d),
        ...outsiderCases(d),
    ];
}
