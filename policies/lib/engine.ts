// A small stand-in for the Pulumi engine's policy runner, used by the offline analyzer and the
// tests. It follows the engine's rules: resource policies see inputs, stack policies see outputs;
// reading a value that is unknown makes that policy skip with an advisory note; a policy's
// `getConfig()` returns its pack config; "not applicable" is silent. It constructs nothing.
import type { PolicyProviderResource, PolicyResource, PolicyResourceOptions, ResourceValidationArgs } from "@pulumi/policy";
import type { PackShape, PolicySettings } from "./config";
import { isStackPolicy, isUnknownValue, ProjectPolicy } from "./policy";

/** One resource as a stack export (or a preview step's new state) describes it. */
export interface PlanResource {
    urn: string;
    type: string;
    custom: boolean;
    id?: string;
    inputs: Record<string, unknown>;
    outputs: Record<string, unknown>;
    parent?: string;
    protect: boolean;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    /** "<provider urn>::<provider id>" */
    provider?: string;
}

export type ReportedLevel = "mandatory" | "advisory";

export interface Violation {
    policyPack: string;
    policyName: string;
    enforcementLevel: ReportedLevel;
    /** The resource the violation is about; undefined for a stack-wide finding. */
    urn?: string;
    message: string;
    description: string;
    remediation: string;
}

export function nameOf(urn: string): string {
    return urn.slice(urn.lastIndexOf("::") + 2);
}

export function typeOfUrn(urn: string): string {
    const parts = urn.split("::");
    const chain = parts[parts.length - 2] ?? "";
    return chain.slice(chain.lastIndexOf("$") + 1);
}

/** The provider URN of a "<urn>::<id>" provider reference. */
export function providerUrn(ref: string): string {
    return ref.slice(0, ref.lastIndexOf("::"));
}

class UnknownValueError extends Error {
    constructor(readonly path: string[]) {
        super(`value at .${path.join(".")} can't be known during preview`);
    }
}

class NotApplicable extends Error {}

/** Wraps a value so that reading an unknown leaf throws UnknownValueError, as the engine does. */
export function unknownChecking<T>(value: T, path: string[] = []): T {
    if (value === null || typeof value !== "object") return value;
    return new Proxy(value, {
        get(target, prop) {
            const v = (target as any)[prop];
            if (typeof prop === "symbol") return v;
            const here = [...path, prop];
            if (isUnknownValue(v)) throw new UnknownValueError(here);
            const d = Object.getOwnPropertyDescriptor(target, prop);
            if (d && "value" in d && !d.configurable && !d.writable) return v;
            return unknownChecking(v, here);
        },
    });
}

function optionsOf(r: PlanResource): PolicyResourceOptions {
    return {
        protect: r.protect,
        ignoreChanges: [],
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
        parent: r.parent,
    };
}

/** Stack outputs as a policy sees them; a resource not yet created shows its inputs, as at preview. */
function outputsOf(r: PlanResource): Record<string, unknown> {
    return Object.keys(r.outputs ?? {}).length > 0 ? r.outputs : r.inputs;
}

interface Run {
    pack: PackShape;
    settings: Map<string, PolicySettings>;
    out: Violation[];
}

function record(run: Run, policy: ProjectPolicy, level: ReportedLevel, message: string, urn?: string) {
    run.out.push({
        policyPack: run.pack.name,
        policyName: policy.name,
        enforcementLevel: level,
        urn,
        message,
        description: policy.description,
        remediation: policy.remediationSteps,
    });
}

function levelOf(run: Run, policy: ProjectPolicy): ReportedLevel | "disabled" {
    const level = run.settings.get(policy.name)?.enforcementLevel ?? policy.enforcementLevel;
    return level === "disabled" ? "disabled" : level === "advisory" ? "advisory" : "mandatory";
}

