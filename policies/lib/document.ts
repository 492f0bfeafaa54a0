// Reads the documents the analyzer judges: a `pulumi stack export` (our offline plan has the same
// shape) or a `pulumi preview --json`. Secrets are unwrapped for the policies, and their plaintext
// is collected so that nothing printed can contain it. It constructs nothing.
import type { PlanResource } from "./engine";
import { typeOfUrn } from "./engine";
import { UNKNOWN } from "./policy";

export const SECRET_SIG = "4dabf18193072939515e22adb298388d";
/** What `pulumi preview --json` prints in place of a secret. */
const SECRET_PLACEHOLDER = "[secret]";

export class DocumentError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "DocumentError";
    }
}

export interface PlanDocument {
    format: "stack export" | "preview";
    resources: PlanResource[];
    /** Plaintext of every secret in the document, to redact from output. */
    secrets: string[];
}

/** Replaces secret envelopes with their value (or an unknown when only ciphertext is present). */
function unwrap(value: unknown, secrets: Set<string>, inSecret = false): unknown {
    if (Array.isArray(value)) return value.map((v) => unwrap(v, secrets, inSecret));
    if (value !== null && typeof value === "object") {
        const obj = value as Record<string, unknown>;
        if (SECRET_SIG in obj) {
            if ("plaintext" in obj) {
                let inner: unknown = obj.plaintext;
                if (typeof inner === "string") {
                    try {
                        inner = JSON.parse(inner);
                    } catch {
                        // a bare string plaintext
                    }
                }
                return unwrap(inner, secrets, true);
            }
            if ("value" in obj) return unwrap(obj.value, secrets, true);
            return UNKNOWN; // ciphertext only: the value cannot be known here
        }
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(obj)) out[k] = unwrap(v, secrets, inSecret);
        return out;
    }
    if (value === SECRET_PLACEHOLDER) return UNKNOWN;
    if (inSecret && (typeof value === "string" || typeof value === "number") && String(value).length > 0) secrets.add(String(value));
    return value;
}

function asStringArray(v: unknown): string[] {
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

function toResource(raw: any, secrets: Set<string>): PlanResource {
    if (!raw || typeof raw !== "object" || typeof raw.urn !== "string") {
        throw new DocumentError(`a resource has no urn: ${JSON.stringify(raw)?.slice(0, 80)}`);
    }
    const deps: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(raw.propertyDependencies ?? {})) deps[k] = asStringArray(v);
    return {
        urn: raw.urn,
        type: typeof raw.type === "string" ? raw.type : typeOfUrn(raw.urn),
        custom: raw.custom !== false,
        id: typeof raw.id === "string" ? raw.id : undefined,
        inputs: (unwrap(raw.inputs ?? {}, secrets) as Record<string, unknown>) ?? {},
        outputs: (unwrap(raw.outputs ?? {}, secrets) as Record<string, unknown>) ?? {},
        parent: typeof raw.parent === "string" && raw.parent !== "" ? raw.parent : undefined,
        protect: raw.protect === true,
        dependencies: asStringArray(raw.dependencies),
        propertyDependencies: deps,
        provider: typeof raw.provider === "string" && raw.provider !== "" ? raw.provider : undefined,
    };
}

/** Steps whose resource is gone after the operation: the policies judge only what will exist. */
const REMOVING_OPS = new Set(["delete", "delete-replaced", "discard", "discard-replaced", "remove-pending-replace", "read-discard"]);

/** Parses the text of a stack export or preview JSON document; throws DocumentError with one line. */
export function parseDocument(text: string): PlanDocument {
    let doc: any;
    try {
        doc = JSON.parse(text);
    } catch (e) {
        throw new DocumentError(`not valid JSON (${(e as Error).message})`);
    }
    const secrets = new Set<string>();
    if (doc && typeof doc === "object" && doc.deployment && typeof doc.deployment === "object") {
        if (doc.version !== undefined && ![1, 2, 3].includes(doc.version)) {
            throw new DocumentError(`stack export version ${JSON.stringify(doc.version)} is not supported; allowed: 1, 2, 3`);
        }
        const resources = doc.deployment.resources ?? [];
        if (!Array.isArray(resources)) throw new DocumentError("deployment.resources is not a list");
        return {
            format: "stack export",
            resources: resources.filter((r: any) => r?.delete !== true).map((r: any) => toResource(r, secrets)),
            secrets: [...secrets],
        };
    }
    if (doc && typeof doc === "object" && Array.isArray(doc.steps)) {
        const resources = doc.steps
            .filter((s: any) => !REMOVING_OPS.has(s?.op) && s?.newState)
            .map((s: any) => toResource({ ...s.newState, provider: s.newState.provider ?? s.provider }, secrets));
        return { format: "preview", resources, secrets: [...secrets] };
    }
    throw new DocumentError("unknown format: expected a stack export ({\"version\":3,\"deployment\":{...}}) or `pulumi preview --json` output ({\"steps\":[...]})");
}

/** Replaces every secret's plaintext in a printed string. */
export function redact(text: string, secrets: readonly string[]): string {
    let out = text;
    for (const s of [...secrets].sort((a, b) => b.length - a.length)) {
        if (s.length >= 3) out = out.split(s).join("[secret]");
    }
    return out;
}
