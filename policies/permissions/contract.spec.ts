// The permission contract, decided by the IAM evaluator on every plan of the matrix (each shipped
// stack at each tier): every call the stack's principals make is Allowed, every door that must stay
// shut is Denied. Run by `npm run test:permissions` after `bin/plan-matrix` (bin/test does both).
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { contract } from "./calls";
import { readDeployment } from "./deployment";
import { evaluate } from "./evaluate";
import { matrixPlans } from "./matrix";

for (const file of matrixPlans()) {
    const d = readDeployment(file.path);
    describe(`permission contract: ${file.label}`, () => {
        for (const c of contract(d)) {
            it(`${c.actor}: ${c.call} is ${c.expect}`, async () => {
                const v = await evaluate(c.request);
                assert.deepEqual(v.ignored, [], `the evaluator ignored context keys ${v.ignored.join(", ")}: the request would be weaker than AWS's`);
                const denied = v.decision !== "Allowed";
                assert.equal(denied ? "Denied" : "Allowed", c.expect,
                    `${c.request.action} on ${c.request.resource} by ${c.request.principal}: the evaluator says ${v.decision}` +
                    ` (deciding statements: ${v.decisive.join(", ") || "none"}); expected ${c.expect} because ${c.source}`);
            });
        }
    });
}
