import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EKS_ACCESS_TYPES, eksAccessInAccount, federatedTrustBound, principalsInAccount, RESOURCE_POLICIES, TRUSTED_SERVICES } from "./identity";
import { accountOf, globMatches, list, pinnedTo, principalKinds, principalsOf, providerAccounts, statementsOf } from "./iam";
import { assertClean, assertViolations, configWith, findings } from "./testing/assert";
import { ACCOUNT, goodPlan, IRSA_TRUST, KEY_POLICY, OIDC_ISSUER, OIDC_PROVIDER_ARN, REGION, withChange, withResource } from "./testing/fixtures";
import { UNKNOWN } from "./policy";

const OTHER = "999988887777";
const PARTNER = "444455556666";

/** The data key with one more statement in its policy. */
function keyWith(statement: object) {
    return withChange("keys-data", (i) => { i.policy = JSON.stringify({ ...KEY_POLICY, Statement: [...KEY_POLICY.Statement, statement] }); });
}

/** The Milvus IRSA role with its trust statement changed. */
function trustWith(change: (s: any) => void, doc = goodPlan()) {
    return withChange("milvus-irsa", (i, r) => {
        if (r.type !== "aws:iam/role:Role") return;
        const policy = JSON.parse(JSON.stringify(IRSA_TRUST));
        change(policy.Statement[0]);
        i.assumeRolePolicy = JSON.stringify(policy);
    }, doc);
}

