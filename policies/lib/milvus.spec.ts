import { describe, it } from "node:test";
import {
    dependencyDataRetained, dependencyStorageRetained, etcdReplicas, etcdZoneSpread, milvusAuthEnabled, milvusStorageInRegion,
    milvusTlsEnabled, pulsarReplicas, pulsarZoneSpread, queryNodeGuaranteed, readinessWaitSet,
} from "./milvus";
import { assertClean, assertViolations } from "./testing/assert";
import { goodPlan, withChange } from "./testing/fixtures";

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
    it("passes the known-good plan", () => assertClean(pulsarZoneSpread, goodPlan()));
    it("flags brokers without a zone spread", () => {
        assertViolations(pulsarZoneSpread, pulsar((v) => { delete v.broker.topologySpreadConstraints; }),
            ["Milvus 'milvus' does not spread Pulsar broker over zones."]);
    });
    it("accepts the chart's anti-affinity keyed on the zone", () => {
        assertClean(pulsarZoneSpread, pulsar((v) => {
            delete v.broker.topologySpreadConstraints;
            v.broker.affinity = { anti_affinity: true, anti_affinity_topology_key: "topology.kubernetes.io/zone", type: "requiredDuringSchedulingIgnoredDuringExecution" };
        }));
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
            ["Milvus 'milvus' has pulsar pvcDeletion true; it must be false."]);
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
