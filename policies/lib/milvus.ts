// The Milvus custom resource (milvus.io/v1beta1, operator 1.3.x): security settings (sovereignty)
// and the production shape of its dependencies and components (milvus-production).
import type { PolicyResource } from "@pulumi/policy";
import type { RegionConfig } from "./config";
import { allowedRegionsSchema } from "./config";
import { STORAGE_CLASS } from "./encryption";
import { MILVUS, namespaceOf, pendingAtPreview, pulsarSpreadsOverZones, quantity, spreadsOverZones } from "./kubernetes";
import { isSet, label, ofType, ProjectResourcePolicy, ProjectStackPolicy, resourceOfType } from "./policy";

/** Message streams that need no Pulsar. */
const NON_PULSAR_STREAMS = ["woodpecker", "kafka", "rocksmq", "natsmq", "custom"];

/** Whether the CR runs an in-cluster Pulsar, and its chart values. */
export function inClusterPulsar(spec: any): { values: any } | undefined {
    const deps = spec?.dependencies ?? {};
    if (NON_PULSAR_STREAMS.includes(deps.msgStreamType)) return undefined;
    if (deps.pulsar?.external === true) return undefined;
    return { values: deps.pulsar?.inCluster?.values ?? {} };
}

export function inClusterEtcd(spec: any): { values: any } | undefined {
    const etcd = spec?.dependencies?.etcd;
    if (etcd?.external === true) return undefined;
    return { values: etcd?.inCluster?.values ?? {} };
}

/** The Pulsar components that hold state or serve traffic, each needing replicas and a zone spread. */
export const PULSAR_COMPONENTS = ["zookeeper", "bookkeeper", "broker"];

function crName(props: any): string {
    return props.metadata?.name ?? "(unnamed)";
}

export const milvusAuthEnabled: ProjectResourcePolicy = {
    name: "sovereignty-milvus-auth-enabled",
    description: "Milvus requires authentication (its default root password is public).",
    enforcementLevel: "mandatory",
    remediationSteps: "Set spec.config.common.security.authorizationEnabled: true, and replace the root password at first start.",
    validateResource: resourceOfType(MILVUS, (props, _args, report) => {
        if (props.spec?.config?.common?.security?.authorizationEnabled !== true) {
            report(`Milvus '${crName(props)}' does not set spec.config.common.security.authorizationEnabled: true.`);
        }
    }),
};

export const milvusTlsEnabled: ProjectResourcePolicy = {
    name: "sovereignty-milvus-tls-enabled",
    description: "Milvus serves its client ports over TLS.",
    enforcementLevel: "mandatory",
    remediationSteps: "Set spec.config.common.security.tlsMode to 1 (server TLS) or 2 (mutual TLS) and spec.config.tls.serverPemPath and serverKeyPath (plus caPemPath for mode 2) to a mounted certificate.",
    validateResource: resourceOfType(MILVUS, (props, _args, report) => {
        const config = props.spec?.config ?? {};
        const mode = Number(config.common?.security?.tlsMode ?? 0);
        if (mode !== 1 && mode !== 2) {
            report(`Milvus '${crName(props)}' has tlsMode ${config.common?.security?.tlsMode ?? "(unset)"}; spec.config.common.security.tlsMode must be 1 or 2.`);
            return;
        }
        const needed = mode === 2 ? ["serverPemPath", "serverKeyPath", "caPemPath"] : ["serverPemPath", "serverKeyPath"];
        const missing = needed.filter((k) => !isSet(config.tls, k));
        if (missing.length > 0) report(`Milvus '${crName(props)}' sets no spec.config.tls.${missing.join(", spec.config.tls.")}.`);
    }),
};

