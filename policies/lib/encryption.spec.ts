import { describe, it } from "node:test";
import { ebsEncryptedWithCmk, kmsKeyProtected, kmsRotationEnabled, logGroupCmkRequired } from "./encryption";
import { assertClean, assertViolations } from "./testing/assert";
import { goodPlan, withChange } from "./testing/fixtures";

describe(kmsRotationEnabled.name, () => {
    it("passes the known-good plan", () => assertClean(kmsRotationEnabled, goodPlan()));

    it("flags a key without rotation", () => {
        assertViolations(kmsRotationEnabled, withChange("keys-data", (i) => { i.enableKeyRotation = false; }), ["Does not set enableKeyRotation: true."]);
    });

    it("leaves asymmetric keys alone (AWS cannot rotate them)", () => {
        assertClean(kmsRotationEnabled, withChange("keys-data", (i) => { i.enableKeyRotation = false; i.customerMasterKeySpec = "RSA_2048"; i.keyUsage = "SIGN_VERIFY"; }));
    });
});

describe(logGroupCmkRequired.name, () => {
    it("passes the known-good plan", () => assertClean(logGroupCmkRequired, goodPlan()));

    it("flags a log group without a key", () => {
        assertViolations(logGroupCmkRequired, withChange("cluster-logs", (i) => { delete i.kmsKeyId; }),
            ["Log group /aws/eks/milvus-prod/cluster sets no kmsKeyId; it must be encrypted with a customer-managed key."]);
    });
});

describe(ebsEncryptedWithCmk.name, () => {
    it("passes the known-good plan", () => assertClean(ebsEncryptedWithCmk, goodPlan()));

    it("flags a storage class that is not encrypted", () => {
        assertViolations(ebsEncryptedWithCmk, withChange("gp3-retain", (i) => { i.parameters.encrypted = "false"; }),
            ["StorageClass 'gp3-retain' does not set parameters.encrypted: \"true\"."]);
    });

    it("flags a storage class without a customer-managed key", () => {
        assertViolations(ebsEncryptedWithCmk, withChange("gp3-retain", (i) => { delete i.parameters.kmsKeyId; }),
            ["StorageClass 'gp3-retain' sets no parameters.kmsKeyId; volumes would use the AWS-managed aws/ebs key."]);
    });

    it("flags a launch template volume without a key", () => {
        assertViolations(ebsEncryptedWithCmk, withChange("query-node-template", (i) => { delete i.blockDeviceMappings[0].ebs.kmsKeyId; }),
            ["Volume /dev/xvda sets no ebs.kmsKeyId; it would use the AWS-managed aws/ebs key."]);
    });

    it("flags a launch template with no block device mappings", () => {
        assertViolations(ebsEncryptedWithCmk, withChange("query-node-template", (i) => { delete i.blockDeviceMappings; }),
            ["Declares no blockDeviceMappings; the node's root volume would follow the AMI and the account default, not a customer-managed key."]);
    });
});

describe(kmsKeyProtected.name, () => {
    it("passes the known-good plan", () => assertClean(kmsKeyProtected, goodPlan()));

    it("flags an unprotected key", () => {
        assertViolations(kmsKeyProtected, withChange("keys-data", (_i, r) => { r.protect = false; }), ["Is not protected; set the protect resource option."]);
    });

    it("flags a short deletion window", () => {
        assertViolations(kmsKeyProtected, withChange("keys-data", (i) => { i.deletionWindowInDays = 7; }), ["Has deletionWindowInDays 7; it must be 30."]);
    });

    it("is advisory in dev", () => {
        const doc = withChange("keys-data", (_i, r) => { r.protect = false; });
        assertViolations(kmsKeyProtected, doc, ["Is not protected; set the protect resource option."], "dev-me-central-1");
    });
});
