import { describe, it } from "node:test";
import {
    dependencyDataRetained, dependencyStorageRetained, etcdReplicas, etcdZoneSpread, milvusAuthEnabled, milvusStorageInRegion,
    milvusTlsEnabled, pulsarReplicas, pulsarZoneSpread, queryNodeGuaranteed, readinessWaitSet,
} from "./milvus";
import * as assert from "node:assert/strict";
import { assertClean, assertViolations, configWith, findings } from "./testing/assert";
import { goodPlan, withChange, withResource, without } from "./testing/fixtures";

const spec = (change: (s: any) => void) => withChange("milvus", (i) => change(i.spec));
const etcd = (change: (v: any) => void) => spec((s) => change(s.dependencies.etcd.inCluster.values));
const pulsar = (change: (v: any) => void) => spec((s) => change(s.dependencies.pulsar.inCluster.values));
const woodpecker = (s: any) => { s.dependencies.msgStreamType = "woodpecker"; delete s.dependencies.pulsar; };

describe(milvusAuthEnabled.name, () => {
    it("passes the known-good plan", () => assertClean(milvusAuthEnabled, goodPlan()));
    it("flags auth off", () => {
        assertViolations(milvusAuthEnabled, spec((s) => { s.config.common.security.authorizationEnabled = false; }),
            ["Milvus 'milvus' does not set spec.config.common.security.authorizationEnabled: true."]);
    });
});

describe(milvusTlsEnabled.name, () => {
    it("passes the known-good plan", () => assertClean(milvusTlsEnabled, goodPlan()));
    it("flags tlsMode 0", () => {
        assertViolations(milvusTlsEnabled, spec((s) => { s.config.common.security.tlsMode = 0; }),
            ["Milvus 'milvus' has tlsMode 0; spec.config.common.security.tlsMode must be 1 or 2."]);
    });
    it("flags mutual TLS without a CA", () => {
        assertViolations(milvusTlsEnabled, spec((s) => { s.config.common.security.tlsMode = 2; }),
            ["Milvus 'milvus' sets no spec.config.tls.caPemPath."]);
    });
    it("flags a missing server key", () => {
        assertViolations(milvusTlsEnabled, spec((s) => { delete s.config.tls.serverKeyPath; }),
            ["Milvus 'milvus' sets no spec.config.tls.serverKeyPath."]);
    });
});

describe(milvusStorageInRegion.name, () => {
    it("passes the known-good plan", () => assertClean(milvusStorageInRegion, goodPlan()));
    it("flags an endpoint in another region", () => {
        assertViolations(milvusStorageInRegion, spec((s) => { s.dependencies.storage.endpoint = "s3.eu-central-1.amazonaws.com:443"; }),
            ["Milvus 'milvus' stores data in region eu-central-1 (endpoint s3.eu-central-1.amazonaws.com:443); allowed: me-central-1."]);
    });
    it("flags the global endpoint", () => {
        assertViolations(milvusStorageInRegion, spec((s) => { s.dependencies.storage.endpoint = "s3.amazonaws.com:443"; }),
            ["Milvus 'milvus' has storage endpoint s3.amazonaws.com:443; it must be s3.<region>.amazonaws.com:443 for a region in: me-central-1."]);
    });
    it("flags static keys", () => {
        assertViolations(milvusStorageInRegion, spec((s) => { s.dependencies.storage.secretRef = "milvus-s3-keys"; }),
            ["Milvus 'milvus' sets spec.dependencies.storage.secretRef; static S3 keys end up in a ConfigMap in plain text. Use IRSA."]);
    });
    it("flags useIAM off", () => {
        assertViolations(milvusStorageInRegion, spec((s) => { s.config.minio.useIAM = false; }), ["Milvus 'milvus' does not set spec.config.minio.useIAM: true."]);
    });
    it("flags in-cluster MinIO", () => {
        assertViolations(milvusStorageInRegion, spec((s) => { s.dependencies.storage = { inCluster: {} }; }),
            ["Milvus 'milvus' does not use external S3 storage (spec.dependencies.storage external: true, type: S3)."]);
    });
    it("flags a minio.region outside the allowed ones", () => {
        assertViolations(milvusStorageInRegion, spec((s) => { s.config.minio.region = "us-east-1"; }),
            ["Milvus 'milvus' has spec.config.minio.region us-east-1; allowed: me-central-1."]);
    });
});