export const milvusStorageInRegion: ProjectResourcePolicy = {
    name: "sovereignty-milvus-storage-in-region",
    description: "Milvus writes segments to S3 in an allowed region, through IRSA and TLS, never with static keys.",
    enforcementLevel: "mandatory",
    remediationSteps: "Set spec.dependencies.storage { external: true, type: \"S3\", endpoint: \"s3.<region>.amazonaws.com:443\" } with no secretRef, and spec.config.minio { useIAM: true, useSSL: true, region: <region> }.",
    configSchema: allowedRegionsSchema,
    validateResource: resourceOfType(MILVUS, (props, args, report) => {
        const { allowedRegions } = args.getConfig<RegionConfig>();
        const storage = props.spec?.dependencies?.storage ?? {};
        const minio = props.spec?.config?.minio ?? {};
        const name = crName(props);
        if (storage.external !== true || storage.type !== "S3") {
            report(`Milvus '${name}' does not use external S3 storage (spec.dependencies.storage external: true, type: S3).`);
            return;
        }
        const m = /^s3\.([a-z0-9-]+)\.amazonaws\.com(:443)?$/.exec(String(storage.endpoint ?? ""));
        if (!m) report(`Milvus '${name}' has storage endpoint ${storage.endpoint ?? "(unset)"}; it must be s3.<region>.amazonaws.com:443 for a region in: ${allowedRegions.join(", ")}.`);
        else if (!allowedRegions.includes(m[1])) report(`Milvus '${name}' stores data in region ${m[1]} (endpoint ${storage.endpoint}); allowed: ${allowedRegions.join(", ")}.`);
        if (minio.region !== undefined && !allowedRegions.includes(minio.region)) {
            report(`Milvus '${name}' has spec.config.minio.region ${minio.region}; allowed: ${allowedRegions.join(", ")}.`);
        }
        if (isSet(storage, "secretRef")) report(`Milvus '${name}' sets spec.dependencies.storage.secretRef; static S3 keys end up in a ConfigMap in plain text. Use IRSA.`);
        if (minio.useIAM !== true) report(`Milvus '${name}' does not set spec.config.minio.useIAM: true.`);
        if (minio.useSSL === false) report(`Milvus '${name}' sets spec.config.minio.useSSL: false.`);
    }),
};

export const etcdReplicas: ProjectResourcePolicy = {
    name: "milvus-production-etcd-replicas",
    description: "In-cluster etcd runs 3 or more replicas, so it keeps quorum when a zone is lost.",
    enforcementLevel: "mandatory",
    remediationSteps: "Set spec.dependencies.etcd.inCluster.values.replicaCount to 3 (or 5).",
    validateResource: resourceOfType(MILVUS, (props, _args, report) => {
        const etcd = inClusterEtcd(props.spec);
        if (!etcd) return;
        const n = etcd.values.replicaCount;
        if (typeof n !== "number" || n < 3) report(`Milvus '${crName(props)}' runs etcd with replicaCount ${n ?? "(unset)"}; it must be 3 or more.`);
    }),
};

export const etcdZoneSpread: ProjectResourcePolicy = {
    name: "milvus-production-etcd-zone-spread",
    description: "In-cluster etcd replicas are forced into different availability zones.",
    enforcementLevel: "mandatory",
    remediationSteps: "Add to spec.dependencies.etcd.inCluster.values a topologySpreadConstraints entry { topologyKey: topology.kubernetes.io/zone, maxSkew: 1, whenUnsatisfiable: DoNotSchedule } (or a required zone anti-affinity).",
    validateResource: resourceOfType(MILVUS, (props, _args, report) => {
        const etcd = inClusterEtcd(props.spec);
        if (etcd && !spreadsOverZones(etcd.values)) report(`Milvus '${crName(props)}' does not spread etcd over zones (topologySpreadConstraints on topology.kubernetes.io/zone).`);
    }),
};

export const pulsarReplicas: ProjectResourcePolicy = {
    name: "milvus-production-pulsar-replicas",
    description: "In-cluster Pulsar runs 3 or more ZooKeeper, BookKeeper and broker replicas.",
    enforcementLevel: "mandatory",
    remediationSteps: "Set zookeeper.replicaCount, bookkeeper.replicaCount and broker.replicaCount to 3 or more in spec.dependencies.pulsar.inCluster.values, or use msgStreamType: woodpecker.",
    validateResource: resourceOfType(MILVUS, (props, _args, report) => {
        const pulsar = inClusterPulsar(props.spec);
        if (!pulsar) return;
        const low = PULSAR_COMPONENTS
            .map((c) => [c, pulsar.values[c]?.replicaCount] as const)
            .filter(([, n]) => typeof n !== "number" || n < 3)
            .map(([c, n]) => `${c} ${n ?? "(unset)"}`);
        if (low.length > 0) report(`Milvus '${crName(props)}' runs Pulsar with too few replicas (${low.join(", ")}); each must be 3 or more.`);
    }),
};

