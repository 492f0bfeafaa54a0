// Egress: where the stack's pack config denies internet egress, no private subnet routes to an
// internet or NAT gateway and no NetworkPolicy lets pods reach 0.0.0.0/0; where it allows NAT only,
// no private subnet routes straight to an internet gateway.
import type { PolicyResource } from "@pulumi/policy";
import { reachesEveryAddress } from "./cidr";
import type { EgressConfig } from "./config";
import { internetEgressSchema, SUBNET_ID_PATTERN } from "./config";
import { EKS_CLUSTER } from "./eks";
import { NETWORK_POLICY, namespaceOf, pendingAtPreview } from "./kubernetes";
import { NODE_GROUP } from "./exposure";
import { asArray, dependenciesOf, isSet, isUnknownValue, label, ofType, peek, ProjectStackPolicy } from "./policy";

const SUBNET = "aws:ec2/subnet:Subnet";
const ROUTE = "aws:ec2/route:Route";
const ROUTE_TABLE = "aws:ec2/routeTable:RouteTable";
const ASSOCIATION = "aws:ec2/routeTableAssociation:RouteTableAssociation";
const INTERNET_GATEWAY = "aws:ec2/internetGateway:InternetGateway";
const INTERNAL_ELB_TAG = "kubernetes.io/role/internal-elb";

/** Private subnets: those the node groups and the cluster use, and those tagged for internal load balancers. */
function privateSubnets(args: { resources: PolicyResource[] }): Set<string> {
    const users = args.resources.filter((r) => r.type === NODE_GROUP || r.type === EKS_CLUSTER);
    const out = new Set(users.flatMap((u) => [...dependenciesOf(u, "subnetIds"), ...dependenciesOf(u, "vpcConfig")]).map((s) => s.urn));
    // Stryker disable next-line MethodExpression,ConditionalExpression: equivalent, only subnets are ever looked up in the set
    for (const s of args.resources.filter((r) => r.type === SUBNET)) {
        const tags = peek(s.props, "tags");
        if (peek(tags, INTERNAL_ELB_TAG) !== undefined) out.add(s.urn);
    }
    return out;
}

const SUBNET_ID = new RegExp(SUBNET_ID_PATTERN);

/**
 * Subnets the node groups and the cluster use that this plan does not create: well-formed subnet
 * ids written into the plan as values, with no Subnet resource of the plan behind the property (a
 * landing zone's subnets). Their routes are not in the plan, so this policy cannot judge them; each
 * maps to the first resource that uses it.
 */
function subnetsFromElsewhere(args: { resources: PolicyResource[] }): Map<string, PolicyResource> {
    const out = new Map<string, PolicyResource>();
    // Node groups first: their nodes are where traffic leaves from, so a finding names them.
    for (const u of [...args.resources.filter((r) => r.type === NODE_GROUP), ...args.resources.filter((r) => r.type === EKS_CLUSTER)]) {
        const property = u.type === NODE_GROUP ? "subnetIds" : "vpcConfig";
        if (dependenciesOf(u, property).some((d) => d.type === SUBNET)) continue;
        const ids = u.type === NODE_GROUP ? peek(u.props, "subnetIds") : peek(peek(u.props, "vpcConfig"), "subnetIds");
        for (const id of asArray(ids)) {
            if (typeof id === "string" && SUBNET_ID.test(id) && !out.has(id)) out.set(id, u);
        }
    }
    return out;
}

/** How a landing zone must route a subnet for the stack's internetEgress, for messages. */
const LANDING_ZONE_ROUTING: Record<string, string> = {
    denied: "to AWS only through VPC endpoints, with no route to a NAT or internet gateway",
    natOnly: "to the internet only through NAT, never straight to an internet gateway",
};

/** Route tables associated with a private subnet, each with the subnet that makes it private. */
function privateRouteTables(args: { resources: PolicyResource[] }, subnets: Set<string>): Map<string, string> {
    const out = new Map<string, string>();
    // Stryker disable next-line MethodExpression,ConditionalExpression: equivalent, only associations tie a route table to a subnet
    for (const a of args.resources.filter((r) => r.type === ASSOCIATION)) {
        const subnet = dependenciesOf(a, "subnetId").find((s) => subnets.has(s.urn));
        if (!subnet) continue;
        for (const t of dependenciesOf(a, "routeTableId")) out.set(t.urn, subnet.name);
    }
    return out;
}

/** A gateway id for messages; one known only after apply comes from this stack. */
function show(v: unknown): string {
    return isUnknownValue(v) ? "(from this stack)" : String(v);
}