describe(etcdReplicas.name, () => {
    it("passes the known-good plan", () => assertClean(etcdReplicas, goodPlan()));
    it("flags one etcd replica", () => {
        assertViolations(etcdReplicas, etcd((v) => { v.replicaCount = 1; }), ["Milvus 'milvus' runs etcd with replicaCount 1; it must be 3 or more."]);
    });
    it("is advisory in dev (same message)", () => {
        assertViolations(etcdReplicas, etcd((v) => { v.replicaCount = 1; }), ["Milvus 'milvus' runs etcd with replicaCount 1; it must be 3 or more."], "dev-me-central-1");
    });
});

describe(etcdZoneSpread.name, () => {
    it("passes the known-good plan", () => assertClean(etcdZoneSpread, goodPlan()));
    it("flags a hostname-only spread", () => {
        assertViolations(etcdZoneSpread, etcd((v) => { v.topologySpreadConstraints[0].topologyKey = "kubernetes.io/hostname"; }),
            ["Milvus 'milvus' does not spread etcd over zones (topologySpreadConstraints on topology.kubernetes.io/zone)."]);
    });
    it("accepts a required zone anti-affinity instead", () => {
        assertClean(etcdZoneSpread, etcd((v) => {
            delete v.topologySpreadConstraints;
            v.affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "topology.kubernetes.io/zone", labelSelector: {} }] } };
        }));
    });
    it("does not count ScheduleAnyway as a spread", () => {
        assertViolations(etcdZoneSpread, etcd((v) => { v.topologySpreadConstraints[0].whenUnsatisfiable = "ScheduleAnyway"; }),
            ["Milvus 'milvus' does not spread etcd over zones (topologySpreadConstraints on topology.kubernetes.io/zone)."]);
    });
});

describe(pulsarReplicas.name, () => {
    it("passes the known-good plan", () => assertClean(pulsarReplicas, goodPlan()));
    it("flags two bookies", () => {
        assertViolations(pulsarReplicas, pulsar((v) => { v.bookkeeper.replicaCount = 2; }),
            ["Milvus 'milvus' runs Pulsar with too few replicas (bookkeeper 2); each must be 3 or more."]);
    });
    it("does not apply with woodpecker", () => assertClean(pulsarReplicas, spec(woodpecker)));
});

describe(pulsarZoneSpread.name, () => {
    const needed = "needed: the chart's affinity.anti_affinity and each component's affinity keyed on topology.kubernetes.io/zone (the chart reads no topologySpreadConstraints).";
    it("passes the known-good plan", () => assertClean(pulsarZoneSpread, goodPlan()));
    it("flags brokers without the chart's zone anti-affinity", () => {
        assertViolations(pulsarZoneSpread, pulsar((v) => { delete v.broker.affinity; }),
            [`Milvus 'milvus' does not spread Pulsar broker over zones; ${needed}`]);
    });
    it("flags topologySpreadConstraints, which the Pulsar chart never reads", () => {
        assertViolations(pulsarZoneSpread, pulsar((v) => {
            delete v.bookkeeper.affinity;
            v.bookkeeper.topologySpreadConstraints = [{ topologyKey: "topology.kubernetes.io/zone", maxSkew: 1, whenUnsatisfiable: "DoNotSchedule" }];
        }), [`Milvus 'milvus' does not spread Pulsar bookkeeper over zones; ${needed}`]);
    });
    it("flags a component anti-affinity while the chart's root switch is off (milvus-helm's default)", () => {
        assertViolations(pulsarZoneSpread, pulsar((v) => { v.affinity.anti_affinity = false; }),
            [`Milvus 'milvus' does not spread Pulsar zookeeper, bookkeeper, broker over zones; ${needed}`]);
    });
    it("flags an anti-affinity keyed on the host or of an unknown type, accepts a preferred one", () => {
        assertViolations(pulsarZoneSpread, pulsar((v) => { v.zookeeper.affinity = { ...v.zookeeper.affinity, anti_affinity_topology_key: "kubernetes.io/hostname" }; }),
            [`Milvus 'milvus' does not spread Pulsar zookeeper over zones; ${needed}`]);
        assertViolations(pulsarZoneSpread, pulsar((v) => { v.zookeeper.affinity = { ...v.zookeeper.affinity, type: "sometimes" }; }),
            [`Milvus 'milvus' does not spread Pulsar zookeeper over zones; ${needed}`]);
        assertClean(pulsarZoneSpread, pulsar((v) => { v.zookeeper.affinity = { ...v.zookeeper.affinity, type: "preferredDuringSchedulingIgnoredDuringExecution" }; }));
    });
    it("accepts the chart's default type when the key and switch are set", () => {
        assertClean(pulsarZoneSpread, pulsar((v) => { delete v.broker.affinity.type; }));
    });
});

