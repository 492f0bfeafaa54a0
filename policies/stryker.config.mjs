// Mutation testing of the policy modules: `npm run mutation` (or bin/mutation from the repo root).
// See README.md, "Mutation testing".
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: "npm",
  // The policies, the engine, the document reader and the pack config; not the specs or test helpers.
  mutate: ["lib/**/*.ts", "!lib/**/*.spec.ts", "!lib/testing/**"],
  ignorePatterns: ["dist", "reports"],
  // Stryker mutates the TypeScript sources in a sandbox copy; compile them there once (the mutated
  // files carry // @ts-nocheck), then run the compiled specs once per mutant.
  buildCommand: "node mutation/build-sandbox.js",
  // node:test has no Stryker plugin: the command runner judges a mutant by the command's exit code.
  testRunner: "command",
  commandRunner: { command: "node --test-reporter=./mutation/bail-reporter.js mutation/run-specs.js" },
  coverageAnalysis: "off",
  concurrency: 2,
  // Generous: on a busy machine a surviving mutant runs the whole suite slowly, and must not count as a timeout.
  timeoutMS: 30000,
  // The run fails (exit 1) when the score is under 80%.
  thresholds: { high: 90, low: 80, break: 80 },
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  clearTextReporter: { allowColor: false, reportMutants: false, logTests: false },
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