/** What a route sends traffic to, when that is the internet: "NAT gateway ...", "internet gateway ...", or undefined. */
function internetTarget(route: any, gatewayDeps: PolicyResource[]): { kind: "nat" | "igw"; text: string } | undefined {
    if (isSet(route, "natGatewayId")) return { kind: "nat", text: `NAT gateway ${show(peek(route, "natGatewayId"))}` };
    if (isSet(route, "egressOnlyGatewayId")) return { kind: "igw", text: `egress-only internet gateway ${show(peek(route, "egressOnlyGatewayId"))}` };
    const gw = peek(route, "gatewayId");
    if ((typeof gw === "string" && gw.startsWith("igw-")) || gatewayDeps.some((d) => d.type === INTERNET_GATEWAY)) {
        return { kind: "igw", text: `internet gateway ${show(gw)}` };
    }
    return undefined;
}

export const internetEgress: ProjectStackPolicy = {
    name: "sovereignty-internet-egress",
    description: "Internet egress follows the stack's pack config (internetEgress): \"denied\" allows no route from a private subnet to an internet or NAT gateway and no NetworkPolicy egress to 0.0.0.0/0; \"natOnly\" allows outbound traffic through NAT gateways, never a private subnet routed straight to an internet gateway. Nodes or the cluster in a subnet the plan does not create (a landing zone's) are allowed only where the pack config lists it in landingZoneSubnets.",
    enforcementLevel: "mandatory",
    remediationSteps: "Route private subnets only to VPC endpoints (S3 gateway, ECR, STS, EC2, Logs, KMS, EKS); remove NAT routes where internetEgress is denied, and never route a private subnet to the internet gateway. Give NetworkPolicy egress rules explicit in-VPC destinations. For a landing zone's subnets (existingPrivateSubnetIds), whose routes are not in the plan, confirm their routing with the landing zone's owners and list them in the pack config's landingZoneSubnets.",
    configSchema: internetEgressSchema,
    validateStack: (args, report) => {
        const { internetEgress: mode, landingZoneSubnets } = args.getConfig<EgressConfig>();
        const confirmed = landingZoneSubnets ?? [];
        for (const [id, user] of subnetsFromElsewhere(args)) {
            if (confirmed.includes(id)) continue;
            report(`${label(user)} uses ${id}, a subnet this plan does not create: its routes are not in the plan, so internetEgress "${mode}" cannot be judged here. `
                + `Confirm that the landing zone routes it ${LANDING_ZONE_ROUTING[mode]}, then list it in the pack config's landingZoneSubnets.`, user.urn);
        }
        const tables = privateRouteTables(args, privateSubnets(args));
        const judge = (r: PolicyResource, route: any, where: string, table: PolicyResource | undefined, gatewayDeps: PolicyResource[]) => {
            const target = internetTarget(route, gatewayDeps);
            if (!target) return;
            const subnet = table ? tables.get(table.urn) : undefined;
            const destination = peek(route, "destinationCidrBlock") ?? peek(route, "cidrBlock") ?? peek(route, "destinationIpv6CidrBlock") ?? peek(route, "ipv6CidrBlock");
            const from = subnet !== undefined ? ` from private ${label(table!)} (subnet ${subnet})` : "";
            if (mode === "denied" && (target.kind === "nat" || subnet !== undefined)) {
                report(`${where} sends ${String(destination)}${from} to ${target.text}; internetEgress is "denied" for this stack, so private subnets reach AWS only through VPC endpoints.`, r.urn);
            } else if (target.kind === "igw" && subnet !== undefined) {
                report(`${where} sends ${String(destination)}${from} to ${target.text}; with internetEgress "natOnly" a private subnet reaches the internet only through a NAT gateway.`, r.urn);
            }
        };
        for (const r of ofType(args, ROUTE)) {
            judge(r, r.props, label(r), dependenciesOf(r, "routeTableId")[0], dependenciesOf(r, "gatewayId"));
        }
        for (const t of ofType(args, ROUTE_TABLE)) {
            // Stryker disable next-line ArrayDeclaration: equivalent, an inline route has no dependencies and a string is not an internet gateway
            asArray(peek(t.props, "routes")).forEach((route, i) => judge(t, route, `${label(t)} routes[${i}]`, t, []));
        }
        if (mode !== "denied" || pendingAtPreview(args.resources)) return;
        for (const p of ofType(args, NETWORK_POLICY)) {
            const name = `NetworkPolicy '${namespaceOf(p.props)}/${(p.props as any).metadata?.name}'`;
            asArray((p.props as any).spec?.egress).forEach((rule, i) => {
                const to = asArray(rule?.to);
                if (to.length === 0) {
                    report(`${name} egress rule ${i} has no 'to' and so reaches every address, 0.0.0.0/0 included; internetEgress is "denied", name in-VPC destinations.`, p.urn);
                    return;
                }
                for (const peer of to) {
                    const cidr = peer?.ipBlock?.cidr;
                    if (reachesEveryAddress(String(cidr))) { // a missing or non-string cidr is no range
                        report(`${name} egress rule ${i} reaches ipBlock ${cidr}; internetEgress is "denied", name in-VPC destinations.`, p.urn);
                    }
                }
            });
        }
    },
};