describe(dependencyDataRetained.name, () => {
    it("passes the known-good plan", () => assertClean(dependencyDataRetained, goodPlan()));
    it("flags etcd deletionPolicy Delete", () => {
        assertViolations(dependencyDataRetained, spec((s) => { s.dependencies.etcd.inCluster.deletionPolicy = "Delete"; }),
            ["Milvus 'milvus' has etcd deletionPolicy Delete; it must be Retain."]);
    });
    it("flags Pulsar PVC deletion", () => {
        assertViolations(dependencyDataRetained, spec((s) => { s.dependencies.pulsar.inCluster.pvcDeletion = true; }),
            ["Milvus 'milvus' has pulsar pvcDeletion true; it must be false or unset."]);
    });
});

describe(dependencyStorageRetained.name, () => {
    it("passes the known-good plan", () => assertClean(dependencyStorageRetained, goodPlan()));
    it("flags a class with reclaimPolicy Delete", () => {
        const doc = withChange("gp3-retain", (i) => { i.reclaimPolicy = "Delete"; });
        const msg = (path: string) => `StorageClass 'gp3-retain' (${path}) has reclaimPolicy Delete; it must be Retain.`;
        assertViolations(dependencyStorageRetained, doc, [
            msg("etcd persistence.storageClass"),
            msg("pulsar bookkeeper.volumes.journal.storageClassName"),
            msg("pulsar bookkeeper.volumes.ledgers.storageClassName"),
            msg("pulsar zookeeper.volumes.data.storageClassName"),
        ]);
    });
    it("flags etcd without a storage class", () => {
        assertViolations(dependencyStorageRetained, etcd((v) => { delete v.persistence.storageClass; }), ["Milvus 'milvus' sets no etcd persistence.storageClass."]);
    });
    it("flags a class the stack does not create", () => {
        assertViolations(dependencyStorageRetained, etcd((v) => { v.persistence.storageClass = "gp2"; }),
            ["Milvus 'milvus' names StorageClass 'gp2' (etcd persistence.storageClass), which this stack does not create."]);
    });
});

describe(queryNodeGuaranteed.name, () => {
    it("passes the known-good plan (4 == 4000m)", () => assertClean(queryNodeGuaranteed, goodPlan()));
    it("flags memory limits above requests", () => {
        assertViolations(queryNodeGuaranteed, spec((s) => { s.components.queryNode.resources.limits.memory = "32Gi"; }),
            ["Milvus 'milvus' QueryNode requests memory 28Gi but limits it to 32Gi; they must be equal."]);
    });
    it("flags missing limits", () => {
        assertViolations(queryNodeGuaranteed, spec((s) => { delete s.components.queryNode.resources.limits; }), [
            "Milvus 'milvus' QueryNode sets no limits.cpu.",
            "Milvus 'milvus' QueryNode sets no limits.memory.",
        ]);
    });
});

describe(readinessWaitSet.name, () => {
    it("passes the known-good plan", () => assertClean(readinessWaitSet, goodPlan()));
    it("flags a missing waitFor annotation", () => {
        assertViolations(readinessWaitSet, withChange("milvus", (i) => { delete i.metadata.annotations; }),
            ["Milvus 'milvus' has pulumi.com/waitFor (unset); set it to a condition= or jsonpath= wait."]);
    });
});