describe("iam helpers", () => {
    it("reads statements from text or objects, one or many", () => {
        assert.equal(statementsOf("{"), "is not valid JSON");
        assert.equal(statementsOf("3"), "is not a policy document");
        const [s] = statementsOf({ Statement: { Effect: "Allow", NotAction: "s3:*", NotResource: "*" } }) as any[];
        assert.deepEqual([s.sid, s.actions, s.notActions, s.resources, s.notResources, s.condition], ["0", ["s3:*"], true, ["*"], true, {}]);
        const [t] = statementsOf({ Statement: [{ Sid: "A", Effect: "Deny", Action: ["a:b"], Resource: "r" }] }) as any[];
        assert.deepEqual([t.sid, t.effect, t.actions, t.notActions, t.resources, t.notResources], ["'A'", "Deny", ["a:b"], false, ["r"], false]);
        const both = statementsOf({ Statement: { Action: "a:b", NotAction: "c:d", Resource: "r", NotResource: "n" } }) as any[];
        assert.deepEqual([both[0].actions, both[0].notActions, both[0].resources, both[0].notResources], [["a:b"], false, ["r"], false]);
        const many = statementsOf({ Statement: [{ Sid: "", Effect: "Allow" }, 1, { Sid: 5, Condition: "x" }] }) as any[];
        assert.equal(many.length, 2);
        const [u, v] = many;
        assert.deepEqual([u.sid, u.actions, u.notActions, u.resources, u.notResources], ["0", [], false, [], false]);
        assert.deepEqual([v.sid, v.effect, v.condition], ["1", "undefined", {}]);
    });

    it("reads principals and accounts", () => {
        assert.deepEqual(principalsOf("*", "AWS"), ["*"]);
        assert.deepEqual(principalsOf("*", "Service"), []);
        assert.deepEqual(principalsOf({ Service: ["a", "b"] }, "Service"), ["a", "b"]);
        assert.deepEqual(principalsOf(undefined, "AWS"), []);
        assert.deepEqual(principalKinds("*"), ["AWS"]);
        assert.deepEqual(principalKinds(undefined), []);
        assert.equal(accountOf(ACCOUNT), ACCOUNT);
        assert.equal(accountOf(`arn:aws:iam::${ACCOUNT}:root`), ACCOUNT);
        assert.equal(accountOf("arn:aws:iam::*:root"), undefined);
        assert.equal(accountOf("arn:aws:s3:::bucket"), undefined);
        assert.equal(accountOf(`x:aws:iam::${ACCOUNT}:root`), undefined);
        assert.equal(accountOf(`arn:aws:iam::${ACCOUNT}`), undefined);
        assert.equal(accountOf("1234567890123"), undefined);
        assert.equal(accountOf(`arn:aws:iam::${ACCOUNT}0:root`), undefined);
    });

    it("reads the provider's accounts as a list or as JSON text", () => {
        const provider = (props: object) => ({ type: "pulumi:providers:aws", props });
        assert.deepEqual(providerAccounts(provider({ allowedAccountIds: [ACCOUNT] })), [ACCOUNT]);
        assert.deepEqual(providerAccounts(provider({ allowedAccountIds: `["${ACCOUNT}"]` })), [ACCOUNT]);
        assert.deepEqual(providerAccounts(provider({ allowedAccountIds: "[" })), []);
        assert.deepEqual(providerAccounts({ type: "pulumi:providers:kubernetes", props: { allowedAccountIds: [ACCOUNT] } }), []);
        assert.deepEqual(providerAccounts(undefined), []);
    });

    it("pins by account or by ARN, only under equality or like operators", () => {
        const pin = (condition: object) => pinnedTo(condition as any, [ACCOUNT]);
        assert.ok(pin({ StringEquals: { "aws:PrincipalAccount": ACCOUNT } }));
        assert.ok(pin({ stringequals: { "AWS:SourceAccount": [ACCOUNT] } }));
        assert.ok(pin({ ArnLike: { "aws:SourceArn": `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/*` } }));
        assert.ok(pin({ StringLike: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/x` } }));
        assert.ok(pin({ ArnEquals: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:x` } }));
        assert.ok(!pin({ StringEquals: { "aws:PrincipalAccount": [ACCOUNT, OTHER] } }));
        assert.ok(!pin({ StringEquals: { "aws:PrincipalAccount": [] } }));
        assert.ok(!pin({ StringEqualsIfExists: { "aws:PrincipalAccount": ACCOUNT } }));
        assert.ok(!pin({ StringNotEquals: { "aws:PrincipalAccount": ACCOUNT } }));
        assert.ok(!pin({ StringEquals: { "aws:SourceArn": "arn:aws:iam::*:role/x" } }));
        assert.ok(!pin({ StringEquals: { "aws:SourceArn": ACCOUNT } }));
        assert.ok(!pin({ StringEquals: { "aws:username": ACCOUNT } }));
        assert.ok(!pin({ StringEquals: "x" }));
        assert.ok(pin({ StringEquals: { "aws:SourceOwner": ACCOUNT } }));
        assert.ok(pin({ StringEquals: { "kms:CallerAccount": ACCOUNT } }));
        assert.ok(pin({ StringEquals: { "aws:PrincipalAccount": ACCOUNT, "s3:prefix": "x" } }));
        assert.ok(!pin({ ArnLike: { "aws:SourceArn": [`arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/a`, `arn:aws:cloudtrail:${REGION}:${OTHER}:trail/a`] } }));
        assert.ok(pinnedTo({ StringEquals: { "aws:PrincipalAccount": PARTNER } }, [ACCOUNT, PARTNER]));
        assert.deepEqual(list(["a", 1, null]), ["a"]);
        assert.deepEqual(list("a"), ["a"]);
    });

    it("matches IAM wildcards case-insensitively and literally otherwise", () => {
        assert.ok(globMatches("s3:Get*", "s3:GetObject"));
        assert.ok(globMatches("kms:generatedatakey?", "kms:GenerateDataKeyX"));
        assert.ok(!globMatches("s3:Get*", "s3:PutObject"));
        assert.ok(!globMatches("s3.GetObject", "s3:GetObject"));
        assert.ok(globMatches("s3.Get(x)", "s3.Get(x)"));
        assert.ok(!globMatches("s3:GetObject", "xs3:GetObject"));
        assert.ok(!globMatches("s3:GetObject", "s3:GetObjectX"));
    });
});

