// The offline analyzer: `pulumi policy analyze` without the CLI, credentials or a gRPC server.
// It imports the policies from lib/ (never a pack's entry file) and runs them through lib/engine.
//
// Exit codes: 0 no mandatory violation (advisory findings allowed), 1 at least one mandatory
// violation, 2 unusable input (arguments, document, pack or pack config), with a one-line message.
import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { PackConfigError, PackShape, parsePackConfig, PolicySettings, resolvePackConfig } from "../lib/config";
import { DocumentError, parseDocument, redact } from "../lib/document";
import { runPack, Violation } from "../lib/engine";
import { PACKS, packNamed } from "../lib/packs";

/** policies/ (this file runs from policies/dist/analyzer/). */
export const POLICIES_DIR = path.resolve(__dirname, "..", "..");
export const PROJECT_DIR = path.dirname(POLICIES_DIR);
export const PROJECT_NAME = "sovereign-milvus";

export class UsageError extends Error {}

const USAGE = `usage: analyze --file F [--policy-pack DIR [--policy-pack-config FILE]]... [--stack NAME] [--json]
  --file F                 a \`pulumi stack export\` (or target/plan/<stack>.json) or a \`pulumi preview --json\` document
  --policy-pack DIR        a pack directory (policies/sovereignty, policies/milvus-production); repeatable
  --policy-pack-config F   pack config for the pack in the same position; repeatable
  --stack NAME             run both packs (unless --policy-pack is given) with the pack config that
                           Pulumi.NAME.yaml names in ${PROJECT_NAME}:policyPackConfig (else policies/config/NAME.json)
  --json                   print a JSON report instead of text
exit: 0 clean (advisory findings allowed), 1 a mandatory violation, 2 unusable input`;

export interface Options {
    file: string;
    packs: string[];
    configs: string[];
    stack?: string;
    json: boolean;
}

export function parseArgs(argv: string[]): Options | "help" {
    const o: Options = { file: "", packs: [], configs: [], json: false };
    for (let i = 0; i < argv.length; i++) {
        let flag = argv[i];
        let value: string | undefined;
        const eq = flag.indexOf("=");
        if (flag.startsWith("--") && eq > 0) {
            value = flag.slice(eq + 1);
            flag = flag.slice(0, eq);
        }
        const take = () => {
            if (value !== undefined) return value;
            const next = argv[++i];
            if (next === undefined || next.startsWith("--")) throw new UsageError(`${flag} needs a value`);
            return next;
        };
        switch (flag) {
            case "-h": case "--help": return "help";
            case "--file": o.file = take(); break;
            case "--policy-pack": o.packs.push(take()); break;
            case "--policy-pack-config": o.configs.push(take()); break;
            case "--stack": o.stack = take(); break;
            case "--json": o.json = true; break;
            default: throw new UsageError(`unknown argument ${JSON.stringify(argv[i])}; see --help`);
        }
    }
    if (!o.file) throw new UsageError("--file is required");
    if (o.stack !== undefined && o.configs.length > 0) throw new UsageError("use --stack or --policy-pack-config, not both");
    if (o.stack === undefined && o.packs.length === 0) throw new UsageError("no policy pack: pass --policy-pack DIR or --stack NAME");
    if (o.configs.length > 0 && o.configs.length !== o.packs.length) {
        throw new UsageError(`the number of --policy-pack-config flags (${o.configs.length}) must match the number of --policy-pack flags (${o.packs.length})`);
    }
    return o;
}

/** The pack config file a stack names: Pulumi.<stack>.yaml's key, else policies/config/<stack>.json. */
export function stackPackConfig(stack: string, projectDir = PROJECT_DIR): string {
    if (!/^[A-Za-z0-9._-]+$/.test(stack)) throw new UsageError(`--stack ${JSON.stringify(stack)} is not a stack name`);
    const stackFile = path.join(projectDir, `Pulumi.${stack}.yaml`);
    const key = `${PROJECT_NAME}:policyPackConfig`;
    let named = `policies/config/${stack}.json`;
    if (fs.existsSync(stackFile)) {
        let doc: any;
        try {
            doc = parseYaml(fs.readFileSync(stackFile, "utf8"));
        } catch (e) {
            throw new UsageError(`${stackFile} is not valid YAML (${(e as Error).message.split("\n")[0]})`);
        }
        const value = doc?.config?.[key];
        if (value !== undefined) {
            if (typeof value !== "string" || value === "") throw new UsageError(`${stackFile}: ${key} must be a path to a JSON file, not ${JSON.stringify(value)}`);
            named = value;
        }
    }
    const file = path.resolve(projectDir, named);
    if (!fs.existsSync(file)) throw new UsageError(`no pack config for stack ${stack}: ${file} does not exist`);
    return file;
}

interface LoadedPack {
    dir: string;
    shape: PackShape;
    version: string;
    config?: string;
    settings: Map<string, PolicySettings>;
}

