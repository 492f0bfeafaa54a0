// What a bank's auditor asks of the segment bucket, on every plan of the matrix: every object read
// and write is recorded by a trail in the bucket's own region, with tamper-evident log files, and
// the VPC's default security group admits nothing.
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readDeployment } from "./deployment";
import { matrixPlans } from "./matrix";

for (const plan of matrixPlans()) {
    const d = readDeployment(plan.path);
    describe(`audit: ${plan.label}`, () => {
        it("a trail in the region records every object event of the Milvus bucket", () => {
            const bucket = d.buckets.find((b) => b.name === d.milvus?.bucket);
            assert.ok(bucket, "the plan has Milvus's bucket");
            const covering = d.trails.filter((t) => {
                const selectors = (t.inputs.advancedEventSelectors as any[]) ?? [];
                return selectors.some((s) => {
                    const f = (name: string) => (s.fieldSelectors as any[]).find((x) => x.field === name);
                    return f("eventCategory")?.equals?.includes("Data")
                        && f("resources.type")?.equals?.includes("AWS::S3::Object")
                        && (f("resources.ARN")?.startsWiths ?? []).some((p: string) => `${bucket.arn}/`.startsWith(p))
                        && !f("readOnly") && !f("eventName"); // reads and writes, every API call
                });
            });
            assert.equal(covering.length, 1, `trails covering ${bucket.arn}: ${covering.map((t) => t.urn)}`);
            const trail = covering[0];
            assert.equal(trail.inputs.isMultiRegionTrail, false, "a single-region trail: nothing from other regions lands here");
            assert.equal(trail.inputs.enableLogFileValidation, true, "digest files make tampering visible");
            assert.equal(trail.inputs.enableLogging, true);
            assert.ok(d.keys.some((k) => k.arn === trail.inputs.kmsKeyId), "log files encrypted with a key of the stack");
            assert.ok(d.buckets.some((b) => b.name === trail.inputs.s3BucketName), "delivered to a bucket of the stack");
        });

        it("the VPC's default security group has no rules", () => {
            const groups = d.resources.filter((r) => r.type === "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup");
            assert.equal(groups.length, 1);
            assert.deepEqual([groups[0].inputs.ingress ?? [], groups[0].inputs.egress ?? []], [[], []]);
        });
    });
}
