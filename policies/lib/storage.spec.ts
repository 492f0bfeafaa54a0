import { describe, it } from "node:test";
import { bucketProtected, s3BucketControlsAttached, s3CmkRequired, s3DenyInsecureTransport, s3PublicAccessBlocked } from "./storage";
import { assertClean, assertViolations, findings } from "./testing/assert";
import * as assert from "node:assert/strict";
import { find, goodPlan, urn, withChange, without } from "./testing/fixtures";

const BUCKET_URN = urn("sovereign:storage:SegmentBucket$aws:s3/bucketV2:BucketV2", "segments-bucket");

describe(s3CmkRequired.name, () => {
    it("passes the known-good plan", () => assertClean(s3CmkRequired, goodPlan()));

    it("flags SSE-S3 (AES256)", () => {
        const doc = withChange("segments-encryption", (i) => { i.rules[0].applyServerSideEncryptionByDefault = { sseAlgorithm: "AES256" }; });
        assertViolations(s3CmkRequired, doc, ["Rule 0 uses sseAlgorithm AES256; it must be aws:kms with a customer-managed key."]);
    });

    it("flags aws:kms without a key (the AWS-managed aws/s3 key)", () => {
        const doc = withChange("segments-encryption", (i) => { delete i.rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId; });
        assertViolations(s3CmkRequired, doc, ["Rule 0 sets no kmsMasterKeyId; without it S3 uses the AWS-managed aws/s3 key, not a customer-managed key."]);
    });

    it("flags the aws/s3 alias", () => {
        const doc = withChange("segments-encryption", (i) => { i.rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId = "alias/aws/s3"; });
        assertViolations(s3CmkRequired, doc, ["Rule 0 uses the AWS-managed key alias/aws/s3; it must be a customer-managed key."]);
    });

    it("accepts a key ARN that is unknown at preview (it comes from this stack's key)", () => {
        const doc = withChange("segments-encryption", (i) => { i.rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"; });
        assertClean(s3CmkRequired, doc);
    });
});

describe(s3PublicAccessBlocked.name, () => {
    it("passes the known-good plan", () => assertClean(s3PublicAccessBlocked, goodPlan()));

    it("flags one setting off", () => {
        const doc = withChange("segments-public-access", (i) => { i.restrictPublicBuckets = false; });
        assertViolations(s3PublicAccessBlocked, doc, ["Does not set restrictPublicBuckets to true; all four must be true."]);
    });
});

describe(s3DenyInsecureTransport.name, () => {
    it("passes the known-good plan", () => assertClean(s3DenyInsecureTransport, goodPlan()));

    it("flags a policy whose deny is conditioned on SecureTransport true", () => {
        const doc = withChange("segments-policy", (i) => { i.policy = i.policy.replace('"aws:SecureTransport":"false"', '"aws:SecureTransport":"true"'); });
        assertViolations(s3DenyInsecureTransport, doc, ["Has no statement denying s3:* to every principal when aws:SecureTransport is false."]);
    });

    it("skips with an advisory when the policy text is unknown at preview", () => {
        const doc = withChange("segments-policy", (i) => { i.policy = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"; });
        const vs = findings(s3DenyInsecureTransport, doc);
        assert.deepEqual(vs.map((v) => [v.enforcementLevel, v.message]), [
            ["advisory", "can't run policy 'sovereignty-s3-deny-insecure-transport' from policy pack 'sovereignty' during preview: value at .policy can't be known during preview"],
        ]);
    });
});

describe(s3BucketControlsAttached.name, () => {
    it("passes the known-good plan", () => assertClean(s3BucketControlsAttached, goodPlan()));

    it("flags a bucket without its public access block", () => {
        assertViolations(s3BucketControlsAttached, without(["segments-public-access"]), ["BucketV2 'segments-bucket' has no public access block."]);
    });

    it("flags a bucket whose controls name another bucket", () => {
        const doc = goodPlan();
        for (const name of ["segments-encryption", "segments-policy"]) {
            const r = find(doc, name);
            r.propertyDependencies = {};
            r.inputs.bucket = r.outputs.bucket = "some-other-bucket";
        }
        const vs = findings(s3BucketControlsAttached, doc);
        assert.deepEqual(vs.map((v) => [v.urn, v.message]), [[BUCKET_URN, "BucketV2 'segments-bucket' has no server-side encryption configuration, no bucket policy."]]);
    });

    it("matches by bucket name when property dependencies are absent", () => {
        const doc = goodPlan();
        for (const r of doc.deployment.resources) r.propertyDependencies = {};
        assertClean(s3BucketControlsAttached, doc);
    });
});

describe(bucketProtected.name, () => {
    it("passes the known-good plan", () => assertClean(bucketProtected, goodPlan()));

    it("flags an unprotected bucket", () => {
        assertViolations(bucketProtected, withChange("segments-bucket", (_i, r) => { r.protect = false; }), ["Is not protected; set the protect resource option."]);
    });

    it("flags forceDestroy", () => {
        assertViolations(bucketProtected, withChange("segments-bucket", (i) => { i.forceDestroy = true; }), ["Sets forceDestroy: true; a destroy would delete every object."]);
    });
});
