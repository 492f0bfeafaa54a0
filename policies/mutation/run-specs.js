// Stryker's test command (see stryker.config.json): runs every compiled spec in this one process,
// which is several times faster than `node --test` starting a process per file. Stryker runs it once
// per mutant with __STRYKER_ACTIVE_MUTANT__ set; a failing test makes node:test exit non-zero, and
// that exit code is all Stryker reads. Run it after `npm run build` (Stryker's buildCommand).
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

const files = specs(root);
if (files.length === 0) {
    console.error(`no compiled specs under ${root}; run 'npm run build' first`);
    process.exit(2);
}
// analyzer/main.spec.ts skips its end-to-end test of the bash wrapper (not mutated) when this is set.
process.env.POLICIES_MUTATION_RUN = "1";
for (const f of files) require(f);
