import { describe, it } from "node:test";
import { bucketProtected, s3BucketControlsAttached, s3CmkRequired, s3DenyInsecureTransport, s3PublicAccessBlocked } from "./storage";
import { assertClean, assertViolations, findings } from "./testing/assert";
import * as assert from "node:assert/strict";
import { find, goodPlan, urn, withChange, withResource, without } from "./testing/fixtures";
import { UNKNOWN } from "./policy";

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

    it("stays silent when the policy text is unknown at preview (it is judged at `pulumi up`), and judges a known one", () => {
        assertClean(s3DenyInsecureTransport, withChange("segments-policy", (i) => { i.policy = UNKNOWN; }));
        assertViolations(s3DenyInsecureTransport, withChange("segments-policy", (i) => { i.policy = JSON.stringify({ Statement: [] }); }),
            ["Has no statement denying s3:* to every principal when aws:SecureTransport is false."]);
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

describe("storage policies: every rule, statement and companion", () => {
    const sse = (change: (i: any) => void) => withChange("segments-encryption", change);
    const statement = (change: (s: any) => void) => withChange("segments-policy", (i) => {
        const doc = JSON.parse(i.policy);
        change(doc.Statement[0]);
        i.policy = JSON.stringify(doc);
    });
    const NO_TLS = ["Has no statement denying s3:* to every principal when aws:SecureTransport is false."];

    it("checks each encryption rule, accepting aws:kms:dsse", () => {
        assertViolations(s3CmkRequired, sse((i) => { i.rules = []; }),
            ["Has no encryption rules; one rule with sseAlgorithm aws:kms and a customer-managed kmsMasterKeyId is required."]);
        assertViolations(s3CmkRequired, sse((i) => { delete i.rules; }),
            ["Has no encryption rules; one rule with sseAlgorithm aws:kms and a customer-managed kmsMasterKeyId is required."]);
        assertClean(s3CmkRequired, sse((i) => { i.rules[0].applyServerSideEncryptionByDefault.sseAlgorithm = "aws:kms:dsse"; }));
        assertViolations(s3CmkRequired, sse((i) => {
            i.rules.push(null, { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "arn:aws:kms:me-central-1:111122223333:alias/aws/s3" } });
        }), [
            "Rule 1 uses sseAlgorithm (none); it must be aws:kms with a customer-managed key.",
            "Rule 2 uses the AWS-managed key arn:aws:kms:me-central-1:111122223333:alias/aws/s3; it must be a customer-managed key.",
        ]);
        assertClean(s3CmkRequired, sse((i) => { i.rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId = "alias/milvus-data"; }));
        assertViolations(s3CmkRequired, sse((i) => { i.rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId = ""; }),
            ["Rule 0 sets no kmsMasterKeyId; without it S3 uses the AWS-managed aws/s3 key, not a customer-managed key."]);
    });

    it("names every public access setting that is not true", () => {
        assertViolations(s3PublicAccessBlocked, withChange("segments-public-access", (i) => { i.blockPublicAcls = "true"; delete i.blockPublicPolicy; i.ignorePublicAcls = false; }),
            ["Does not set blockPublicAcls, blockPublicPolicy, ignorePublicAcls to true; all four must be true."]);
    });

    it("accepts the TLS deny statement in each of its equivalent forms", () => {
        assertClean(s3DenyInsecureTransport, statement((s) => { s.Principal = { AWS: "*" }; }));
        assertClean(s3DenyInsecureTransport, statement((s) => { s.Principal = { AWS: ["arn:aws:iam::1:root", "*"] }; }));
        assertClean(s3DenyInsecureTransport, statement((s) => { s.Action = ["s3:GetObject", "s3:*"]; }));
        assertClean(s3DenyInsecureTransport, statement((s) => { s.Action = "*"; }));
        assertClean(s3DenyInsecureTransport, statement((s) => { s.Condition.Bool["aws:SecureTransport"] = false; }));
        assertClean(s3DenyInsecureTransport, withChange("segments-policy", (i) => {
            const doc = JSON.parse(i.policy);
            i.policy = { Version: doc.Version, Statement: doc.Statement[0] };
        }));
        assertClean(s3DenyInsecureTransport, withChange("segments-policy", (i) => {
            const doc = JSON.parse(i.policy);
            doc.Statement.unshift({ Effect: "Allow", Principal: "*", Action: "s3:GetObject" });
            i.policy = JSON.stringify(doc);
        }));
    });

    it("flags statements that do not deny everyone everything without TLS", () => {
        for (const change of [
            (s: any) => { s.Effect = "Allow"; },
            (s: any) => { s.Principal = { AWS: "arn:aws:iam::1:root" }; },
            (s: any) => { s.Principal = { Service: "*" }; },
            (s: any) => { s.Principal = "arn:aws:iam::1:root"; },
            (s: any) => { s.Action = "s3:GetObject"; },
            (s: any) => { s.Action = ["s3:GetObject", "s3:PutObject"]; },
            (s: any) => { delete s.Condition; },
            (s: any) => { s.Condition = { Bool: { "aws:SecureTransport": "False" } }; },
        ]) {
            assertViolations(s3DenyInsecureTransport, statement(change), NO_TLS);
        }
        assertViolations(s3DenyInsecureTransport, withChange("segments-policy", (i) => { i.policy = "{not json"; }), ["Its policy is not valid JSON."]);
        assertViolations(s3DenyInsecureTransport, withChange("segments-policy", (i) => { i.policy = JSON.stringify({ Statement: ["x"] }); }), NO_TLS);
        assertViolations(s3DenyInsecureTransport, withChange("segments-policy", (i) => { delete i.policy; }), NO_TLS);
    });

    it("matches companions to each bucket by dependency, name or id", () => {
        const doc = goodPlan();
        for (const r of doc.deployment.resources) r.propertyDependencies = {};
        find(doc, "segments-bucket").outputs.id = "segments-bucket-id";
        for (const name of ["segments-encryption", "segments-public-access"]) {
            const r = find(doc, name);
            r.inputs.bucket = r.outputs.bucket = "segments-bucket-id";
        }
        assertClean(s3BucketControlsAttached, doc);
        const unknownRef = goodPlan();
        const policy = find(unknownRef, "segments-policy");
        policy.propertyDependencies = {};
        policy.inputs.bucket = policy.outputs.bucket = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
        assertViolations(s3BucketControlsAttached, unknownRef, ["BucketV2 'segments-bucket' has no bucket policy."]);
        const depOnOther = goodPlan();
        find(depOnOther, "segments-policy").propertyDependencies = { bucket: [find(depOnOther, "keys-data").urn] };
        assertViolations(s3BucketControlsAttached, depOnOther, ["BucketV2 'segments-bucket' has no bucket policy."]);
        const numericRef = goodPlan();
        const pab = find(numericRef, "segments-public-access");
        pab.propertyDependencies = {};
        pab.inputs.bucket = pab.outputs.bucket = 42;
        assertViolations(s3BucketControlsAttached, numericRef, ["BucketV2 'segments-bucket' has no public access block."]);
    });

    it("checks version 1 buckets too", () => {
        const doc = withResource("aws:s3/bucket:Bucket", "legacy", { bucket: "legacy-bucket", forceDestroy: true });
        assertViolations(s3BucketControlsAttached, doc,
            ["Bucket 'legacy' has no server-side encryption configuration, no public access block, no bucket policy."]);
        assertViolations(bucketProtected, doc, ["Is not protected; set the protect resource option.", "Sets forceDestroy: true; a destroy would delete every object."]);
        assertClean(bucketProtected, withChange("segments-bucket", (i) => { i.forceDestroy = "true"; }));
    });
});
