import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { internetEgress } from "./egress";
import { assertClean, assertViolations, configWith, findings } from "./testing/assert";
import { goodPlan, urn, without, withChange, withNat, withResource } from "./testing/fixtures";

/** Prod's shipped pack config says "denied"; the specs pass this one to judge dev's setting. */
const NAT_ONLY = () => configWith(internetEgress, { internetEgress: "natOnly" });
const PRIVATE_TABLE = urn("sovereign:network:Network$aws:ec2/routeTable:RouteTable", "network-private-a");
const PUBLIC_TABLE = urn("sovereign:network:Network$aws:ec2/routeTable:RouteTable", "network-public");
const IGW = urn("sovereign:network:Network$aws:ec2/internetGateway:InternetGateway", "network-igw");

/** Dev's NAT shape with the private subnet's default route sent to the internet gateway instead of the NAT gateway. */
function privateToIgw(gatewayId = "igw-1", deps: string[] = [IGW]) {
    return withChange("network-private-a-default", (i, r) => {
        delete i.natGatewayId;
        i.gatewayId = gatewayId;
        r.propertyDependencies = { routeTableId: [PRIVATE_TABLE], gatewayId: deps };
    }, withNat());
}

/**
 * The program's plan in a landing zone's VPC: no network of its own, the node group and the cluster
 * given a landing zone's subnets as plain ids, with no Subnet resource behind them.
 */
const LZ_A = "subnet-0aaa1111aaaa1111a";
const LZ_B = "subnet-0bbb2222bbbb2222b";
function inLandingZone() {
    const doc = without(["network", "network-vpc", "network-private-a", "network-flow-logs"]);
    const networkTypes = /aws:ec2\/(subnet|routeTable|routeTableAssociation|route|vpcEndpoint|securityGroup|natGateway|internetGateway):/;
    doc.deployment.resources = doc.deployment.resources.filter((r) => !networkTypes.test(r.type));
    withChange("query-node-group", (i, r) => { i.subnetIds = [LZ_A, LZ_B]; r.propertyDependencies = {}; }, doc);
    return withChange("cluster-eks", (i, r) => { i.vpcConfig.subnetIds = [LZ_A, LZ_B]; r.propertyDependencies = {}; }, doc);
}
const withLandingZoneSubnets = (subnets: string[], mode = "denied") =>
    configWith(internetEgress, { internetEgress: mode, landingZoneSubnets: subnets });

