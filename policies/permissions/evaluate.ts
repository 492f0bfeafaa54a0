// The decision AWS would make on one request, by an IAM evaluator nobody on this team wrote:
// @cloud-copilot/iam-simulate (identity and resource policies, KMS key-policy semantics, every
// condition operator). It is AGPL-3.0: a test-only dev dependency of policies/, never imported by
// the packs or the analyzer, never shipped (README, "Licences").
//
// Two request-context key families are missing from the evaluator's action data and would be
// dropped as "ignored" by its validated entry point: provider-specific web-identity keys
// (`oidc.eks.<region>.amazonaws.com/id/<ID>:sub`, `:aud`) and KMS encryption-context keys
// (`kms:EncryptionContext:aws:logs:arn`, `...:aws:s3:arn`). A request that carries them is evaluated
// by the same evaluator's core engine with the keys as given, strict mode; every other request goes
// through the validated entry point, and a test fails if that entry point ignored any key we sent.
import * as path from "node:path";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import type { PolicyDoc } from "./deployment";

export type Decision = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";

export interface Request {
    /** The caller: a role session ARN, a role or account ARN, a service principal or a federated provider ARN. */
    principal: string;
    action: string;
    resource: string;
    /** The account that owns the resource. */
    resourceAccount: string;
    context: Record<string, string | string[]>;
    identityPolicies: { name: string; policy: PolicyDoc }[];
    resourcePolicy?: PolicyDoc;
}

export interface Verdict {
    decision: Decision;
    /** Sids of the statements that decided it (deny statements when denied explicitly). */
    decisive: string[];
    /** Context keys the validated entry point would not evaluate (always empty where it was used). */
    ignored: string[];
    engine: "validated" | "core";
}

const dist = path.dirname(require.resolve("@cloud-copilot/iam-simulate"));
// eslint-disable-next-line @typescript-eslint/no-require-imports -- modules inside the package, which its exports map does not list
const deep = (p: string) => require(path.join(dist, p));
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a dependency of the package, found from its directory
const { loadPolicy } = require(require.resolve("@cloud-copilot/iam-policy", { paths: [dist] }));

/** True for the context keys the evaluator's data does not list (see the header). */
export function outsideEvaluatorData(key: string): boolean {
    return /^kms:encryptioncontext:./i.test(key) || /^oidc\.[^:]+:(sub|aud|amr)$/i.test(key);
}

function sids(statements: any[] | undefined): string[] {
    return (statements ?? []).map((s) => String(s.statement?.Sid ?? s.explain?.identifier ?? "?"));
}

function summarise(analysis: any, engine: Verdict["engine"], ignored: string[]): Verdict {
    const decision = analysis.result as Decision;
    const parts = [analysis.identityAnalysis, analysis.resourceAnalysis].filter(Boolean);
    const decisive = decision === "ExplicitlyDenied"
        ? parts.flatMap((p) => sids(p.denyStatements))
        : parts.flatMap((p) => sids(p.allowStatements));
    return { decision, decisive, ignored, engine };
}

function coreAuthorize(req: Request): Verdict {
    const { authorize } = deep("core_engine/CoreSimulatorEngine.js");
    const { AwsRequestImpl } = deep("request/request.js");
    const { RequestContextImpl } = deep("requestContext.js");
    const { DiscoveryContextKeyConstraints } = deep("context_keys/discoveryContextKeyConstraints.js");
    const analysis = authorize({
        request: new AwsRequestImpl(req.principal, { resource: req.resource, accountId: req.resourceAccount }, req.action,
            new RequestContextImpl(req.context), false),
        sessionPolicy: undefined,
        identityPolicies: req.identityPolicies.map((p) => loadPolicy(p.policy, { name: p.name })),
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: req.resourcePolicy ? loadPolicy(req.resourcePolicy, { name: "resource-policy" }) : undefined,
        permissionBoundaries: undefined,
        vpcEndpointPolicies: undefined,
        simulationParameters: { simulationMode: "Strict", discoveryContextKeyConstraints: new DiscoveryContextKeyConstraints([]) },
        serviceSettings: { s3: {} },
    });
    return summarise(analysis, "core", []);
}

export async function evaluate(req: Request): Promise<Verdict> {
    if (Object.keys(req.context).some(outsideEvaluatorData)) return coreAuthorize(req);
    const response: any = await runSimulation({
        request: {
            principal: req.principal,
            action: req.action,
            resource: { resource: req.resource, accountId: req.resourceAccount },
            contextVariables: req.context,
        },
        identityPolicies: req.identityPolicies,
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: req.resourcePolicy,
    }, {});
    if (response.resultType === "error") {
        throw new Error(`the evaluator rejected the request ${req.action} on ${req.resource}: ${JSON.stringify(response.errors)}`);
    }
    if (response.resultType !== "single") {
        throw new Error(`${req.action} on ${req.resource}: expected one resource, the evaluator saw a pattern`);
    }
    return summarise(response.result.analysis, "validated", response.result.ignoredContextKeys ?? []);
}