describe("milvus policies: boundaries and defaults", () => {
    const unnamed = (change: (s: any) => void) => withChange("milvus", (i) => { delete i.metadata.name; change(i.spec); });

    it("names an unnamed Milvus resource (unnamed), and flags auth left unset or not a boolean", () => {
        assertViolations(milvusAuthEnabled, unnamed((s) => { delete s.config.common.security.authorizationEnabled; }),
            ["Milvus '(unnamed)' does not set spec.config.common.security.authorizationEnabled: true."]);
        assertViolations(milvusAuthEnabled, spec((s) => { s.config.common.security.authorizationEnabled = "true"; }),
            ["Milvus 'milvus' does not set spec.config.common.security.authorizationEnabled: true."]);
        assertViolations(milvusAuthEnabled, spec((s) => { delete s.config; }),
            ["Milvus 'milvus' does not set spec.config.common.security.authorizationEnabled: true."]);
    });

    it("accepts tlsMode 1 or 2 in either form, and flags any other mode", () => {
        assertClean(milvusTlsEnabled, spec((s) => { s.config.common.security.tlsMode = "1"; }));
        assertClean(milvusTlsEnabled, spec((s) => { s.config.common.security.tlsMode = 2; s.config.tls.caPemPath = "/milvus/tls/ca.pem"; }));
        assertViolations(milvusTlsEnabled, spec((s) => { s.config.common.security.tlsMode = 3; }),
            ["Milvus 'milvus' has tlsMode 3; spec.config.common.security.tlsMode must be 1 or 2."]);
        assertViolations(milvusTlsEnabled, spec((s) => { delete s.config; }),
            ["Milvus 'milvus' has tlsMode (unset); spec.config.common.security.tlsMode must be 1 or 2."]);
        assertViolations(milvusTlsEnabled, spec((s) => { s.config.common.security.tlsMode = 2; delete s.config.tls; }),
            ["Milvus 'milvus' sets no spec.config.tls.serverPemPath, spec.config.tls.serverKeyPath, spec.config.tls.caPemPath."]);
    });

    it("checks S3 storage and MinIO settings one by one", () => {
        assertViolations(milvusStorageInRegion, spec((s) => { s.dependencies.storage.type = "MinIO"; }),
            ["Milvus 'milvus' does not use external S3 storage (spec.dependencies.storage external: true, type: S3)."]);
        assertViolations(milvusStorageInRegion, spec((s) => { delete s.dependencies.storage; }),
            ["Milvus 'milvus' does not use external S3 storage (spec.dependencies.storage external: true, type: S3)."]);
        assertClean(milvusStorageInRegion, spec((s) => { s.dependencies.storage.endpoint = "s3.me-central-1.amazonaws.com"; }));
        for (const endpoint of ["s3.me-central-1.amazonaws.com:9000", "https://s3.me-central-1.amazonaws.com:443", "s3.me-central-1.amazonaws.com.evil:443"]) {
            assertViolations(milvusStorageInRegion, spec((s) => { s.dependencies.storage.endpoint = endpoint; }),
                [`Milvus 'milvus' has storage endpoint ${endpoint}; it must be s3.<region>.amazonaws.com:443 for a region in: me-central-1.`]);
        }
        assertViolations(milvusStorageInRegion, spec((s) => { delete s.dependencies.storage.endpoint; }),
            ["Milvus 'milvus' has storage endpoint (unset); it must be s3.<region>.amazonaws.com:443 for a region in: me-central-1."]);
        assertViolations(milvusStorageInRegion, spec((s) => { s.config.minio.useSSL = false; delete s.config.minio.useIAM; delete s.config.minio.region; }), [
            "Milvus 'milvus' does not set spec.config.minio.useIAM: true.",
            "Milvus 'milvus' sets spec.config.minio.useSSL: false.",
        ]);
        assertClean(milvusStorageInRegion, spec((s) => { delete s.config.minio.useSSL; s.dependencies.storage.secretRef = ""; }));
        assertViolations(milvusStorageInRegion, spec((s) => { delete s.config.minio; }), ["Milvus 'milvus' does not set spec.config.minio.useIAM: true."]);
    });

    it("needs at least three etcd replicas, and skips external etcd", () => {
        assertClean(etcdReplicas, etcd((v) => { v.replicaCount = 5; }));
        assertViolations(etcdReplicas, etcd((v) => { v.replicaCount = 2; }), ["Milvus 'milvus' runs etcd with replicaCount 2; it must be 3 or more."]);
        assertViolations(etcdReplicas, etcd((v) => { v.replicaCount = "3"; }), ["Milvus 'milvus' runs etcd with replicaCount 3; it must be 3 or more."]);
        assertViolations(etcdReplicas, etcd((v) => { delete v.replicaCount; }), ["Milvus 'milvus' runs etcd with replicaCount (unset); it must be 3 or more."]);
        assertViolations(etcdReplicas, spec((s) => { delete s.dependencies.etcd; }), ["Milvus 'milvus' runs etcd with replicaCount (unset); it must be 3 or more."]);
        assertClean(etcdReplicas, spec((s) => { s.dependencies.etcd = { external: true, endpoints: ["etcd:2379"] }; }));
        assertClean(etcdZoneSpread, spec((s) => { s.dependencies.etcd = { external: true, endpoints: ["etcd:2379"] }; }));
        assertViolations(etcdZoneSpread, spec((s) => { s.dependencies.etcd = { external: false }; }),
            ["Milvus 'milvus' does not spread etcd over zones (topologySpreadConstraints on topology.kubernetes.io/zone)."]);
    });

    it("needs three replicas of each Pulsar component, naming every short one", () => {
        assertViolations(pulsarReplicas, pulsar((v) => { v.zookeeper.replicaCount = 1; delete v.broker.replicaCount; v.bookkeeper.replicaCount = 3; }),
            ["Milvus 'milvus' runs Pulsar with too few replicas (zookeeper 1, broker (unset)); each must be 3 or more."]);
        assertViolations(pulsarReplicas, pulsar((v) => { v.broker.replicaCount = "5"; }),
            ["Milvus 'milvus' runs Pulsar with too few replicas (broker 5); each must be 3 or more."]);
        assertClean(pulsarReplicas, pulsar((v) => { v.broker.replicaCount = 4; }));
        for (const stream of ["kafka", "rocksmq", "natsmq", "custom"]) {
            assertClean(pulsarReplicas, spec((s) => { s.dependencies.msgStreamType = stream; delete s.dependencies.pulsar; }));
        }
        assertClean(pulsarReplicas, spec((s) => { s.dependencies.pulsar = { external: true, endpoint: "pulsar://p:6650" }; }));
        assertViolations(pulsarReplicas, spec((s) => { s.dependencies.msgStreamType = "pulsar"; delete s.dependencies.pulsar; }),
            ["Milvus 'milvus' runs Pulsar with too few replicas (zookeeper (unset), bookkeeper (unset), broker (unset)); each must be 3 or more."]);
    });

    it("names every Pulsar component that is not forced apart, and skips Pulsar that is not in the cluster", () => {
        assertViolations(pulsarZoneSpread, pulsar((v) => { delete v.zookeeper.affinity; delete v.bookkeeper.affinity; }),
            ["Milvus 'milvus' does not spread Pulsar zookeeper, bookkeeper over zones; needed: the chart's affinity.anti_affinity "
                + "and each component's affinity keyed on topology.kubernetes.io/zone (the chart reads no topologySpreadConstraints)."]);
        assertClean(pulsarZoneSpread, spec(woodpecker));
        assertClean(etcdZoneSpread, spec(woodpecker));
    });

    it("names unset retention settings and skips dependencies that are not in the cluster", () => {
        assertViolations(dependencyDataRetained, spec((s) => { delete s.dependencies.etcd.inCluster.deletionPolicy; delete s.dependencies.etcd.inCluster.pvcDeletion; }), [
            "Milvus 'milvus' has etcd deletionPolicy (unset); it must be Retain.",
        ]);
        // Unset pvcDeletion is the operator's false (omitempty); an explicit false is accepted too.
        assertClean(dependencyDataRetained, spec((s) => { delete s.dependencies.etcd.inCluster.pvcDeletion; }));
        assertClean(dependencyDataRetained, spec((s) => { s.dependencies.etcd.inCluster.pvcDeletion = false; }));
        assertViolations(dependencyDataRetained, spec((s) => { s.dependencies.etcd.inCluster.pvcDeletion = "yes"; }),
            ["Milvus 'milvus' has etcd pvcDeletion yes; it must be false or unset."]);
        assertClean(dependencyDataRetained, spec((s) => { s.dependencies.etcd = { external: true }; woodpecker(s); }));
        assertViolations(dependencyDataRetained, spec((s) => { delete s.dependencies; }), [
            "Milvus 'milvus' has etcd deletionPolicy (unset); it must be Retain.",
            "Milvus 'milvus' has pulsar deletionPolicy (unset); it must be Retain.",
        ]);
    });

    it("names the volumes without a class, and a class whose reclaimPolicy is unset", () => {
        assertViolations(dependencyStorageRetained, pulsar((v) => { v.bookkeeper.volumes.journal.storageClassName = ""; delete v.zookeeper.volumes; }), [
            "Milvus 'milvus' sets no pulsar bookkeeper.volumes.journal.storageClassName.",
            "Milvus 'milvus' sets no pulsar zookeeper.volumes.data.storageClassName.",
        ]);
        assertViolations(dependencyStorageRetained, withChange("gp3-retain", (i) => { delete i.reclaimPolicy; }, spec(woodpecker)),
            ["StorageClass 'gp3-retain' (etcd persistence.storageClass) has reclaimPolicy Delete (default); it must be Retain."]);
        assertClean(dependencyStorageRetained, spec((s) => { s.dependencies.etcd = { external: true }; woodpecker(s); }));
    });

    it("compares QueryNode requests and limits as quantities", () => {
        assertClean(queryNodeGuaranteed, spec((s) => { s.components.queryNode.resources.limits.memory = "28672Mi"; }));
        assertViolations(queryNodeGuaranteed, spec((s) => { s.components.queryNode.resources.limits.cpu = "3900m"; }),
            ["Milvus 'milvus' QueryNode requests cpu 4 but limits it to 3900m; they must be equal."]);
        assertViolations(queryNodeGuaranteed, spec((s) => { delete s.components.queryNode.resources.requests.cpu; }),
            ["Milvus 'milvus' QueryNode sets no requests.cpu."]);
        assertViolations(queryNodeGuaranteed, spec((s) => { delete s.components.queryNode; }),
            ["Milvus 'milvus' QueryNode sets no requests.cpu.", "Milvus 'milvus' QueryNode sets no requests.memory."]);
    });

    it("accepts condition=, jsonpath= and list waits, and quotes anything else", () => {
        for (const wait of ["condition=MilvusReady", "jsonpath={.status.status}=Healthy", "[\"condition=MilvusReady\"]"]) {
            assertClean(readinessWaitSet, withChange("milvus", (i) => { i.metadata.annotations["pulumi.com/waitFor"] = wait; }));
        }
        assertViolations(readinessWaitSet, withChange("milvus", (i) => { i.metadata.annotations["pulumi.com/waitFor"] = "MilvusReady condition=x"; }),
            ["Milvus 'milvus' has pulumi.com/waitFor \"MilvusReady condition=x\"; set it to a condition= or jsonpath= wait."]);
        assertViolations(readinessWaitSet, withChange("milvus", (i) => { i.metadata.annotations["pulumi.com/waitFor"] = 5; }),
            ["Milvus 'milvus' has pulumi.com/waitFor 5; set it to a condition= or jsonpath= wait."]);
    });
});

