// The plans the permission tests judge: `bin/plan-matrix` writes one per shipped stack and tier
// into target/plan-matrix/<stack>/<tier>.json. A missing matrix is an error, never an empty pass.
import * as fs from "node:fs";
import * as path from "node:path";

export const MATRIX_DIR = process.env.PLAN_MATRIX_DIR ?? path.resolve(__dirname, "..", "..", "..", "target", "plan-matrix");

export interface MatrixPlan {
    label: string;
    path: string;
}

export function matrixPlans(dir = MATRIX_DIR): MatrixPlan[] {
    const plans: MatrixPlan[] = [];
    if (fs.existsSync(dir)) {
        for (const stack of fs.readdirSync(dir).sort()) {
            const stackDir = path.join(dir, stack);
            if (!fs.statSync(stackDir).isDirectory()) continue;
            for (const f of fs.readdirSync(stackDir).filter((x) => x.endsWith(".json")).sort()) {
                plans.push({ label: `${stack} at tier ${f.replace(/\.json$/, "")}`, path: path.join(stackDir, f) });
            }
        }
    }
    if (plans.length === 0) {
        throw new Error(`no plans in ${dir}: run bin/plan-matrix first (bin/test does)`);
    }
    return plans;
}
