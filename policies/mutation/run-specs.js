// Stryker's test command (see stryker.config.mjs): runs every compiled spec in this one process,
// which is several times faster than `node --test` starting a process per file. Stryker runs it once
// per mutant with __STRYKER_ACTIVE_MUTANT__ set; the first failing test ends it with exit code 1, and
// that exit code is all Stryker reads. With a mutant active, the spec of the mutated module runs first.
// Run it after `npm run build` (Stryker's buildCommand, mutation/build-sandbox.js).
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..", "dist");

function specs(dir) {
    return fs.readdirSync(dir, { withFileTypes: true })
        .sort((a, b) => a.name.localeCompare(b.name))
        .flatMap((e) => {
            const p = path.join(dir, e.name);
            if (e.isDirectory()) return specs(p);
            return e.name.endsWith(".spec.js") ? [p] : [];
        });
}

/** Specs that test a module without a spec of its own. */
const SPEC_OF = { document: "engine" };

/** The spec of the module holding the active mutant (from build-sandbox.js), or undefined. */
function specOfActiveMutant() {
    const id = Number(process.env.__STRYKER_ACTIVE_MUTANT__);
    const map = path.join(root, ".mutants.json");
    if (!Number.isInteger(id) || !fs.existsSync(map)) return undefined;
    const hit = JSON.parse(fs.readFileSync(map, "utf8")).find((r) => id >= r.from && id <= r.to);
    return hit && path.join(root, "lib", `${SPEC_OF[hit.module] ?? hit.module}.spec.js`);
}

// The specs of what is mutated (lib/) and of the analyzer; not permissions/, which judges the
// project's plans with the IAM evaluator and mutates nothing in lib/.
let files = ["lib", "analyzer"].flatMap((d) => specs(path.join(root, d)));
if (files.length === 0) {
    console.error(`no compiled specs under ${root}; run 'npm run build' first`);
    process.exit(2);
}
// Every spec still runs; only the order changes, so the verdict is the same.
const first = specOfActiveMutant();
if (first && files.includes(first)) files = [first, ...files.filter((f) => f !== first)];
// Stop at the first failing test. The specs' tests are synchronous, so node:test runs them all before
// its reporters see a single event; the check has to sit in the tests themselves. Every `it` the
// specs call is wrapped so that a test that throws (or rejects) ends the process with exit code 1.
const nodeTest = require("node:test");
const plainIt = nodeTest.it;
function bail(name, error) {
    process.stderr.write(`not ok: ${name}\n${error?.stack ?? error}\n`);
    process.exit(1);
}
nodeTest.it = nodeTest.test = function bailingIt(name, options, fn) {
    if (typeof options === "function") [options, fn] = [{}, options];
    const body = function (...args) {
        try {
            const result = fn.apply(this, args);
            return result && typeof result.then === "function" ? result.catch((e) => bail(name, e)) : result;
        } catch (e) {
            bail(name, e);
        }
    };
    return plainIt(name, options ?? {}, body);
};

// analyzer/main.spec.ts skips its end-to-end test of the bash wrapper (not mutated) when this is set.
process.env.POLICIES_MUTATION_RUN = "1";
for (const f of files) require(f);