/** Runs one validation, turning unknowns into an advisory skip and crashes into a finding. */
function guarded(run: Run, policy: ProjectPolicy, urn: string | undefined, fn: () => Promise<void> | void) {
    try {
        // @pulumi/policy lets a validation return a Promise (policy.d.ts, ResourceValidation and
        // StackValidation), but this runner is synchronous: what an async policy reports would come
        // after the run's result. Fail it, rather than let it pass unheard.
        const result = fn();
        if (result instanceof Promise) {
            result.catch(() => undefined);
            record(run, policy, "mandatory", `policy '${policy.name}' returned a Promise; the offline engine runs policies synchronously, so write it without async.`, urn);
        }
    } catch (e) {
        if (e instanceof NotApplicable) return;
        if (e instanceof UnknownValueError) {
            record(run, policy, "advisory", `can't run policy '${policy.name}' from policy pack '${run.pack.name}' during preview: ${e.message}`, urn);
            return;
        }
        record(run, policy, "mandatory", `policy '${policy.name}' failed on this input: ${(e as Error)?.message ?? e}`, urn);
    }
}

const notApplicable = (reason?: string): never => {
    throw new NotApplicable(reason);
};

/** Runs every policy of a pack over a plan's resources with the pack's resolved settings. */
export function runPack(pack: PackShape, settings: Map<string, PolicySettings>, resources: PlanResource[]): Violation[] {
    const run: Run = { pack, settings, out: [] };
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const providerOf = (r: PlanResource): PolicyProviderResource | undefined => {
        if (!r.provider) return undefined;
        const urn = providerUrn(r.provider);
        const p = byUrn.get(urn);
        return { type: typeOfUrn(urn), name: nameOf(urn), urn, props: unknownChecking(p?.inputs ?? {}) };
    };
    const stackTags: ReadonlyMap<string, string> = new Map();

    for (const policy of pack.policies) {
        const level = levelOf(run, policy);
        if (level === "disabled") continue;
        const getConfig = <T extends object>() => (run.settings.get(policy.name)?.properties ?? {}) as T;
        const report = (urn: string | undefined) => (message: string, reportedUrn?: string) =>
            record(run, policy, level, message, reportedUrn ?? urn);

        if (isStackPolicy(policy)) {
            const views = new Map<string, PolicyResource>();
            for (const r of resources) {
                views.set(r.urn, {
                    type: r.type, urn: r.urn, name: nameOf(r.urn), opts: optionsOf(r),
                    props: unknownChecking(outputsOf(r)), provider: providerOf(r),
                    dependencies: [], propertyDependencies: {},
                    isType: () => false, asType: () => undefined,
                });
            }
            for (const r of resources) {
                const view = views.get(r.urn)! as any;
                view.parent = r.parent ? views.get(r.parent) : undefined;
                view.dependencies = r.dependencies.map((u) => views.get(u)).filter(Boolean);
                view.propertyDependencies = Object.fromEntries(Object.entries(r.propertyDependencies)
                    .map(([k, urns]) => [k, urns.map((u) => views.get(u)).filter(Boolean)]));
            }
            const args = {
                resources: [...views.values()], stackTags, getConfig, notApplicable,
            };
            guarded(run, policy, undefined, () => policy.validateStack(args, report(undefined)));
            continue;
        }

        const validations = [policy.validateResource ?? []].flat();
        for (const r of resources) {
            for (const validate of validations) {
                const only = (validate as any).__pulumiType;
                if (only && only !== r.type) continue;
                const props = unknownChecking(r.inputs ?? {});
                const args = {
                    type: r.type, props, urn: r.urn, name: nameOf(r.urn), opts: optionsOf(r),
                    provider: providerOf(r), stackTags, getConfig, notApplicable,
                    isType: () => false, asType: () => undefined,
                } as unknown as ResourceValidationArgs;
                guarded(run, policy, r.urn, () => validate(args, report(r.urn)));
            }
        }
    }
    return run.out;
}