describe(principalsInAccount.name, () => {
    it("passes the known-good plan (account root, pinned '*', pinned services, EKS trust, a Deny with '*')", () =>
        assertClean(principalsInAccount, goodPlan()));

    it("flags an AWS provider without allowedAccountIds", () => {
        const doc = withChange("aws-me-central-1", (i) => { delete i.allowedAccountIds; });
        assertViolations(principalsInAccount, doc, [
            "AWS provider 'aws-me-central-1' sets no allowedAccountIds; set it to the stack's one account so policies and deployments cannot reach another.",
        ]);
    });

    it("flags another account in a key policy", () => {
        const doc = keyWith({ Sid: "Partner", Effect: "Allow", Principal: { AWS: [`arn:aws:iam::${OTHER}:root`] }, Action: "kms:Decrypt", Resource: "*" });
        assertViolations(principalsInAccount, doc, [`policy: Statement 'Partner' allows arn:aws:iam::${OTHER}:root (account ${OTHER}); it must be a principal of account ${ACCOUNT}.`]);
    });

    it("admits a partner account the pack config lists, and only that one", () => {
        const doc = keyWith({ Effect: "Allow", Principal: { AWS: [PARTNER, "AROAEXAMPLEUNIQUEID"] }, Action: "kms:Decrypt", Resource: "*" });
        assertViolations(principalsInAccount, doc, [
            `policy: Statement 5 allows AROAEXAMPLEUNIQUEID (account unknown); it must be a principal of account ${ACCOUNT} or ${PARTNER}.`,
        ], undefined, configWith(principalsInAccount, { partnerAccountIds: [PARTNER] }));
    });

    it("flags '*' in an Allow without a pinning condition, and accepts it pinned to the account", () => {
        const open = keyWith({ Sid: "Everyone", Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "aws:PrincipalAccount": OTHER } } });
        assertViolations(principalsInAccount, open, [
            `policy: Statement 'Everyone' allows principal * without a condition pinning it to the account; add aws:PrincipalAccount, aws:SourceAccount or kms:CallerAccount equal to ${ACCOUNT}, or aws:PrincipalArn naming a principal of account ${ACCOUNT}.`,
        ]);
        assertClean(principalsInAccount, keyWith({ Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "aws:PrincipalAccount": ACCOUNT } } }));
    });

    it("flags NotPrincipal in an Allow", () => {
        const doc = keyWith({ Sid: "AllBut", Effect: "Allow", NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:Decrypt", Resource: "*" });
        assertViolations(principalsInAccount, doc, [
            `policy: Statement 'AllBut' allows NotPrincipal {"AWS":"arn:aws:iam::${ACCOUNT}:root"}, which admits every principal not listed; name a principal of account ${ACCOUNT}.`,
        ]);
    });

    it("flags an unpinned service in a bucket policy, and a CanonicalUser", () => {
        const doc = withChange("segments-policy", (i) => {
            const p = JSON.parse(i.policy);
            p.Statement.push({ Sid: "Trail", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com", CanonicalUser: "abc" }, Action: "s3:PutObject", Resource: "*" });
            i.policy = JSON.stringify(p);
        });
        assertViolations(principalsInAccount, doc, [
            `policy: Statement 'Trail' allows service cloudtrail.amazonaws.com without aws:SourceAccount or aws:SourceArn naming account ${ACCOUNT}; a service may act for this account only.`,
            `policy: Statement 'Trail' allows CanonicalUser principal abc; only AWS principals of account ${ACCOUNT} and pinned service principals may be admitted.`,
        ]);
    });

    it("accepts EKS and EC2 in a trust policy but not elsewhere, and not other services in a trust policy", () => {
        const eks = keyWith({ Sid: "Eks", Effect: "Allow", Principal: { Service: "eks.amazonaws.com" }, Action: "kms:Decrypt", Resource: "*" });
        assertViolations(principalsInAccount, eks, [
            `policy: Statement 'Eks' allows service eks.amazonaws.com without aws:SourceAccount or aws:SourceArn naming account ${ACCOUNT}; a service may act for this account only.`,
        ]);
        const lambda = withChange("roles-cluster", (i) => {
            i.assumeRolePolicy = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { Service: ["ec2.amazonaws.com", "lambda.amazonaws.com"] }, Action: "sts:AssumeRole" }] });
        });
        assertViolations(principalsInAccount, lambda, [
            `assumeRolePolicy: Statement 0 allows service lambda.amazonaws.com without aws:SourceAccount or aws:SourceArn naming account ${ACCOUNT}; a service may act for this account only.`,
        ]);
    });

    it("flags a trust in another account's identity provider", () => {
        const doc = trustWith((s) => { s.Principal.Federated = s.Principal.Federated.replace(ACCOUNT, OTHER); });
        assertViolations(principalsInAccount, doc, [
            `assumeRolePolicy: Statement 'TrustServiceAccount' trusts identity provider ${OIDC_PROVIDER_ARN.replace(ACCOUNT, OTHER)}; it must be an OIDC provider of account ${ACCOUNT}.`,
        ]);
    });

    it("covers other resource policies: an ECR repository policy and a log resource policy", () => {
        const ecr = withResource("aws:ecr/repositoryPolicy:RepositoryPolicy", "mirror-policy", {
            repository: "milvus", policy: { Statement: [{ Sid: "Pull", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: "ecr:BatchGetImage" }] },
        });
        assertViolations(principalsInAccount, ecr, [`policy: Statement 'Pull' allows arn:aws:iam::${OTHER}:root (account ${OTHER}); it must be a principal of account ${ACCOUNT}.`]);
        const logs = withResource("aws:cloudwatch/logResourcePolicy:LogResourcePolicy", "logs-policy", { policyName: "x", policyDocument: "not json" });
        assertViolations(principalsInAccount, logs, ["Its policyDocument is not valid JSON; a resource policy must be a JSON policy document."]);
    });

    it("reads the policy of every resource type that carries one", () => {
        const types: [string, string][] = [
            ["aws:s3/bucketPolicy:BucketPolicy", "policy"], ["aws:s3/bucketV2:BucketV2", "policy"], ["aws:s3/bucket:Bucket", "policy"],
            ["aws:s3/accessPoint:AccessPoint", "policy"], ["aws:kms/key:Key", "policy"], ["aws:kms/keyPolicy:KeyPolicy", "policy"],
            ["aws:iam/role:Role", "assumeRolePolicy"], ["aws:ecr/repositoryPolicy:RepositoryPolicy", "policy"], ["aws:ecr/registryPolicy:RegistryPolicy", "policy"],
            ["aws:sqs/queue:Queue", "policy"], ["aws:sqs/queuePolicy:QueuePolicy", "policy"], ["aws:sns/topic:Topic", "policy"],
            ["aws:sns/topicPolicy:TopicPolicy", "policy"], ["aws:secretsmanager/secretPolicy:SecretPolicy", "policy"],
            ["aws:cloudwatch/logResourcePolicy:LogResourcePolicy", "policyDocument"],
        ];
        assert.equal(Object.keys(RESOURCE_POLICIES).length, types.length);
        for (const [type, field] of types) {
            const doc = withResource(type, "x", { [field]: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: OTHER }, Action: "x:Y" }] }) });
            assertViolations(principalsInAccount, doc, [`${field}: Statement 0 allows ${OTHER} (account ${OTHER}); it must be a principal of account ${ACCOUNT}.`]);
        }
        assert.deepEqual(TRUSTED_SERVICES, ["eks.amazonaws.com", "ec2.amazonaws.com"]);
        assert.deepEqual(EKS_ACCESS_TYPES, ["aws:eks/accessEntry:AccessEntry", "aws:eks/accessPolicyAssociation:AccessPolicyAssociation"]);
    });

    it("stays silent on a resource policy unknown at preview (it is judged at `pulumi up`), and judges the known one beside it", () => {
        for (const [type, field] of Object.entries(RESOURCE_POLICIES)) {
            assertClean(principalsInAccount, withResource(type, "later", { [field]: UNKNOWN }));
        }
        const doc = withChange("segments-policy", (i) => { i.policy = UNKNOWN; },
            keyWith({ Sid: "Partner", Effect: "Allow", Principal: { AWS: OTHER }, Action: "kms:Decrypt", Resource: "*" }));
        assertViolations(principalsInAccount, doc, [`policy: Statement 'Partner' allows ${OTHER} (account ${OTHER}); it must be a principal of account ${ACCOUNT}.`]);
    });

    it("names every account of a provider that allows two", () => {
        const TWO = "555566667777";
        let doc = keyWith({ Sid: "S", Effect: "Allow", Principal: { Service: "sns.amazonaws.com", AWS: "*", CanonicalUser: "c" }, Action: "kms:Decrypt", Resource: "*" });
        doc = trustWith((s) => { s.Principal.Federated = s.Principal.Federated.replace(ACCOUNT, OTHER); }, doc);
        doc = withChange("aws-me-central-1", (i) => { i.allowedAccountIds = [ACCOUNT, TWO]; }, doc);
        assertViolations(principalsInAccount, doc, [
            `policy: Statement 'S' allows service sns.amazonaws.com without aws:SourceAccount or aws:SourceArn naming account ${ACCOUNT}, ${TWO}; a service may act for this account only.`,
            `policy: Statement 'S' allows principal * without a condition pinning it to the account; add aws:PrincipalAccount, aws:SourceAccount or kms:CallerAccount equal to ${ACCOUNT}, ${TWO}, or aws:PrincipalArn naming a principal of account ${ACCOUNT} or ${TWO} or ${PARTNER}.`,
            `policy: Statement 'S' allows CanonicalUser principal c; only AWS principals of account ${ACCOUNT} or ${TWO} or ${PARTNER} and pinned service principals may be admitted.`,
            `assumeRolePolicy: Statement 'TrustServiceAccount' trusts identity provider ${OIDC_PROVIDER_ARN.replace(ACCOUNT, OTHER)}; it must be an OIDC provider of account ${ACCOUNT}, ${TWO}.`,
        ], undefined, configWith(principalsInAccount, { partnerAccountIds: [PARTNER] }));
        const eks = withChange("eks-admin-0", (i, r) => { if (r.type.endsWith("AccessEntry")) i.principalArn = `arn:aws:iam::${OTHER}:role/a`; },
            withChange("aws-me-central-1", (i) => { i.allowedAccountIds = [ACCOUNT, TWO]; }));
        assertViolations(eksAccessInAccount, eks, [`principalArn arn:aws:iam::${OTHER}:role/a is in account ${OTHER}; cluster access is only for principals of account ${ACCOUNT}, ${TWO}.`]);
        assertClean(eksAccessInAccount, withChange("eks-admin-0", (i, r) => { if (r.type.endsWith("AccessEntry")) i.principalArn = `arn:aws:iam::${TWO}:role/a`; },
            withChange("aws-me-central-1", (i) => { i.allowedAccountIds = [ACCOUNT, TWO]; })));
    });

    it("ignores resources without a policy and resources of a provider without accounts", () => {
        assertClean(principalsInAccount, withChange("segments-bucket", (i) => { i.policy = ""; }));
        assertClean(principalsInAccount, withChange("segments-bucket", (i) => { i.policy = null; }));
        const doc = keyWith({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: "kms:Decrypt", Resource: "*" });
        const noAccounts = withChange("aws-me-central-1", (i) => { i.allowedAccountIds = []; }, doc);
        assert.deepEqual(findings(principalsInAccount, noAccounts).map((v) => v.urn?.split("::").pop()), ["aws-me-central-1"]);
    });
});

