// IAM policy documents as the identity, privilege and credential families read them: statements,
// principals, the account of an ARN, and the conditions that pin a statement to an account.
import { AWS_PROVIDER, asArray, isObject, peek } from "./policy";

/** One statement with its lists normalised; `sid` names it in messages. */
export interface Statement {
    sid: string;
    effect: string;
    principal: unknown;
    notPrincipal: unknown;
    actions: string[];
    notActions: boolean;
    resources: string[];
    notResources: boolean;
    condition: Record<string, Record<string, unknown>>;
}

/** A string or a list of strings as a list. */
export function list(v: unknown): string[] {
    return (typeof v === "string" ? [v] : asArray(v)).filter((x): x is string => typeof x === "string");
}

/** A policy document (JSON text or an object) as statements, or a problem when it is not one. */
export function statementsOf(doc: unknown): Statement[] | string {
    let parsed: unknown = doc;
    if (typeof doc === "string") {
        try {
            parsed = JSON.parse(doc);
        } catch {
            return "is not valid JSON";
        }
    }
    if (!isObject(parsed)) return "is not a policy document";
    const raw = Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement];
    return raw.filter(isObject).map((s, i) => ({
        sid: typeof s.Sid === "string" && s.Sid !== "" ? `'${s.Sid}'` : `${i}`,
        effect: String(s.Effect),
        principal: s.Principal,
        notPrincipal: s.NotPrincipal,
        actions: list(s.Action ?? s.NotAction),
        notActions: s.Action === undefined && s.NotAction !== undefined,
        resources: list(s.Resource ?? s.NotResource),
        notResources: s.Resource === undefined && s.NotResource !== undefined,
        condition: isObject(s.Condition) ? s.Condition as Record<string, Record<string, unknown>> : {},
    }));
}

/** The values of one principal kind ("AWS", "Service", "Federated", "CanonicalUser"); "*" alone counts as AWS "*". */
export function principalsOf(principal: unknown, kind: string): string[] {
    if (principal === "*") return kind === "AWS" ? ["*"] : [];
    return isObject(principal) ? list(principal[kind]) : [];
}

/** The principal kinds a statement names, e.g. ["AWS", "Service"]. */
export function principalKinds(principal: unknown): string[] {
    if (principal === "*") return ["AWS"];
    return isObject(principal) ? Object.keys(principal) : [];
}

/** The account of an ARN (its fifth field) or of a bare 12-digit account id; undefined otherwise. */
export function accountOf(arnOrId: string): string | undefined {
    if (/^[0-9]{12}$/.test(arnOrId)) return arnOrId;
    const parts = arnOrId.split(":");
    return parts[0] === "arn" && parts.length >= 6 && /^[0-9]{12}$/.test(parts[4]) ? parts[4] : undefined;
}

/** True when an ARN (or account id) belongs to one of `accounts`. */
export function ownedBy(arnOrId: string, accounts: readonly string[]): boolean {
    return accounts.some((a) => a === accountOf(arnOrId));
}

/** The accounts an aws provider may act in (allowedAccountIds); empty when it names none. */
export function providerAccounts(provider: { type: string; props: unknown } | undefined): string[] {
    if (!provider || provider.type !== AWS_PROVIDER) return [];
    let ids = peek(provider.props, "allowedAccountIds");
    if (typeof ids === "string") {
        // Provider inputs that are not strings reach the engine JSON-encoded, as the plan and stack exports show them.
        try {
            ids = JSON.parse(ids);
        } catch {
            return [];
        }
    }
    return list(ids);
}

/** Condition keys that tie a statement to the principals of one account, by account id or by ARN. */
const ACCOUNT_KEYS = ["aws:principalaccount", "aws:sourceaccount", "aws:sourceowner", "kms:calleraccount"];
const ARN_KEYS = ["aws:principalarn", "aws:sourcearn", "kms:encryptioncontext:aws:logs:arn"];
/** Operators under which those keys pin (no IfExists, no ForAnyValue, no negation). */
const PIN_OPERATORS = ["stringequals", "stringlike", "arnequals", "arnlike"];

/** True when some condition of the statement limits it to principals of `accounts`. */
export function pinnedTo(condition: Record<string, Record<string, unknown>>, accounts: readonly string[]): boolean {
    return Object.entries(condition).some(([op, entries]) => PIN_OPERATORS.includes(op.toLowerCase()) && isObject(entries)
        && Object.entries(entries).some(([key, value]) => {
            const k = key.toLowerCase();
            const values = list(value);
            if (values.length === 0) return false;
            if (ACCOUNT_KEYS.includes(k)) return values.every((v) => accounts.includes(v));
            return ARN_KEYS.includes(k) && values.every((v) => v.startsWith("arn:") && ownedBy(v, accounts));
        }));
}

/** Simple IAM wildcard match ("*" and "?"), case-insensitive, as IAM matches actions. */
export function globMatches(pattern: string, value: string): boolean {
    const re = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    return new RegExp(`^${re}$`, "i").test(value);
}
