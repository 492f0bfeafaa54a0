import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ingressWithinVpc, milvusNotExposed, nodesNoPublicIp } from "./exposure";
import { assertClean, assertViolations, configWith, findings } from "./testing/assert";
import { goodPlan, withChange, withNat, withResource } from "./testing/fixtures";

const SCHEME = "service.beta.kubernetes.io/aws-load-balancer-scheme";
const INTERNAL_LB = { internalLoadBalancers: ["milvus/milvus-proxy"] };

function proxyService(change: (i: any) => void) {
    return withChange("milvus-proxy", change);
}

describe(milvusNotExposed.name, () => {
    it("passes the known-good plan (ClusterIP services)", () => assertClean(milvusNotExposed, goodPlan()));

    it("flags a NodePort service of Milvus", () => {
        assertViolations(milvusNotExposed, proxyService((i) => { i.spec.type = "NodePort"; }), [
            "Service 'milvus/milvus-proxy' of Milvus or a dependency is of type NodePort, which opens a port on every node; Milvus and its dependencies stay ClusterIP.",
        ]);
    });

    it("flags a LoadBalancer without the internal scheme, even when the pack config lists it", () => {
        const doc = proxyService((i) => { i.spec.type = "LoadBalancer"; });
        assertViolations(milvusNotExposed, doc, [
            `Service 'milvus/milvus-proxy' of Milvus or a dependency is a LoadBalancer without the internal scheme (found ${SCHEME}: null); it needs ${SCHEME}: internal and a listing in internalLoadBalancers.`,
        ], undefined, configWith(milvusNotExposed, INTERNAL_LB));
    });

    it("flags an internal LoadBalancer the pack config does not list, and accepts it once listed", () => {
        const doc = proxyService((i) => { i.spec.type = "LoadBalancer"; i.metadata.annotations = { [SCHEME]: "internal" }; });
        assertViolations(milvusNotExposed, doc, [
            "Service 'milvus/milvus-proxy' of Milvus or a dependency is an internal LoadBalancer that the pack config's internalLoadBalancers does not list (allowed: none).",
        ]);
        assertViolations(milvusNotExposed, doc, [
            "Service 'milvus/milvus-proxy' of Milvus or a dependency is an internal LoadBalancer that the pack config's internalLoadBalancers does not list (allowed: milvus/other, milvus/more).",
        ], undefined, configWith(milvusNotExposed, { internalLoadBalancers: ["milvus/other", "milvus/more"] }));
        assertClean(milvusNotExposed, doc, undefined, configWith(milvusNotExposed, INTERNAL_LB));
        const legacy = proxyService((i) => { i.spec.type = "LoadBalancer"; i.metadata.annotations = { "service.beta.kubernetes.io/aws-load-balancer-internal": "true" }; });
        assertClean(milvusNotExposed, legacy, undefined, configWith(milvusNotExposed, INTERNAL_LB));
    });

    it("flags an internet-facing annotation on any Service, and on a Milvus one twice", () => {
        const other = withResource("kubernetes:core/v1:Service", "web", {
            metadata: { name: "web", namespace: "rag-api", annotations: { [SCHEME]: "internet-facing" } },
            spec: { type: "LoadBalancer", selector: { app: "web" } },
        });
        assertViolations(milvusNotExposed, other, [
            `Service 'rag-api/web' is annotated ${SCHEME}: internet-facing; no load balancer of this stack may face the internet, it needs ${SCHEME}: internal.`,
        ]);
        const milvus = proxyService((i) => { i.spec.type = "LoadBalancer"; i.metadata.annotations = { "service.beta.kubernetes.io/aws-load-balancer-internal": "false" }; });
        assertViolations(milvusNotExposed, milvus, [
            `Service 'milvus/milvus-proxy' is annotated service.beta.kubernetes.io/aws-load-balancer-internal: "false"; no load balancer of this stack may face the internet, it needs ${SCHEME}: internal.`,
            `Service 'milvus/milvus-proxy' of Milvus or a dependency is a LoadBalancer without the internal scheme (found ${SCHEME}: null); it needs ${SCHEME}: internal and a listing in internalLoadBalancers.`,
        ], undefined, configWith(milvusNotExposed, INTERNAL_LB));
    });

    it("finds dependencies by selector and leaves other LoadBalancers alone", () => {
        const etcd = withResource("kubernetes:core/v1:Service", "kv", {
            metadata: { name: "kv", namespace: "data" }, spec: { type: "NodePort", selector: { "app.kubernetes.io/name": "etcd" } },
        });
        assert.equal(findings(milvusNotExposed, etcd).length, 1);
        const byKey = withResource("kubernetes:core/v1:Service", "kv", {
            metadata: { name: "kv", namespace: "data" }, spec: { type: "NodePort", selector: { "pulsar.apache.org/role": "x" } },
        });
        assert.equal(findings(milvusNotExposed, byKey).length, 1);
        const web = withResource("kubernetes:core/v1:Service", "web", { metadata: { name: "web" }, spec: { type: "NodePort" } });
        assertClean(milvusNotExposed, web);
        assertClean(milvusNotExposed, withChange("milvus", (i) => { i.spec.components.proxy.ingress = null; i.spec.components.proxy.serviceAnnotations = "x"; }));
    });

    it("flags an Ingress to Milvus and an internet-facing Ingress anywhere", () => {
        const doc = withResource("kubernetes:networking.k8s.io/v1:Ingress", "search", {
            metadata: { name: "search", namespace: "rag-api", annotations: { "alb.ingress.kubernetes.io/scheme": "internet-facing" } },
            spec: {
                defaultBackend: { service: { name: "web" } },
                rules: [{ http: { paths: [{ path: "/", backend: { service: { name: "milvus-proxy" } } }, { path: "/x", backend: { resource: { kind: "Bucket" } } }] } }],
            },
        });
        assertViolations(milvusNotExposed, doc, [
            "Ingress 'rag-api/search' is annotated alb.ingress.kubernetes.io/scheme: internet-facing; no load balancer of this stack may face the internet.",
            "Ingress 'rag-api/search' routes to Milvus or a dependency (backends: web, milvus-proxy); they take no Ingress, use ClusterIP or a listed internal LoadBalancer.",
        ]);
        const inNamespace = withResource("kubernetes:networking.k8s.io/v1:Ingress", "ui", { metadata: { name: "ui", namespace: "milvus" }, spec: {} });
        assertViolations(milvusNotExposed, inNamespace, [
            "Ingress 'milvus/ui' routes to Milvus or a dependency (backends: none); they take no Ingress, use ClusterIP or a listed internal LoadBalancer.",
        ]);
        assertClean(milvusNotExposed, withResource("kubernetes:networking.k8s.io/v1:Ingress", "web", { metadata: { name: "web", namespace: "rag-api" }, spec: { rules: [{}] } }));
    });

    it("flags the Milvus proxy exposed through the Milvus resource", () => {
        const doc = withChange("milvus", (i) => {
            i.spec.components.proxy.serviceType = "LoadBalancer";
            i.spec.components.proxy.serviceAnnotations = { [SCHEME]: "internet-facing" };
            i.spec.components.proxy.ingress = { hosts: ["milvus.example.com"] };
        });
        assertViolations(milvusNotExposed, doc, [
            `Milvus 'milvus/milvus' annotates its proxy service ${SCHEME}: internet-facing; it needs ${SCHEME}: internal.`,
            `Milvus 'milvus/milvus' proxy service (spec.components.proxy.serviceType) is a LoadBalancer without the internal scheme (found ${SCHEME}: "internet-facing"); it needs ${SCHEME}: internal and a listing in internalLoadBalancers.`,
            "Milvus 'milvus/milvus' sets spec.components.proxy.ingress; Milvus takes no Ingress, use ClusterIP or a listed internal LoadBalancer.",
        ]);
        const internal = withChange("milvus", (i) => {
            i.spec.components.proxy.serviceType = "LoadBalancer";
            i.spec.components.proxy.serviceAnnotations = { [SCHEME]: "internal" };
        });
        assertClean(milvusNotExposed, internal, undefined, configWith(milvusNotExposed, { internalLoadBalancers: ["milvus/milvus"] }));
    });
});

