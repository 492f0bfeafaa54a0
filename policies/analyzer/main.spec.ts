import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, describe, it } from "node:test";
import { SECRET_SIG } from "../lib/document";
import { UNKNOWN } from "../lib/policy";
import { asPreview, ExportDocument, goodPlan, SECRET_TOKEN, withChange } from "../lib/testing/fixtures";
import { main, POLICIES_DIR, Report, stackPackConfig } from "./main";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "analyze-spec-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
let n = 0;
function write(doc: object | string): string {
    const file = path.join(tmp, `doc-${n++}.json`);
    fs.writeFileSync(file, typeof doc === "string" ? doc : JSON.stringify(doc));
    return file;
}

function run(args: string[]): { code: number; out: string; err: string } {
    let out = "";
    let err = "";
    const code = main(args, { out: (s) => { out += s; }, err: (s) => { err += s; } });
    return { code, out, err };
}

const PROD = ["--stack", "prod-me-central-1"];
const DEV = ["--stack", "dev-me-central-1"];
const etcdOne = () => withChange("milvus", (i) => { i.spec.dependencies.etcd.inCluster.values.replicaCount = 1; });

describe("analyze", () => {
    it("exits 0 on the known-good plan", () => {
        const r = run([...PROD, "--file", write(goodPlan())]);
        assert.equal(r.code, 0, r.out + r.err);
        assert.match(r.out, /^Policy packs: sovereignty@0\.1\.0 \(config: .*prod-me-central-1\.json\), milvus-production@0\.1\.0/);
        assert.match(r.out, /No policy violations\.\n$/);
    });

    it("exits 1 on a mandatory violation and groups it under the resource's URN", () => {
        const doc = withChange("keys-data", (i) => { i.enableKeyRotation = false; });
        const r = run([...PROD, "--file", write(doc)]);
        assert.equal(r.code, 1);
        const urn = doc.deployment.resources.find((x) => x.urn.endsWith("::keys-data"))!.urn;
        assert.ok(r.out.includes(`\n${urn}\n    [mandatory] sovereignty/sovereignty-kms-rotation-enabled: Does not set enableKeyRotation: true.\n        fix: Set enableKeyRotation: true on the key.\n`), r.out);
        assert.match(r.out, /1 mandatory and 0 advisory finding\(s\) on 1 resource\(s\)\.\n$/);
    });

    it("exits 1 for a production violation in prod, 0 (advisory) in dev", () => {
        const file = write(etcdOne());
        assert.equal(run([...PROD, "--file", file]).code, 1);
        const dev = run([...DEV, "--file", file]);
        assert.equal(dev.code, 0, dev.out);
        assert.match(dev.out, /\[advisory\] milvus-production\/milvus-production-etcd-replicas: Milvus 'milvus' runs etcd with replicaCount 1; it must be 3 or more\./);
        assert.match(dev.out, /; no mandatory violation\.\n$/);
    });

    it("says nothing of a policy document unknown at preview, and turns any other unknown a policy reads into an advisory skip", () => {
        const document = run([...PROD, "--file", write(withChange("segments-policy", (i) => { i.policy = UNKNOWN; }))]);
        assert.equal(document.code, 0, document.out);
        assert.match(document.out, /No policy violations\.\n$/);
        const r = run([...PROD, "--file", write(withChange("keys-data", (i) => { i.enableKeyRotation = UNKNOWN; }))]);
        assert.equal(r.code, 0, r.out);
        assert.match(r.out, /\[advisory\] sovereignty\/sovereignty-kms-rotation-enabled: can't run policy 'sovereignty-kms-rotation-enabled' from policy pack 'sovereignty' during preview: value at \.enableKeyRotation can't be known during preview/);
    });

    it("reads `pulumi preview --json` output with the same verdict", () => {
        assert.equal(run([...PROD, "--file", write(asPreview())]).code, 0);
        const bad = run([...PROD, "--file", write(asPreview(withChange("segments-public-access", (i) => { i.blockPublicAcls = false; })))]);
        assert.equal(bad.code, 1);
        assert.match(bad.out, /sovereignty-s3-public-access-blocked: Does not set blockPublicAcls to true; all four must be true\./);
    });

    it("takes packs and configs in pairs, as the CLI does", () => {
        const cfg = path.join(POLICIES_DIR, "config", "dev-me-central-1.json");
        const r = run(["--policy-pack", path.join(POLICIES_DIR, "milvus-production"), "--policy-pack-config", cfg, "--file", write(etcdOne()), "--json"]);
        assert.equal(r.code, 0);
        assert.deepEqual((JSON.parse(r.out) as Report).packs.map((p) => p.name), ["milvus-production"]);
    });

    it("prints a JSON report", () => {
        const doc = withChange("keys-data", (i) => { i.enableKeyRotation = false; });
        const r = run([...PROD, "--file", write(doc), "--json"]);
        assert.equal(r.code, 1);
        const report = JSON.parse(r.out) as Report;
        assert.deepEqual(Object.keys(report), ["file", "format", "resourceCount", "packs", "results", "summary", "exitCode"]);
        assert.equal(report.format, "stack export");
        assert.equal(report.resourceCount, doc.deployment.resources.length);
        assert.deepEqual(report.summary, { mandatory: 1, advisory: 0 });
        assert.equal(report.exitCode, 1);
        assert.deepEqual(report.results, [{
            urn: doc.deployment.resources.find((x) => x.urn.endsWith("::keys-data"))!.urn,
            violations: [{
                policyPack: "sovereignty",
                policyName: "sovereignty-kms-rotation-enabled",
                enforcementLevel: "mandatory",
                message: "Does not set enableKeyRotation: true.",
                remediation: "Set enableKeyRotation: true on the key.",
            }],
        }]);
    });

    it("never prints a secret, even inside a violation message", () => {
        const endpoint = "s3.eu-west-1.amazonaws.com:443";
        const doc: ExportDocument = withChange("milvus", (i) => {
            i.spec.dependencies.storage.endpoint = { [SECRET_SIG]: "1b47061264138c4ac30d75fd1eb44270", plaintext: JSON.stringify(endpoint) };
        });
        for (const extra of [[], ["--json"]]) {
            const r = run([...PROD, "--file", write(doc), ...extra]);
            assert.equal(r.code, 1);
            assert.ok(r.out.includes("[secret]"), r.out);
            assert.ok(!r.out.includes(endpoint) && !r.out.includes(SECRET_TOKEN), r.out);
        }
    });

    describe("exits 2 with one line on unusable input", () => {
        const cases: [string, () => string[], RegExp][] = [
            ["a missing file", () => [...PROD, "--file", path.join(tmp, "nope.json")], /^analyze: --file .*nope\.json does not exist\n$/],
            ["bad JSON", () => [...PROD, "--file", write("{\"version\": 3,")], /^analyze: unusable --file: not valid JSON \(.*\)\n$/],
            ["an unknown format", () => [...PROD, "--file", write({ resources: [] })], /^analyze: unusable --file: unknown format: expected a stack export/],
            ["no pack", () => ["--file", write(goodPlan())], /^analyze: no policy pack: pass --policy-pack DIR or --stack NAME\n$/],
            ["an unknown stack", () => ["--stack", "qa-eu-west-1", "--file", write(goodPlan())], /^analyze: no pack config for stack qa-eu-west-1: .*qa-eu-west-1\.json does not exist\n$/],
            ["unpaired configs", () => ["--policy-pack", "a", "--policy-pack", "b", "--policy-pack-config", "c", "--file", "f"],
                /^analyze: the number of --policy-pack-config flags \(1\) must match the number of --policy-pack flags \(2\)\n$/],
            ["a directory that is no pack", () => ["--policy-pack", tmp, "--file", write(goodPlan())], /is not a policy pack \(no PulumiPolicy\.yaml\)\n$/],
            ["an unknown flag", () => ["--fil", "x"], /^analyze: unknown argument "--fil"; see --help\n$/],
            ["a pack without its required config", () => ["--policy-pack", path.join(POLICIES_DIR, "sovereignty"), "--file", write(goodPlan())],
                /^analyze: bad pack config: pack sovereignty \(no --policy-pack-config\): "sovereignty-provider-region-allowed"\.allowedRegions is missing; allowed: a list of an AWS region code such as me-central-1\n$/],
            ["a bad pack config value", () => {
                const cfg = JSON.parse(fs.readFileSync(path.join(POLICIES_DIR, "config", "prod-me-central-1.json"), "utf8"));
                cfg["sovereignty-provider-region-allowed"].allowedRegions = ["mars-1"];
                return ["--policy-pack", path.join(POLICIES_DIR, "sovereignty"), "--policy-pack-config", write(cfg), "--file", write(goodPlan())];
            }, /^analyze: bad pack config: .*\.json: "sovereignty-provider-region-allowed"\.allowedRegions\[0\]: "mars-1" is not valid; allowed: an AWS region code such as me-central-1\n$/],
            ["a bad operatorNamespaces value", () => {
                const cfg = JSON.parse(fs.readFileSync(path.join(POLICIES_DIR, "config", "prod-me-central-1.json"), "utf8"));
                cfg["sovereignty-milvus-deps-not-exposed"].operatorNamespaces = "milvus-operator";
                return ["--policy-pack", path.join(POLICIES_DIR, "sovereignty"), "--policy-pack-config", write(cfg), "--file", write(goodPlan())];
            }, /^analyze: bad pack config: .*\.json: "sovereignty-milvus-deps-not-exposed"\.operatorNamespaces: "milvus-operator" is not valid; allowed: a list\n$/],
            ["a pack config that is not JSON", () => ["--policy-pack", path.join(POLICIES_DIR, "sovereignty"), "--policy-pack-config", write("{"), "--file", write(goodPlan())],
                /^analyze: bad pack config: .*: not valid JSON/],
        ];
        for (const [what, args, message] of cases) {
            it(what, () => {
                const r = run(args());
                assert.equal(r.code, 2, r.out + r.err);
                assert.match(r.err, message);
                assert.equal(r.out, "");
            });
        }
    });

    it("finds a stack's pack config through Pulumi.<stack>.yaml, else by name", () => {
        const project = fs.mkdtempSync(path.join(tmp, "project-"));
        fs.mkdirSync(path.join(project, "policies", "config"), { recursive: true });
        fs.writeFileSync(path.join(project, "special.json"), "{}");
        fs.writeFileSync(path.join(project, "policies", "config", "dev.json"), "{}");
        fs.writeFileSync(path.join(project, "Pulumi.prod.yaml"), "config:\n  sovereign-milvus:policyPackConfig: special.json\n  aws:region: me-central-1\n");
        assert.equal(stackPackConfig("prod", project), path.join(project, "special.json"));
        assert.equal(stackPackConfig("dev", project), path.join(project, "policies", "config", "dev.json"));
        fs.writeFileSync(path.join(project, "Pulumi.bad.yaml"), "config:\n  sovereign-milvus:policyPackConfig: 3\n");
        assert.throws(() => stackPackConfig("bad", project), /policyPackConfig must be a path to a JSON file, not 3/);
    });

    // Mutation runs (mutation/run-specs.js) skip this one: it tests the bash wrapper, which is not
    // mutated, and its two extra processes would double the cost of every mutant.
    const wrapperSkip = process.env.POLICIES_MUTATION_RUN === "1" ? "the wrapper is not mutated" : false;
    it("runs end to end through the wrapper script", { skip: wrapperSkip }, () => {
        const bad = write(withChange("keys-data", (i) => { i.enableKeyRotation = false; }));
        const r = spawnSync(path.join(POLICIES_DIR, "analyze"), [...PROD, "--file", bad], { encoding: "utf8" });
        assert.equal(r.status, 1, r.stderr);
        assert.match(r.stdout, /sovereignty-kms-rotation-enabled/);
        const missing = spawnSync(path.join(POLICIES_DIR, "analyze"), [...PROD, "--file", path.join(tmp, "missing.json")], { encoding: "utf8" });
        assert.equal(missing.status, 2);
        assert.equal(missing.stderr.split("\n").filter(Boolean).length, 1, missing.stderr);
    });
});
