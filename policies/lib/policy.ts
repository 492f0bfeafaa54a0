// Shared vocabulary for the policy families: the policy shape, type-filtered validators and
// unknown-safe reads. This module constructs nothing and imports @pulumi/policy for types only,
// so the offline analyzer starts without loading the engine's gRPC server.
import type {
    EnforcementLevel,
    PolicyResource,
    ReportViolation,
    ResourceValidation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";

/** Every policy in this project carries remediation text; the analyzer prints it with each violation. */
export type ProjectResourcePolicy = ResourceValidationPolicy & { enforcementLevel: EnforcementLevel; remediationSteps: string };
export type ProjectStackPolicy = StackValidationPolicy & { enforcementLevel: EnforcementLevel; remediationSteps: string };
export type ProjectPolicy = ProjectResourcePolicy | ProjectStackPolicy;

export function isStackPolicy(p: ProjectPolicy): p is ProjectStackPolicy {
    return typeof (p as ProjectStackPolicy).validateStack === "function";
}

/** The sentinels the engine uses for values that are unknown during preview. */
export const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string (and what stack exports and preview JSON show)
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
    "030794c1-ac77-496b-92df-f27374a8bd58", // asset
    "e48ece36-62e2-4504-bad9-02848725956a", // archive
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknownValue(v: unknown): boolean {
    return typeof v === "string" && UNKNOWN_SENTINELS.has(v);
}

/**
 * Reads obj[key] without tripping the engine's unknown-checking proxy: a property descriptor read
 * goes straight to the target. Use it only for leaves whose presence matters more than their value
 * (an ARN that another resource computes), never to walk further into the value.
 */
export function peek(obj: unknown, key: string): unknown {
    if (obj === null || typeof obj !== "object") return undefined;
    return Object.getOwnPropertyDescriptor(obj, key)?.value;
}

/**
 * True when obj[key] is unknown: during `pulumi preview` an input computed from another resource's
 * output (a policy document built from ARNs, a StorageClass's parameters holding a key ARN) has no
 * value yet. Read through a descriptor, so the check itself does not trip the engine's proxy.
 *
 * A rule that judges such a value as a whole returns without a finding when this is true. It does not
 * lose the check, because the same policies run again during `pulumi up`: the engine analyzes each
 * resource's inputs, resolved by then, before it creates or updates the resource, and a mandatory
 * violation stops that step (pulumi/pulumi pkg/resource/deploy/step_generator.go, `analyzeAll`; the
 * @pulumi/policy README: policies run "during `pulumi preview` and `pulumi up`, asserting that cloud
 * resource definitions comply with the policy immediately before they are created or updated"). The
 * offline plan, whose mocks resolve every value, checks the same documents in CI. What @pulumi/policy
 * would print instead, an advisory "can't run policy ... during preview" per resource, is noise that
 * hides real findings (pulumi/pulumi#19737 asks for a switch to hide it).
 */
export function unknownAtPreview(obj: unknown, key: string): boolean {
    return isUnknownValue(peek(obj, key));
}

/** The value when it is known now, otherwise undefined (for messages and cross-references). */
export function known<T = unknown>(v: T): T | undefined {
    return isUnknownValue(v) ? undefined : v;
}

/** True when obj[key] is set to something: a non-empty value, or a value known only after apply. */
export function isSet(obj: unknown, key: string): boolean {
    const v = peek(obj, key);
    return v !== undefined && v !== null && v !== "";
}

/**
 * Like @pulumi/policy's validateResourceOfType, keyed by the type token instead of an SDK class:
 * it attaches `__pulumiType` (the engine's fast filter) and reports "not applicable" for other types.
 */
export function resourceOfType(
    typeToken: string,
    validate: (props: any, args: ResourceValidationArgs, report: ReportViolation) => void,
): ResourceValidation {
    const fn = (args: ResourceValidationArgs, report: ReportViolation) => {
        if (args.type === typeToken) return validate(args.props, args, report);
        args.notApplicable(`Policy only applies to resources of type '${typeToken}'`);
    };
    (fn as any).__pulumiType = typeToken;
    return fn;
}

/** Stack-policy helper: the resources of one type. */
export function ofType(args: StackValidationArgs, typeToken: string): PolicyResource[] {
    return args.resources.filter((r) => r.type === typeToken);
}

/** The value of a dotted path, reading through the proxy (so an unknown on the way skips the policy). */
export function at(obj: any, path: string): any {
    let cur = obj;
    for (const part of path.split(".")) {
        if (cur === null || cur === undefined || typeof cur !== "object") return undefined;
        cur = cur[part];
    }
    return cur;
}

export function asArray<T = any>(v: unknown): T[] {
    return Array.isArray(v) ? (v as T[]) : [];
}

export function isObject(v: unknown): v is Record<string, any> {
    return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** The resources another resource's property was computed from (the engine's propertyDependencies). */
export function dependenciesOf(r: PolicyResource, property: string): PolicyResource[] {
    return r.propertyDependencies?.[property] ?? [];
}

/** A short display name for a resource in messages: its type's last segment and its name. */
export function label(r: { type: string; name: string }): string {
    return `${r.type.split(":").pop()} '${r.name}'`;
}

export const AWS_PROVIDER = "pulumi:providers:aws";
export const KUBERNETES_PROVIDER = "pulumi:providers:kubernetes";
