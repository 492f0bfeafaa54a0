// Exposure outside the VPC: Milvus and its dependencies are reached through ClusterIP services from
// inside the cluster, or through an internal load balancer the pack config lists; no security-group
// rule or ipBlock opens their ports to addresses outside the VPC and the configured client ranges;
// nodes have no public address.
import type { PolicyResource } from "@pulumi/policy";
import type { ClientCidrConfig, InternalLoadBalancerConfig } from "./config";
import { clientCidrsSchema, internalLoadBalancersSchema } from "./config";
import { list } from "./iam";
import { MILVUS, NETWORK_POLICY, namespaceOf, pendingAtPreview, SERVICE } from "./kubernetes";
import { milvusNamespaces } from "./milvus";
import { cidrWithin } from "./cidr";
import { asArray, dependenciesOf, isObject, isUnknownValue, label, ofType, peek, ProjectResourcePolicy, ProjectStackPolicy, resourceOfType } from "./policy";

export const INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";
const SCHEME = "service.beta.kubernetes.io/aws-load-balancer-scheme";
const INTERNAL = "service.beta.kubernetes.io/aws-load-balancer-internal";
const ALB_SCHEME = "alb.ingress.kubernetes.io/scheme";
/** Names of Milvus, etcd and Pulsar (ZooKeeper, BookKeeper, broker) in namespaces, names and selectors. */
const MILVUS_WORDS = /milvus|etcd|pulsar|zookeeper|bookie|bookkeeper|broker/;

/** Milvus (19530 gRPC/HTTP, 9091 metrics), etcd (2379, 2380), ZooKeeper (2181, 2888, 3888), BookKeeper (3181), Pulsar (6650, 6651, 8080, 8443). */
export const WATCHED_PORTS = [19530, 9091, 2379, 2380, 2181, 2888, 3888, 3181, 6650, 6651, 8080, 8443];

/** The annotation that makes a load balancer internet-facing, as "key: value", or undefined. */
function internetFacing(annotations: Record<string, unknown>): string | undefined {
    if (annotations[SCHEME] === "internet-facing") return `${SCHEME}: internet-facing`;
    if (annotations[INTERNAL] === "false") return `${INTERNAL}: "false"`;
    if (annotations[ALB_SCHEME] === "internet-facing") return `${ALB_SCHEME}: internet-facing`;
    return undefined;
}

function isInternal(annotations: Record<string, unknown>): boolean {
    const flag = annotations[INTERNAL];
    return annotations[SCHEME] === "internal" || (typeof flag === "string" && flag !== "false");
}

/** Findings for a service of Milvus or a dependency whose type exposes it outside the cluster network. */
function exposedProblem(type: unknown, annotations: Record<string, unknown>, ref: string, allowed: string[]): string | undefined {
    if (type === "NodePort") return `is of type NodePort, which opens a port on every node; Milvus and its dependencies stay ClusterIP`;
    if (type !== "LoadBalancer") return undefined;
    if (!isInternal(annotations)) {
        return `is a LoadBalancer without the internal scheme (found ${SCHEME}: ${JSON.stringify(annotations[SCHEME] ?? null)}); it needs ${SCHEME}: internal and a listing in internalLoadBalancers`;
    }
    if (!allowed.includes(ref)) {
        return `is an internal LoadBalancer that the pack config's internalLoadBalancers does not list (allowed: ${allowed.join(", ") || "none"})`;
    }
    return undefined;
}

function annotationsOf(props: any): Record<string, unknown> {
    const a = props.metadata?.annotations;
    return isObject(a) ? a : {};
}

