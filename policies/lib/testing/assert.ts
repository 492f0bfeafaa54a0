// Test helpers: run one policy over a fixture document the way the analyzer does, and compare
// the exact messages, printing every finding when they differ.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { PackShape, parsePackConfig, PolicySettings, resolvePackConfig } from "../config";
import { parseDocument } from "../document";
import { runPack, Violation } from "../engine";
import { PACKS } from "../packs";
import type { ProjectPolicy } from "../policy";
import { ExportDocument } from "./fixtures";

/** policies/ (this file runs from policies/dist/lib/testing/). */
export const POLICIES_DIR = path.resolve(__dirname, "..", "..", "..");

export function readConfig(stack: string): unknown {
    return JSON.parse(fs.readFileSync(path.join(POLICIES_DIR, "config", `${stack}.json`), "utf8"));
}

function packOf(policy: ProjectPolicy): PackShape {
    const pack = PACKS.find((p) => p.policies.includes(policy));
    if (!pack) throw new Error(`${policy.name} is in no pack`);
    return pack;
}

/** Runs one policy on a document with a stack's pack config (prod unless told). */
export function findings(policy: ProjectPolicy, doc: ExportDocument | object, stack = "prod-me-central-1", config?: unknown): Violation[] {
    const pack = packOf(policy);
    const parsed = parsePackConfig(config ?? readConfig(stack), stack, PACKS);
    const settings: Map<string, PolicySettings> = resolvePackConfig(pack, parsed, stack);
    const only: PackShape = { ...pack, policies: [policy] };
    return runPack(only, settings, parseDocument(JSON.stringify(doc)).resources);
}

function show(vs: Violation[]): string {
    return vs.length === 0 ? "(none)" : vs.map((v) => `  [${v.enforcementLevel}] ${v.policyName} ${v.urn ?? "(stack)"}: ${v.message}`).join("\n");
}

/** A stack's pack config (prod unless told) with some of one policy's settings replaced. */
export function configWith(policy: ProjectPolicy, settings: Record<string, unknown>, stack = "prod-me-central-1"): Record<string, unknown> {
    const config = readConfig(stack) as Record<string, unknown>;
    const entry = config[policy.name];
    const current = typeof entry === "string" ? { enforcementLevel: entry } : (entry ?? {});
    return { ...config, [policy.name]: { ...current, ...settings } };
}

/** Asserts the exact messages one policy reports on a document (any order is not accepted). */
export function assertViolations(policy: ProjectPolicy, doc: object, expected: string[], stack?: string, config?: unknown) {
    const vs = findings(policy, doc, stack, config);
    assert.deepEqual(vs.map((v) => v.message), expected, `${policy.name} reported:\n${show(vs)}`);
}

/** Asserts that one policy reports nothing on a document. */
export function assertClean(policy: ProjectPolicy, doc: object, stack?: string, config?: unknown) {
    const vs = findings(policy, doc, stack, config);
    assert.deepEqual(vs, [], `${policy.name} should report nothing but reported:\n${show(vs)}`);
}
