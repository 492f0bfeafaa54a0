// Who may act on the stack's resources: resource policies admit only principals of the stack's
// account (or partners the pack config names), federated trusts are bound to one service account,
// and EKS access entries name principals of the account.
import type { ResourceValidationArgs } from "@pulumi/policy";
import type { PartnerAccountConfig } from "./config";
import { partnerAccountsSchema } from "./config";
import { accountOf, ownedBy, pinnedTo, principalKinds, principalsOf, providerAccounts, Statement, statementsOf } from "./iam";
import { AWS_PROVIDER, ProjectResourcePolicy, resourceOfType, unknownAtPreview } from "./policy";

export const IAM_ROLE = "aws:iam/role:Role";

/** Resource types that carry a resource policy, and the input that holds it. */
export const RESOURCE_POLICIES: Record<string, string> = {
    "aws:s3/bucketPolicy:BucketPolicy": "policy",
    "aws:s3/bucketV2:BucketV2": "policy",
    "aws:s3/bucket:Bucket": "policy",
    "aws:s3/accessPoint:AccessPoint": "policy",
    "aws:kms/key:Key": "policy",
    "aws:kms/keyPolicy:KeyPolicy": "policy",
    [IAM_ROLE]: "assumeRolePolicy",
    "aws:ecr/repositoryPolicy:RepositoryPolicy": "policy",
    "aws:ecr/registryPolicy:RegistryPolicy": "policy",
    "aws:sqs/queue:Queue": "policy",
    "aws:sqs/queuePolicy:QueuePolicy": "policy",
    "aws:sns/topic:Topic": "policy",
    "aws:sns/topicPolicy:TopicPolicy": "policy",
    "aws:secretsmanager/secretPolicy:SecretPolicy": "policy",
    "aws:cloudwatch/logResourcePolicy:LogResourcePolicy": "policyDocument",
};

/** Service principals a role's trust policy may name without a condition: the EKS cluster role and the node role. */
export const TRUSTED_SERVICES = ["eks.amazonaws.com", "ec2.amazonaws.com"];

/** The policy document of a resource, or undefined when the resource has none. */
function documentOf(type: string, props: any): unknown {
    return props[RESOURCE_POLICIES[type]];
}

/** The findings for one Allow statement of a resource policy. */
function statementProblems(s: Statement, accounts: string[], allowed: string[], trust: boolean): string[] {
    const where = `Statement ${s.sid}`;
    const wanted = `a principal of account ${allowed.join(" or ")}`;
    if (s.notPrincipal !== undefined) {
        return [`${where} allows NotPrincipal ${JSON.stringify(s.notPrincipal)}, which admits every principal not listed; name ${wanted}.`];
    }
    const out: string[] = [];
    const pinned = pinnedTo(s.condition, allowed);
    for (const kind of principalKinds(s.principal)) {
        for (const p of principalsOf(s.principal, kind)) {
            if (kind === "AWS") {
                if (p === "*") {
                    if (!pinned) out.push(`${where} allows principal * without a condition pinning it to the account; add aws:PrincipalAccount, aws:SourceAccount or kms:CallerAccount equal to ${accounts.join(", ")}, or aws:PrincipalArn naming ${wanted}.`);
                } else if (!ownedBy(p, allowed)) {
                    out.push(`${where} allows ${p} (account ${accountOf(p) ?? "unknown"}); it must be ${wanted}.`);
                }
            } else if (kind === "Service") {
                if (!pinned && !(trust && TRUSTED_SERVICES.includes(p))) {
                    out.push(`${where} allows service ${p} without aws:SourceAccount or aws:SourceArn naming account ${accounts.join(", ")}; a service may act for this account only.`);
                }
            } else if (kind === "Federated") {
                if (!ownedBy(p, accounts)) out.push(`${where} trusts identity provider ${p}; it must be an OIDC provider of account ${accounts.join(", ")}.`);
            } else {
                out.push(`${where} allows ${kind} principal ${p}; only AWS principals of account ${allowed.join(" or ")} and pinned service principals may be admitted.`);
            }
        }
    }
    return out;
}

function checkResourcePolicy(props: any, args: ResourceValidationArgs, report: (m: string) => void, partners: string[]) {
    const accounts = providerAccounts(args.provider);
    if (accounts.length === 0) return; // the provider itself is reported
    if (unknownAtPreview(props, RESOURCE_POLICIES[args.type])) return; // judged at `pulumi up` and on the offline plan (see unknownAtPreview)
    const doc = documentOf(args.type, props);
    if (doc === undefined || doc === null || doc === "") return;
    const statements = statementsOf(doc);
    const field = RESOURCE_POLICIES[args.type];
    if (typeof statements === "string") {
        report(`Its ${field} ${statements}; a resource policy must be a JSON policy document.`);
        return;
    }
    const allowed = [...accounts, ...partners];
    for (const s of statements) {
        if (s.effect !== "Allow") continue;
        for (const problem of statementProblems(s, accounts, allowed, args.type === IAM_ROLE)) report(`${field}: ${problem}`);
    }
}