function loadPack(dir: string, configFile: string | undefined): LoadedPack {
    const abs = path.resolve(dir);
    if (!fs.existsSync(path.join(abs, "PulumiPolicy.yaml"))) throw new UsageError(`${dir} is not a policy pack (no PulumiPolicy.yaml)`);
    const shape = packNamed(path.basename(abs));
    if (!shape) throw new UsageError(`${dir} is not a pack this analyzer knows; known: ${PACKS.map((p) => `policies/${p.name}`).join(", ")}`);
    let version = "0.0.0";
    try {
        version = JSON.parse(fs.readFileSync(path.join(abs, "package.json"), "utf8")).version ?? version;
    } catch {
        // the pack's own package.json only gives the version shown in the report
    }
    let parsed = new Map<string, Partial<PolicySettings>>();
    if (configFile) {
        let text: string;
        try {
            text = fs.readFileSync(configFile, "utf8");
        } catch {
            throw new UsageError(`pack config ${configFile} cannot be read`);
        }
        let doc: unknown;
        try {
            doc = JSON.parse(text);
        } catch (e) {
            throw new PackConfigError(`${configFile}: not valid JSON (${(e as Error).message})`);
        }
        parsed = parsePackConfig(doc, configFile, PACKS);
    }
    const settings = resolvePackConfig(shape, parsed, configFile ?? `pack ${shape.name} (no --policy-pack-config)`);
    return { dir: abs, shape, version, config: configFile, settings };
}

export interface Report {
    file: string;
    format: string;
    resourceCount: number;
    packs: { name: string; version: string; path: string; config: string | null }[];
    results: { urn: string | null; violations: Omit<Violation, "urn" | "description">[] }[];
    summary: { mandatory: number; advisory: number };
    exitCode: 0 | 1;
}

function rel(p: string): string {
    const r = path.relative(process.cwd(), p);
    return r.startsWith("..") ? p : r || ".";
}

export function analyze(o: Options): Report {
    if (!fs.existsSync(o.file)) throw new UsageError(`--file ${o.file} does not exist`);
    let text: string;
    try {
        text = fs.readFileSync(o.file, "utf8");
    } catch (e) {
        throw new UsageError(`--file ${o.file} cannot be read (${(e as Error).message})`);
    }
    const doc = parseDocument(text);
    const packDirs = o.packs.length > 0 ? o.packs : PACKS.map((p) => path.join(POLICIES_DIR, p.name));
    const stackConfig = o.stack !== undefined ? stackPackConfig(o.stack) : undefined;
    const packs = packDirs.map((dir, i) => loadPack(dir, stackConfig ?? o.configs[i]));

    const violations = packs.flatMap((p) => runPack(p.shape, p.settings, doc.resources));
    const order = new Map(doc.resources.map((r, i) => [r.urn, i]));
    const groups = new Map<string | null, Violation[]>();
    for (const v of violations) {
        const key = v.urn ?? null;
        if (!groups.has(key)) groups.set(key, []);
        groups.get(key)!.push(v);
    }
    const rank = (urn: string | null) => (urn === null ? Number.MAX_SAFE_INTEGER : order.get(urn) ?? Number.MAX_SAFE_INTEGER - 1);
    const keys = [...groups.keys()].sort((a, b) => rank(a) - rank(b));
    const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory").length;
    return {
        file: o.file,
        format: doc.format,
        resourceCount: doc.resources.length,
        packs: packs.map((p) => ({ name: p.shape.name, version: p.version, path: rel(p.dir), config: p.config ? rel(p.config) : null })),
        results: keys.map((urn) => ({
            urn,
            violations: groups.get(urn)!.map((v) => ({
                policyPack: v.policyPack,
                policyName: v.policyName,
                enforcementLevel: v.enforcementLevel,
                message: redact(v.message, doc.secrets),
                remediation: v.remediation,
            })),
        })),
        summary: { mandatory, advisory: violations.length - mandatory },
        exitCode: mandatory > 0 ? 1 : 0,
    };
}

export function formatText(r: Report): string {
    const lines: string[] = [];
    lines.push(`Policy packs: ${r.packs.map((p) => `${p.name}@${p.version} (config: ${p.config ?? "defaults"})`).join(", ")}`);
    lines.push(`Analyzed ${r.resourceCount} resources from ${r.file} (${r.format}).`);
    const explained = new Set<string>();
    for (const group of r.results) {
        lines.push("");
        lines.push(group.urn ?? "(stack)");
        for (const v of group.violations) {
            lines.push(`    [${v.enforcementLevel}] ${v.policyPack}/${v.policyName}: ${v.message}`);
            if (v.enforcementLevel === "mandatory" && !explained.has(v.policyName)) lines.push(`        fix: ${v.remediation}`);
            if (v.enforcementLevel === "mandatory") explained.add(v.policyName);
        }
    }
    lines.push("");
    const resources = r.results.length;
    lines.push(r.summary.mandatory + r.summary.advisory === 0
        ? "No policy violations."
        : `${r.summary.mandatory} mandatory and ${r.summary.advisory} advisory finding(s) on ${resources} resource(s)${r.summary.mandatory > 0 ? "." : "; no mandatory violation."}`);
    return lines.join("\n") + "\n";
}

export interface Io {
    out: (s: string) => void;
    err: (s: string) => void;
}

/** Runs the analyzer; returns the exit code. Never throws. */
export function main(argv: string[], io: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) }): number {
    try {
        const o = parseArgs(argv);
        if (o === "help") {
            io.out(USAGE + "\n");
            return 0;
        }
        const report = analyze(o);
        io.out(o.json ? JSON.stringify(report, null, 2) + "\n" : formatText(report));
        return report.exitCode;
    } catch (e) {
        const known = e instanceof UsageError || e instanceof DocumentError || e instanceof PackConfigError;
        const what = e instanceof DocumentError ? "unusable --file: " : e instanceof PackConfigError ? "bad pack config: " : "";
        const message = (e as Error)?.message ?? String(e);
        io.err(`analyze: ${known ? what : "internal error: "}${message.split("\n")[0]}\n`);
        return 2;
    }
}

if (require.main === module) {
    process.exitCode = main(process.argv.slice(2));
}