export const milvusNotExposed: ProjectResourcePolicy = {
    name: "sovereignty-milvus-not-exposed",
    description: "Milvus, etcd and Pulsar are not reachable from outside the VPC: no NodePort, no Ingress, and a LoadBalancer only when it is internal and the pack config lists it in internalLoadBalancers; no Service or Ingress anywhere is annotated internet-facing.",
    enforcementLevel: "mandatory",
    remediationSteps: "Keep Milvus's and its dependencies' services ClusterIP and reach them from client namespaces; for clients elsewhere in the VPC, use type LoadBalancer with service.beta.kubernetes.io/aws-load-balancer-scheme: internal and add <namespace>/<name> to the pack config's internalLoadBalancers. Remove Ingress objects for Milvus and every internet-facing annotation.",
    configSchema: internalLoadBalancersSchema,
    validateResource: [
        resourceOfType(SERVICE, (props, args, report) => {
            const ref = `${namespaceOf(props)}/${props.metadata?.name}`;
            const annotations = annotationsOf(props);
            const facing = internetFacing(annotations);
            if (facing) report(`Service '${ref}' is annotated ${facing}; no load balancer of this stack may face the internet, it needs ${SCHEME}: internal.`);
            const selector = isObject(props.spec?.selector) ? props.spec.selector : {};
            if (![ref, ...Object.keys(selector), ...Object.values(selector)].some((w) => MILVUS_WORDS.test(String(w)))) return;
            // Stryker disable next-line ArrayDeclaration: equivalent, the pack config always carries the schema default
            const problem = exposedProblem(props.spec?.type, annotations, ref, args.getConfig<InternalLoadBalancerConfig>().internalLoadBalancers ?? []);
            if (problem) report(`Service '${ref}' of Milvus or a dependency ${problem}.`);
        }),
        resourceOfType(INGRESS, (props, _args, report) => {
            const ref = `${namespaceOf(props)}/${props.metadata?.name}`;
            const facing = internetFacing(annotationsOf(props));
            if (facing) report(`Ingress '${ref}' is annotated ${facing}; no load balancer of this stack may face the internet.`);
            const backends = [props.spec?.defaultBackend, ...asArray(props.spec?.rules).flatMap((r) => asArray(r?.http?.paths).map((p) => p?.backend))]
                .map((b) => b?.service?.name).filter((n): n is string => typeof n === "string");
            if ([ref, ...backends].some((w) => MILVUS_WORDS.test(w))) {
                report(`Ingress '${ref}' routes to Milvus or a dependency (backends: ${backends.join(", ") || "none"}); they take no Ingress, use ClusterIP or a listed internal LoadBalancer.`);
            }
        }),
        resourceOfType(MILVUS, (props, args, report) => {
            const ref = `${namespaceOf(props)}/${props.metadata?.name}`;
            const proxy = props.spec?.components?.proxy;
            const annotations = isObject(proxy?.serviceAnnotations) ? proxy.serviceAnnotations : {};
            const facing = internetFacing(annotations);
            if (facing) report(`Milvus '${ref}' annotates its proxy service ${facing}; it needs ${SCHEME}: internal.`);
            // Stryker disable next-line ArrayDeclaration: equivalent, the pack config always carries the schema default
            const problem = exposedProblem(proxy?.serviceType, annotations, ref, args.getConfig<InternalLoadBalancerConfig>().internalLoadBalancers ?? []);
            if (problem) report(`Milvus '${ref}' proxy service (spec.components.proxy.serviceType) ${problem}.`);
            if (proxy?.ingress !== undefined && proxy.ingress !== null) report(`Milvus '${ref}' sets spec.components.proxy.ingress; Milvus takes no Ingress, use ClusterIP or a listed internal LoadBalancer.`);
        }),
    ],
};

/** A port range, or every port; `text` names it in messages. */
interface Ports { from: number; to: number; text: string }
const ALL_PORTS: Ports = { from: 0, to: 65535, text: "every port" };

function touchesWatched(p: Ports): boolean {
    return WATCHED_PORTS.some((w) => w >= p.from && w <= p.to);
}