function sg(ingress: object[]) {
    return withChange("network-endpoints", (i) => { i.ingress = ingress; });
}

describe(`${milvusNotExposed.name}: partial objects`, () => {
    it("reads Services, Ingresses and Milvus resources with missing parts", () => {
        let doc = withResource("kubernetes:core/v1:Service", "bare", {});
        doc = withResource("kubernetes:core/v1:Service", "milvus-np", { metadata: { namespace: "milvus" }, spec: { type: "NodePort" } }, {}, doc);
        doc = withResource("kubernetes:networking.k8s.io/v1:Ingress", "bare-ingress", {}, {}, doc);
        doc = withResource("kubernetes:networking.k8s.io/v1:Ingress", "odd-ingress", {
            metadata: { name: "odd", namespace: "web" }, spec: { rules: [null, { http: null }, { http: { paths: [null, { backend: null }, { backend: { service: null } }] } }] },
        }, {}, doc);
        doc = withResource("kubernetes:milvus.io/v1beta1:Milvus", "bare-milvus", { metadata: { name: "m", namespace: "search" } }, {}, doc);
        doc = withResource("kubernetes:core/v1:Service", "milvus-nospec", { metadata: { name: "s", namespace: "milvus" } }, {}, doc);
        doc = withResource("kubernetes:milvus.io/v1beta1:Milvus", "nameless", { spec: { components: {} } }, {}, doc);
        doc = withResource("kubernetes:milvus.io/v1beta1:Milvus", "no-components", { metadata: { name: "n", namespace: "search" }, spec: {} }, {}, doc);
        assertViolations(milvusNotExposed, doc, [
            "Service 'milvus/undefined' of Milvus or a dependency is of type NodePort, which opens a port on every node; Milvus and its dependencies stay ClusterIP.",
        ]);
    });
});