describe("milvus policies on partial resources", () => {
    const MILVUS_CHAIN = "sovereign:milvus:MilvusCluster$kubernetes:milvus.io/v1beta1:Milvus";
    const partials: object[] = [
        {}, { metadata: {} }, { metadata: { annotations: {} } }, { spec: {} }, { spec: { config: {} } }, { spec: { config: { common: {} } } },
        { spec: { config: { common: { security: { tlsMode: 1 } } } } }, { spec: { config: { minio: {} } } },
        { spec: { dependencies: {} } }, { spec: { dependencies: { pulsar: {}, etcd: {}, storage: { external: true, type: "S3" } } } },
        { spec: { dependencies: { pulsar: { inCluster: {} }, etcd: { inCluster: {} } } } },
        { spec: { dependencies: { pulsar: { inCluster: { values: { bookkeeper: {}, zookeeper: {} } } }, etcd: { inCluster: { values: { persistence: {} } } } } } },
        { spec: { dependencies: { pulsar: { inCluster: { values: { bookkeeper: { volumes: {} }, zookeeper: { volumes: {} } } } } } } },
        { spec: { components: {} } }, { spec: { components: { queryNode: {} } } }, { spec: { components: { queryNode: { resources: {} } } } },
    ];
    const policies = [milvusAuthEnabled, milvusTlsEnabled, milvusStorageInRegion, etcdReplicas, etcdZoneSpread, pulsarReplicas, pulsarZoneSpread,
        dependencyDataRetained, dependencyStorageRetained, queryNodeGuaranteed, readinessWaitSet];

    it("judges every partial Milvus resource without failing", () => {
        for (const props of partials) {
            const doc = withResource("kubernetes:storage.k8s.io/v1:StorageClass", "no-metadata", { reclaimPolicy: "Retain" },
                {}, withResource(MILVUS_CHAIN, "partial", props));
            for (const policy of policies) {
                const crashes = findings(policy, doc).filter((v) => v.message.includes("failed on this input"));
                assert.deepEqual(crashes.map((v) => v.message), [], `${policy.name} on ${JSON.stringify(props)}`);
            }
        }
    });

    it("reports what a bare Milvus resource leaves unset", () => {
        const doc = withResource(MILVUS_CHAIN, "bare", {}, {}, without(["milvus"]));
        assertViolations(milvusAuthEnabled, doc, ["Milvus '(unnamed)' does not set spec.config.common.security.authorizationEnabled: true."]);
        assertViolations(readinessWaitSet, doc, ["Milvus '(unnamed)' has pulumi.com/waitFor (unset); set it to a condition= or jsonpath= wait."]);
        // A stack policy reads props that exist (not a first preview's empty ones): metadata only.
        const bareButCreated = withResource(MILVUS_CHAIN, "bare", { metadata: { name: "bare" } }, {}, without(["milvus"]));
        assertClean(dependencyStorageRetained, doc);
        assertViolations(dependencyStorageRetained, bareButCreated, [
            "Milvus 'bare' sets no etcd persistence.storageClass.",
            "Milvus 'bare' sets no pulsar bookkeeper.volumes.journal.storageClassName.",
            "Milvus 'bare' sets no pulsar bookkeeper.volumes.ledgers.storageClassName.",
            "Milvus 'bare' sets no pulsar zookeeper.volumes.data.storageClassName.",
        ]);
    });

    it("names the allowed regions and the bad endpoint", () => {
        const config = configWith(milvusStorageInRegion, { allowedRegions: ["me-central-1", "me-south-1"] });
        assertViolations(milvusStorageInRegion, spec((s) => { s.dependencies.storage.endpoint = "s3.eu-west-1.amazonaws.com"; s.config.minio.region = "eu-west-1"; }), [
            "Milvus 'milvus' stores data in region eu-west-1 (endpoint s3.eu-west-1.amazonaws.com); allowed: me-central-1, me-south-1.",
            "Milvus 'milvus' has spec.config.minio.region eu-west-1; allowed: me-central-1, me-south-1.",
        ], undefined, config);
        assertViolations(milvusStorageInRegion, spec((s) => { s.dependencies.storage.endpoint = 443; }),
            ["Milvus 'milvus' has storage endpoint 443; it must be s3.<region>.amazonaws.com:443 for a region in: me-central-1."]);
        assertViolations(milvusStorageInRegion, spec((s) => { s.dependencies.storage.external = "true"; }),
            ["Milvus 'milvus' does not use external S3 storage (spec.dependencies.storage external: true, type: S3)."]);
    });
});
