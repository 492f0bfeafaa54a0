import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { eksAuditLogsEnabled, eksLogGroupEncrypted, eksSecretsEncrypted } from "./eks";
import { assertClean, assertViolations, findings } from "./testing/assert";
import { find, goodPlan, withChange } from "./testing/fixtures";

describe(eksSecretsEncrypted.name, () => {
    it("passes the known-good plan", () => assertClean(eksSecretsEncrypted, goodPlan()));

    it("flags a cluster without encryptionConfig", () => {
        assertViolations(eksSecretsEncrypted, withChange("cluster-eks", (i) => { delete i.encryptionConfig; }),
            ["Sets no encryptionConfig; Secrets must be encrypted with a customer-managed key."]);
    });

    it("flags encryptionConfig that does not cover secrets", () => {
        assertViolations(eksSecretsEncrypted, withChange("cluster-eks", (i) => { i.encryptionConfig.resources = []; }),
            ["encryptionConfig.resources does not include \"secrets\"."]);
    });

    it("flags encryptionConfig without a key", () => {
        assertViolations(eksSecretsEncrypted, withChange("cluster-eks", (i) => { delete i.encryptionConfig.provider.keyArn; }),
            ["encryptionConfig.provider.keyArn is not set."]);
    });
});

describe(eksAuditLogsEnabled.name, () => {
    it("passes the known-good plan", () => assertClean(eksAuditLogsEnabled, goodPlan()));

    it("flags a cluster without audit logs", () => {
        assertViolations(eksAuditLogsEnabled, withChange("cluster-eks", (i) => { i.enabledClusterLogTypes = ["api", "authenticator"]; }),
            ["enabledClusterLogTypes lacks audit."]);
    });

    it("names every missing log type", () => {
        assertViolations(eksAuditLogsEnabled, withChange("cluster-eks", (i) => { delete i.enabledClusterLogTypes; }),
            ["enabledClusterLogTypes lacks audit, authenticator."]);
    });
});

describe(eksLogGroupEncrypted.name, () => {
    it("passes the known-good plan", () => assertClean(eksLogGroupEncrypted, goodPlan()));

    it("flags a cluster whose log group name does not match", () => {
        assertViolations(eksLogGroupEncrypted, withChange("cluster-logs", (i) => { i.name = "/aws/eks/milvus/cluster"; }), [
            "Cluster 'cluster-eks' has no log group /aws/eks/milvus-prod/cluster in this stack; EKS would create it unencrypted.",
        ]);
    });

    it("flags a log group without retention", () => {
        assertViolations(eksLogGroupEncrypted, withChange("cluster-logs", (i) => { delete i.retentionInDays; }),
            ["Log group /aws/eks/milvus-prod/cluster sets no retentionInDays."]);
    });

    it("flags a cluster that does not depend on its log group", () => {
        assertViolations(eksLogGroupEncrypted, withChange("cluster-eks", (_i, r) => { r.dependencies = r.dependencies.filter((d) => !d.endsWith("::cluster-logs")); }),
            ["Cluster 'cluster-eks' does not depend on log group /aws/eks/milvus-prod/cluster; EKS could create the group first, unencrypted."]);
    });

    it("reads outputs, not inputs (stack policy)", () => {
        const doc = goodPlan();
        delete find(doc, "cluster-logs").outputs.kmsKeyId;
        const vs = findings(eksLogGroupEncrypted, doc);
        assert.deepEqual(vs.map((v) => v.message), ["Log group /aws/eks/milvus-prod/cluster sets no kmsKeyId."]);
    });
});
