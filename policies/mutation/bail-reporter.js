// node:test reporter for Stryker's test command: prints only the run's summary (the default TAP
// output of every test would be buffered by Stryker for every mutant), and ends the process with
// exit code 1 on a failing test that mutation/run-specs.js has not already stopped at.
"use strict";

module.exports = async function* summaryReporter(source) {
    for await (const event of source) {
        if (event.type === "test:fail" && !event.data.todo && !event.data.skip) {
            const error = event.data.details?.error?.cause ?? event.data.details?.error;
            process.stderr.write(`not ok: ${event.data.name} (${event.data.file ?? "?"})\n${error?.stack ?? error}\n`);
            process.exit(1);
        }
        if (event.type === "test:diagnostic" && event.data.nesting === 0) yield `# ${event.data.message}\n`;
    }
};
