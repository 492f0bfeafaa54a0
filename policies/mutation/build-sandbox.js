// Stryker's buildCommand (see stryker.config.mjs), run once in its sandbox
// (policies/.stryker-tmp/sandbox-*/) after the TypeScript sources there are mutated:
// 1. `npm run build` compiles the sandbox's sources (mutated files carry // @ts-nocheck), and
//    dist/.mutants.json records which module holds which mutant ids.
// 2. The analyzer resolves `--stack NAME` from the project root, the folder above policies/, where
//    Pulumi.NAME.yaml names policies/config/NAME.json. In the sandbox that folder is .stryker-tmp/,
//    so give it the same shape: `policies` pointing at the sandbox, and links to the project's
//    Pulumi.*.yaml files. Nothing outside .stryker-tmp/ is touched.
// (Stryker runs buildCommand without a shell, hence a script rather than `a && b`.)
"use strict";
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const sandbox = process.cwd();
const tempDir = path.dirname(sandbox);
const project = path.dirname(path.dirname(tempDir));

if (!path.basename(sandbox).startsWith("sandbox-")) {
    console.error(`build-sandbox: ${sandbox} is not a Stryker sandbox; use 'npm run mutation'`);
    process.exit(2);
}

execFileSync("npm", ["run", "build"], { stdio: "inherit" });

// Which compiled module holds each mutant (Stryker numbers them file by file), so that
// run-specs.js can run that module's own spec first and a killed mutant fails fast.
const libDir = path.join(sandbox, "dist", "lib");
const ranges = [];
for (const f of fs.readdirSync(libDir)) {
    if (!f.endsWith(".js") || f.endsWith(".spec.js")) continue;
    const ids = [...fs.readFileSync(path.join(libDir, f), "utf8").matchAll(/stryMutAct_9fa48\("(\d+)"\)/g)].map((m) => Number(m[1]));
    if (ids.length > 0) ranges.push({ from: Math.min(...ids), to: Math.max(...ids), module: f.slice(0, -".js".length) });
}
fs.writeFileSync(path.join(sandbox, "dist", ".mutants.json"), JSON.stringify(ranges));

function link(target, at) {
    fs.rmSync(at, { force: true });
    fs.symlinkSync(target, at);
}
link(sandbox, path.join(tempDir, "policies"));
for (const f of fs.readdirSync(project)) {
    if (/^Pulumi\..+\.yaml$/.test(f)) link(path.join(project, f), path.join(tempDir, f));
}