/** The ports of a security-group rule: protocol -1/all is every port (ICMP's type and code, -1, reach no watched port). */
function sgPorts(protocol: unknown, fromPort: unknown, toPort: unknown): Ports {
    if (["-1", "all"].includes(String(protocol).toLowerCase())) return ALL_PORTS;
    const from = Number(fromPort);
    const to = Number(toPort);
    return { from, to, text: from === to ? `port ${from}` : `ports ${from}-${to}` };
}

const SG_INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";

/** One address range a rule admits, with where it came from. */
interface Admission { where: string; cidr: string; ports: Ports; urn: string }

function sgAdmissions(r: PolicyResource): Admission[] {
    const out: Admission[] = [];
    const add = (where: string, rule: any, cidrs: string[], protocol: unknown) => {
        const ports = sgPorts(protocol, peek(rule, "fromPort"), peek(rule, "toPort"));
        for (const cidr of cidrs) out.push({ where, cidr, ports, urn: r.urn });
    };
    const props = r.props as any;
    if (r.type === "aws:ec2/securityGroup:SecurityGroup" || r.type === "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup") {
        asArray(peek(props, "ingress")).forEach((rule, i) =>
            add(`${label(r)} ingress ${i}`, rule, [...list(peek(rule, "cidrBlocks")), ...list(peek(rule, "ipv6CidrBlocks"))], peek(rule, "protocol")));
    } else if (r.type === "aws:ec2/securityGroupRule:SecurityGroupRule") {
        if (peek(props, "type") === "ingress") add(label(r), props, [...list(peek(props, "cidrBlocks")), ...list(peek(props, "ipv6CidrBlocks"))], peek(props, "protocol"));
    // Stryker disable next-line ConditionalExpression: equivalent, other resources carry no cidrIpv4 or cidrIpv6
    } else if (r.type === SG_INGRESS_RULE) {
        add(label(r), props, [...list(peek(props, "cidrIpv4")), ...list(peek(props, "cidrIpv6"))], peek(props, "ipProtocol"));
    }
    return out.filter((a) => !isUnknownValue(a.cidr));
}


/** The ports a NetworkPolicy ingress rule opens: no ports is every port, a named port may be any. */
function npPorts(rule: any): Ports[] {
    const ports = asArray(rule.ports);
    if (ports.length === 0) return [ALL_PORTS];
    return ports.map((p) => {
        const port = p?.port;
        if (typeof port === "number") {
            const to = Math.max(port, Number(p.endPort) || 0);
            return { from: port, to, text: to === port ? `port ${port}` : `ports ${port}-${to}` };
        }
        return port === undefined || port === null ? ALL_PORTS : { ...ALL_PORTS, text: `named port ${port}` };
    });
}

function npAdmissions(p: PolicyResource): Admission[] {
    const out: Admission[] = [];
    const props = p.props as any;
    asArray(props.spec?.ingress).forEach((rule, i) => {
        for (const peer of asArray(rule?.from)) {
            const cidr = peer?.ipBlock?.cidr;
            if (typeof cidr !== "string") continue;
            for (const ports of npPorts(rule)) out.push({ where: `NetworkPolicy '${namespaceOf(props)}/${props.metadata?.name}' ingress rule ${i}`, cidr, ports, urn: p.urn });
        }
    });
    return out;
}

/** The VPC's IPv4 ranges, or undefined while one of them is not known yet. */
function vpcCidrs(resources: PolicyResource[]): string[] | undefined {
    const out: string[] = [];
    for (const r of resources.filter((x) => x.type === "aws:ec2/vpc:Vpc" || x.type === "aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation")) {
        const cidr = peek(r.props, "cidrBlock");
        if (typeof cidr !== "string" || isUnknownValue(cidr)) return undefined;
        out.push(cidr);
    }
    return out;
}

