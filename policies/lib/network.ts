// Who can reach what: the EKS API endpoint, the Milvus namespace, and etcd and Pulsar inside it.
import { cidrWithin, ipv4Cidr } from "./cidr";
import type { ClientNamespaceConfig, EndpointConfig, OperatorNamespaceConfig } from "./config";
import { clientNamespacesSchema, MONITORING_PORTS, OPERATOR_PORTS, operatorNamespacesSchema, publicEndpointSchema } from "./config";
import { EKS_CLUSTER } from "./eks";
import { NETWORK_POLICY, SERVICE, inNamespace, pendingAtPreview } from "./kubernetes";
import { inClusterEtcd, inClusterPulsar, milvusNamespaces } from "./milvus";
import { asArray, isObject, label, ProjectResourcePolicy, ProjectStackPolicy, resourceOfType } from "./policy";

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

/** The ports client namespaces may reach: the proxy's gRPC/HTTP port and the metrics port. */
export const CLIENT_PORTS: readonly number[] = [19530, 9091];

/** The namespace settings of sovereignty-milvus-namespace-network-policy, with the optional lists defaulted. */
interface NamespaceRoles { clients: string[]; monitoring: string[]; operators: string[] }

function rolesOf(config: ClientNamespaceConfig): NamespaceRoles {
    return { clients: config.clientNamespaces, monitoring: config.monitoringNamespaces ?? [], operators: config.operatorNamespaces ?? [] };
}

/** What the pack config lets in, for messages: "milvus, rag-api; monitoring on ports 2381, 9091; ...". */
function allowedText(ns: string, roles: NamespaceRoles): string {
    const parts = [[ns, ...roles.clients].join(", ")];
    if (roles.monitoring.length > 0) parts.push(`${roles.monitoring.join(", ")} on ports ${MONITORING_PORTS.join(", ")}`);
    if (roles.operators.length > 0) parts.push(`${roles.operators.join(", ")} on ports from ${OPERATOR_PORTS.join(", ")}`);
    return parts.join("; ");
}

/** One finding about one ingress peer: undefined when the peer stays within the namespaces the config names. */
function peerProblem(peer: any, ns: string, roles: NamespaceRoles): string | undefined {
    if (peer?.ipBlock) return `admits ipBlock ${peer.ipBlock.cidr}`;
    if (peer?.namespaceSelector === undefined) return undefined; // a podSelector alone means this namespace
    const names = selectedNamespaces(peer.namespaceSelector);
    if (!names) return `admits namespaces by selector ${JSON.stringify(peer.namespaceSelector)}; select them by ${NAME_LABEL}`;
    const known = [ns, ...roles.clients, ...roles.monitoring, ...roles.operators];
    const others = names.filter((n) => !known.includes(n));
    return others.length > 0 ? `admits namespace ${others.join(", ")}, not a client, monitoring or operator namespace` : undefined;
}

/** One entry of a rule's ports: a port or range (from..to), a named port, or every port (no port given). */
interface PortSpan { text: string; every?: boolean; from?: number; to?: number }

function portSpans(rule: any): PortSpan[] {
    const ports = asArray(rule?.ports);
    if (ports.length === 0) return [{ text: "every port", every: true }];
    return ports.map((p) => {
        const port = p?.port;
        if (port === undefined || port === null) return { text: "every port", every: true }; // all ports of the protocol
        if (typeof port === "number") {
            const to = typeof p.endPort === "number" && p.endPort > port ? p.endPort : port;
            return { text: to === port ? String(port) : `${port}-${to}`, from: port, to };
        }
        return { text: String(port) }; // a named port: which number it is depends on the pod
    });
}

/** The spans that reach anything outside `allowed`, which must be single numbered ports. */
function portsOutside(spans: PortSpan[], allowed: readonly number[]): PortSpan[] {
    return spans.filter((s) => !(s.from !== undefined && s.from === s.to && allowed.includes(s.from)));
}

/**
 * Port findings for the namespaces one rule admits by name: clients may reach 19530 and 9091,
 * monitoring 9091 and etcd's 2381 only, the operator its health-check ports; a namespace with several roles gets
 * their union. Names are grouped by role so each role gives at most one finding per rule.
 */
