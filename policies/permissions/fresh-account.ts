// A first `pulumi up` in an empty account: AWS validates some policies when they are written, before
// any request is made, and rejects the resource if they name what does not yet exist.
// - KMS rejects a key policy whose Principal names an IAM role or user that does not exist
//   (CreateKey/PutKeyPolicy: MalformedPolicyDocumentException, "invalid principals"); AWS KMS
//   Developer Guide, "Key policies": principals must exist when the policy is set.
// - IAM rejects a trust policy whose Principal names a missing role or OIDC provider
//   (MalformedPolicyDocument: "Invalid principal in policy").
// - S3 rejects a bucket policy with a non-existent principal ("Invalid principal in policy").
// So every AWS or Federated principal must be the account root, "*", or something this plan creates
// first (a resource the policy's owner depends on). Service-linked roles that appear only after a
// service's first use (AWSServiceRoleForAutoScaling) must never be a Principal.
import type { PlanResource } from "../lib/engine";
import { readDeployment } from "./deployment";

const POLICY_INPUTS: Record<string, string> = {
    "aws:kms/key:Key": "policy",
    "aws:iam/role:Role": "assumeRolePolicy",
    "aws:s3/bucketPolicy:BucketPolicy": "policy",
};

function principals(statement: Record<string, unknown>): string[] {
    const p = statement.Principal;
    if (p === "*") return ["*"];
    if (!p || typeof p !== "object") return [];
    const out: string[] = [];
    for (const [kind, v] of Object.entries(p as Record<string, unknown>)) {
        if (kind === "Service") continue; // service principals always exist
        for (const x of [v].flat()) out.push(String(x));
    }
    return out;
}

/** Everything a resource waits for, transitively. */
function createdBefore(r: PlanResource, byUrn: Map<string, PlanResource>): Set<string> {
    const seen = new Set<string>();
    const stack = [...r.dependencies, ...Object.values(r.propertyDependencies).flat()];
    while (stack.length) {
        const urn = stack.pop()!;
        if (seen.has(urn)) continue;
        seen.add(urn);
        const dep = byUrn.get(urn);
        if (dep) stack.push(...dep.dependencies, ...Object.values(dep.propertyDependencies).flat());
    }
    return seen;
}

/** The problems a first `pulumi up` in an empty account would hit on one plan. */
export function freshAccountProblems(file: string): string[] {
    const d = readDeployment(file);
    const byUrn = new Map(d.resources.map((r) => [r.urn, r]));
    const arnOwner = new Map<string, string>();
    for (const r of d.resources) {
        if (typeof r.outputs.arn === "string") arnOwner.set(r.outputs.arn, r.urn);
    }
    const root = `arn:aws:iam::${d.account}:root`;
    const problems: string[] = [];
    for (const r of d.resources) {
        const input = POLICY_INPUTS[r.type];
        if (!input || typeof r.inputs[input] !== "string") continue;
        const before = createdBefore(r, byUrn);
        const doc = JSON.parse(String(r.inputs[input])) as { Statement: Record<string, unknown>[] };
        for (const s of doc.Statement) {
            for (const principal of principals(s)) {
                if (principal === "*" || principal === root) continue;
                const owner = arnOwner.get(principal);
                if (!owner) {
                    problems.push(`${r.urn} statement ${s.Sid ?? "?"} names ${principal}, which this plan does not create: in an account without it, AWS rejects the policy`);
                } else if (!before.has(owner) && owner !== r.urn) {
                    problems.push(`${r.urn} statement ${s.Sid ?? "?"} names ${principal} without waiting for ${owner}: AWS may see the policy first`);
                }
            }
        }
    }
    return problems;
}

