import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CREDENTIAL_TYPES, looksLikeCloudKey, noLongLivedCredentials } from "./credentials";
import { assertClean, assertViolations } from "./testing/assert";
import { goodPlan, withChange, withResource } from "./testing/fixtures";

describe(noLongLivedCredentials.name, () => {
    it("passes the known-good plan (a root-password Secret, IRSA everywhere)", () => assertClean(noLongLivedCredentials, goodPlan()));

    it("flags an IAM user, its access key and its login profile", () => {
        let doc = withResource("aws:iam/user:User", "ci", { name: "ci" });
        doc = withResource("aws:iam/accessKey:AccessKey", "ci-key", { user: "ci" }, {}, doc);
        doc = withResource("aws:iam/userLoginProfile:UserLoginProfile", "ci-login", { user: "ci" }, {}, doc);
        doc = withResource("aws:iam/sshKey:SshKey", "ci-ssh", { username: "ci" }, {}, doc);
        assertViolations(noLongLivedCredentials, doc, [
            "Declares an IAM user (aws:iam/user:User); long-lived credentials are forbidden, use an IAM role (IRSA or SSO) instead.",
            "Declares an IAM access key (aws:iam/accessKey:AccessKey); long-lived credentials are forbidden, use an IAM role (IRSA or SSO) instead.",
            "Declares an IAM console password (aws:iam/userLoginProfile:UserLoginProfile); long-lived credentials are forbidden, use an IAM role (IRSA or SSO) instead.",
            "Declares an IAM user SSH key (aws:iam/sshKey:SshKey); long-lived credentials are forbidden, use an IAM role (IRSA or SSO) instead.",
        ]);
    });

    it("flags every IAM credential type, each by name", () => {
        const names = ["an IAM user", "an IAM access key", "an IAM console password", "a service-specific credential", "an IAM signing certificate", "an IAM user SSH key"];
        Object.keys(CREDENTIAL_TYPES).forEach((type, i) => {
            assertViolations(noLongLivedCredentials, withResource(type, "c", {}), [
                `Declares ${names[i]} (${type}); long-lived credentials are forbidden, use an IAM role (IRSA or SSO) instead.`,
            ]);
        });
    });

    it("flags a Secret holding AWS or MinIO keys in data or stringData", () => {
        const doc = withChange("milvus-root-password", (i) => {
            i.data = { AWS_ACCESS_KEY_ID: "QUtJQQ==", "ca.crt": "eA==" };
            i.stringData = { password: "x", secretkey: "y", accesskey: "z" };
        });
        assertViolations(noLongLivedCredentials, doc, [
            "Secret 'milvus-root' holds cloud keys in data.AWS_ACCESS_KEY_ID, stringData.secretkey, stringData.accesskey; it must hold none, workloads use IRSA.",
        ]);
    });

    it("names a Secret without metadata", () => {
        assertViolations(noLongLivedCredentials, withResource("kubernetes:core/v1:Secret", "bare", { data: { secretkey: "eA==" } }), [
            "Secret 'undefined' holds cloud keys in data.secretkey; it must hold none, workloads use IRSA.",
        ]);
    });

    it("skips a Secret whose data is unknown or absent", () => {
        assertClean(noLongLivedCredentials, withChange("milvus-root-password", (i) => { i.stringData = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"; }));
        assertClean(noLongLivedCredentials, withChange("milvus-root-password", (i) => { delete i.stringData; }));
    });

    it("flags a literal AWS key in a container's environment, not a key taken from elsewhere", () => {
        const doc = withChange("milvus-backup", (i) => {
            i.spec.jobTemplate.spec.template.spec.containers[0].env = [
                { name: "AWS_SECRET_ACCESS_KEY", value: "wJalrXUtnFEMI" },
                { name: "AWS_ACCESS_KEY_ID", valueFrom: { secretKeyRef: { name: "k", key: "id" } } },
                { name: "AWS_SESSION_TOKEN", value: "" },
                { name: "AWS_REGION", value: "me-central-1" },
                { value: "no name" },
                { name: "MINIO_ACCESS_KEY", value: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" },
            ];
        });
        assertViolations(noLongLivedCredentials, doc, ["Container 'backup' sets AWS_SECRET_ACCESS_KEY to a literal value; it needs no key, workloads use IRSA."]);
    });

    it("recognises the key names AWS, Milvus and MinIO use", () => {
        for (const k of ["AWS_ACCESS_KEY_ID", "aws_secret_access_key", "accessKeyID", "secretAccessKey", "MINIO_SECRET_KEY", "access-key", "AWS_SESSION_TOKEN"]) {
            assert.ok(looksLikeCloudKey(k), k);
        }
        for (const k of ["password", "tls.key", "ca.crt", "accesskeyfile", "secret"]) assert.ok(!looksLikeCloudKey(k), k);
    });
});
