// Runs the offline analyzer on many plan files in one Node process (starting Node per file would
// take minutes for the generated-config tests). Input: a file of "<stack>\t<plan file>" lines.
// Output: one line per plan, "<plan file>\t<exit code>\t<mandatory>\t<advisory>".
"use strict";
const fs = require("fs");
const [, , distMain, listFile] = process.argv;
const { main } = require(distMain);
for (const line of fs.readFileSync(listFile, "utf8").split("\n").filter(Boolean)) {
    const [stack, file] = line.split("\t");
    let out = "";
    const code = main(["--stack", stack, "--file", file, "--json"], { out: (s) => { out += s; }, err: () => {} });
    let mandatory = -1, advisory = -1;
    try {
        const report = JSON.parse(out);
        mandatory = report.summary.mandatory;
        advisory = report.summary.advisory;
    } catch (e) { /* exit code says why */ }
    process.stdout.write(`${file}\t${code}\t${mandatory}\t${advisory}\n`);
}
