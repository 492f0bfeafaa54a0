// Who can reach what: the EKS API endpoint, the Milvus namespace, and etcd and Pulsar inside it.
import type { PolicyResource } from "@pulumi/policy";
import type { ClientNamespaceConfig, EndpointConfig } from "./config";
import { clientNamespacesSchema, publicEndpointSchema } from "./config";
import { EKS_CLUSTER } from "./eks";
import { inNamespace, NETWORK_POLICY, SERVICE } from "./kubernetes";
import { inClusterEtcd, inClusterPulsar, milvusNamespaces } from "./milvus";
import { asArray, isObject, label, ProjectResourcePolicy, ProjectStackPolicy, resourceOfType } from "./policy";

function ipv4(addr: string): number {
    return addr.split(".").reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

/** True when CIDR `inner` lies inside CIDR `outer` (IPv4). */
export function cidrWithin(inner: string, outer: string): boolean {
    const [ia, ib] = inner.split("/");
    const [oa, ob] = outer.split("/");
    const ibits = Number(ib ?? 32);
    const obits = Number(ob ?? 32);
    if (ibits < obits) return false;
    const size = 2 ** (32 - obits);
    return Math.floor(ipv4(ia) / size) === Math.floor(ipv4(oa) / size);
}

export const eksPublicEndpointRestricted: ProjectResourcePolicy = {
    name: "sovereignty-eks-public-endpoint-restricted",
    description: "The EKS API is private; a public endpoint is allowed only where the stack's pack config lists CIDRs, and only for those.",
    enforcementLevel: "mandatory",
    remediationSteps: "Set vpcConfig.endpointPrivateAccess: true and endpointPublicAccess: false; or, where the pack config's publicEndpointCidrs allows it, publicAccessCidrs within those CIDRs.",
    configSchema: publicEndpointSchema,
    validateResource: resourceOfType(EKS_CLUSTER, (props, args, report) => {
        const { publicEndpointCidrs } = args.getConfig<EndpointConfig>();
        const vpc = props.vpcConfig ?? {};
        if (vpc.endpointPrivateAccess !== true) report("vpcConfig.endpointPrivateAccess is not true; nodes and operators must reach the API privately.");
        if (vpc.endpointPublicAccess === false) return;
        const where = vpc.endpointPublicAccess === undefined ? "vpcConfig.endpointPublicAccess is unset (AWS defaults it to true)" : "vpcConfig.endpointPublicAccess is true";
        if (publicEndpointCidrs.length === 0) {
            report(`${where}; this stack allows no public endpoint.`);
            return;
        }
        const cidrs = asArray<string>(vpc.publicAccessCidrs);
        if (cidrs.length === 0) {
            report(`${where} with no publicAccessCidrs (AWS opens it to 0.0.0.0/0); allowed: ${publicEndpointCidrs.join(", ")}.`);
            return;
        }
        const outside = cidrs.filter((c) => !publicEndpointCidrs.some((allowed) => cidrWithin(c, allowed)));
        if (outside.length > 0) report(`publicAccessCidrs ${outside.join(", ")} lie outside the allowed CIDRs: ${publicEndpointCidrs.join(", ")}.`);
    }),
};

const NAME_LABEL = "kubernetes.io/metadata.name";

function selectsAllPods(np: any): boolean {
    const sel = np.spec?.podSelector;
    return sel === undefined || (isObject(sel) && Object.keys(sel.matchLabels ?? {}).length === 0 && asArray(sel.matchExpressions).length === 0);
}

/** The namespaces a namespaceSelector admits by name, or undefined when it selects by anything else. */
function selectedNamespaces(sel: any): string[] | undefined {
    if (!isObject(sel)) return undefined;
    const exprs = asArray(sel.matchExpressions);
    const labels = Object.keys(sel.matchLabels ?? {});
    if (labels.length === 1 && labels[0] === NAME_LABEL && exprs.length === 0) return [sel.matchLabels[NAME_LABEL]];
    if (labels.length === 0 && exprs.length === 1 && exprs[0]?.key === NAME_LABEL && exprs[0]?.operator === "In") return asArray(exprs[0].values);
    return undefined;
}

/** One finding about one ingress peer: undefined when the peer stays within `allowed` namespaces. */
function peerProblem(peer: any, ns: string, allowed: string[]): string | undefined {
    if (peer?.ipBlock) return `admits ipBlock ${peer.ipBlock.cidr}`;
    if (peer?.namespaceSelector === undefined) return undefined; // a podSelector alone means this namespace
    const names = selectedNamespaces(peer.namespaceSelector);
    if (!names) return `admits namespaces by selector ${JSON.stringify(peer.namespaceSelector)}; select them by ${NAME_LABEL}`;
    const others = names.filter((n) => n !== ns && !allowed.includes(n));
    return others.length > 0 ? `admits namespace ${others.join(", ")}, not a client namespace` : undefined;
}

export const milvusNamespaceNetworkPolicy: ProjectStackPolicy = {
    name: "sovereignty-milvus-namespace-network-policy",
    description: "A NetworkPolicy guards the Milvus namespace: every pod is selected for ingress, and only the namespace itself and the configured client namespaces may connect.",
    enforcementLevel: "mandatory",
    remediationSteps: "Create a NetworkPolicy in the Milvus namespace with podSelector: {}, policyTypes: [Ingress], and ingress rules whose peers are podSelectors or namespaceSelectors on kubernetes.io/metadata.name in the pack config's clientNamespaces.",
    configSchema: clientNamespacesSchema,
    validateStack: (args, report) => {
        const { clientNamespaces } = args.getConfig<ClientNamespaceConfig>();
        for (const { milvus, ns } of milvusNamespaces(args.resources)) {
            const policies = inNamespace(args.resources, NETWORK_POLICY, ns);
            if (!policies.some((p) => selectsAllPods(p.props) && asArray(p.props.spec?.policyTypes).includes("Ingress"))) {
                report(`Namespace '${ns}' of ${label(milvus)} has no NetworkPolicy selecting every pod for Ingress (podSelector: {}, policyTypes: [Ingress]).`, milvus.urn);
            }
            for (const p of policies) {
                asArray(p.props.spec?.ingress).forEach((rule, i) => {
                    const from = asArray(rule?.from);
                    if (from.length === 0) {
                        report(`NetworkPolicy '${p.props.metadata?.name}' ingress rule ${i} has no 'from' and admits every source.`, p.urn);
                        return;
                    }
                    for (const peer of from) {
                        const problem = peerProblem(peer, ns, clientNamespaces);
                        if (problem) report(`NetworkPolicy '${p.props.metadata?.name}' ingress rule ${i} ${problem}; allowed: ${[ns, ...clientNamespaces].join(", ")}.`, p.urn);
                    }
                });
            }
        }
    },
};

/** Ports of etcd, ZooKeeper, BookKeeper and the Pulsar broker and proxy. */
const DEPENDENCY_PORTS = [2379, 2380, 2181, 2888, 3888, 3181, 6650, 6651, 8080, 8443];
const DEPENDENCY_WORDS = /etcd|pulsar|zookeeper|bookie|bookkeeper|broker/;
const EXPOSED_TYPES = ["LoadBalancer", "NodePort"];

/** Paths under chart values whose service type exposes a dependency outside the cluster network. */
function exposedServices(values: any, path: string, out: string[]): string[] {
    if (!isObject(values)) return out;
    for (const [k, v] of Object.entries(values)) {
        const here = `${path}.${k}`;
        if (/service/i.test(k) && isObject(v) && EXPOSED_TYPES.includes(v.type)) out.push(`${here}.type ${v.type}`);
        else if (/servicetype/i.test(k) && EXPOSED_TYPES.includes(v as string)) out.push(`${here} ${v}`);
        else exposedServices(v, here, out);
    }
    return out;
}

function ingressOutsideNamespace(rule: any, ns: string): boolean {
    return asArray(rule?.from).length === 0 || asArray(rule.from).some((peer) => {
        if (peer?.ipBlock) return true;
        if (peer?.namespaceSelector === undefined) return false;
        const names = selectedNamespaces(peer.namespaceSelector);
        return !names || names.some((n) => n !== ns);
    });
}

function dependencyPorts(ports: any[]): string[] {
    return ports
        .map((p) => p?.port)
        .filter((port) => (typeof port === "number" && DEPENDENCY_PORTS.includes(port)) || (typeof port === "string" && DEPENDENCY_WORDS.test(port)))
        .map(String);
}

export const milvusDependenciesNotExposed: ProjectStackPolicy = {
    name: "sovereignty-milvus-deps-not-exposed",
    description: "etcd and Pulsar are reachable only from inside the Milvus namespace: no LoadBalancer or NodePort services, and ingress from other namespaces only to the Milvus ports.",
    enforcementLevel: "mandatory",
    remediationSteps: "Keep etcd and Pulsar services ClusterIP, and give every ingress rule that admits other namespaces explicit ports (19530 for clients, 9091 for metrics) without etcd or Pulsar ports.",
    validateStack: (args, report) => {
        for (const { milvus, ns } of milvusNamespaces(args.resources)) {
            const spec = milvus.props.spec;
            const exposed: string[] = [];
            if (inClusterEtcd(spec)) exposedServices(spec?.dependencies?.etcd?.inCluster?.values, "spec.dependencies.etcd.inCluster.values", exposed);
            if (inClusterPulsar(spec)) exposedServices(spec?.dependencies?.pulsar?.inCluster?.values, "spec.dependencies.pulsar.inCluster.values", exposed);
            for (const e of exposed) report(`${label(milvus)} exposes a dependency: ${e}; it must stay ClusterIP.`, milvus.urn);
            for (const svc of inNamespace(args.resources, SERVICE, ns)) {
                const text = `${svc.props.metadata?.name} ${Object.values(svc.props.spec?.selector ?? {}).join(" ")}`;
                if (EXPOSED_TYPES.includes(svc.props.spec?.type) && DEPENDENCY_WORDS.test(text)) {
                    report(`Service '${svc.props.metadata?.name}' exposes etcd or Pulsar as ${svc.props.spec.type}; it must stay ClusterIP.`, svc.urn);
                }
            }
            for (const p of inNamespace(args.resources, NETWORK_POLICY, ns) as PolicyResource[]) {
                asArray(p.props.spec?.ingress).forEach((rule, i) => {
                    if (!ingressOutsideNamespace(rule, ns)) return;
                    const ports = asArray(rule.ports);
                    if (ports.length === 0) {
                        report(`NetworkPolicy '${p.props.metadata?.name}' ingress rule ${i} admits other namespaces on every port, etcd's and Pulsar's included; list the Milvus ports.`, p.urn);
                        return;
                    }
                    const bad = dependencyPorts(ports);
                    if (bad.length > 0) report(`NetworkPolicy '${p.props.metadata?.name}' ingress rule ${i} admits other namespaces to etcd or Pulsar ports ${bad.join(", ")}.`, p.urn);
                });
            }
        }
    },
};
