import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { backupJobPresent, backupSameRegion, s3Region } from "./backup";
import { assertClean, assertViolations, configWith } from "./testing/assert";
import { goodPlan, withChange, withResource, without } from "./testing/fixtures";

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

    it("flags an unset address, and lists every allowed region", () => {
        const twoRegions = configWith(backupSameRegion, { allowedRegions: ["me-central-1", "eu-central-2"] });
        assertViolations(backupSameRegion, yaml((t) => t.replace("  address: s3.me-central-1.amazonaws.com\n", "")),
            ["backup.yaml minio.address is (unset); it must be s3.<region>.amazonaws.com for a region in: me-central-1, eu-central-2."], undefined, twoRegions);
        assertViolations(backupSameRegion, yaml((t) => t.replace("s3.me-central-1.", "s3.eu-west-1.")),
            ["backup.yaml minio.address s3.eu-west-1.amazonaws.com is in region eu-west-1; allowed: me-central-1, eu-central-2."], undefined, twoRegions);
        assertClean(backupSameRegion, yaml((t) => t.replace("s3.me-central-1.", "s3.eu-central-2.")), undefined, twoRegions);
    });

    it("flags an empty backup.yaml as having no address", () => {
        assertViolations(backupSameRegion, yaml(() => ""),
            ["backup.yaml minio.address is (unset); it must be s3.<region>.amazonaws.com for a region in: me-central-1."]);
    });

    it("flags minio.region and minio.backupRegion outside the allowed regions", () => {
        const twoRegions = configWith(backupSameRegion, { allowedRegions: ["me-central-1", "eu-central-2"] });
        assertViolations(backupSameRegion, yaml((t) => t + "  region: eu-west-1\n  backupRegion: us-east-1\n"), [
            "backup.yaml minio.region is eu-west-1; allowed: me-central-1, eu-central-2.",
            "backup.yaml minio.backupRegion is us-east-1; allowed: me-central-1, eu-central-2.",
        ], undefined, twoRegions);
        assertClean(backupSameRegion, yaml((t) => t + "  region: me-central-1\n  backupRegion: me-central-1\n"));
    });

    it("ignores ConfigMaps without a backup.yaml", () => {
        assertClean(backupSameRegion, withResource("kubernetes:core/v1:ConfigMap", "other-config", { metadata: { name: "other", namespace: "milvus" }, data: { "app.yaml": "a: 1" } }));
        assertClean(backupSameRegion, withResource("kubernetes:core/v1:ConfigMap", "empty-config", { metadata: { name: "empty", namespace: "milvus" } }));
    });

    it("reads regions from S3 addresses", () => {
        assert.equal(s3Region("s3.me-central-1.amazonaws.com:443"), "me-central-1");
        assert.equal(s3Region("https://s3.me-central-1.amazonaws.com"), "me-central-1");
        assert.equal(s3Region("http://s3-me-central-1.amazonaws.com/"), "me-central-1");
        assert.equal(s3Region("s3.amazonaws.com"), undefined);
        assert.equal(s3Region("bucket.s3.me-central-1.amazonaws.com"), undefined);
        assert.equal(s3Region("s3.me-central-1.amazonaws.com.example.com"), undefined);
        assert.equal(s3Region(undefined), undefined);
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

    it("accepts a backup image in any container of the job, and one active job among suspended ones", () => {
        assertClean(backupJobPresent, withChange("milvus-backup", (i) => {
            i.spec.jobTemplate.spec.template.spec.containers.unshift({ name: "sidecar", image: "busybox:1.36" });
        }));
        const doc = withChange("milvus-backup", (i) => { i.spec.suspend = true; });
        const active = JSON.parse(JSON.stringify(doc.deployment.resources.find((r) => r.urn.endsWith("::milvus-backup"))!.inputs));
        active.metadata.name = "milvus-backup-weekly";
        active.spec.suspend = false;
        assertClean(backupJobPresent, withResource("kubernetes:batch/v1:CronJob", "milvus-backup-weekly", active, {}, doc));
    });

    it("counts only CronJobs that run milvus-backup, skipping empty container entries", () => {
        const other = { metadata: { name: "cleanup", namespace: "milvus" }, spec: { jobTemplate: { spec: { template: { spec: { containers: [null, { name: "c" }, { name: "rm", image: "busybox:1.36" }] } } } } } };
        assertViolations(backupJobPresent, withResource("kubernetes:batch/v1:CronJob", "cleanup", other, {}, without(["milvus-backup"])),
            ["Namespace 'milvus' of Milvus 'milvus' has no CronJob running milvus-backup."]);
        assertClean(backupJobPresent, withChange("milvus-backup", (i) => { i.spec.jobTemplate.spec.template.spec.containers.unshift(null); }));
    });

    it("flags a suspended backup", () => {
        assertViolations(backupJobPresent, withChange("milvus-backup", (i) => { i.spec.suspend = true; }),
            ["Every milvus-backup CronJob in namespace 'milvus' is suspended."]);
    });
});
