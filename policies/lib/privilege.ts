// Least privilege: the identity policies the stack writes for its roles name exact actions, and
// data and key actions name exact resources. AWS managed policies attached by ARN are AWS's text
// and out of scope, except the few whose whole point is full access.
import { globMatches, list, Statement, statementsOf } from "./iam";
import { asArray, isUnknownValue, peek, ProjectResourcePolicy, resourceOfType, unknownAtPreview } from "./policy";

/** Identity-policy types and the input that holds the document. */
export const IDENTITY_POLICIES: Record<string, string> = {
    "aws:iam/rolePolicy:RolePolicy": "policy",
    "aws:iam/policy:Policy": "policy",
    "aws:iam/groupPolicy:GroupPolicy": "policy",
    "aws:iam/userPolicy:UserPolicy": "policy",
};

/** Actions that read, write or delete data, or use or grant a key. */
export const DATA_ACTIONS = [
    "s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:RestoreObject",
    "s3:ReplicateObject", "s3:PutObjectAcl", "s3:GetObjectAcl", "s3:ListBucket", "s3:ListBucketVersions",
    "kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext",
    "kms:GenerateDataKeyPair", "kms:GenerateDataKeyPairWithoutPlaintext", "kms:CreateGrant", "kms:Sign", "kms:GenerateMac",
    "secretsmanager:GetSecretValue",
];

/** AWS managed policies that grant a whole service or more. */
export const FULL_ACCESS_POLICIES = ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess", "AmazonS3FullAccess"];

/** True for "*" and for resources that name every bucket, object, key or secret. */
export function isWildcardResource(resource: string): boolean {
    if (resource === "*") return true;
    const rest = resource.split(":").slice(5).join(":");
    return /^arn:[^:]+:(s3|kms|secretsmanager):/.test(resource) && ["*", "*/*", "key/*", "alias/*", "secret:*"].includes(rest);
}

function statementProblems(s: Statement): string[] {
    const where = `Statement ${s.sid}`;
    if (s.notActions) return [`${where} allows NotAction ${s.actions.join(", ")}, which grants every other action; list the exact actions.`];
    const out: string[] = [];
    const wild = s.actions.filter((a) => a === "*" || /^[a-z0-9-]+:\*$/i.test(a));
    if (wild.length > 0) out.push(`${where} allows ${wild.join(", ")}; list the exact actions the role needs.`);
    const data = s.actions.filter((a) => !wild.includes(a) && DATA_ACTIONS.some((d) => globMatches(a, d)));
    const broad = s.notResources ? s.resources.map((r) => `NotResource ${r}`) : s.resources.filter(isWildcardResource);
    if (data.length > 0 && broad.length > 0) {
        out.push(`${where} allows data or key actions ${data.join(", ")} on ${broad.join(", ")}; name the exact bucket prefix, key or secret ARN.`);
    }
    return out;
}

function documentProblems(doc: unknown, field: string, report: (m: string) => void) {
    const statements = statementsOf(doc);
    if (typeof statements === "string") {
        report(`Its ${field} ${statements}; an identity policy must be a JSON policy document.`);
        return;
    }
    for (const s of statements) {
        if (s.effect === "Allow") for (const p of statementProblems(s)) report(`${field}: ${p}`);
    }
}

function fullAccess(arns: string[], report: (m: string) => void) {
    for (const arn of arns) {
        const name = arn.slice(arn.lastIndexOf("/") + 1);
        if (arn.startsWith("arn:aws:iam::aws:policy/") && FULL_ACCESS_POLICIES.includes(name)) {
            report(`Attaches the AWS managed policy ${arn}, which grants full access; write a policy with the exact actions and resources.`);
        }
    }
}

export const leastPrivilege: ProjectResourcePolicy = {
    name: "sovereignty-least-privilege",
    description: "Identity policies the stack writes for its roles grant no service wildcard (s3:*, kms:*, iam:*, sts:*, *), no NotAction, and no data or key action (S3 object reads and writes, KMS encrypt, decrypt, data keys, grants, secret values) on a wildcard resource; and no role gets AdministratorAccess, PowerUserAccess, IAMFullAccess or AmazonS3FullAccess.",
    enforcementLevel: "mandatory",
    remediationSteps: "List the exact actions each role calls and the exact resources: the bucket ARN with its prefix (arn:aws:s3:::<bucket>/<prefix>/*), the key ARN, the secret ARN; attach narrow managed policies only where AWS documents them for the add-on.",
    validateResource: [
        ...Object.keys(IDENTITY_POLICIES).map((type) => resourceOfType(type, (props, _args, report) => {
            if (unknownAtPreview(props, IDENTITY_POLICIES[type])) return; // judged at `pulumi up` and on the offline plan (see unknownAtPreview)
            documentProblems(props[IDENTITY_POLICIES[type]], IDENTITY_POLICIES[type], report);
        })),
        resourceOfType("aws:iam/role:Role", (props, _args, report) => {
            asArray(peek(props, "inlinePolicies")).forEach((p, i) => {
                const doc = peek(p, "policy");
                if (typeof doc === "string" && doc !== "" && !isUnknownValue(doc)) documentProblems(doc, `inlinePolicies[${i}]`, report);
            });
            fullAccess(list(peek(props, "managedPolicyArns")), report);
        }),
        ...["aws:iam/rolePolicyAttachment:RolePolicyAttachment", "aws:iam/policyAttachment:PolicyAttachment"].map((type) =>
            resourceOfType(type, (props, _args, report) => fullAccess(list(peek(props, "policyArn")), report))),
    ],
};
