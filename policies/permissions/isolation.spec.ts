// The IAM evaluator is AGPL-3.0 and a test-only dev dependency: nothing that ships (the packs, their
// library, the offline analyzer) may import it, and no pack declares it.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { it } from "node:test";

const POLICIES = path.resolve(__dirname, "..", "..");
const SHIPPED = ["lib", "analyzer", "sovereignty", "milvus-production"];

function sources(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) return e.name === "node_modules" ? [] : sources(p);
        return /\.(ts|json)$/.test(e.name) ? [p] : [];
    });
}

it("no shipped file of the packs refers to the AGPL evaluator", () => {
    const offenders = SHIPPED.flatMap((d) => sources(path.join(POLICIES, d)))
        .filter((f) => fs.readFileSync(f, "utf8").includes("@cloud-copilot"))
        .map((f) => path.relative(POLICIES, f));
    assert.deepEqual(offenders, []);
});

it("the evaluator is a dev dependency only", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(POLICIES, "package.json"), "utf8"));
    assert.equal(pkg.dependencies["@cloud-copilot/iam-simulate"], undefined);
    assert.match(pkg.devDependencies["@cloud-copilot/iam-simulate"], /^\d+\.\d+\.\d+$/);
});
