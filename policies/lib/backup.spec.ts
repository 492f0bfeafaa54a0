import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { backupJobPresent, backupSameRegion, s3Region } from "./backup";
import { assertClean, assertViolations } from "./testing/assert";
import { goodPlan, withChange, without } from "./testing/fixtures";

const yaml = (change: (text: string) => string) => withChange("milvus-backup-config", (i) => { i.data["backup.yaml"] = change(i.data["backup.yaml"]); });

describe(backupSameRegion.name, () => {
    it("passes the known-good plan", () => assertClean(backupSameRegion, goodPlan()));

    it("flags a backup address in another region", () => {
        assertViolations(backupSameRegion, yaml((t) => t.replace("s3.me-central-1.amazonaws.com", "s3.eu-west-1.amazonaws.com")),
            ["backup.yaml minio.address s3.eu-west-1.amazonaws.com is in region eu-west-1; allowed: me-central-1."]);
    });

    it("flags a separate backup address in another region", () => {
        assertViolations(backupSameRegion, yaml((t) => t + "  backupAddress: s3.us-east-1.amazonaws.com\n"),
            ["backup.yaml minio.backupAddress s3.us-east-1.amazonaws.com is in region us-east-1; allowed: me-central-1."]);
    });

    it("flags a non-S3 address", () => {
        assertViolations(backupSameRegion, yaml((t) => t.replace("s3.me-central-1.amazonaws.com", "minio.example.com")),
            ["backup.yaml minio.address is minio.example.com; it must be s3.<region>.amazonaws.com for a region in: me-central-1."]);
    });

    it("flags broken YAML", () => {
        assertViolations(backupSameRegion, yaml(() => "minio: [unclosed"), ["backup.yaml is not valid YAML."]);
    });

    it("reads regions from S3 addresses", () => {
        assert.equal(s3Region("s3.me-central-1.amazonaws.com:443"), "me-central-1");
        assert.equal(s3Region("https://s3.me-central-1.amazonaws.com"), "me-central-1");
        assert.equal(s3Region("s3.amazonaws.com"), undefined);
    });
});

describe(backupJobPresent.name, () => {
    it("passes the known-good plan", () => assertClean(backupJobPresent, goodPlan()));

    it("flags a Milvus namespace without a backup CronJob", () => {
        assertViolations(backupJobPresent, without(["milvus-backup"]), ["Namespace 'milvus' of Milvus 'milvus' has no CronJob running milvus-backup."]);
    });

    it("flags a backup CronJob in another namespace", () => {
        assertViolations(backupJobPresent, withChange("milvus-backup", (i) => { i.metadata.namespace = "default"; }),
            ["Namespace 'milvus' of Milvus 'milvus' has no CronJob running milvus-backup."]);
    });

    it("flags a suspended backup", () => {
        assertViolations(backupJobPresent, withChange("milvus-backup", (i) => { i.spec.suspend = true; }),
            ["Every milvus-backup CronJob in namespace 'milvus' is suspended."]);
    });
});
