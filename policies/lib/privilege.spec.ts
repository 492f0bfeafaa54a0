import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DATA_ACTIONS, FULL_ACCESS_POLICIES, IDENTITY_POLICIES, isWildcardResource, leastPrivilege } from "./privilege";
import { assertClean, assertViolations } from "./testing/assert";
import { BUCKET, goodPlan, IRSA_POLICY, KEY_ARN, withChange, withResource } from "./testing/fixtures";
import { UNKNOWN } from "./policy";

/** The Milvus role policy with one more statement. */
function policyWith(statement: object) {
    const doc = goodPlan();
    const r = doc.deployment.resources.find((x) => x.type === "aws:iam/rolePolicy:RolePolicy")!;
    r.inputs.policy = JSON.stringify({ ...IRSA_POLICY, Statement: [...IRSA_POLICY.Statement, statement] });
    return doc;
}

describe(leastPrivilege.name, () => {
    it("passes the known-good plan (exact actions on a prefix and a key, an AWS managed policy by ARN)", () => assertClean(leastPrivilege, goodPlan()));

    it("flags service wildcards and '*'", () => {
        const doc = policyWith({ Sid: "All", Effect: "Allow", Action: ["s3:*", "kms:*", "*", "sts:AssumeRole"], Resource: `arn:aws:s3:::${BUCKET}/milvus/*` });
        assertViolations(leastPrivilege, doc, ["policy: Statement 'All' allows s3:*, kms:*, *; list the exact actions the role needs."]);
    });

    it("names a service wildcard on '*' once, as a wildcard, in any case", () => {
        const doc = policyWith({ Sid: "All", Effect: "Allow", Action: "S3:*", Resource: "*" });
        assertViolations(leastPrivilege, doc, ["policy: Statement 'All' allows S3:*; list the exact actions the role needs."]);
    });

    it("flags data and key actions on a wildcard resource", () => {
        const doc = policyWith({ Sid: "Wide", Effect: "Allow", Action: ["s3:Get*", "kms:Decrypt", "ec2:DescribeInstances"], Resource: ["*", KEY_ARN] });
        assertViolations(leastPrivilege, doc, ["policy: Statement 'Wide' allows data or key actions s3:Get*, kms:Decrypt on *; name the exact bucket prefix, key or secret ARN."]);
    });

    it("flags NotAction and NotResource in an Allow", () => {
        const notAction = policyWith({ Sid: "Inverse", Effect: "Allow", NotAction: ["iam:*", "sts:*"], Resource: "*" });
        assertViolations(leastPrivilege, notAction, ["policy: Statement 'Inverse' allows NotAction iam:*, sts:*, which grants every other action; list the exact actions."]);
        const notResource = policyWith({ Sid: "Elsewhere", Effect: "Allow", Action: "kms:CreateGrant", NotResource: KEY_ARN });
        assertViolations(leastPrivilege, notResource, [`policy: Statement 'Elsewhere' allows data or key actions kms:CreateGrant on NotResource ${KEY_ARN}; name the exact bucket prefix, key or secret ARN.`]);
    });

    it("tells a service wildcard from actions that only contain one, and names every wildcard resource", () => {
        assertClean(leastPrivilege, policyWith({ Effect: "Allow", Action: ["s3:*Object", "s3:Foo:*"], Resource: `arn:aws:s3:::${BUCKET}/milvus/*` }));
        assertViolations(leastPrivilege, policyWith({ Sid: "W", Effect: "Allow", Action: "kms:Decrypt", Resource: ["*", "arn:aws:kms:me-central-1:111122223333:key/*"] }), [
            "policy: Statement 'W' allows data or key actions kms:Decrypt on *, arn:aws:kms:me-central-1:111122223333:key/*; name the exact bucket prefix, key or secret ARN.",
        ]);
    });

    it("accepts wildcards in a Deny and non-data actions on '*'", () => {
        assertClean(leastPrivilege, policyWith({ Effect: "Deny", Action: "*", Resource: "*" }));
        assertClean(leastPrivilege, policyWith({ Effect: "Allow", Action: ["ec2:DescribeInstances", "s3:ListAllMyBuckets"], Resource: "*" }));
    });

    it("covers managed policies, inline policies on a role and full-access attachments", () => {
        let doc = withResource("aws:iam/policy:Policy", "wide", { policy: { Statement: [{ Sid: "S", Effect: "Allow", Action: "iam:*", Resource: "*" }] } });
        doc = withChange("roles-cluster", (i) => {
            i.inlinePolicies = [
                { name: "a", policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "arn:aws:secretsmanager:me-central-1:111122223333:secret:*" }] }) },
                { name: "b", policy: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" },
                { name: "c", policy: "" },
                { name: "d", policy: "{" },
                { name: "e" },
            ];
            i.managedPolicyArns = ["arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"];
        }, doc);
        doc = withChange("roles-cluster-AmazonEKSClusterPolicy", (i) => { i.policyArn = "arn:aws:iam::aws:policy/AmazonS3FullAccess"; }, doc);
        doc = withResource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "own", { role: "x", policyArn: "arn:aws:iam::111122223333:policy/AdministratorAccess" }, {}, doc);
        assertViolations(leastPrivilege, doc, [
            "inlinePolicies[0]: Statement 0 allows data or key actions secretsmanager:GetSecretValue on arn:aws:secretsmanager:me-central-1:111122223333:secret:*; name the exact bucket prefix, key or secret ARN.",
            "Its inlinePolicies[3] is not valid JSON; an identity policy must be a JSON policy document.",
            "Attaches the AWS managed policy arn:aws:iam::aws:policy/AdministratorAccess, which grants full access; write a policy with the exact actions and resources.",
            "Attaches the AWS managed policy arn:aws:iam::aws:policy/AmazonS3FullAccess, which grants full access; write a policy with the exact actions and resources.",
            "policy: Statement 'S' allows iam:*; list the exact actions the role needs.",
        ]);
    });

    it("stays silent on an identity policy unknown at preview (it is judged at `pulumi up`), and judges the known one beside it", () => {
        for (const [type, field] of Object.entries(IDENTITY_POLICIES)) {
            assertClean(leastPrivilege, withResource(type, "later", { [field]: UNKNOWN }));
        }
        const doc = withResource("aws:iam/policy:Policy", "later", { policy: UNKNOWN }, {}, policyWith({ Sid: "All", Effect: "Allow", Action: "kms:*", Resource: KEY_ARN }));
        assertViolations(leastPrivilege, doc, ["policy: Statement 'All' allows kms:*; list the exact actions the role needs."]);
    });

    it("knows every data and key action, every identity-policy type and every full-access policy", () => {
        const actions = [
            "s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:RestoreObject",
            "s3:ReplicateObject", "s3:PutObjectAcl", "s3:GetObjectAcl", "s3:ListBucket", "s3:ListBucketVersions",
            "kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext",
            "kms:GenerateDataKeyPair", "kms:GenerateDataKeyPairWithoutPlaintext", "kms:CreateGrant", "kms:Sign", "kms:GenerateMac",
            "secretsmanager:GetSecretValue",
        ];
        assert.equal(DATA_ACTIONS.length, actions.length);
        for (const action of actions) {
            assertViolations(leastPrivilege, policyWith({ Sid: "D", Effect: "Allow", Action: action, Resource: "*" }), [
                `policy: Statement 'D' allows data or key actions ${action} on *; name the exact bucket prefix, key or secret ARN.`,
            ]);
        }
        assert.equal(Object.keys(IDENTITY_POLICIES).length, 4);
        for (const type of ["aws:iam/rolePolicy:RolePolicy", "aws:iam/policy:Policy", "aws:iam/groupPolicy:GroupPolicy", "aws:iam/userPolicy:UserPolicy"]) {
            const field = "policy";
            assertViolations(leastPrivilege, withResource(type, "p", { [field]: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }) }), [
                `${field}: Statement 0 allows *; list the exact actions the role needs.`,
            ]);
        }
        assert.equal(FULL_ACCESS_POLICIES.length, 4);
        for (const name of ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess", "AmazonS3FullAccess"]) {
            const arn = `arn:aws:iam::aws:policy/${name}`;
            assertViolations(leastPrivilege, withResource("aws:iam/policyAttachment:PolicyAttachment", "a", { policyArn: arn }), [
                `Attaches the AWS managed policy ${arn}, which grants full access; write a policy with the exact actions and resources.`,
            ]);
        }
    });

    it("knows which resources are wildcards", () => {
        for (const r of ["*", "arn:aws:s3:::*", "arn:aws:s3:::*/*", "arn:aws:kms:me-central-1:111122223333:key/*", "arn:aws:kms:me-central-1:111122223333:alias/*", "arn:aws:secretsmanager:me-central-1:111122223333:secret:*"]) {
            assert.ok(isWildcardResource(r), r);
        }
        for (const r of [`arn:aws:s3:::${BUCKET}/*`, KEY_ARN, "arn:aws:logs:me-central-1:111122223333:*", "arn:aws:s3:::b/*/*", "xarn:aws:s3:::*"]) {
            assert.ok(!isWildcardResource(r), r);
        }
    });
});
