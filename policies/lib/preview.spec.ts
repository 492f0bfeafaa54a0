import { describe, it } from "node:test";
import { backupJobPresent } from "./backup";
import { dependencyStorageRetained } from "./milvus";
import { milvusDependenciesNotExposed, milvusNamespaceNetworkPolicy } from "./network";
import { assertClean, assertViolations } from "./testing/assert";
import { goodPlan, without } from "./testing/fixtures";

/**
 * A real `pulumi preview` that creates the Kubernetes objects hands stack policies empty props for
 * them (nothing exists yet). Found by running the packs in the real engine (engine/preview-test.sh):
 * the namespace then read as "default" and these policies failed a compliant stack.
 */
function asFirstPreview() {
    const doc = goodPlan();
    for (const r of doc.deployment.resources) {
        if (r.type.startsWith("kubernetes:")) r.outputs = {};
    }
    return doc;
}

describe("stack policies at a first preview", () => {
    for (const policy of [milvusNamespaceNetworkPolicy, milvusDependenciesNotExposed, backupJobPresent, dependencyStorageRetained]) {
        it(`${policy.name} stays silent while the objects do not exist yet`, () => assertClean(policy, asFirstPreview()));
    }

    it("still judges once the objects exist", () => {
        assertViolations(backupJobPresent, without(["milvus-backup"]),
            ["Namespace 'milvus' of Milvus 'milvus' has no CronJob running milvus-backup."]);
    });
});
