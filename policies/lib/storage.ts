// S3: customer-managed encryption, no public access, TLS only, the controls attached to every
// bucket, and (production) buckets that a `pulumi destroy` cannot empty.
import type { PolicyResource } from "@pulumi/policy";
import { asArray, dependenciesOf, isObject, isSet, isUnknownValue, label, ofType, peek, ProjectResourcePolicy, ProjectStackPolicy, resourceOfType, unknownAtPreview } from "./policy";

export const BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
export const BUCKET_V1 = "aws:s3/bucket:Bucket";
export const SSE_CONFIG = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2";
export const PUBLIC_ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
export const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";

const KMS_ALGORITHMS = ["aws:kms", "aws:kms:dsse"];

export const s3CmkRequired: ProjectResourcePolicy = {
    name: "sovereignty-s3-cmk-required",
    description: "Bucket encryption is SSE-KMS with a customer-managed key, never SSE-S3 or the AWS-managed aws/s3 key.",
    enforcementLevel: "mandatory",
    remediationSteps: "Give every rule applyServerSideEncryptionByDefault { sseAlgorithm: \"aws:kms\", kmsMasterKeyId: <this stack's KMS key ARN> } and bucketKeyEnabled: true.",
    validateResource: resourceOfType(SSE_CONFIG, (props, _args, report) => {
        const rules = asArray(props.rules);
        if (rules.length === 0) report("Has no encryption rules; one rule with sseAlgorithm aws:kms and a customer-managed kmsMasterKeyId is required.");
        rules.forEach((rule, i) => {
            const byDefault = rule?.applyServerSideEncryptionByDefault;
            const algorithm = byDefault?.sseAlgorithm;
            if (!KMS_ALGORITHMS.includes(algorithm)) {
                report(`Rule ${i} uses sseAlgorithm ${algorithm ?? "(none)"}; it must be aws:kms with a customer-managed key.`);
                return;
            }
            if (!isSet(byDefault, "kmsMasterKeyId")) {
                report(`Rule ${i} sets no kmsMasterKeyId; without it S3 uses the AWS-managed aws/s3 key, not a customer-managed key.`);
                return;
            }
            const key = peek(byDefault, "kmsMasterKeyId");
            if (typeof key === "string" && !isUnknownValue(key) && key.includes("alias/aws/")) {
                report(`Rule ${i} uses the AWS-managed key ${key}; it must be a customer-managed key.`);
            }
        });
    }),
};

export const s3PublicAccessBlocked: ProjectResourcePolicy = {
    name: "sovereignty-s3-public-access-blocked",
    description: "A bucket's public access block turns on all four settings.",
    enforcementLevel: "mandatory",
    remediationSteps: "Set blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets to true.",
    validateResource: resourceOfType(PUBLIC_ACCESS_BLOCK, (props, _args, report) => {
        const off = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"].filter((k) => props[k] !== true);
        if (off.length > 0) report(`Does not set ${off.join(", ")} to true; all four must be true.`);
    }),
};

function isTlsDenyStatement(s: any): boolean {
    if (!isObject(s) || s.Effect !== "Deny") return false;
    const principal = s.Principal;
    const everyone = principal === "*" || (isObject(principal) && (principal.AWS === "*" || asArray(principal.AWS).includes("*")));
    const actions = Array.isArray(s.Action) ? s.Action : [s.Action];
    const allActions = actions.includes("s3:*") || actions.includes("*");
    const secure = s.Condition?.Bool?.["aws:SecureTransport"];
    return everyone && allActions && (secure === "false" || secure === false);
}

export const s3DenyInsecureTransport: ProjectResourcePolicy = {
    name: "sovereignty-s3-deny-insecure-transport",
    description: "A bucket policy denies every request made without TLS.",
    enforcementLevel: "mandatory",
    remediationSteps: "Add a statement { Effect: Deny, Principal: \"*\", Action: \"s3:*\", Resource: [bucket ARN, bucket ARN/*], Condition: { Bool: { \"aws:SecureTransport\": \"false\" } } }.",
    validateResource: resourceOfType(BUCKET_POLICY, (props, _args, report) => {
        if (unknownAtPreview(props, "policy")) return; // judged at `pulumi up` and on the offline plan (see unknownAtPreview)
        let doc: any = props.policy;
        if (typeof doc === "string") {
            try {
                doc = JSON.parse(doc);
            } catch {
                report("Its policy is not valid JSON.");
                return;
            }
        }
        const statements = Array.isArray(doc?.Statement) ? doc.Statement : [doc?.Statement];
        if (!statements.some(isTlsDenyStatement)) {
            report("Has no statement denying s3:* to every principal when aws:SecureTransport is false.");
        }
    }),
};

/** True when `companion.bucket` names this bucket: by the engine's property dependencies, else by value. */
function attachedTo(companion: PolicyResource, bucket: PolicyResource): boolean {
    const deps = dependenciesOf(companion, "bucket");
    if (deps.length > 0) return deps.some((d) => d.urn === bucket.urn);
    const ref = peek(companion.props, "bucket");
    if (typeof ref !== "string" || isUnknownValue(ref)) return false;
    return [peek(bucket.props, "bucket"), peek(bucket.props, "id")].includes(ref);
}

export const s3BucketControlsAttached: ProjectStackPolicy = {
    name: "sovereignty-s3-bucket-controls-attached",
    description: "Every bucket has its encryption configuration, public access block and TLS-only bucket policy.",
    enforcementLevel: "mandatory",
    remediationSteps: "Create the missing BucketServerSideEncryptionConfigurationV2, BucketPublicAccessBlock or BucketPolicy with `bucket` set to this bucket's id (the SegmentBucket component does all three).",
    validateStack: (args, report) => {
        const companions: [string, string][] = [
            [SSE_CONFIG, "server-side encryption configuration"],
            [PUBLIC_ACCESS_BLOCK, "public access block"],
            [BUCKET_POLICY, "bucket policy"],
        ];
        for (const bucket of [...ofType(args, BUCKET_V2), ...ofType(args, BUCKET_V1)]) {
            const missing = companions
                .filter(([type]) => !ofType(args, type).some((c) => attachedTo(c, bucket)))
                .map(([, what]) => what);
            if (missing.length > 0) report(`${label(bucket)} has no ${missing.join(", no ")}.`, bucket.urn);
        }
    },
};

export const bucketProtected: ProjectResourcePolicy = {
    name: "milvus-production-bucket-protected",
    description: "The segment bucket is protected from deletion and cannot be emptied by a destroy.",
    enforcementLevel: "mandatory",
    remediationSteps: "Set the `protect` resource option on the bucket and leave forceDestroy unset (false).",
    validateResource: [BUCKET_V2, BUCKET_V1].map((type) => resourceOfType(type, (props, args, report) => {
        if (!args.opts.protect) report("Is not protected; set the protect resource option.");
        if (isSet(props, "forceDestroy") && props.forceDestroy === true) report("Sets forceDestroy: true; a destroy would delete every object.");
    })),
};
