// Container images and versions: every image from an approved registry, every version pinned.
import type { RegistryConfig } from "./config";
import { approvedRegistriesSchema } from "./config";
import { EKS_CLUSTER } from "./eks";
import { containersOf, HELM_RELEASE, MILVUS, podSpecOf, POD_SPEC_PATHS } from "./kubernetes";
import { inClusterEtcd, inClusterPulsar } from "./milvus";
import { isObject, isSet, ProjectResourcePolicy, resourceOfType } from "./policy";

export const EKS_ADDON = "aws:eks/addon:Addon";

/** An image reference found in a resource, with the path it was found at. */
export interface ImageRef {
    path: string;
    ref: string;
    /** A chart-wide registry: its images take their tags from the chart, pinned by the release's exact version. */
    chartWide?: boolean;
}

/** The image an `image:` object of a Helm chart names ({ registry?, repository, tag? }). */
function fromImageObject(o: any): string | undefined {
    if (!isObject(o) || typeof o.repository !== "string") return undefined;
    const base = typeof o.registry === "string" && o.registry !== "" ? `${o.registry}/${o.repository}` : o.repository;
    if (typeof o.digest === "string" && o.digest !== "") return `${base}@${o.digest}`;
    return o.tag !== undefined && o.tag !== "" ? `${base}:${o.tag}` : base;
}

/**
 * Every image named in a tree of values: `image: "ref"`, `image: { registry, repository, tag }`,
 * `images: { name: { repository, tag } }`, and Pulsar's `defaultPulsarImageRepository`/`Tag`.
 */
export function findImages(values: unknown, path: string, out: ImageRef[] = []): ImageRef[] {
    if (Array.isArray(values)) {
        values.forEach((v, i) => findImages(v, `${path}[${i}]`, out));
        return out;
    }
    if (!isObject(values)) return out;
    for (const [k, v] of Object.entries(values)) {
        const here = path === "" ? k : `${path}.${k}`;
        if (k === "image" && typeof v === "string") out.push({ path: here, ref: v });
        else if (k === "image" && fromImageObject(v)) out.push({ path: here, ref: fromImageObject(v)! });
        else if (k === "images" && isObject(v)) {
            for (const [name, img] of Object.entries(v)) {
                const ref = typeof img === "string" ? img : fromImageObject(img);
                if (ref) out.push({ path: `${here}.${name}`, ref });
                else findImages(img, `${here}.${name}`, out);
            }
        } else if (k === "defaultPulsarImageRepository" && typeof v === "string") {
            const tag = (values as any).defaultPulsarImageTag;
            out.push({ path: here, ref: tag ? `${v}:${tag}` : v });
        } else findImages(v, here, out);
    }
    return out;
}

/**
 * Charts that run no container at all: prometheus-operator-crds holds only CustomResourceDefinitions
 * (prometheus-community/helm-charts charts/prometheus-operator-crds/templates).
 */
export const CHARTS_WITHOUT_IMAGES = ["prometheus-operator-crds"];

/**
 * Chart-wide registry settings that place every image of a chart: cert-manager's `imageRegistry`
 * with `imageNamespace` (cert-manager v1.21 values.yaml: `<imageRegistry>/<imageNamespace>/<name>`)
 * and `global.imageRegistry` (kube-prometheus-stack and its subcharts).
 */
function chartRegistries(values: any): ImageRef[] {
    const out: ImageRef[] = [];
    if (!isObject(values)) return out;
    if (typeof values.imageRegistry === "string" && values.imageRegistry !== "") {
        const ns = typeof values.imageNamespace === "string" && values.imageNamespace !== "" ? `${values.imageNamespace}/` : "";
        out.push({ path: "values.imageRegistry", ref: `${values.imageRegistry}/${ns}*`, chartWide: true });
    }
    const global = (values as any).global;
    if (isObject(global) && typeof global.imageRegistry === "string" && global.imageRegistry !== "") {
        out.push({ path: "values.global.imageRegistry", ref: `${global.imageRegistry}/*`, chartWide: true });
    }
    return out;
}

