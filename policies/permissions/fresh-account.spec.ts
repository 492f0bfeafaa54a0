// A first `pulumi up` in an empty account, on every plan of the matrix (see fresh-account.ts).
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { freshAccountProblems } from "./fresh-account";
import { matrixPlans } from "./matrix";

for (const plan of matrixPlans()) {
    describe(`fresh account: ${plan.label}`, () => {
        it("every principal a policy names exists before the policy is written", () => {
            assert.deepEqual(freshAccountProblems(plan.path), []);
        });
    });
}