export const ingressWithinVpc: ProjectStackPolicy = {
    name: "sovereignty-ingress-within-vpc",
    description: "No security-group rule, and no NetworkPolicy ipBlock in front of Milvus, admits addresses outside the VPC and the pack config's clientCidrs on a Milvus or dependency port (19530, 9091, etcd 2379/2380, ZooKeeper 2181/2888/3888, BookKeeper 3181, Pulsar 6650/6651/8080/8443).",
    enforcementLevel: "mandatory",
    remediationSteps: "Admit only the VPC CIDR (or security groups) on these ports; list a client range outside the VPC (a peered VPC, VPN) in the pack config's clientCidrs. Never 0.0.0.0/0 or ::/0.",
    configSchema: clientCidrsSchema,
    validateStack: (args, report) => {
        const vpc = vpcCidrs(args.resources);
        if (vpc === undefined) return; // judged once the VPC's range is known
        // Stryker disable next-line ArrayDeclaration: equivalent, the pack config always carries the schema default
        const clients = args.getConfig<ClientCidrConfig>().clientCidrs ?? [];
        const allowed = [...vpc, ...clients];
        const admissions = args.resources.flatMap(sgAdmissions);
        if (!pendingAtPreview(args.resources)) {
            const namespaces = milvusNamespaces(args.resources).map((m) => m.ns);
            for (const p of ofType(args, NETWORK_POLICY)) {
                const selector = JSON.stringify((p.props as any).spec?.podSelector ?? {});
                if (namespaces.includes(namespaceOf(p.props)) || MILVUS_WORDS.test(selector)) admissions.push(...npAdmissions(p));
            }
        }
        for (const a of admissions) {
            // Stryker disable next-line MethodExpression,StringLiteral,ConditionalExpression: equivalent, cidrWithin never places an IPv6 range in an IPv4 one
            const inside = a.cidr.includes(".") && allowed.some((c) => cidrWithin(a.cidr, c));
            if (inside || !touchesWatched(a.ports)) continue;
            report(`${a.where} admits ${a.cidr} on ${a.ports.text}, which reaches Milvus or dependency ports; allowed sources: the VPC (${vpc.join(", ") || "none"}) and clientCidrs (${clients.join(", ") || "none"}).`, a.urn);
        }
    },
};

export const NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";
const SUBNET = "aws:ec2/subnet:Subnet";

export const nodesNoPublicIp: ProjectStackPolicy = {
    name: "sovereignty-nodes-no-public-ip",
    description: "Nodes get no public IP address: no launch template or instance asks for one, and no subnet that holds nodes maps public IPs on launch.",
    enforcementLevel: "mandatory",
    remediationSteps: "Leave associatePublicIpAddress unset or false in launch templates and instances, and mapPublicIpOnLaunch false on the private subnets the node groups use; nodes reach AWS through VPC endpoints.",
    validateStack: (args, report) => {
        for (const lt of ofType(args, "aws:ec2/launchTemplate:LaunchTemplate")) {
            asArray(peek(lt.props, "networkInterfaces")).forEach((ni, i) => {
                const v = peek(ni, "associatePublicIpAddress");
                if (v === true || v === "true") report(`${label(lt)} networkInterfaces[${i}].associatePublicIpAddress is ${v}; nodes must have no public IP.`, lt.urn);
            });
        }
        for (const inst of ofType(args, "aws:ec2/instance:Instance")) {
            if (peek(inst.props, "associatePublicIpAddress") === true) report(`${label(inst)} sets associatePublicIpAddress true; instances must have no public IP.`, inst.urn);
        }
        const nodeSubnets = new Set(ofType(args, NODE_GROUP).flatMap((g) => dependenciesOf(g, "subnetIds")).map((s) => s.urn));
        for (const subnet of ofType(args, SUBNET)) {
            if (nodeSubnets.has(subnet.urn) && peek(subnet.props, "mapPublicIpOnLaunch") === true) {
                report(`${label(subnet)} holds nodes and sets mapPublicIpOnLaunch true; it must be false.`, subnet.urn);
            }
        }
    },
};
