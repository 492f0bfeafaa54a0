import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findImages, fromRegistry, imagesFromApprovedRegistry, imagesOf, registryOf, tagOf, versionsPinned } from "./images";
import { assertClean, assertViolations, configWith } from "./testing/assert";
import { ECR, goodPlan, withChange, withResource } from "./testing/fixtures";

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

    it("reads a chart-wide registry (cert-manager's imageRegistry, global.imageRegistry) and exempts charts that run nothing", () => {
        assertClean(imagesFromApprovedRegistry, withChange("milvus-operator", (i) => { i.chart = "cert-manager"; i.values = { imageRegistry: ECR, imageNamespace: "jetstack" }; }));
        assertViolations(imagesFromApprovedRegistry, withChange("milvus-operator", (i) => { i.chart = "cert-manager"; i.values = { imageRegistry: "quay.io", imageNamespace: "jetstack" }; }),
            [`Image quay.io/jetstack/* (values.imageRegistry) is not from an approved registry; ${ALLOWED}`]);
        assertClean(imagesFromApprovedRegistry, withChange("milvus-operator", (i) => { i.chart = "kube-prometheus-stack"; i.values = { global: { imageRegistry: ECR } }; }));
        assertClean(imagesFromApprovedRegistry, withChange("milvus-operator", (i) => { i.chart = "prometheus-operator-crds"; i.values = {}; }));
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

describe("image references", () => {
    it("finds every form of image a chart's values can name, with its path", () => {
        const values = {
            image: { registry: "reg.example", repository: "team/app", tag: "1.0" },
            sidecars: [{ image: "plain:2" }, { name: "no image" }, "text"],
            byDigest: { image: { repository: "team/d", digest: "sha256:abc", tag: "ignored" } },
            emptyRegistry: { image: { registry: "", repository: "team/e", tag: "" } },
            numericTag: { image: { repository: "team/n", tag: 3 } },
            emptyDigest: { image: { repository: "team/g", digest: "", tag: "2.0" } },
            config: { repository: "not-under-an-image-key", tag: "1" },
            badPulsar: { defaultPulsarImageRepository: { repository: "p" } },
            notAnImage: { image: { tag: "1.0" } },
            images: { zookeeper: { repository: "zk", tag: "3.9" }, broker: "broker:1", nested: { inner: { image: "deep:1" } } },
            defaultPulsarImageRepository: "pulsar", defaultPulsarImageTag: "3.0.7",
            other: { defaultPulsarImageRepository: "pulsar-untagged" },
        };
        assert.deepEqual(findImages(values, ""), [
            { path: "image", ref: "reg.example/team/app:1.0" },
            { path: "sidecars[0].image", ref: "plain:2" },
            { path: "byDigest.image", ref: "team/d@sha256:abc" },
            { path: "emptyRegistry.image", ref: "team/e" },
            { path: "numericTag.image", ref: "team/n:3" },
            { path: "emptyDigest.image", ref: "team/g:2.0" },
            { path: "images.zookeeper", ref: "zk:3.9" },
            { path: "images.broker", ref: "broker:1" },
            { path: "images.nested.inner.image", ref: "deep:1" },
            { path: "defaultPulsarImageRepository", ref: "pulsar:3.0.7" },
            { path: "other.defaultPulsarImageRepository", ref: "pulsar-untagged" },
        ]);
        assert.deepEqual(findImages({ a: 1 }, "values"), []);
        assert.deepEqual(findImages([{ image: "x:1" }], "list"), [{ path: "list[0].image", ref: "x:1" }]);
    });

    it("lists a workload's containers, init containers first, by name or position", () => {
        const pod = { spec: { initContainers: [{ name: "init", image: "i:1" }], containers: [{ image: "c:1" }, { name: "no-image" }] } };
        assert.deepEqual(imagesOf("kubernetes:core/v1:Pod", pod), {
            images: [{ path: "container init", ref: "i:1" }, { path: "container 1", ref: "c:1" }, { path: "container no-image", ref: "" }],
            missing: [],
        });
        const deployment = { spec: { template: { spec: { containers: [{ name: "app", image: "a:1" }] } } } };
        for (const type of ["kubernetes:apps/v1:Deployment", "kubernetes:apps/v1:StatefulSet", "kubernetes:apps/v1:DaemonSet", "kubernetes:batch/v1:Job"]) {
            assert.deepEqual(imagesOf(type, deployment).images, [{ path: "container app", ref: "a:1" }], type);
        }
        assert.deepEqual(imagesOf("kubernetes:core/v1:Service", deployment), { images: [], missing: [] });
        assert.deepEqual(imagesOf("kubernetes:core/v1:Pod", { spec: { containers: [null] } }).images, [{ path: "container 0", ref: "" }]);
    });

    it("names what a Milvus resource leaves to a public default", () => {
        assert.deepEqual(imagesOf("kubernetes:milvus.io/v1beta1:Milvus", {}), { images: [], missing: [
            "spec.components.image", "spec.dependencies.etcd.inCluster.values.image", "spec.dependencies.pulsar.inCluster.values.images",
        ] });
        const spec = {
            components: { image: "m:1" },
            dependencies: { etcd: { external: true }, pulsar: { inCluster: { values: { broker: { replicaCount: 3 } } } } },
        };
        assert.deepEqual(imagesOf("kubernetes:milvus.io/v1beta1:Milvus", { spec }), {
            images: [{ path: "spec.components.image", ref: "m:1" }],
            missing: ["spec.dependencies.pulsar.inCluster.values.images"],
        });
        const woodpecker = { components: { image: "m:1" }, dependencies: { etcd: { external: true }, msgStreamType: "woodpecker" } };
        assert.deepEqual(imagesOf("kubernetes:milvus.io/v1beta1:Milvus", { spec: woodpecker }), { images: [{ path: "spec.components.image", ref: "m:1" }], missing: [] });
    });

    it("reads the registry of every kind of reference", () => {
        assert.equal(registryOf("milvusdb/milvus:v2"), "docker.io/milvusdb/milvus:v2");
        assert.equal(registryOf("localhost/app:1"), "localhost/app:1");
        assert.equal(registryOf("registry:5000/app:1"), "registry:5000/app:1");
        assert.equal(registryOf("busybox:1.36"), "docker.io/library/busybox:1.36");
        assert.equal(fromRegistry("milvusdb/milvus:v2", "docker.io"), true);
        assert.equal(fromRegistry("reg.example/team/app:1", "reg.example/team"), true);
        assert.equal(fromRegistry("reg.example/other/app:1", "reg.example/team"), false);
        assert.equal(fromRegistry("regXexample/app:1", "reg.example"), false);
        assert.equal(fromRegistry("evil.reg.example/app:1", "reg.example"), false);
        assert.equal(fromRegistry("111122223333.dkr.ecr.me-central-1.amazonaws.com/a:1", "*.dkr.ecr.me-central-1.amazonaws.com"), true);
        assert.equal(fromRegistry("dkr.ecr.me-central-1.amazonaws.com/a:1", "*.dkr.ecr.me-central-1.amazonaws.com"), false);
    });

    it("reads tags after the last path segment", () => {
        assert.equal(tagOf("a/b"), undefined);
        assert.equal(tagOf("a/b:1.0"), "1.0");
        assert.equal(tagOf("b:latest"), "latest");
        assert.equal(tagOf("host:5000/a/b@sha256:abc"), "@sha256:abc");
    });
});

describe(imagesFromApprovedRegistry.name + " (config)", () => {
    it("lists every approved registry and checks a workload's init containers", () => {
        const config = configWith(imagesFromApprovedRegistry, { approvedRegistries: ["*.dkr.ecr.me-central-1.amazonaws.com", "registry.internal"] });
        const doc = withResource("kubernetes:apps/v1:Deployment", "tool", {
            metadata: { name: "tool", namespace: "milvus" },
            spec: { template: { spec: { initContainers: [{ name: "init", image: "busybox:1.36" }], containers: [{ name: "main", image: "registry.internal/tool:1" }] } } },
        });
        assertViolations(imagesFromApprovedRegistry, doc, [
            "Image busybox:1.36 (container init) is not from an approved registry; allowed: *.dkr.ecr.me-central-1.amazonaws.com, registry.internal.",
        ], undefined, config);
    });

    it("names where a public image is set: Pulsar values, Helm values", () => {
        assertViolations(imagesFromApprovedRegistry, withChange("milvus", (i) => { i.spec.dependencies.pulsar.inCluster.values.images.broker = { repository: "apachepulsar/pulsar", tag: "3.0.7" }; }),
            [`Image apachepulsar/pulsar:3.0.7 (spec.dependencies.pulsar.inCluster.values.images.broker) is not from an approved registry; ${ALLOWED}`]);
        assertViolations(imagesFromApprovedRegistry, withChange("milvus-operator", (i) => { i.values.image = { repository: "milvusdb/milvus-operator", tag: "v1.3.8" }; }),
            [`Image milvusdb/milvus-operator:v1.3.8 (values.image) is not from an approved registry; ${ALLOWED}`]);
    });

    it("flags a Milvus resource with no image, and Pulsar values without images", () => {
        assertViolations(imagesFromApprovedRegistry, withChange("milvus", (i) => {
            delete i.spec.components.image;
            delete i.spec.dependencies.pulsar.inCluster.values.images;
        }), [
            "Sets no spec.components.image; the default image comes from a public registry.",
            "Sets no spec.dependencies.pulsar.inCluster.values.images; the default image comes from a public registry.",
        ]);
    });
});

describe(versionsPinned.name, () => {
    it("leaves the tags of a chart-wide registry to the chart's exact version", () => {
        assertClean(versionsPinned, withChange("milvus-operator", (i) => { i.chart = "cert-manager"; i.version = "v1.21.1"; i.values = { imageRegistry: ECR, imageNamespace: "jetstack" }; }));
        assertViolations(versionsPinned, withChange("milvus-operator", (i) => { i.chart = "cert-manager"; i.version = "^1.21"; i.values = { imageRegistry: ECR, imageNamespace: "jetstack" }; }),
            ["Helm release of chart cert-manager has version ^1.21; it must be an exact chart version."]);
    });

    it("accepts exact chart versions and flags anything else", () => {
        for (const version of ["1.3.8", "v1.3.8", "1.3.8-rc.1", "1.3.8+build.5", "10.22.333"]) {
            assertClean(versionsPinned, withChange("milvus-operator", (i) => { i.version = version; }));
        }
        for (const version of ["1.3", "1.3.x", "1.3.8 ", "~1.3.8", "latest"]) {
            assertViolations(versionsPinned, withChange("milvus-operator", (i) => { i.version = version; }),
                [`Helm release of chart milvus-operator has version ${version}; it must be an exact chart version.`]);
        }
        assertViolations(versionsPinned, withChange("milvus-operator", (i) => { delete i.version; }),
            ["Helm release of chart milvus-operator has version (unset); it must be an exact chart version."]);
    });

    it("flags a cluster without a Kubernetes version, and untagged images in any workload", () => {
        assertViolations(versionsPinned, withChange("cluster-eks", (i) => { delete i.version; }), ["The cluster sets no Kubernetes version."]);
        assertViolations(versionsPinned, withChange("milvus-backup", (i) => { i.spec.jobTemplate.spec.template.spec.containers[0].image = `${ECR}/zilliz/milvus-backup`; }),
            [`Image ${ECR}/zilliz/milvus-backup (container backup) is not pinned; name an exact tag or digest, not an implicit latest.`]);
    });

    it("accepts digests without a tag", () => {
        assertClean(versionsPinned, withChange("milvus", (i) => { i.spec.components.image = `${ECR}/milvusdb/milvus@sha256:0123abcd`; }));
    });

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