export const pulsarZoneSpread: ProjectResourcePolicy = {
    name: "milvus-production-pulsar-zone-spread",
    description: "In-cluster Pulsar ZooKeeper, BookKeeper and broker replicas are spread over zones by the chart's own anti-affinity keys.",
    enforcementLevel: "mandatory",
    remediationSteps: "Set affinity.anti_affinity: true at the root of the Pulsar values and give each of zookeeper, bookkeeper and broker affinity { anti_affinity: true, anti_affinity_topology_key: topology.kubernetes.io/zone, type: requiredDuringSchedulingIgnoredDuringExecution }, required with no more replicas than zones (preferred beyond that). The Pulsar chart reads no topologySpreadConstraints.",
    validateResource: resourceOfType(MILVUS, (props, _args, report) => {
        const pulsar = inClusterPulsar(props.spec);
        if (!pulsar) return;
        const unspread = PULSAR_COMPONENTS.filter((c) => !pulsarSpreadsOverZones(pulsar.values, pulsar.values[c]));
        if (unspread.length > 0) {
            report(`Milvus '${crName(props)}' does not spread Pulsar ${unspread.join(", ")} over zones; needed: the chart's affinity.anti_affinity `
                + "and each component's affinity keyed on topology.kubernetes.io/zone (the chart reads no topologySpreadConstraints).");
        }
    }),
};

export const dependencyDataRetained: ProjectResourcePolicy = {
    name: "milvus-production-dependency-data-retained",
    description: "Deleting the Milvus CR keeps etcd and Pulsar and their volumes (deletionPolicy Retain, pvcDeletion unset or false).",
    enforcementLevel: "mandatory",
    remediationSteps: "Set deletionPolicy: Retain under spec.dependencies.etcd.inCluster and spec.dependencies.pulsar.inCluster, and leave pvcDeletion unset (false).",
    validateResource: resourceOfType(MILVUS, (props, _args, report) => {
        const deps = props.spec?.dependencies ?? {};
        const stateful: [string, any][] = [];
        if (inClusterEtcd(props.spec)) stateful.push(["etcd", deps.etcd?.inCluster]);
        if (inClusterPulsar(props.spec)) stateful.push(["pulsar", deps.pulsar?.inCluster]);
        for (const [dep, inCluster] of stateful) {
            if (inCluster?.deletionPolicy !== "Retain") report(`Milvus '${crName(props)}' has ${dep} deletionPolicy ${inCluster?.deletionPolicy ?? "(unset)"}; it must be Retain.`);
            // Unset is false: the operator's `PVCDeletion bool json:"pvcDeletion,omitempty"`
            // (milvus-operator 1.3.8 apis/milvus.io/v1beta1/dependencies_types.go) drops a false when it
            // writes the resource back, so a program that sends false would differ on every update.
            if (inCluster?.pvcDeletion !== undefined && inCluster?.pvcDeletion !== false) report(`Milvus '${crName(props)}' has ${dep} pvcDeletion ${inCluster?.pvcDeletion}; it must be false or unset.`);
        }
    }),
};

/** The storage classes that etcd and Pulsar volumes name, with the values path that names each. */
export function dependencyStorageClasses(spec: any): { path: string; name: unknown }[] {
    const out: { path: string; name: unknown }[] = [];
    const etcd = inClusterEtcd(spec);
    if (etcd) out.push({ path: "etcd persistence.storageClass", name: etcd.values.persistence?.storageClass });
    const pulsar = inClusterPulsar(spec);
    if (pulsar) {
        const v = pulsar.values;
        out.push({ path: "pulsar bookkeeper.volumes.journal.storageClassName", name: v.bookkeeper?.volumes?.journal?.storageClassName });
        out.push({ path: "pulsar bookkeeper.volumes.ledgers.storageClassName", name: v.bookkeeper?.volumes?.ledgers?.storageClassName });
        out.push({ path: "pulsar zookeeper.volumes.data.storageClassName", name: v.zookeeper?.volumes?.data?.storageClassName });
    }
    return out;
}