describe(ingressWithinVpc.name, () => {
    it("passes the known-good plan (HTTPS from the VPC to the endpoints)", () => assertClean(ingressWithinVpc, goodPlan()));

    it("flags a security group open to the internet on a Milvus port, and on every port", () => {
        const doc = sg([
            { cidrBlocks: ["0.0.0.0/0"], fromPort: 19530, toPort: 19530, protocol: "tcp" },
            { cidrBlocks: ["10.40.0.0/16"], ipv6CidrBlocks: ["::/0"], fromPort: 0, toPort: 0, protocol: "-1" },
            { cidrBlocks: ["0.0.0.0/0"], fromPort: 443, toPort: 443, protocol: "tcp" },
            { cidrBlocks: ["0.0.0.0/0"], fromPort: -1, toPort: -1, protocol: "icmp" },
            { cidrBlocks: ["0.0.0.0/0"], fromPort: -1, toPort: -1, protocol: "1" },
            { cidrBlocks: ["0.0.0.0/0"], fromPort: -1, toPort: -1, protocol: "58" },
            { ipv6CidrBlocks: ["::/0"], fromPort: -1, toPort: -1, protocol: "icmpv6" },
            { cidrBlocks: ["0.0.0.0/0"], fromPort: 0, toPort: 0, protocol: "ALL" },
            { cidrBlocks: ["0.0.0.0/0"], fromPort: 9092, toPort: 19529, protocol: "tcp" },
            { cidrBlocks: ["0.0.0.0/0"], fromPort: 19531, toPort: 20000, protocol: "6" },
        ]);
        const tail = "which reaches Milvus or dependency ports; allowed sources: the VPC (10.40.0.0/16) and clientCidrs (none).";
        assertViolations(ingressWithinVpc, doc, [
            `SecurityGroup 'network-endpoints' ingress 0 admits 0.0.0.0/0 on port 19530, ${tail}`,
            `SecurityGroup 'network-endpoints' ingress 1 admits ::/0 on every port, ${tail}`,
            `SecurityGroup 'network-endpoints' ingress 7 admits 0.0.0.0/0 on every port, ${tail}`,
        ]);
    });

    it("admits the configured client CIDRs, and only those", () => {
        const doc = sg([{ cidrBlocks: ["192.168.10.0/24", "192.168.0.0/16"], fromPort: 2379, toPort: 2380, protocol: "tcp" }]);
        const two = withResource("aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation", "extra", { cidrBlock: "100.64.0.0/16" }, {}, doc);
        assertViolations(ingressWithinVpc, two, [
            "SecurityGroup 'network-endpoints' ingress 0 admits 192.168.0.0/16 on ports 2379-2380, which reaches Milvus or dependency ports; allowed sources: the VPC (10.40.0.0/16, 100.64.0.0/16) and clientCidrs (192.168.10.0/24, 172.16.0.0/12).",
        ], undefined, configWith(ingressWithinVpc, { clientCidrs: ["192.168.10.0/24", "172.16.0.0/12"] }));
    });

    it("covers the default security group, and says so when the stack has no VPC", () => {
        const doc = withResource("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "default", { ingress: [{ cidrBlocks: ["10.0.0.0/8"], fromPort: 2181, toPort: 2181, protocol: "tcp" }] });
        doc.deployment.resources = doc.deployment.resources.filter((r) => r.type !== "aws:ec2/vpc:Vpc");
        assertViolations(ingressWithinVpc, doc, [
            "DefaultSecurityGroup 'default' ingress 0 admits 10.0.0.0/8 on port 2181, which reaches Milvus or dependency ports; allowed sources: the VPC (none) and clientCidrs (none).",
        ]);
    });

    it("covers security-group rule resources of both providers", () => {
        let doc = withResource("aws:ec2/securityGroupRule:SecurityGroupRule", "open", { type: "ingress", cidrBlocks: ["203.0.113.0/24"], fromPort: 6000, toPort: 7000, protocol: "tcp" });
        doc = withResource("aws:ec2/securityGroupRule:SecurityGroupRule", "out", { type: "egress", cidrBlocks: ["0.0.0.0/0"], fromPort: 0, toPort: 0, protocol: "-1" }, {}, doc);
        doc = withResource("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "v6", { cidrIpv6: "2001:db8::/32", fromPort: 9091, toPort: 9091, ipProtocol: "tcp" }, {}, doc);
        doc = withResource("aws:ec2/securityGroupRule:SecurityGroupRule", "open6", { type: "ingress", ipv6CidrBlocks: ["::/0"], fromPort: 0, toPort: 0, protocol: "-1" }, {}, doc);
        doc = withResource("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "v4", { cidrIpv4: "0.0.0.0/0", fromPort: 0, toPort: 0, ipProtocol: "-1" }, {}, doc);
        doc = withResource("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "inside", { cidrIpv4: "10.40.3.0/24", ipProtocol: "-1" }, {}, doc);
        doc = withResource("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "later", { cidrIpv4: "04da6b54-80e4-46f7-96ec-b56ff0331ba9", ipProtocol: "all" }, {}, doc);
        const tail = "which reaches Milvus or dependency ports; allowed sources: the VPC (10.40.0.0/16) and clientCidrs (none).";
        assertViolations(ingressWithinVpc, doc, [
            `SecurityGroupRule 'open' admits 203.0.113.0/24 on ports 6000-7000, ${tail}`,
            `SecurityGroupIngressRule 'v6' admits 2001:db8::/32 on port 9091, ${tail}`,
            `SecurityGroupRule 'open6' admits ::/0 on every port, ${tail}`,
            `SecurityGroupIngressRule 'v4' admits 0.0.0.0/0 on every port, ${tail}`,
        ]);
    });

    it("flags a NetworkPolicy ipBlock from outside the VPC in front of Milvus", () => {
        const doc = withChange("milvus-ingress", (i) => {
            i.spec.ingress.push({ from: [{ ipBlock: { cidr: "198.51.100.0/24" } }, { ipBlock: { cidr: "10.40.0.0/20" } }] });
            i.spec.ingress.push({ from: [{ ipBlock: { cidr: "198.51.100.0/24" } }], ports: [{ port: 2000, endPort: 2500 }, { port: "grpc" }, { port: 443 }, { port: 9091, endPort: 80 }, { port: null }, {}] });
        });
        const tail = "which reaches Milvus or dependency ports; allowed sources: the VPC (10.40.0.0/16) and clientCidrs (none).";
        assertViolations(ingressWithinVpc, doc, [
            `NetworkPolicy 'milvus/milvus-ingress' ingress rule 2 admits 198.51.100.0/24 on every port, ${tail}`,
            `NetworkPolicy 'milvus/milvus-ingress' ingress rule 3 admits 198.51.100.0/24 on ports 2000-2500, ${tail}`,
            `NetworkPolicy 'milvus/milvus-ingress' ingress rule 3 admits 198.51.100.0/24 on named port grpc, ${tail}`,
            `NetworkPolicy 'milvus/milvus-ingress' ingress rule 3 admits 198.51.100.0/24 on port 9091, ${tail}`,
            `NetworkPolicy 'milvus/milvus-ingress' ingress rule 3 admits 198.51.100.0/24 on every port, ${tail}`,
            `NetworkPolicy 'milvus/milvus-ingress' ingress rule 3 admits 198.51.100.0/24 on every port, ${tail}`,
        ]);
    });

    it("looks at NetworkPolicies selecting Milvus pods elsewhere, not at others", () => {
        const policy = (name: string, podSelector: object) => ({
            metadata: { name, namespace: "shared" },
            spec: { podSelector, ingress: [{ from: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ port: 19530 }] }] },
        });
        let doc = withResource("kubernetes:networking.k8s.io/v1:NetworkPolicy", "a", policy("a", { matchLabels: { app: "milvus" } }));
        doc = withResource("kubernetes:networking.k8s.io/v1:NetworkPolicy", "b", policy("b", { matchLabels: { app: "web" } }), {}, doc);
        doc = withResource("kubernetes:networking.k8s.io/v1:NetworkPolicy", "c", { metadata: { name: "c", namespace: "shared" }, spec: { podSelector: { matchLabels: { app: "pulsar" } } } }, {}, doc);
        assert.deepEqual(findings(ingressWithinVpc, doc).map((v) => v.message.slice(0, 39)), ["NetworkPolicy 'shared/a' ingress rule 0"]);
    });

    it("waits for the VPC range, and for Kubernetes objects at preview", () => {
        const open = [{ cidrBlocks: ["0.0.0.0/0"], fromPort: 19530, toPort: 19530, protocol: "tcp" }];
        assertClean(ingressWithinVpc, withChange("network-vpc", (i) => { i.cidrBlock = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"; }, sg(open)));
        assertClean(ingressWithinVpc, withChange("network-vpc", (i) => { delete i.cidrBlock; i.ipv4IpamPoolId = "ipam-pool-1"; }, sg(open)));
        const pending = withChange("milvus-ingress", (i, r) => {
            i.spec.ingress.push({ from: [{ ipBlock: { cidr: "0.0.0.0/0" } }] });
            r.outputs = {};
        });
        const k8s = pending.deployment.resources.find((r) => r.urn.endsWith("::milvus-namespace"))!;
        k8s.inputs = {};
        k8s.outputs = {};
        assertClean(ingressWithinVpc, pending);
        assert.equal(findings(ingressWithinVpc, withResource("aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation", "extra", { cidrBlock: "100.64.0.0/16" }, {}, sg([
            { cidrBlocks: ["100.64.1.0/24"], fromPort: 19530, toPort: 19530, protocol: "tcp" },
        ]))).length, 0);
    });
});

describe(`${ingressWithinVpc.name}: partial objects`, () => {
    it("reads security groups and NetworkPolicies with missing parts", () => {
        let doc = sg([null as any, {}, { cidrBlocks: "0.0.0.0/0", fromPort: 2379, toPort: 2379, protocol: "tcp" }]);
        doc = withResource("kubernetes:networking.k8s.io/v1:NetworkPolicy", "bare", { metadata: { namespace: "milvus" } }, {}, doc);
        doc = withResource("kubernetes:networking.k8s.io/v1:NetworkPolicy", "anonymous", { spec: { podSelector: { matchLabels: { app: "etcd" } }, ingress: [{ from: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ port: 2379 }] }] } }, {}, doc);
        doc = withResource("kubernetes:networking.k8s.io/v1:NetworkPolicy", "odd", {
            metadata: { name: "odd", namespace: "milvus" }, spec: { ingress: [null, { from: [null, { ipBlock: null }, { ipBlock: { cidr: "0.0.0.0/0" } }], ports: [null] }] },
        }, {}, doc);
        const tail = "which reaches Milvus or dependency ports; allowed sources: the VPC (10.40.0.0/16) and clientCidrs (none).";
        assertViolations(ingressWithinVpc, doc, [
            `SecurityGroup 'network-endpoints' ingress 2 admits 0.0.0.0/0 on port 2379, ${tail}`,
            `NetworkPolicy 'default/undefined' ingress rule 0 admits 0.0.0.0/0 on port 2379, ${tail}`,
            `NetworkPolicy 'milvus/odd' ingress rule 1 admits 0.0.0.0/0 on every port, ${tail}`,
        ]);
    });
});

describe(nodesNoPublicIp.name, () => {
    it("passes the known-good plan", () => assertClean(nodesNoPublicIp, goodPlan()));

    it("flags a launch template and an instance asking for a public IP", () => {
        let doc = withChange("query-node-template", (i) => { i.networkInterfaces = [{ associatePublicIpAddress: "false" }, { associatePublicIpAddress: "true" }, { associatePublicIpAddress: true }]; });
        doc = withResource("aws:ec2/instance:Instance", "bastion", { associatePublicIpAddress: true }, {}, doc);
        doc = withResource("aws:ec2/instance:Instance", "quiet", { associatePublicIpAddress: false }, {}, doc);
        assertViolations(nodesNoPublicIp, doc, [
            "LaunchTemplate 'query-node-template' networkInterfaces[1].associatePublicIpAddress is true; nodes must have no public IP.",
            "LaunchTemplate 'query-node-template' networkInterfaces[2].associatePublicIpAddress is true; nodes must have no public IP.",
            "Instance 'bastion' sets associatePublicIpAddress true; instances must have no public IP.",
        ]);
    });

    it("flags a node subnet that maps public IPs, not a subnet without nodes", () => {
        const doc = withChange("network-private-a", (i, r) => { if (r.type.endsWith("Subnet")) i.mapPublicIpOnLaunch = true; });
        assertViolations(nodesNoPublicIp, doc, ["Subnet 'network-private-a' holds nodes and sets mapPublicIpOnLaunch true; it must be false."]);
        assertClean(nodesNoPublicIp, withChange("network-public-a", (i, r) => { if (r.type.endsWith("Subnet")) i.mapPublicIpOnLaunch = true; }, withNat()));
    });
});