/** The images a resource will run, and the places that must name one (else a public default runs). */
export function imagesOf(type: string, props: any): { images: ImageRef[]; missing: string[] } {
    const missing: string[] = [];
    if (type === MILVUS) {
        const spec = props.spec ?? {};
        const images = findImages(spec.components, "spec.components");
        if (typeof spec.components?.image !== "string") missing.push("spec.components.image");
        const etcd = inClusterEtcd(spec);
        if (etcd) {
            const found = findImages(etcd.values, "spec.dependencies.etcd.inCluster.values");
            if (found.length === 0) missing.push("spec.dependencies.etcd.inCluster.values.image");
            images.push(...found);
        }
        const pulsar = inClusterPulsar(spec);
        if (pulsar) {
            const found = findImages(pulsar.values, "spec.dependencies.pulsar.inCluster.values");
            if (found.length === 0) missing.push("spec.dependencies.pulsar.inCluster.values.images");
            images.push(...found);
        }
        return { images, missing };
    }
    if (type === HELM_RELEASE) {
        const images = findImages(props.values, "values");
        images.push(...chartRegistries(props.values));
        if (images.length === 0 && !CHARTS_WITHOUT_IMAGES.includes(props.chart)) missing.push("values.image");
        return { images, missing };
    }
    if (POD_SPEC_PATHS[type]) {
        const images = containersOf(podSpecOf(type, props)).map((c, i) => ({ path: `container ${c?.name ?? i}`, ref: String(c?.image ?? "") }));
        return { images, missing };
    }
    return { images: [], missing };
}

/** The registry host (and path) of an image reference; Docker Hub when the first part is no host. */
export function registryOf(ref: string): string {
    const first = ref.split("/")[0];
    const isHost = ref.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost");
    return isHost ? ref : `docker.io/${ref.includes("/") ? ref : `library/${ref}`}`;
}

/** Whether an image comes from a registry entry ("host[/path]", "*." matching one DNS label). */
export function fromRegistry(ref: string, entry: string): boolean {
    const wildcard = entry.startsWith("*.");
    const rest = (wildcard ? entry.slice(2) : entry).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return new RegExp(`^${wildcard ? "[a-z0-9-]+\\." : ""}${rest}/`).test(registryOf(ref));
}

const IMAGE_TYPES = [MILVUS, HELM_RELEASE, ...Object.keys(POD_SPEC_PATHS)];

export const imagesFromApprovedRegistry: ProjectResourcePolicy = {
    name: "sovereignty-images-approved-registry",
    description: "Every container image comes from an approved (in-region) registry, and every chart that would otherwise run a public default image names its image.",
    enforcementLevel: "mandatory",
    remediationSteps: "Mirror the image into an approved registry (pack config approvedRegistries, e.g. this account's ECR in me-central-1) and name it explicitly: spec.components.image, the etcd and Pulsar chart values, Helm values, container images.",
    configSchema: approvedRegistriesSchema,
    validateResource: IMAGE_TYPES.map((type) => resourceOfType(type, (props, args, report) => {
        const { approvedRegistries } = args.getConfig<RegistryConfig>();
        const { images, missing } = imagesOf(type, props);
        for (const m of missing) report(`Sets no ${m}; the default image comes from a public registry.`);
        for (const { path, ref } of images) {
            if (!approvedRegistries.some((entry) => fromRegistry(ref, entry))) {
                report(`Image ${ref} (${path}) is not from an approved registry; allowed: ${approvedRegistries.join(", ")}.`);
            }
        }
    })),
};

/** The tag of an image reference, undefined when there is none; "@digest" references count as pinned. */
export function tagOf(ref: string): string | undefined {
    if (ref.includes("@")) return ref.slice(ref.indexOf("@"));
    const last = ref.slice(ref.lastIndexOf("/") + 1);
    return last.includes(":") ? last.slice(last.indexOf(":") + 1) : undefined;
}

const EXACT_VERSION = /^v?[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$/;

export const versionsPinned: ProjectResourcePolicy = {
    name: "milvus-production-versions-pinned",
    description: "Images, charts, add-ons and the cluster name exact versions: no latest, no ranges, nothing left to a default.",
    enforcementLevel: "mandatory",
    remediationSteps: "Give every image an explicit tag other than latest (or a digest), every Helm release an exact chart version, every EKS add-on an addonVersion and the cluster a version.",
    validateResource: [
        ...IMAGE_TYPES.map((type) => resourceOfType(type, (props, _args, report) => {
            for (const { path, ref, chartWide } of imagesOf(type, props).images) {
                if (chartWide) continue; // tagged by the chart, whose exact version is checked below
                const tag = tagOf(ref);
                if (tag === undefined || tag === "latest") report(`Image ${ref} (${path}) is not pinned; name an exact tag or digest, not ${tag ?? "an implicit latest"}.`);
            }
            if (type === HELM_RELEASE && !EXACT_VERSION.test(String(props.version ?? ""))) {
                report(`Helm release of chart ${props.chart} has version ${props.version ?? "(unset)"}; it must be an exact chart version.`);
            }
        })),
        resourceOfType(EKS_ADDON, (props, _args, report) => {
            if (!isSet(props, "addonVersion")) report(`EKS add-on ${props.addonName} sets no addonVersion.`);
        }),
        resourceOfType(EKS_CLUSTER, (props, _args, report) => {
            if (!isSet(props, "version")) report("The cluster sets no Kubernetes version.");
        }),
    ],
};