describe(internetEgress.name, () => {
    it("passes today's prod plan, with no internet or NAT route, under prod's shipped config (denied)", () => assertClean(internetEgress, goodPlan()));

    it("passes dev's shape, a private subnet routed through a NAT gateway, under natOnly", () => assertClean(internetEgress, withNat(), undefined, NAT_ONLY()));

    it("flags the NAT route of a private subnet where internet egress is denied", () => {
        assertViolations(internetEgress, withNat(), [
            "Route 'network-private-a-default' sends 0.0.0.0/0 from private RouteTable 'network-private-a' (subnet network-private-a) to NAT gateway nat-1; "
            + "internetEgress is \"denied\" for this stack, so private subnets reach AWS only through VPC endpoints.",
        ]);
    });

    it("flags a private subnet routed to the internet gateway under natOnly, by id or by dependency", () => {
        const message = (gw: string) => `Route 'network-private-a-default' sends 0.0.0.0/0 from private RouteTable 'network-private-a' (subnet network-private-a) to internet gateway ${gw}; `
            + "with internetEgress \"natOnly\" a private subnet reaches the internet only through a NAT gateway.";
        assertViolations(internetEgress, privateToIgw(), [message("igw-1")], undefined, NAT_ONLY());
        assertViolations(internetEgress, privateToIgw("igw-2", []), [message("igw-2")], undefined, NAT_ONLY());
        assertViolations(internetEgress, privateToIgw("04da6b54-80e4-46f7-96ec-b56ff0331ba9"), [message("(from this stack)")], undefined, NAT_ONLY());
        assertClean(internetEgress, privateToIgw("vpce-1", []), undefined, NAT_ONLY());
    });

    it("names a NAT gateway known only after apply, and an IPv6 destination", () => {
        const doc = withChange("network-private-a-default", (i) => {
            i.natGatewayId = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
            delete i.destinationCidrBlock;
            i.destinationIpv6CidrBlock = "::/0";
        }, withNat());
        assertViolations(internetEgress, doc, [
            "Route 'network-private-a-default' sends ::/0 from private RouteTable 'network-private-a' (subnet network-private-a) to NAT gateway (from this stack); "
            + "internetEgress is \"denied\" for this stack, so private subnets reach AWS only through VPC endpoints.",
        ]);
    });

    it("judges a route whose table is not known, and an inline route by its cidrBlock", () => {
        const doc = withResource("aws:ec2/route:Route", "loose", { destinationCidrBlock: "0.0.0.0/0", natGatewayId: "nat-7", routeTableId: "rtb-x" });
        const table = doc.deployment.resources.find((r) => r.urn === PRIVATE_TABLE)!;
        table.inputs.routes = table.outputs.routes = [{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-8" }];
        assertViolations(internetEgress, doc, [
            "Route 'loose' sends 0.0.0.0/0 to NAT gateway nat-7; internetEgress is \"denied\" for this stack, so private subnets reach AWS only through VPC endpoints.",
            "RouteTable 'network-private-a' routes[0] sends 0.0.0.0/0 from private RouteTable 'network-private-a' (subnet network-private-a) to NAT gateway nat-8; "
            + "internetEgress is \"denied\" for this stack, so private subnets reach AWS only through VPC endpoints.",
        ]);
    });

    it("flags an egress-only gateway and inline routes of a private route table", () => {
        const doc = goodPlan();
        const table = doc.deployment.resources.find((r) => r.urn === PRIVATE_TABLE)!;
        table.inputs.routes = table.outputs.routes = [{ ipv6CidrBlock: "::/0", egressOnlyGatewayId: "eigw-1" }, { cidrBlock: "10.50.0.0/16", transitGatewayId: "tgw-1" }];
        assertViolations(internetEgress, doc, [
            "RouteTable 'network-private-a' routes[0] sends ::/0 from private RouteTable 'network-private-a' (subnet network-private-a) to egress-only internet gateway eigw-1; "
            + "with internetEgress \"natOnly\" a private subnet reaches the internet only through a NAT gateway.",
        ], undefined, NAT_ONLY());
    });

    it("flags a private subnet routed to the internet gateway where internet egress is denied; finds private subnets by tag alone", () => {
        const message = "Route 'network-private-a-default' sends 0.0.0.0/0 from private RouteTable 'network-private-a' (subnet network-private-a) to internet gateway igw-1; "
            + "internetEgress is \"denied\" for this stack, so private subnets reach AWS only through VPC endpoints.";
        assertViolations(internetEgress, privateToIgw(), [message]);
        const tagOnly = withChange("query-node-group", (_i, r) => { r.propertyDependencies = {}; }, privateToIgw());
        assertViolations(internetEgress, tagOnly, [message]);
        const endpoint = withResource("aws:ec2/vpcEndpoint:VpcEndpoint", "ecr", { subnetIds: ["subnet-public-a"] }, {
            propertyDependencies: { subnetIds: [urn("sovereign:network:Network$aws:ec2/subnet:Subnet", "network-public-a")] },
        });
        assertClean(internetEgress, endpoint);
        const viaEndpoint = withChange("network-private-a-default", (i, r) => {
            delete i.natGatewayId;
            i.gatewayId = "vpce-1";
            r.propertyDependencies = { routeTableId: [PRIVATE_TABLE], gatewayId: [urn("aws:ec2/vpcEndpoint:VpcEndpoint", "ecr")] };
        }, withNat(endpoint));
        assertClean(internetEgress, viaEndpoint);
        const eigw = withChange("network-private-a-default", (i) => { i.egressOnlyGatewayId = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"; delete i.natGatewayId; }, withNat());
        assert.match(findings(internetEgress, eigw)[0].message, /to egress-only internet gateway \(from this stack\); /);
    });

    it("accepts the public subnets' internet route, and finds private subnets by node group when they carry no tag", () => {
        assertClean(internetEgress, withNat(), undefined, NAT_ONLY());
        const untagged = withChange("network-private-a", (i, r) => { if (r.type.endsWith("Subnet")) delete i.tags; }, privateToIgw());
        assert.equal(findings(internetEgress, untagged, undefined, NAT_ONLY()).length, 1);
        const unused = withChange("query-node-group", (_i, r) => { r.propertyDependencies = {}; }, untagged);
        assertClean(internetEgress, unused, undefined, NAT_ONLY());
        const cluster = withChange("cluster-eks", (_i, r) => { r.propertyDependencies = { vpcConfig: [urn("sovereign:network:Network$aws:ec2/subnet:Subnet", "network-private-a")] }; }, unused);
        assert.equal(findings(internetEgress, cluster, undefined, NAT_ONLY()).length, 1);
        const publicNat = withChange("network-public-default", (i, r) => { delete i.gatewayId; i.natGatewayId = "nat-9"; r.propertyDependencies = { routeTableId: [PUBLIC_TABLE] }; }, withNat());
        assert.deepEqual(findings(internetEgress, publicNat).map((v) => v.message.slice(0, 69)), [
            "Route 'network-public-default' sends 0.0.0.0/0 to NAT gateway nat-9; ",
            "Route 'network-private-a-default' sends 0.0.0.0/0 from private RouteT",
        ]);
    });

    it("refuses nodes in a landing zone's subnets whose routing no reviewer has confirmed: their routes are not in the plan", () => {
        const message = (id: string) => `NodeGroup 'query-node-group' uses ${id}, a subnet this plan does not create: its routes are not in the plan, `
            + "so internetEgress \"denied\" cannot be judged here. Confirm that the landing zone routes it to AWS only through VPC endpoints, "
            + "with no route to a NAT or internet gateway, then list it in the pack config's landingZoneSubnets.";
        assertViolations(internetEgress, inLandingZone(), [message(LZ_A), message(LZ_B)]);
        assertViolations(internetEgress, inLandingZone(), [message(LZ_B)], undefined, withLandingZoneSubnets([LZ_A]));
        assertClean(internetEgress, inLandingZone(), undefined, withLandingZoneSubnets([LZ_B, LZ_A]));
        assert.match(findings(internetEgress, inLandingZone(), undefined, withLandingZoneSubnets([], "natOnly"))[0].message,
            /internetEgress "natOnly" cannot be judged here\. Confirm that the landing zone routes it to the internet only through NAT, never straight to an internet gateway,/);
    });

    it("judges the cluster's subnets too, and leaves alone subnets the plan creates or ids that are not subnet ids", () => {
        const clusterOnly = withChange("query-node-group", (i) => { i.subnetIds = [LZ_A]; }, inLandingZone());
        assert.deepEqual(findings(internetEgress, clusterOnly).map((v) => v.message.split(",")[0]), [
            `NodeGroup 'query-node-group' uses ${LZ_A}`, `Cluster 'cluster-eks' uses ${LZ_B}`]);
        // The shipped prod shape: node groups depend on the plan's own subnets, whatever their ids look like.
        const created = withChange("query-node-group", (i) => { i.subnetIds = [LZ_A]; }, goodPlan());
        assertClean(internetEgress, created);
        const unknown = withChange("query-node-group", (i, r) => { i.subnetIds = ["04da6b54-80e4-46f7-96ec-b56ff0331ba9", "subnet-XYZ"]; r.propertyDependencies = {}; }, inLandingZone());
        assert.deepEqual(findings(internetEgress, unknown).map((v) => v.message.split(",")[0]), [`Cluster 'cluster-eks' uses ${LZ_A}`, `Cluster 'cluster-eks' uses ${LZ_B}`]);
    });

    it("flags NetworkPolicy egress to 0.0.0.0/0 or to every address where internet egress is denied", () => {
        const doc = withResource("kubernetes:networking.k8s.io/v1:NetworkPolicy", "egress", {
            metadata: { name: "allow-egress", namespace: "milvus" },
            spec: {
                podSelector: {}, policyTypes: ["Egress"],
                egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["169.254.169.254/32"] } }, { ipBlock: { cidr: "10.40.0.0/16" } }] }, {}, { to: [{ namespaceSelector: {} }] }],
            },
        });
        assertViolations(internetEgress, doc, [
            "NetworkPolicy 'milvus/allow-egress' egress rule 0 reaches ipBlock 0.0.0.0/0; internetEgress is \"denied\", name in-VPC destinations.",
            "NetworkPolicy 'milvus/allow-egress' egress rule 1 has no 'to' and so reaches every address, 0.0.0.0/0 included; internetEgress is \"denied\", name in-VPC destinations.",
        ]);
        assertClean(internetEgress, doc, undefined, NAT_ONLY());
        const odd = withResource("kubernetes:networking.k8s.io/v1:NetworkPolicy", "odd", { metadata: { namespace: "x" }, spec: { egress: [{ to: [null, { ipBlock: null }, { ipBlock: { cidr: "0.0.0.0/0" } }] }, null] } }, {},
            withResource("kubernetes:networking.k8s.io/v1:NetworkPolicy", "bare", { metadata: { namespace: "y" } }, {},
                withResource("kubernetes:networking.k8s.io/v1:NetworkPolicy", "nameless", { spec: { egress: [{ to: [{ ipBlock: { cidr: "::/0" } }] }] } }, {}, doc)));
        assert.deepEqual(findings(internetEgress, odd).map((v) => v.message.split(";")[0]), [
            "NetworkPolicy 'milvus/allow-egress' egress rule 0 reaches ipBlock 0.0.0.0/0",
            "NetworkPolicy 'milvus/allow-egress' egress rule 1 has no 'to' and so reaches every address, 0.0.0.0/0 included",
            "NetworkPolicy 'default/undefined' egress rule 0 reaches ipBlock ::/0",
            "NetworkPolicy 'x/undefined' egress rule 0 reaches ipBlock 0.0.0.0/0",
            "NetworkPolicy 'x/undefined' egress rule 1 has no 'to' and so reaches every address, 0.0.0.0/0 included",
        ]);
        const pending = withChange("milvus-namespace", (i, r) => { for (const k of Object.keys(i)) delete i[k]; r.outputs = {}; }, doc);
        assertClean(internetEgress, pending);
    });
});