describe(federatedTrustBound.name, () => {
    it("passes the known-good plan", () => assertClean(federatedTrustBound, goodPlan()));

    it("flags a wildcard subject", () => {
        const doc = trustWith((s) => { s.Condition = { StringLike: { [`${OIDC_ISSUER}:sub`]: "system:serviceaccount:milvus:*" }, StringEquals: { [`${OIDC_ISSUER}:aud`]: "sts.amazonaws.com" } }; });
        assertViolations(federatedTrustBound, doc, [
            `Statement 'TrustServiceAccount' binds ${OIDC_ISSUER}:sub with StringLike "system:serviceaccount:milvus:*"; it needs StringEquals with exactly one system:serviceaccount:<namespace>:<name>, without wildcards.`,
        ]);
    });

    it("flags two subjects, a subject with a wildcard under StringEquals, and a missing audience", () => {
        const two = trustWith((s) => { s.Condition.StringEquals[`${OIDC_ISSUER}:sub`] = ["system:serviceaccount:milvus:milvus", "system:serviceaccount:milvus:other"]; });
        assertViolations(federatedTrustBound, two, [
            `Statement 'TrustServiceAccount' binds ${OIDC_ISSUER}:sub with StringEquals ["system:serviceaccount:milvus:milvus","system:serviceaccount:milvus:other"]; it needs StringEquals with exactly one system:serviceaccount:<namespace>:<name>, without wildcards.`,
        ]);
        const star = trustWith((s) => { s.Condition.StringEquals[`${OIDC_ISSUER}:sub`] = ["system:serviceaccount:milvus:*"]; delete s.Condition.StringEquals[`${OIDC_ISSUER}:aud`]; });
        assertViolations(federatedTrustBound, star, [
            `Statement 'TrustServiceAccount' binds ${OIDC_ISSUER}:sub with StringEquals "system:serviceaccount:milvus:*"; it needs StringEquals with exactly one system:serviceaccount:<namespace>:<name>, without wildcards.`,
            `Statement 'TrustServiceAccount' binds ${OIDC_ISSUER}:aud with no condition; it needs StringEquals "sts.amazonaws.com".`,
        ]);
    });

    it("flags no condition at all, a wrong audience and an extra action", () => {
        const none = trustWith((s) => { delete s.Condition; s.Action = ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"]; });
        assertViolations(federatedTrustBound, none, [
            `Statement 'TrustServiceAccount' allows sts:AssumeRoleWithWebIdentity, sts:TagSession to ${OIDC_ISSUER}; it must allow only sts:AssumeRoleWithWebIdentity.`,
            `Statement 'TrustServiceAccount' binds ${OIDC_ISSUER}:sub with no condition; it needs StringEquals with exactly one system:serviceaccount:<namespace>:<name>, without wildcards.`,
            `Statement 'TrustServiceAccount' binds ${OIDC_ISSUER}:aud with no condition; it needs StringEquals "sts.amazonaws.com".`,
        ]);
        const aud = trustWith((s) => { s.Condition.StringEquals[`${OIDC_ISSUER}:aud`] = "sts.example.com"; s.Action = []; });
        assertViolations(federatedTrustBound, aud, [
            `Statement 'TrustServiceAccount' allows no action to ${OIDC_ISSUER}; it must allow only sts:AssumeRoleWithWebIdentity.`,
            `Statement 'TrustServiceAccount' binds ${OIDC_ISSUER}:aud with StringEquals "sts.example.com"; it needs StringEquals "sts.amazonaws.com".`,
        ]);
    });

    it("flags a SAML provider and two providers; ignores Deny and non-federated statements", () => {
        const saml = trustWith((s) => { s.Principal.Federated = `arn:aws:iam::${ACCOUNT}:saml-provider/corp`; });
        assertViolations(federatedTrustBound, saml, [
            `Statement 'TrustServiceAccount' trusts arn:aws:iam::${ACCOUNT}:saml-provider/corp; it must trust exactly one OIDC provider (arn:aws:iam::<account>:oidc-provider/<issuer>).`,
        ]);
        const twice = trustWith((s) => { s.Principal.Federated = [OIDC_PROVIDER_ARN, OIDC_PROVIDER_ARN]; });
        assertViolations(federatedTrustBound, twice, [
            `Statement 'TrustServiceAccount' trusts ${OIDC_PROVIDER_ARN}, ${OIDC_PROVIDER_ARN}; it must trust exactly one OIDC provider (arn:aws:iam::<account>:oidc-provider/<issuer>).`,
        ]);
        assertViolations(federatedTrustBound, trustWith((s) => { s.Action = "sts:AssumeRole"; }), [
            `Statement 'TrustServiceAccount' allows sts:AssumeRole to ${OIDC_ISSUER}; it must allow only sts:AssumeRoleWithWebIdentity.`,
        ]);
        assertClean(federatedTrustBound, trustWith((s) => { s.Effect = "Deny"; delete s.Condition; }));
        assertClean(federatedTrustBound, withChange("roles-cluster", (i) => { i.assumeRolePolicy = "{"; }));
    });
});

describe(`${federatedTrustBound.name} at preview`, () => {
    it("stays silent on a trust policy unknown at preview (it is judged at `pulumi up`), and judges a known one", () => {
        const unknown = withChange("milvus-irsa", (i, r) => { if (r.type === "aws:iam/role:Role") i.assumeRolePolicy = UNKNOWN; });
        assertClean(federatedTrustBound, unknown);
        assertViolations(federatedTrustBound, trustWith((s) => { delete s.Condition; }, unknown), [
            `Statement 'TrustServiceAccount' binds ${OIDC_ISSUER}:sub with no condition; it needs StringEquals with exactly one system:serviceaccount:<namespace>:<name>, without wildcards.`,
            `Statement 'TrustServiceAccount' binds ${OIDC_ISSUER}:aud with no condition; it needs StringEquals "sts.amazonaws.com".`,
        ]);
    });
});

describe(`${federatedTrustBound.name}: subjects`, () => {
    it("accepts exactly one service account and nothing like it", () => {
        const bad = ["system:serviceaccount:milvus", "system:serviceaccount:milvus:milvus:x", "xsystem:serviceaccount:milvus:milvus",
            "system:serviceaccount:milvus:milvus ", "system:serviceaccount::milvus", "system:serviceaccount:Milvus:milvus", "system:serviceaccount:-a:milvus",
            "system:serviceaccount:milvus:-b", "system:serviceaccount:milvus:b-", "system:serviceaccount:a-:milvus", "system:serviceaccount:milvus:"];
        for (const sub of bad) {
            const doc = trustWith((s) => { s.Condition.StringEquals[`${OIDC_ISSUER}:sub`] = sub; });
            assert.equal(findings(federatedTrustBound, doc).length, 1, sub);
        }
        for (const sub of ["system:serviceaccount:kube-system:ebs-csi-controller-sa", "system:serviceaccount:a:b.c", "system:serviceaccount:a1:b"]) {
            assertClean(federatedTrustBound, trustWith((s) => { s.Condition.StringEquals[`${OIDC_ISSUER}:sub`] = sub; }));
        }
        const number = trustWith((s) => { s.Condition.StringEquals[`${OIDC_ISSUER}:aud`] = 7; s.Condition = { ForAnyValue: null, Null: "x", ...s.Condition }; });
        assertViolations(federatedTrustBound, number, [`Statement 'TrustServiceAccount' binds ${OIDC_ISSUER}:aud with StringEquals 7; it needs StringEquals "sts.amazonaws.com".`]);
    });
});

describe(eksAccessInAccount.name, () => {
    it("passes the known-good plan", () => assertClean(eksAccessInAccount, goodPlan()));

    it("flags an access entry and an association for another account's role", () => {
        const doc = goodPlan();
        for (const r of doc.deployment.resources.filter((x) => x.type.startsWith("aws:eks/access"))) {
            r.inputs.principalArn = r.outputs.principalArn = `arn:aws:iam::${OTHER}:role/admin`;
        }
        const message = `principalArn arn:aws:iam::${OTHER}:role/admin is in account ${OTHER}; cluster access is only for principals of account ${ACCOUNT}.`;
        assertViolations(eksAccessInAccount, doc, [message, message]);
    });

    it("flags a principal whose account cannot be read, and skips without a provider account", () => {
        const doc = withChange("eks-admin-0", (i, r) => { if (r.type.endsWith("AccessEntry")) i.principalArn = "admin"; });
        assertViolations(eksAccessInAccount, doc, [`principalArn admin is in account unknown; cluster access is only for principals of account ${ACCOUNT}.`]);
        assertClean(eksAccessInAccount, withChange("aws-me-central-1", (i) => { delete i.allowedAccountIds; }, doc));
    });

    it("stays silent on a principal unknown at preview (a role of this stack; judged at `pulumi up`), and judges a known one", () => {
        const doc = goodPlan();
        const [entry, association] = doc.deployment.resources.filter((x) => x.type.startsWith("aws:eks/access"));
        entry.inputs.principalArn = UNKNOWN;
        association.inputs.principalArn = `arn:aws:iam::${OTHER}:role/admin`;
        assertViolations(eksAccessInAccount, doc, [`principalArn arn:aws:iam::${OTHER}:role/admin is in account ${OTHER}; cluster access is only for principals of account ${ACCOUNT}.`]);
    });
});
