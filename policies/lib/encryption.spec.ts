import { describe, it } from "node:test";
import { ebsEncryptedWithCmk, kmsKeyProtected, kmsRotationEnabled, logGroupCmkRequired } from "./encryption";
import { assertClean, assertViolations } from "./testing/assert";
import { goodPlan, withChange, withResource } from "./testing/fixtures";
import { UNKNOWN } from "./policy";

describe(kmsRotationEnabled.name, () => {
    it("passes the known-good plan", () => assertClean(kmsRotationEnabled, goodPlan()));

    it("flags a key without rotation", () => {
        assertViolations(kmsRotationEnabled, withChange("keys-data", (i) => { i.enableKeyRotation = false; }), ["Does not set enableKeyRotation: true."]);
    });

    it("flags a key that leaves rotation unset or sets it to anything but true", () => {
        assertViolations(kmsRotationEnabled, withChange("keys-data", (i) => { delete i.enableKeyRotation; }), ["Does not set enableKeyRotation: true."]);
        assertViolations(kmsRotationEnabled, withChange("keys-data", (i) => { i.enableKeyRotation = "true"; }), ["Does not set enableKeyRotation: true."]);
        assertViolations(kmsRotationEnabled, withChange("keys-data", (i) => {
            i.enableKeyRotation = false; i.keyUsage = "ENCRYPT_DECRYPT"; i.customerMasterKeySpec = "SYMMETRIC_DEFAULT";
        }), ["Does not set enableKeyRotation: true."]);
        assertViolations(kmsRotationEnabled, withChange("keys-data", (i) => { i.enableKeyRotation = false; i.keySpec = "SYMMETRIC_DEFAULT"; }),
            ["Does not set enableKeyRotation: true."]);
    });

    it("leaves keys AWS cannot rotate alone, whichever field names their spec or usage", () => {
        assertClean(kmsRotationEnabled, withChange("keys-data", (i) => { i.enableKeyRotation = false; i.keySpec = "ECC_NIST_P256"; }));
        assertClean(kmsRotationEnabled, withChange("keys-data", (i) => { i.enableKeyRotation = false; i.customerMasterKeySpec = "RSA_4096"; }));
        assertClean(kmsRotationEnabled, withChange("keys-data", (i) => { i.enableKeyRotation = false; i.keyUsage = "GENERATE_VERIFY_MAC"; }));
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

describe(logGroupCmkRequired.name + " (names)", () => {
    it("says (unnamed) for a log group whose name is unset or unknown", () => {
        const msg = "Log group (unnamed) sets no kmsKeyId; it must be encrypted with a customer-managed key.";
        assertViolations(logGroupCmkRequired, withChange("cluster-logs", (i) => { delete i.kmsKeyId; delete i.name; }), [msg]);
        assertViolations(logGroupCmkRequired, withChange("cluster-logs", (i) => { delete i.kmsKeyId; i.name = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"; }), [msg]);
        assertViolations(logGroupCmkRequired, withChange("cluster-logs", (i) => { i.kmsKeyId = ""; }),
            ["Log group /aws/eks/milvus-prod/cluster sets no kmsKeyId; it must be encrypted with a customer-managed key."]);
    });
});

describe(ebsEncryptedWithCmk.name, () => {
    it("flags a storage class without parameters, and ignores classes of other provisioners", () => {
        assertViolations(ebsEncryptedWithCmk, withChange("gp3-retain", (i) => { delete i.parameters; }),
            ["StorageClass 'gp3-retain' does not set parameters.encrypted: \"true\"."]);
        assertClean(ebsEncryptedWithCmk, withChange("gp3-retain", (i) => { i.provisioner = "efs.csi.aws.com"; delete i.parameters; }));
    });

    it("stays silent on a storage class whose parameters are unknown at preview (they hold the key ARN; judged at `pulumi up`)", () => {
        assertClean(ebsEncryptedWithCmk, withChange("gp3-retain", (i) => { i.parameters = UNKNOWN; }));
        assertViolations(ebsEncryptedWithCmk, withChange("gp3-retain", (i) => { i.parameters = { type: "gp3" }; }),
            ["StorageClass 'gp3-retain' does not set parameters.encrypted: \"true\"."]);
    });

    it("checks every volume of a launch template, accepting encrypted: true in either form", () => {
        const doc = withChange("query-node-template", (i) => {
            i.blockDeviceMappings = [
                { deviceName: "/dev/xvda", ebs: { encrypted: true, kmsKeyId: "arn:aws:kms:me-central-1:111122223333:key/k" } },
                { deviceName: "/dev/xvdb", ebs: { encrypted: "false", kmsKeyId: "arn:aws:kms:me-central-1:111122223333:key/k" } },
                { deviceName: "/dev/xvdc" },
                null,
                { deviceName: "/dev/xvdd", ebs: { volumeSize: 20 } },
                { deviceName: "/dev/xvde", ebs: { encrypted: "true" } },
            ];
        });
        assertViolations(ebsEncryptedWithCmk, doc, [
            "Volume /dev/xvdb is not encrypted; set ebs.encrypted: \"true\".",
            "Volume /dev/xvdd is not encrypted; set ebs.encrypted: \"true\".",
            "Volume /dev/xvde sets no ebs.kmsKeyId; it would use the AWS-managed aws/ebs key.",
        ]);
    });

    it("checks launch templates and storage classes added anywhere in the stack", () => {
        const doc = withResource("kubernetes:storage.k8s.io/v1:StorageClass", "gp2", { metadata: { name: "gp2" }, provisioner: "ebs.csi.aws.com", parameters: { type: "gp2" } });
        assertViolations(ebsEncryptedWithCmk, doc, ["StorageClass 'gp2' does not set parameters.encrypted: \"true\"."]);
    });

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

    it("accepts the 30-day window or none, and flags anything shorter", () => {
        assertClean(kmsKeyProtected, withChange("keys-data", (i) => { delete i.deletionWindowInDays; }));
        assertViolations(kmsKeyProtected, withChange("keys-data", (i) => { i.deletionWindowInDays = 29; }), ["Has deletionWindowInDays 29; it must be 30."]);
    });

    it("is advisory in dev", () => {
        const doc = withChange("keys-data", (_i, r) => { r.protect = false; });
        assertViolations(kmsKeyProtected, doc, ["Is not protected; set the protect resource option."], "dev-me-central-1");
    });
});