function rulePortProblems(rule: any, ns: string, roles: NamespaceRoles): string[] {
    const names = new Set<string>();
    for (const peer of asArray(rule?.from)) {
        if (peer?.ipBlock || peer?.namespaceSelector === undefined) continue;
        for (const n of selectedNamespaces(peer.namespaceSelector) ?? []) if (n !== ns) names.add(n);
    }
    const groups = new Map<string, { names: string[]; allowed: number[] }>();
    for (const n of names) {
        const held: [string, readonly number[]][] = [];
        if (roles.clients.includes(n)) held.push(["client", CLIENT_PORTS]);
        if (roles.monitoring.includes(n)) held.push(["monitoring", MONITORING_PORTS]);
        if (roles.operators.includes(n)) held.push(["operator", OPERATOR_PORTS]);
        if (held.length === 0) continue; // peerProblem reports it
        const role = held.map(([r]) => r).join(" and ");
        const group = groups.get(role) ?? { names: [], allowed: [...new Set(held.flatMap(([, ports]) => ports))].sort((a, b) => a - b) };
        group.names.push(n);
        groups.set(role, group);
    }
    const spans = portSpans(rule);
    const out: string[] = [];
    for (const [role, { names: group, allowed }] of groups) {
        const bad = portsOutside(spans, allowed);
        if (bad.length === 0) continue;
        const found = bad.some((s) => s.every) ? "every port" : `ports ${bad.map((s) => s.text).join(", ")}`;
        const needed = allowed.length === 1 ? `port ${allowed[0]} only` : `only explicit ports drawn from ${allowed.join(", ")}`;
        out.push(`admits ${role} namespace ${group.join(", ")} on ${found}; it may reach ${needed}`);
    }
    return out;
}

