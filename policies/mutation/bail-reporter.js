// node:test reporter for Stryker's test command: ends the process with exit code 1 at the first
// failing test, so a killed mutant costs only the tests up to the one that kills it. It prints the
// failure (name, file, error) on stderr and, when everything passes, the run's summary on stdout.
"use strict";

module.exports = async function* bailReporter(source) {
    for await (const event of source) {
        if (event.type === "test:fail" && !event.data.todo && !event.data.skip) {
            const { name, file, details } = event.data;
            const error = details?.error?.cause ?? details?.error;
            process.stderr.write(`not ok: ${name} (${file ?? "?"})\n${error?.stack ?? error}\n`);
            process.exit(1);
        }
        if (event.type === "test:diagnostic" && event.data.nesting === 0) yield `# ${event.data.message}\n`;
    }
};
