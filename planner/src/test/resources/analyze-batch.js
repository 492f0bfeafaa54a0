// Runs the offline analyzer on many plan files in one Node process (starting Node per file would
// take minutes for the generated-config tests).
// Output: one line per plan, "<plan file>\t<exit code>\t<mandatory>\t<advisory>".
"use strict";
const fs = require("fs");
const [, , distMain, listFile] = process.argv;
const path = require("path");
const { main } = require(distMain);
const policies = path.resolve(path.dirname(distMain), "..", "..");
for (const line of fs.readFileSync(listFile, "utf8").split("\n").filter(Boolean)) {
    const [stack, file, packConfig] = line.split("\t");
    let out = "";
    const packs = packConfig
        ? ["sovereignty", "milvus-production"].flatMap((p) => ["--policy-pack", path.join(policies, p), "--policy-pack-config", packConfig])
        : ["--stack", stack];
    const code = main([...packs, "--file", file, "--json"], { out: (s) => { out += s; }, err: () => {} });
    let mandatory = -1, advisory = -1;
    try {
        const report = JSON.parse(out);
        mandatory = report.summary.mandatory;
        advisory = report.summary.advisory;
    } catch (e) { /* exit code says why */ }
    process.stdout.write(`${file}\t${code}\t${mandatory}\t${advisory}\n`);
}