export const principalsInAccount: ProjectResourcePolicy = {
    name: "sovereignty-principals-in-account",
    description: "Resource policies (bucket, key, role trust, repository, queue, topic, secret, log policies) admit only principals of the stack's account (the aws provider's allowedAccountIds) or of partner accounts the pack config lists: no other account, no unpinned '*', no unpinned service, no NotPrincipal. The aws provider must name the account.",
    enforcementLevel: "mandatory",
    remediationSteps: "Set allowedAccountIds on the aws provider. In each Allow statement name principals of that account (arn:aws:iam::<account>:...), pin a '*' or service principal with aws:PrincipalAccount / aws:SourceAccount / kms:CallerAccount equal to the account or aws:PrincipalArn / aws:SourceArn naming its ARNs; list a partner account in the pack config's partnerAccountIds only when it must have access.",
    configSchema: partnerAccountsSchema,
    validateResource: [
        resourceOfType(AWS_PROVIDER, (_props, args, report) => {
            if (providerAccounts(args).length === 0) {
                report(`AWS provider '${args.name}' sets no allowedAccountIds; set it to the stack's one account so policies and deployments cannot reach another.`);
            }
        }),
        ...Object.keys(RESOURCE_POLICIES).map((type) => resourceOfType(type, (props, args, report) => {
            // Stryker disable next-line ArrayDeclaration: equivalent, the pack config always carries the schema default
            checkResourcePolicy(props, args, report, args.getConfig<PartnerAccountConfig>().partnerAccountIds ?? []);
        })),
    ],
};

const WEB_IDENTITY = "sts:AssumeRoleWithWebIdentity";
const SUBJECT = /^system:serviceaccount:[a-z0-9]([-a-z0-9]*[a-z0-9])?:[a-z0-9]([-.a-z0-9]*[a-z0-9])?$/;

/** The single StringEquals value of a condition key, or a description of what is there instead. */
function exactValue(condition: Record<string, Record<string, unknown>>, key: string): { value?: string; found: string } {
    for (const [op, entries] of Object.entries(condition)) {
        if (entries === null || typeof entries !== "object" || !(key in entries)) continue;
        const v = entries[key];
        const one = Array.isArray(v) && v.length === 1 ? v[0] : v;
        if (op !== "StringEquals") return { found: `${op} ${JSON.stringify(v)}` };
        return { value: one, found: `StringEquals ${JSON.stringify(one)}` };
    }
    return { found: "no condition" };
}

export const federatedTrustBound: ProjectResourcePolicy = {
    name: "sovereignty-federated-trust-bound",
    description: "A role that trusts the cluster's OIDC provider (IRSA) is assumable only by one Kubernetes service account: StringEquals on the issuer's :sub with exactly one system:serviceaccount:<namespace>:<name>, no wildcards, and on :aud with sts.amazonaws.com.",
    enforcementLevel: "mandatory",
    remediationSteps: "Give each AssumeRoleWithWebIdentity statement Condition { StringEquals: { \"<issuer>:sub\": \"system:serviceaccount:<namespace>:<name>\", \"<issuer>:aud\": \"sts.amazonaws.com\" } }, where <issuer> is the OIDC provider ARN after 'oidc-provider/' (the ServiceAccountRole component does this).",
    validateResource: resourceOfType(IAM_ROLE, (props, _args, report) => {
        if (unknownAtPreview(props, "assumeRolePolicy")) return; // judged at `pulumi up` and on the offline plan (see unknownAtPreview)
        const statements = statementsOf(props.assumeRolePolicy);
        // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent, a problem text has no statements with a Federated principal
        if (typeof statements === "string") return; // sovereignty-principals-in-account reports it
        for (const s of statements) {
            const providers = principalsOf(s.principal, "Federated");
            if (s.effect !== "Allow" || providers.length === 0) continue;
            const where = `Statement ${s.sid}`;
            if (providers.length !== 1 || !providers[0].includes(":oidc-provider/")) {
                report(`${where} trusts ${providers.join(", ")}; it must trust exactly one OIDC provider (arn:aws:iam::<account>:oidc-provider/<issuer>).`);
                continue;
            }
            const issuer = providers[0].slice(providers[0].indexOf(":oidc-provider/") + ":oidc-provider/".length);
            if (s.actions.length !== 1 || s.actions[0] !== WEB_IDENTITY) {
                report(`${where} allows ${s.actions.join(", ") || "no action"} to ${issuer}; it must allow only ${WEB_IDENTITY}.`);
            }
            const sub = exactValue(s.condition, `${issuer}:sub`);
            // Stryker disable next-line ConditionalExpression: equivalent, an absent value fails the pattern too
            if (sub.value === undefined || !SUBJECT.test(sub.value)) {
                report(`${where} binds ${issuer}:sub with ${sub.found}; it needs StringEquals with exactly one system:serviceaccount:<namespace>:<name>, without wildcards.`);
            }
            const aud = exactValue(s.condition, `${issuer}:aud`);
            if (aud.value !== "sts.amazonaws.com") {
                report(`${where} binds ${issuer}:aud with ${aud.found}; it needs StringEquals "sts.amazonaws.com".`);
            }
        }
    }),
};

export const EKS_ACCESS_TYPES = ["aws:eks/accessEntry:AccessEntry", "aws:eks/accessPolicyAssociation:AccessPolicyAssociation"];

export const eksAccessInAccount: ProjectResourcePolicy = {
    name: "sovereignty-eks-access-in-account",
    description: "EKS access entries and access-policy associations give cluster access only to IAM principals of the stack's account.",
    enforcementLevel: "mandatory",
    remediationSteps: "List only roles of the stack's account (arn:aws:iam::<account>:role/...) in adminPrincipalArns; a partner reaches data through a resource policy the pack config allows, never through the Kubernetes API.",
    validateResource: EKS_ACCESS_TYPES.map((type) => resourceOfType(type, (props, args, report) => {
        const accounts = providerAccounts(args.provider);
        if (accounts.length === 0) return; // sovereignty-principals-in-account reports the provider
        if (unknownAtPreview(props, "principalArn")) return; // a role of this stack: judged at `pulumi up` and on the offline plan
        const arn = String(props.principalArn);
        const account = accountOf(arn);
        if (!ownedBy(arn, accounts)) {
            report(`principalArn ${arn} is in account ${account ?? "unknown"}; cluster access is only for principals of account ${accounts.join(", ")}.`);
        }
    })),
};
