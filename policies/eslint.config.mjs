// Lint of the packs, the analyzer and the permission contract: `npm run lint` (run by .ci/run).
// ESLint's recommended rules plus typescript-eslint's recommended rules that use type information
// (typescript-eslint.io/getting-started/typed-linting: projectService reads tsconfig.json).
import eslint from "@eslint/js";
import { defineConfig } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
    { ignores: ["dist/", "reports/", ".stryker-tmp/", "node_modules/"] },
    eslint.configs.recommended,
    tseslint.configs.recommendedTypeChecked,
    {
        languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
        rules: {
            // Off, for a reason: a policy reads resource inputs that @pulumi/policy types as `any`
            // (PolicyResource.props, ResourceValidationArgs.props) and whose shape the plan decides;
            // the policies test each field they read, and typing every access would restate the
            // providers' schemas by hand.
            "@typescript-eslint/no-explicit-any": "off",
            "@typescript-eslint/no-unsafe-member-access": "off",
            "@typescript-eslint/no-unsafe-assignment": "off",
            "@typescript-eslint/no-unsafe-argument": "off",
            "@typescript-eslint/no-unsafe-call": "off",
            "@typescript-eslint/no-unsafe-return": "off",
            // Off, for a reason: violation messages quote plan values as the plan holds them, and a
            // value of the wrong type is usually the very finding being reported; these rules flag
            // exactly those quotes (22 places: unknown or {} typed values in template strings).
            "@typescript-eslint/restrict-template-expressions": "off",
            "@typescript-eslint/no-base-to-string": "off",
            // node:test's describe/it/test return promises the runner itself awaits
            // (typescript-eslint.io/rules/no-floating-promises, allowForKnownSafeCalls).
            "@typescript-eslint/no-floating-promises": ["error", {
                allowForKnownSafeCalls: [{ from: "package", package: "node:test", name: ["describe", "it", "test"] }],
            }],
        },
    },
    // The plain JavaScript beside the packs (Stryker's helpers, this file) is outside tsconfig.json;
    // the helpers are CommonJS scripts that Node runs.
    { files: ["**/*.js", "**/*.mjs"], extends: [tseslint.configs.disableTypeChecked], languageOptions: { globals: globals.node } },
    { files: ["**/*.js"], languageOptions: { sourceType: "commonjs" }, rules: { "@typescript-eslint/no-require-imports": "off" } },
);
