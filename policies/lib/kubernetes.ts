// Kubernetes vocabulary shared by the families: type tokens, namespaces, pod specs, quantities.
import type { PolicyResource } from "@pulumi/policy";
import { asArray, isObject } from "./policy";

export const NAMESPACE = "kubernetes:core/v1:Namespace";
export const CONFIG_MAP = "kubernetes:core/v1:ConfigMap";
export const SERVICE = "kubernetes:core/v1:Service";
export const NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
export const CRON_JOB = "kubernetes:batch/v1:CronJob";
export const JOB = "kubernetes:batch/v1:Job";
export const HELM_RELEASE = "kubernetes:helm.sh/v3:Release";
export const MILVUS = "kubernetes:milvus.io/v1beta1:Milvus";

/** Workload types and the path to their pod template's spec. */
export const POD_SPEC_PATHS: Record<string, string[]> = {
    "kubernetes:core/v1:Pod": ["spec"],
    "kubernetes:apps/v1:Deployment": ["spec", "template", "spec"],
    "kubernetes:apps/v1:StatefulSet": ["spec", "template", "spec"],
    "kubernetes:apps/v1:DaemonSet": ["spec", "template", "spec"],
    [JOB]: ["spec", "template", "spec"],
    [CRON_JOB]: ["spec", "jobTemplate", "spec", "template", "spec"],
};

export function podSpecOf(type: string, props: any): any {
    const path = POD_SPEC_PATHS[type];
    if (!path) return undefined;
    let cur = props;
    for (const p of path) cur = cur?.[p];
    return cur;
}

export function containersOf(podSpec: any): any[] {
    return [...asArray(podSpec?.initContainers), ...asArray(podSpec?.containers)];
}

/**
 * True at a preview that creates Kubernetes objects: the engine hands stack policies no outputs for
 * resources it has not created yet, so their props are empty and a namespace would read as
 * "default". Stack policies over Kubernetes objects then stay silent (the resource policies judge
 * the inputs), and judge on the next preview or update, once the objects exist.
 */
export function pendingAtPreview(resources: PolicyResource[]): boolean {
    return resources.some((r) => r.type.startsWith("kubernetes:") && (r.props === undefined || r.props === null || Object.keys(r.props).length === 0));
}

export function namespaceOf(props: any): string {
    return props?.metadata?.namespace ?? "default";
}

/** Resources of a type in one namespace (stack policies). */
export function inNamespace(resources: PolicyResource[], type: string, ns: string): PolicyResource[] {
    return resources.filter((r) => r.type === type && namespaceOf(r.props) === ns);
}

const SUFFIX: Record<string, number> = {
    m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
    Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** A Kubernetes quantity ("500m", "4", "16Gi", 2) as a number, or undefined when it is not one. */
export function quantity(v: unknown): number | undefined {
    if (typeof v === "number") return v;
    if (typeof v !== "string") return undefined;
    const m = /^([0-9]+(?:\.[0-9]+)?)([a-zA-Z]{0,2})$/.exec(v.trim());
    if (!m) return undefined;
    const factor = m[2] === "" ? 1 : SUFFIX[m[2]];
    return factor === undefined ? undefined : Number(m[1]) * factor;
}

export const ZONE_KEY = "topology.kubernetes.io/zone";

const REQUIRED = "requiredDuringSchedulingIgnoredDuringExecution";
const PREFERRED = "preferredDuringSchedulingIgnoredDuringExecution";

/**
 * True when the Pulsar chart (pulsar-3.3.0, templates/<component>-statefulset.yaml) spreads a
 * component's replicas over zones. It reads only its own keys: the root `affinity.anti_affinity`
 * switch and the component's `affinity` (anti_affinity keyed on the zone; required, or preferred
 * where there are more replicas than zones and required would leave some Pending); it has no
 * topologySpreadConstraints, so those would be ignored. The plan's zone-loss summary counts a
 * preferred spread at its worst.
 */
export function pulsarSpreadsOverZones(root: any, component: any): boolean {
    const a = isObject(component) ? component.affinity : undefined;
    return isObject(root) && root.affinity?.anti_affinity === true && a?.anti_affinity === true
        && a.anti_affinity_topology_key === ZONE_KEY && [REQUIRED, PREFERRED].includes(a.type ?? REQUIRED);
}

/**
 * True when a pod's scheduling settings force replicas into different zones: a zone
 * topologySpreadConstraint with DoNotSchedule, a required zone anti-affinity, or the Pulsar chart's
 * own anti-affinity switch keyed on the zone.
 */
export function spreadsOverZones(values: any): boolean {
    if (!isObject(values)) return false;
    const tsc = asArray(values.topologySpreadConstraints).some(
        (c) => c?.topologyKey === ZONE_KEY && (c.whenUnsatisfiable ?? "DoNotSchedule") === "DoNotSchedule");
    const anti = asArray(values.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution)
        .some((t) => t?.topologyKey === ZONE_KEY);
    const chart = values.affinity?.anti_affinity === true && values.affinity?.anti_affinity_topology_key === ZONE_KEY
        && (values.affinity?.type ?? "requiredDuringSchedulingIgnoredDuringExecution") === "requiredDuringSchedulingIgnoredDuringExecution";
    return tsc || anti || chart;
}
