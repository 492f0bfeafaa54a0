import { describe, it } from "node:test";
import { defaultProvidersDisabled, noCrossRegionReplication, providerRegionAllowed } from "./region";
import { assertClean, assertViolations } from "./testing/assert";
import { find, goodPlan, urn, withChange, withResource } from "./testing/fixtures";

describe(providerRegionAllowed.name, () => {
    it("passes the known-good plan", () => assertClean(providerRegionAllowed, goodPlan()));

    it("flags a provider, and every AWS resource using it, in another region", () => {
        const doc = withChange("aws-me-central-1", (i) => { i.region = "eu-west-1"; });
        const msgs = [
            "AWS provider 'aws-me-central-1' is in region eu-west-1; it must be one of: me-central-1.",
            ...doc.deployment.resources.filter((r) => r.type.startsWith("aws:")).map(() => "Uses AWS provider 'aws-me-central-1' in region eu-west-1; it must be one of: me-central-1."),
        ];
        assertViolations(providerRegionAllowed, doc, msgs);
    });

    it("flags a provider with no region", () => {
        const doc = withChange("aws-me-central-1", (i) => { delete i.region; });
        assertViolations(providerRegionAllowed, doc, ["AWS provider 'aws-me-central-1' sets no region; it must be one of: me-central-1."]);
    });
});

describe(defaultProvidersDisabled.name, () => {
    it("passes the known-good plan", () => assertClean(defaultProvidersDisabled, goodPlan()));

    it("flags a resource on the default aws provider", () => {
        const doc = withChange("segments-bucket", (_i, r) => { r.provider = `${urn("pulumi:providers:aws", "default_6_83_0")}::abc`; });
        assertViolations(defaultProvidersDisabled, doc, ["Uses the default provider pulumi:providers:aws::default_6_83_0; pass an explicit provider."]);
    });

    it("flags a default provider resource itself", () => {
        const doc = withResource("pulumi:providers:kubernetes", "default_4_0_0", {});
        assertViolations(defaultProvidersDisabled, doc, ["Provider 'default_4_0_0' is a default provider; default providers must be disabled."]);
    });
});

describe(noCrossRegionReplication.name, () => {
    it("passes the known-good plan", () => assertClean(noCrossRegionReplication, goodPlan()));

    it("flags a bucket replication resource", () => {
        const doc = withResource("aws:s3/bucketReplicationConfig:BucketReplicationConfig", "replication", { bucket: "b", role: "r", rules: [] });
        assertViolations(noCrossRegionReplication, doc, [
            "Declares S3 bucket replication (aws:s3/bucketReplicationConfig:BucketReplicationConfig); replication out of the region is forbidden.",
        ]);
    });

    it("flags replicationConfigurations on the bucket", () => {
        const doc = withChange("segments-bucket", (i) => { i.replicationConfigurations = [{ role: "arn", rules: [{ destination: { bucket: "arn:aws:s3:::x" } }] }]; });
        assertViolations(noCrossRegionReplication, doc, ["Sets replicationConfigurations; replication out of the region is forbidden."]);
    });

    it("flags a multi-region KMS key", () => {
        const doc = withChange("keys-data", (i) => { i.multiRegion = true; });
        assertViolations(noCrossRegionReplication, doc, ["Sets multiRegion: true; a multi-region key can be replicated out of the region."]);
    });

    it("leaves an in-region bucket with an unknown replication setting flagged, not skipped", () => {
        const doc = goodPlan();
        find(doc, "segments-bucket").inputs.replicationConfiguration = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
        assertViolations(noCrossRegionReplication, doc, ["Sets replicationConfiguration; replication out of the region is forbidden."]);
    });
});
