// The contract must be able to fail: each known mistake (issue 9's review) is put back into a
// shipped plan, in memory, and the evaluator must then decide the affected call the wrong way.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { contract } from "./calls";
import { Deployment, keyByAlias, readDeployment, roleNamed } from "./deployment";
import { evaluate } from "./evaluate";
import { freshAccountProblems } from "./fresh-account";
import { matrixPlans } from "./matrix";

const plan = matrixPlans().find((p) => p.path.includes(`prod-me-central-1${path.sep}small`)) ?? matrixPlans()[0];

async function decisionOf(d: Deployment, actor: string, call: string): Promise<string> {
    const c = contract(d).find((x) => x.actor === actor && x.call === call);
    assert.ok(c, `no case "${actor}: ${call}"`);
    return (await evaluate(c.request)).decision;
}

function statement(doc: { Statement: Record<string, any>[] }, sid: string): Record<string, any> {
    const s = doc.Statement.find((x) => x.Sid === sid);
    assert.ok(s, `no statement ${sid}`);
    return s;
}

describe(`regressions the contract catches (${plan.label})`, () => {
    it("HeadBucket is denied when listing requires an s3:prefix (plain StringLike)", async () => {
        const d = readDeployment(plan.path);
        assert.equal(await decisionOf(d, "milvus", "HeadBucket at start-up"), "Allowed");
        const list = statement(d.milvus!.workload.role.inline[0].policy, "ListOwnPrefixes");
        list.Condition = { StringLike: list.Condition.StringLikeIfExists };
        assert.equal(await decisionOf(d, "milvus", "HeadBucket at start-up"), "ImplicitlyDenied");
    });

    it("every header-less write is denied when the bucket policy uses StringNotEqualsIfExists", async () => {
        const d = readDeployment(plan.path);
        const bucket = d.buckets.find((b) => b.name === d.milvus!.bucket)!;
        assert.equal(await decisionOf(d, "milvus", "PutObject without encryption headers"), "Allowed");
        const deny = statement(bucket.policy!, "DenyOtherEncryption");
        deny.Condition = { StringNotEqualsIfExists: { "s3:x-amz-server-side-encryption": "aws:kms" } };
        assert.equal(await decisionOf(d, "milvus", "PutObject without encryption headers"), "ExplicitlyDenied");
        assert.equal(await decisionOf(d, "milvus", "UploadPart (parts never carry encryption headers)"), "ExplicitlyDenied");
    });

    it("the EBS CSI role could grant the data key to anyone without kms:GrantIsForAWSResource (each layer alone)", async () => {
        // Identity policy without the condition, key policy still guarding: the key policy alone denies.
        const d = readDeployment(plan.path);
        delete statement(roleNamed(d, "-ebs-csi").inline[0].policy, "GrantDataKeyToVolumesOnly").Condition;
        assert.equal(await decisionOf(d, "ebs-csi-driver", "create a grant through EC2 that is not for an AWS resource"), "ImplicitlyDenied");
        // Both without it: the door opens, so each layer's condition is load-bearing.
        delete statement(keyByAlias(d, "-data").policy, "AccountGrantsOnlyToAwsResources").Condition.Bool;
        assert.equal(await decisionOf(d, "ebs-csi-driver", "create a grant through EC2 that is not for an AWS resource"), "Allowed");
    });

    it("account admins could grant the data key with AWS's default kms:Create* administrator statement", async () => {
        const d = readDeployment(plan.path);
        const admin = statement(keyByAlias(d, "-data").policy, "AccountAdministersKey");
        admin.Action = ["kms:Create*", ...admin.Action.filter((a: string) => a !== "kms:CreateAlias")];
        assert.equal(await decisionOf(d, "account admin", "create a grant on the data key for a principal of its choosing"), "Allowed");
    });

    it("QueryNodes fail segcore's start-up check when only the data prefix is listable", async () => {
        const d = readDeployment(plan.path);
        const list = statement(d.milvus!.workload.role.inline[0].policy, "ListOwnPrefixes");
        list.Condition.StringLikeIfExists["s3:prefix"] = list.Condition.StringLikeIfExists["s3:prefix"].filter((p: string) => p !== "justforconnectioncheck");
        assert.equal(await decisionOf(d, "milvus", "segcore's connection check (ListObjects at the bucket root, prefix justforconnectioncheck)"), "ImplicitlyDenied");
    });

    it("a key policy naming AWSServiceRoleForAutoScaling fails in an account that has no Auto Scaling group yet", () => {
        const raw = JSON.parse(fs.readFileSync(plan.path, "utf8"));
        const key = raw.deployment.resources.find((r: any) => r.type === "aws:kms/key:Key" && /keys-data$/.test(r.urn));
        const policy = JSON.parse(key.inputs.policy);
        const slr = policy.Statement.find((s: any) => s.Sid === "AutoScalingEncryptsRootVolumes");
        slr.Principal = { AWS: slr.Condition.StringEquals["aws:PrincipalArn"] };
        key.inputs.policy = JSON.stringify(policy);
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fresh-account-")), "plan.json");
        fs.writeFileSync(file, JSON.stringify(raw));
        assert.equal(freshAccountProblems(plan.path).length, 0);
        const problems = freshAccountProblems(file);
        assert.equal(problems.length, 1, problems.join("\n"));
        assert.match(problems[0], /AWSServiceRoleForAutoScaling, which this plan does not create/);
    });
});
