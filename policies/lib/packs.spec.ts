import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { PACKS } from "./packs";
import { POLICIES_DIR } from "./testing/assert";

describe("packs", () => {
    const all = PACKS.flatMap((p) => p.policies.map((policy) => ({ pack: p.name, policy })));

    it("name every policy <pack>-<kebab-case>, once", () => {
        for (const { pack, policy } of all) assert.match(policy.name, new RegExp(`^${pack}-[a-z0-9]+(-[a-z0-9]+)*$`));
        assert.equal(new Set(all.map((x) => x.policy.name)).size, all.length);
    });

    it("give every policy a description, a level and remediation text", () => {
        for (const { policy } of all) {
            assert.ok(policy.description.length > 20 && policy.remediationSteps.length > 20, policy.name);
            assert.equal(policy.enforcementLevel, "mandatory", policy.name);
        }
    });

    it("describe every config setting, for `pulumi policy` and the analyzer's errors", () => {
        for (const { policy } of all) {
            for (const [prop, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
                assert.ok((schema.description ?? "").length > 20, `${policy.name}.${prop}`);
            }
        }
    });

    it("keep construction out of lib: only the entry files call new PolicyPack", () => {
        const sources = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
            e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith(".ts") && !e.name.endsWith(".spec.ts") ? [path.join(dir, e.name)] : []);
        for (const file of [...sources(path.join(POLICIES_DIR, "lib")), ...sources(path.join(POLICIES_DIR, "analyzer"))]) {
            assert.ok(!/new\s+PolicyPack\b/.test(fs.readFileSync(file, "utf8")), `${file} constructs a PolicyPack`);
        }
        for (const pack of PACKS) {
            const entry = fs.readFileSync(path.join(POLICIES_DIR, pack.name, "index.ts"), "utf8");
            assert.match(entry, /new PolicyPack\(/);
            assert.ok(fs.existsSync(path.join(POLICIES_DIR, pack.name, "PulumiPolicy.yaml")));
        }
    });
});