export const milvusNamespaceNetworkPolicy: ProjectStackPolicy = {
    name: "sovereignty-milvus-namespace-network-policy",
    description: "A NetworkPolicy guards the Milvus namespace: every pod is selected for ingress, and only the namespace itself and the configured "
        + "namespaces may connect: clients on 19530 and 9091, monitoring on 9091 (Milvus) and 2381 (etcd's metrics-only listener) only, and the Milvus Operator only on its health-check "
        + "ports 2379, 6650 and 9091 (it checks etcd, Pulsar and Milvus before it reports Milvus ready).",
    enforcementLevel: "mandatory",
    remediationSteps: "Create a NetworkPolicy in the Milvus namespace with podSelector: {}, policyTypes: [Ingress], and ingress rules whose peers are "
        + "podSelectors or namespaceSelectors on kubernetes.io/metadata.name in the pack config's clientNamespaces (ports 19530, 9091), "
        + "monitoringNamespaces (ports from 2381, 9091) or operatorNamespaces (ports from 2379, 6650, 9091), each rule with an explicit port list.",
    configSchema: clientNamespacesSchema,
    validateStack: (args, report) => {
        const roles = rolesOf(args.getConfig<ClientNamespaceConfig>());
        if (pendingAtPreview(args.resources)) return;
        for (const { milvus, ns } of milvusNamespaces(args.resources)) {
            const policies = inNamespace(args.resources, NETWORK_POLICY, ns);
            if (!policies.some((p) => selectsAllPods(p.props) && asArray(p.props.spec?.policyTypes).includes("Ingress"))) {
                report(`Namespace '${ns}' of ${label(milvus)} has no NetworkPolicy selecting every pod for Ingress (podSelector: {}, policyTypes: [Ingress]).`, milvus.urn);
            }
            for (const p of policies) {
                const name = `NetworkPolicy '${p.props.metadata?.name}'`;
                asArray(p.props.spec?.ingress).forEach((rule, i) => {
                    const from = asArray(rule?.from);
                    if (from.length === 0) {
                        report(`${name} ingress rule ${i} has no 'from' and admits every source.`, p.urn);
                        return;
                    }
                    for (const peer of from) {
                        const problem = peerProblem(peer, ns, roles);
                        if (problem) report(`${name} ingress rule ${i} ${problem}; allowed: ${allowedText(ns, roles)}.`, p.urn);
                    }
                    for (const problem of rulePortProblems(rule, ns, roles)) report(`${name} ingress rule ${i} ${problem}.`, p.urn);
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

/** True when every peer of a rule is this namespace or an operator namespace named in the config (a rule without peers admits every source). */
function onlyOperatorPeers(rule: any, ns: string, operators: string[]): boolean {
    const from = asArray(rule?.from);
    return operators.length > 0 && from.length > 0 && from.every((peer) => {
        if (peer?.ipBlock) return false;
        if (peer?.namespaceSelector === undefined) return true;
        const names = selectedNamespaces(peer.namespaceSelector);
        return names !== undefined && names.every((n) => n === ns || operators.includes(n));
    });
}

/** The etcd and Pulsar ports a rule's ports reach, leaving out `exempt`; ranges name the ports they cover. */
function dependencyPorts(spans: PortSpan[], exempt: readonly number[]): string[] {
    const out: string[] = [];
    for (const s of spans) {
        if (s.from !== undefined) {
            const hit = DEPENDENCY_PORTS.filter((d) => d >= s.from! && d <= s.to! && !exempt.includes(d)).sort((a, b) => a - b);
            if (hit.length > 0) out.push(s.from === s.to ? s.text : `${s.text} (${hit.join(", ")})`);
        } else if (!s.every && DEPENDENCY_WORDS.test(s.text)) {
            out.push(s.text);
        }
    }
    return out;
}

export const milvusDependenciesNotExposed: ProjectStackPolicy = {
    name: "sovereignty-milvus-deps-not-exposed",
    description: "etcd and Pulsar are reachable only from inside the Milvus namespace: no LoadBalancer or NodePort services, and ingress from other "
        + "namespaces only to the Milvus ports. The one exception is the Milvus Operator's namespaces (pack config operatorNamespaces), which may "
        + "reach etcd on 2379 and Pulsar on 6650 because the operator health-checks them before it reports Milvus ready.",
    enforcementLevel: "mandatory",
    remediationSteps: "Keep etcd and Pulsar services ClusterIP, and give every ingress rule that admits other namespaces explicit ports (19530 for clients, "
        + "9091 for metrics) without etcd or Pulsar ports; only a rule admitting nothing but the pack config's operatorNamespaces may list 2379 and 6650.",
    configSchema: operatorNamespacesSchema,
    validateStack: (args, report) => {
        const operators = args.getConfig<OperatorNamespaceConfig>().operatorNamespaces ?? [];
        if (pendingAtPreview(args.resources)) return;
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
            for (const p of inNamespace(args.resources, NETWORK_POLICY, ns)) {
                asArray(p.props.spec?.ingress).forEach((rule, i) => {
                    if (!ingressOutsideNamespace(rule, ns)) return;
                    const spans = portSpans(rule);
                    if (spans.some((s) => s.every)) {
                        report(`NetworkPolicy '${p.props.metadata?.name}' ingress rule ${i} admits other namespaces on every port, etcd's and Pulsar's included; list the Milvus ports.`, p.urn);
                        return;
                    }
                    const operatorOnly = onlyOperatorPeers(rule, ns, operators);
                    const bad = dependencyPorts(spans, operatorOnly ? OPERATOR_PORTS : []);
                    if (bad.length === 0) return;
                    const allowance = operatorOnly ? `; operator namespaces may reach only ${OPERATOR_PORTS.join(", ")}` : "";
                    report(`NetworkPolicy '${p.props.metadata?.name}' ingress rule ${i} admits other namespaces to etcd or Pulsar ports ${bad.join(", ")}${allowance}.`, p.urn);
                });
            }
        }
    },
};

/** RFC 1918 space: inside the VPC (and networks peered with it), never the internet or link-local services. */
const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];

/** What is wrong with one egress peer: an ipBlock that reaches beyond private space. */
function egressPeerProblem(peer: any): string | undefined {
    if (!peer?.ipBlock) return undefined;
    const cidr = String(peer.ipBlock.cidr ?? "");
    if (ipv4Cidr(cidr) === undefined) return `allows ipBlock ${JSON.stringify(peer.ipBlock.cidr)}, not an IPv4 CIDR`;
    if (!PRIVATE_RANGES.some((r) => cidrWithin(cidr, r))) {
        return `allows ipBlock ${cidr}, outside private space (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16): the internet, another region or the instance metadata service`;
    }
    return undefined;
}

export const milvusEgressRestricted: ProjectStackPolicy = {
    name: "sovereignty-milvus-egress-restricted",
    description: "Pods in the Milvus namespace (which hold the bucket's and data key's rights) cannot send data out of the VPC: a NetworkPolicy "
        + "selects every pod for Egress, and no egress rule allows every destination or an address outside private space "
        + "(10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16), whatever the VPC's routes.",
    enforcementLevel: "mandatory",
    remediationSteps: "Create a NetworkPolicy in the Milvus namespace with podSelector: {} and policyTypes: [Egress], and egress rules that name their "
        + "peers: the namespace itself (podSelector: {}), kube-system's kube-dns on 53, and ipBlocks of the VPC interface endpoints' subnets on 443.",
    validateStack: (args, report) => {
        if (pendingAtPreview(args.resources)) return;
        for (const { milvus, ns } of milvusNamespaces(args.resources)) {
            const policies = inNamespace(args.resources, NETWORK_POLICY, ns);
            if (!policies.some((p) => selectsAllPods(p.props) && asArray(p.props.spec?.policyTypes).includes("Egress"))) {
                report(`Namespace '${ns}' of ${label(milvus)} has no NetworkPolicy selecting every pod for Egress (podSelector: {}, policyTypes: [Egress]): `
                    + "its pods may connect anywhere the VPC routes.", milvus.urn);
            }
            for (const p of policies) {
                const name = `NetworkPolicy '${p.props.metadata?.name}'`;
                asArray(p.props.spec?.egress).forEach((rule, i) => {
                    const to = asArray(rule?.to);
                    if (to.length === 0) {
                        report(`${name} egress rule ${i} has no 'to' and allows every destination.`, p.urn);
                        return;
                    }
                    for (const peer of to) {
                        const problem = egressPeerProblem(peer);
                        if (problem) report(`${name} egress rule ${i} ${problem}.`, p.urn);
                    }
                });
            }
        }
    },
};