export const dependencyStorageRetained: ProjectStackPolicy = {
    name: "milvus-production-dependency-storage-retained",
    description: "etcd and Pulsar volumes use a StorageClass from this stack whose reclaimPolicy is Retain.",
    enforcementLevel: "mandatory",
    remediationSteps: "Name a StorageClass with reclaimPolicy: Retain in etcd persistence.storageClass and in Pulsar's bookkeeper/zookeeper volumes storageClassName (EKS has no default class).",
    validateStack: (args, report) => {
        if (pendingAtPreview(args.resources)) return;
        const classes = ofType(args, STORAGE_CLASS);
        for (const milvus of ofType(args, MILVUS)) {
            for (const { path, name } of dependencyStorageClasses(milvus.props.spec)) {
                if (typeof name !== "string" || name === "") {
                    report(`${label(milvus)} sets no ${path}.`, milvus.urn);
                    continue;
                }
                const sc = classes.find((c) => c.props.metadata?.name === name);
                if (!sc) report(`${label(milvus)} names StorageClass '${name}' (${path}), which this stack does not create.`, milvus.urn);
                else if (sc.props.reclaimPolicy !== "Retain") {
                    report(`StorageClass '${name}' (${path}) has reclaimPolicy ${sc.props.reclaimPolicy ?? "Delete (default)"}; it must be Retain.`, sc.urn);
                }
            }
        }
    },
};

export const queryNodeGuaranteed: ProjectResourcePolicy = {
    name: "milvus-production-querynode-guaranteed",
    description: "QueryNode resource requests equal its limits (Guaranteed QoS), so loaded segments are never evicted under pressure.",
    enforcementLevel: "mandatory",
    remediationSteps: "Set spec.components.queryNode.resources.requests and .limits to the same cpu and memory.",
    validateResource: resourceOfType(MILVUS, (props, _args, report) => {
        const resources = props.spec?.components?.queryNode?.resources ?? {};
        for (const r of ["cpu", "memory"]) {
            const req = resources.requests?.[r];
            const lim = resources.limits?.[r];
            if (req === undefined || lim === undefined) {
                report(`Milvus '${crName(props)}' QueryNode sets no ${req === undefined ? "requests" : "limits"}.${r}.`);
            } else if (quantity(req) !== quantity(lim)) {
                report(`Milvus '${crName(props)}' QueryNode requests ${r} ${req} but limits it to ${lim}; they must be equal.`);
            }
        }
    }),
};

export const readinessWaitSet: ProjectResourcePolicy = {
    name: "milvus-production-readiness-wait",
    description: "Pulumi waits for Milvus to be ready (the pulumi.com/waitFor annotation), so an update fails when Milvus does.",
    enforcementLevel: "mandatory",
    remediationSteps: "Annotate the Milvus CR with pulumi.com/waitFor: \"condition=MilvusReady\" (or a jsonpath on status.status).",
    validateResource: resourceOfType(MILVUS, (props, _args, report) => {
        const wait = props.metadata?.annotations?.["pulumi.com/waitFor"];
        if (typeof wait !== "string" || !/^(condition=|jsonpath=|\[)/.test(wait)) {
            report(`Milvus '${crName(props)}' has pulumi.com/waitFor ${wait === undefined ? "(unset)" : JSON.stringify(wait)}; set it to a condition= or jsonpath= wait.`);
        }
    }),
};

/** The namespaces that hold a Milvus CR (stack policies). */
export function milvusNamespaces(resources: PolicyResource[]): { milvus: PolicyResource; ns: string }[] {
    return resources.filter((r) => r.type === MILVUS).map((milvus) => ({ milvus, ns: namespaceOf(milvus.props) }));
}
