import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fromRegistry, imagesFromApprovedRegistry, registryOf, tagOf, versionsPinned } from "./images";
import { assertClean, assertViolations } from "./testing/assert";
import { ECR, goodPlan, withChange } from "./testing/fixtures";

const ALLOWED = "allowed: *.dkr.ecr.me-central-1.amazonaws.com.";

describe(imagesFromApprovedRegistry.name, () => {
    it("passes the known-good plan", () => assertClean(imagesFromApprovedRegistry, goodPlan()));

    it("flags a Milvus image from Docker Hub", () => {
        assertViolations(imagesFromApprovedRegistry, withChange("milvus", (i) => { i.spec.components.image = "milvusdb/milvus:v2.5.17"; }),
            [`Image milvusdb/milvus:v2.5.17 (spec.components.image) is not from an approved registry; ${ALLOWED}`]);
    });

    it("flags an ECR image in another region", () => {
        assertViolations(imagesFromApprovedRegistry, withChange("milvus", (i) => { i.spec.components.queryNode.image = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/milvusdb/milvus:v2.5.17"; }),
            [`Image 111122223333.dkr.ecr.eu-west-1.amazonaws.com/milvusdb/milvus:v2.5.17 (spec.components.queryNode.image) is not from an approved registry; ${ALLOWED}`]);
    });

    it("flags etcd values that name no image (the operator's default comes from Docker Hub)", () => {
        assertViolations(imagesFromApprovedRegistry, withChange("milvus", (i) => { delete i.spec.dependencies.etcd.inCluster.values.image; }),
            ["Sets no spec.dependencies.etcd.inCluster.values.image; the default image comes from a public registry."]);
    });

    it("flags a Helm release whose values name no image", () => {
        assertViolations(imagesFromApprovedRegistry, withChange("milvus-operator", (i) => { i.values = {}; }),
            ["Sets no values.image; the default image comes from a public registry."]);
    });

    it("flags a backup container from a public registry", () => {
        assertViolations(imagesFromApprovedRegistry, withChange("milvus-backup", (i) => { i.spec.jobTemplate.spec.template.spec.containers[0].image = "docker.io/milvusdb/milvus-backup:v0.5.16"; }),
            [`Image docker.io/milvusdb/milvus-backup:v0.5.16 (container backup) is not from an approved registry; ${ALLOWED}`]);
    });

    it("reads registries and wildcards", () => {
        assert.equal(registryOf("busybox"), "docker.io/library/busybox");
        assert.equal(registryOf("quay.io/x/y:1"), "quay.io/x/y:1");
        assert.equal(fromRegistry(`${ECR}/a:1`, "*.dkr.ecr.me-central-1.amazonaws.com"), true);
        assert.equal(fromRegistry(`${ECR}/a:1`, ECR), true);
        assert.equal(fromRegistry(`${ECR}.evil.example/a:1`, ECR), false);
        assert.equal(fromRegistry("x.y.dkr.ecr.me-central-1.amazonaws.com/a:1", "*.dkr.ecr.me-central-1.amazonaws.com"), false);
    });
});

describe(versionsPinned.name, () => {
    it("passes the known-good plan", () => assertClean(versionsPinned, goodPlan()));

    it("flags a latest tag", () => {
        assertViolations(versionsPinned, withChange("milvus", (i) => { i.spec.components.image = `${ECR}/milvusdb/milvus:latest`; }),
            [`Image ${ECR}/milvusdb/milvus:latest (spec.components.image) is not pinned; name an exact tag or digest, not latest.`]);
    });

    it("flags an image without a tag", () => {
        assertViolations(versionsPinned, withChange("milvus", (i) => { delete i.spec.dependencies.etcd.inCluster.values.image.tag; }),
            [`Image ${ECR}/milvusdb/etcd (spec.dependencies.etcd.inCluster.values.image) is not pinned; name an exact tag or digest, not an implicit latest.`]);
    });

    it("flags a chart version range", () => {
        assertViolations(versionsPinned, withChange("milvus-operator", (i) => { i.version = "^1.3.0"; }),
            ["Helm release of chart milvus-operator has version ^1.3.0; it must be an exact chart version."]);
    });

    it("flags an add-on without a version", () => {
        assertViolations(versionsPinned, withChange("cluster-ebs-csi", (i) => { delete i.addonVersion; }), ["EKS add-on aws-ebs-csi-driver sets no addonVersion."]);
    });

    it("accepts digests", () => {
        assert.equal(tagOf("a/b@sha256:abc"), "@sha256:abc");
        assert.equal(tagOf("host:5000/a/b"), undefined);
        assert.equal(tagOf("host:5000/a/b:1.2"), "1.2");
    });
});
