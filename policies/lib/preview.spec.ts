import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { backupJobPresent } from "./backup";
import { STORAGE_CLASS } from "./encryption";
import { RESOURCE_POLICIES } from "./identity";
import { milvusDependenciesNotExposed, milvusNamespaceNetworkPolicy } from "./network";
import { milvusProductionPack, sovereigntyPack } from "./packs";
import { dependencyStorageRetained } from "./milvus";
import { UNKNOWN } from "./policy";
import { IDENTITY_POLICIES } from "./privilege";
import { assertClean, assertViolations, findings } from "./testing/assert";
import { ExportDocument, goodPlan, withChange, without } from "./testing/fixtures";

/**
 * A real `pulumi preview` that creates the Kubernetes objects hands stack policies empty props for
 * them (nothing exists yet). Found by running the packs in the real engine (engine/preview-test.sh):
 * the namespace then read as "default" and these policies failed a compliant stack.
 */
function asFirstPreview(doc = goodPlan()) {
    for (const r of doc.deployment.resources) {
        if (r.type.startsWith("kubernetes:")) r.outputs = {};
    }
    return doc;
}

/**
 * The values a first real preview of the shipped stacks cannot know (measured with
 * engine/preview-test.sh): every policy document, built from ARNs of resources not yet created, and
 * the storage classes' parameters, which hold the key ARN.
 */
function withPreviewUnknowns(doc = goodPlan()): ExportDocument {
    const fields: Record<string, string> = { ...RESOURCE_POLICIES, ...IDENTITY_POLICIES, [STORAGE_CLASS]: "parameters" };
    for (const r of doc.deployment.resources) {
        const field = fields[r.type];
        if (field !== undefined && field in r.inputs) r.inputs[field] = r.outputs[field] = UNKNOWN;
    }
    return doc;
}

const EVERY_POLICY = [...sovereigntyPack.policies, ...milvusProductionPack.policies];

describe("stack policies at a first preview", () => {
    for (const policy of [milvusNamespaceNetworkPolicy, milvusDependenciesNotExposed, backupJobPresent, dependencyStorageRetained]) {
        it(`${policy.name} stays silent while the objects do not exist yet`, () => assertClean(policy, asFirstPreview()));
    }

    it("still judges once the objects exist", () => {
        assertViolations(backupJobPresent, without(["milvus-backup"]),
            ["Namespace 'milvus' of Milvus 'milvus' has no CronJob running milvus-backup."]);
    });
});

describe("a first preview with the values only `pulumi up` knows", () => {
    it("the known-good plan gives no finding, not even an advisory, from any policy of either pack", () => {
        const doc = asFirstPreview(withPreviewUnknowns());
        const unknown = doc.deployment.resources.filter((r) => Object.values(r.inputs).includes(UNKNOWN)).map((r) => r.urn.split("::").pop());
        assert.deepEqual(unknown, ["keys-data", "segments-policy", "roles-cluster", "network-flow-logs", "milvus-irsa", "milvus-irsa", "gp3-retain"]);
        for (const policy of EVERY_POLICY) assertClean(policy, doc);
    });

    it("a known document is still judged beside the unknown ones", () => {
        const doc = withChange("segments-policy", (i) => { i.policy = JSON.stringify({ Statement: [] }); }, asFirstPreview(withPreviewUnknowns()));
        const all = EVERY_POLICY.flatMap((p) => findings(p, doc)).map((v) => `${v.policyName}: ${v.message}`);
        assert.deepEqual(all, ["sovereignty-s3-deny-insecure-transport: Has no statement denying s3:* to every principal when aws:SecureTransport is false."]);
    });
});
