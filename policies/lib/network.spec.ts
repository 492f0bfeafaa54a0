import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cidrWithin, eksPublicEndpointRestricted, milvusDependenciesNotExposed, milvusNamespaceNetworkPolicy } from "./network";
import { assertClean, assertViolations, findings, readConfig } from "./testing/assert";
import { goodPlan, withChange, withResource, without } from "./testing/fixtures";

describe(eksPublicEndpointRestricted.name, () => {
    it("passes the known-good plan", () => assertClean(eksPublicEndpointRestricted, goodPlan()));

    it("flags a public endpoint in prod, where no CIDR is allowed", () => {
        assertViolations(eksPublicEndpointRestricted, withChange("cluster-eks", (i) => { i.vpcConfig.endpointPublicAccess = true; i.vpcConfig.publicAccessCidrs = ["203.0.113.0/24"]; }),
            ["vpcConfig.endpointPublicAccess is true; this stack allows no public endpoint."]);
    });

    it("treats an unset endpointPublicAccess as public (the AWS default)", () => {
        assertViolations(eksPublicEndpointRestricted, withChange("cluster-eks", (i) => { delete i.vpcConfig.endpointPublicAccess; }),
            ["vpcConfig.endpointPublicAccess is unset (AWS defaults it to true); this stack allows no public endpoint."]);
    });

    it("flags a private endpoint that is off", () => {
        assertViolations(eksPublicEndpointRestricted, withChange("cluster-eks", (i) => { i.vpcConfig.endpointPrivateAccess = false; }),
            ["vpcConfig.endpointPrivateAccess is not true; nodes and operators must reach the API privately."]);
    });

    it("allows a public endpoint limited to dev's CIDRs", () => {
        assertClean(eksPublicEndpointRestricted, withChange("cluster-eks", (i) => { i.vpcConfig.endpointPublicAccess = true; i.vpcConfig.publicAccessCidrs = ["203.0.113.64/26"]; }), "dev-me-central-1");
    });

    it("flags dev CIDRs outside the allowed ones, and a missing list", () => {
        assertViolations(eksPublicEndpointRestricted, withChange("cluster-eks", (i) => { i.vpcConfig.endpointPublicAccess = true; i.vpcConfig.publicAccessCidrs = ["0.0.0.0/0"]; }),
            ["publicAccessCidrs 0.0.0.0/0 lie outside the allowed CIDRs: 203.0.113.0/24."], "dev-me-central-1");
        assertViolations(eksPublicEndpointRestricted, withChange("cluster-eks", (i) => { i.vpcConfig.endpointPublicAccess = true; }),
            ["vpcConfig.endpointPublicAccess is true with no publicAccessCidrs (AWS opens it to 0.0.0.0/0); allowed: 203.0.113.0/24."], "dev-me-central-1");
    });

    it("compares CIDRs by containment", () => {
        assert.equal(cidrWithin("10.1.2.0/24", "10.1.0.0/16"), true);
        assert.equal(cidrWithin("10.1.0.0/16", "10.1.2.0/24"), false);
        assert.equal(cidrWithin("10.2.0.0/24", "10.1.0.0/16"), false);
    });
});

describe(milvusNamespaceNetworkPolicy.name, () => {
    it("passes the known-good plan", () => assertClean(milvusNamespaceNetworkPolicy, goodPlan()));

    it("flags a Milvus namespace without a NetworkPolicy", () => {
        // The operator's health-check policy also selects every pod, so both go.
        assertViolations(milvusNamespaceNetworkPolicy, without(["milvus-ingress", "milvus-operator-checks"]),
            ["Namespace 'milvus' of Milvus 'milvus' has no NetworkPolicy selecting every pod for Ingress (podSelector: {}, policyTypes: [Ingress])."]);
    });

    it("flags a policy that selects only some pods", () => {
        const doc = withChange("milvus-operator-checks", (i) => { i.spec.podSelector = { matchLabels: { app: "etcd" } }; });
        assertViolations(milvusNamespaceNetworkPolicy, withChange("milvus-ingress", (i) => { i.spec.podSelector = { matchLabels: { app: "proxy" } }; }, doc),
            ["Namespace 'milvus' of Milvus 'milvus' has no NetworkPolicy selecting every pod for Ingress (podSelector: {}, policyTypes: [Ingress])."]);
    });

    it("flags a rule admitting a namespace that is not a client", () => {
        assertViolations(milvusNamespaceNetworkPolicy, withChange("milvus-ingress", (i) => { i.spec.ingress[1].from[0].namespaceSelector.matchLabels["kubernetes.io/metadata.name"] = "default"; }),
            ["NetworkPolicy 'milvus-ingress' ingress rule 1 admits namespace default, not a client, monitoring or operator namespace; allowed: milvus, rag-api, ingestion; monitoring on port 9091; milvus-operator on ports from 2379, 6650, 9091."]);
    });

    it("flags an ipBlock and a rule with no sources", () => {
        assertViolations(milvusNamespaceNetworkPolicy, withChange("milvus-ingress", (i) => { i.spec.ingress[1].from = [{ ipBlock: { cidr: "0.0.0.0/0" } }]; i.spec.ingress.push({}); }), [
            "NetworkPolicy 'milvus-ingress' ingress rule 1 admits ipBlock 0.0.0.0/0; allowed: milvus, rag-api, ingestion; monitoring on port 9091; milvus-operator on ports from 2379, 6650, 9091.",
            "NetworkPolicy 'milvus-ingress' ingress rule 2 has no 'from' and admits every source.",
        ]);
    });

    it("flags a namespaceSelector that selects by another label", () => {
        assertViolations(milvusNamespaceNetworkPolicy, withChange("milvus-ingress", (i) => { i.spec.ingress[1].from[0].namespaceSelector = {}; }),
            ["NetworkPolicy 'milvus-ingress' ingress rule 1 admits namespaces by selector {}; select them by kubernetes.io/metadata.name; allowed: milvus, rag-api, ingestion; monitoring on port 9091; milvus-operator on ports from 2379, 6650, 9091."]);
    });
});

describe(`${milvusNamespaceNetworkPolicy.name}: ports per namespace role`, () => {
    it("flags the monitoring namespace on the client port", () => {
        assertViolations(milvusNamespaceNetworkPolicy, withChange("milvus-monitoring", (i) => { i.spec.ingress[0].ports[0].port = 19530; }),
            ["NetworkPolicy 'allow-monitoring-scrape' ingress rule 0 admits monitoring namespace monitoring on ports 19530; it may reach port 9091 only."]);
    });

    it("flags the monitoring namespace with no port list", () => {
        assertViolations(milvusNamespaceNetworkPolicy, withChange("milvus-monitoring", (i) => { delete i.spec.ingress[0].ports; }),
            ["NetworkPolicy 'allow-monitoring-scrape' ingress rule 0 admits monitoring namespace monitoring on every port; it may reach port 9091 only."]);
    });

    it("flags the operator namespace with no port list", () => {
        assertViolations(milvusNamespaceNetworkPolicy, withChange("milvus-operator-checks", (i) => { delete i.spec.ingress[0].ports; }),
            ["NetworkPolicy 'allow-operator-health-checks' ingress rule 0 admits operator namespace milvus-operator on every port; it may reach only explicit ports drawn from 2379, 6650, 9091."]);
    });

    it("flags the operator namespace on a port entry without a port, which means every port", () => {
        assertViolations(milvusNamespaceNetworkPolicy, withChange("milvus-operator-checks", (i) => { i.spec.ingress[0].ports = [{ protocol: "TCP" }]; }),
            ["NetworkPolicy 'allow-operator-health-checks' ingress rule 0 admits operator namespace milvus-operator on every port; it may reach only explicit ports drawn from 2379, 6650, 9091."]);
    });

    it("flags the operator namespace on a port range", () => {
        assertViolations(milvusNamespaceNetworkPolicy, withChange("milvus-operator-checks", (i) => { i.spec.ingress[0].ports[0].endPort = 2380; }),
            ["NetworkPolicy 'allow-operator-health-checks' ingress rule 0 admits operator namespace milvus-operator on ports 2379-2380; it may reach only explicit ports drawn from 2379, 6650, 9091."]);
    });

    it("allows the operator namespace on 2379 alone", () => {
        assertClean(milvusNamespaceNetworkPolicy, withChange("milvus-operator-checks", (i) => { i.spec.ingress[0].ports = [{ port: 2379, protocol: "TCP" }]; }));
    });

    it("flags a client namespace on an internal Milvus port", () => {
        assertViolations(milvusNamespaceNetworkPolicy, withChange("milvus-ingress", (i) => { i.spec.ingress[1].ports.push({ port: 21123 }); }),
            ["NetworkPolicy 'milvus-ingress' ingress rule 1 admits client namespace rag-api on ports 21123; it may reach only explicit ports drawn from 9091, 19530."]);
    });

    it("treats monitoring and operator namespaces as unknown when the pack config names none", () => {
        const config = readConfig("prod-me-central-1") as any;
        config["sovereignty-milvus-namespace-network-policy"] = { clientNamespaces: ["rag-api"] };
        assert.deepEqual(findings(milvusNamespaceNetworkPolicy, goodPlan(), "prod-me-central-1", config).map((v) => v.message), [
            "NetworkPolicy 'allow-monitoring-scrape' ingress rule 0 admits namespace monitoring, not a client, monitoring or operator namespace; allowed: milvus, rag-api.",
            "NetworkPolicy 'allow-operator-health-checks' ingress rule 0 admits namespace milvus-operator, not a client, monitoring or operator namespace; allowed: milvus, rag-api.",
        ]);
    });
});

describe(milvusDependenciesNotExposed.name, () => {
    it("passes the known-good plan", () => assertClean(milvusDependenciesNotExposed, goodPlan()));

    it("flags a LoadBalancer service in the etcd chart values", () => {
        assertViolations(milvusDependenciesNotExposed, withChange("milvus", (i) => { i.spec.dependencies.etcd.inCluster.values.service = { type: "LoadBalancer" }; }),
            ["Milvus 'milvus' exposes a dependency: spec.dependencies.etcd.inCluster.values.service.type LoadBalancer; it must stay ClusterIP."]);
    });

    it("flags a client rule without ports", () => {
        assertViolations(milvusDependenciesNotExposed, withChange("milvus-ingress", (i) => { delete i.spec.ingress[1].ports; }),
            ["NetworkPolicy 'milvus-ingress' ingress rule 1 admits other namespaces on every port, etcd's and Pulsar's included; list the Milvus ports."]);
    });

    it("flags a client rule that opens the Pulsar port", () => {
        assertViolations(milvusDependenciesNotExposed, withChange("milvus-ingress", (i) => { i.spec.ingress[1].ports.push({ port: 6650 }); }),
            ["NetworkPolicy 'milvus-ingress' ingress rule 1 admits other namespaces to etcd or Pulsar ports 6650."]);
    });

    it("allows the operator namespace on 2379 alone", () => {
        assertClean(milvusDependenciesNotExposed, withChange("milvus-operator-checks", (i) => { i.spec.ingress[0].ports = [{ port: 2379, protocol: "TCP" }]; }));
    });

    it("flags the operator namespace on an etcd port outside its health checks", () => {
        assertViolations(milvusDependenciesNotExposed, withChange("milvus-operator-checks", (i) => { i.spec.ingress[0].ports.push({ port: 2380 }); }),
            ["NetworkPolicy 'allow-operator-health-checks' ingress rule 0 admits other namespaces to etcd or Pulsar ports 2380; operator namespaces may reach only 2379, 6650, 9091."]);
    });

    it("flags the operator's ports when the rule also admits a client namespace", () => {
        assertViolations(milvusDependenciesNotExposed, withChange("milvus-operator-checks", (i) => { i.spec.ingress[0].from[0].namespaceSelector.matchExpressions[0].values.push("rag-api"); }),
            ["NetworkPolicy 'allow-operator-health-checks' ingress rule 0 admits other namespaces to etcd or Pulsar ports 2379, 6650."]);
    });

    it("flags the operator's ports when the pack config names no operator namespace", () => {
        const config = readConfig("prod-me-central-1") as any;
        delete config["sovereignty-milvus-deps-not-exposed"];
        assert.deepEqual(findings(milvusDependenciesNotExposed, goodPlan(), "prod-me-central-1", config).map((v) => v.message),
            ["NetworkPolicy 'allow-operator-health-checks' ingress rule 0 admits other namespaces to etcd or Pulsar ports 2379, 6650."]);
    });

    it("flags a port entry without a port, and a range over etcd's ports", () => {
        assertViolations(milvusDependenciesNotExposed, withChange("milvus-ingress", (i) => { i.spec.ingress[1].ports = [{ protocol: "TCP" }]; }),
            ["NetworkPolicy 'milvus-ingress' ingress rule 1 admits other namespaces on every port, etcd's and Pulsar's included; list the Milvus ports."]);
        assertViolations(milvusDependenciesNotExposed, withChange("milvus-ingress", (i) => { i.spec.ingress[1].ports.push({ port: 2000, endPort: 2400 }); }),
            ["NetworkPolicy 'milvus-ingress' ingress rule 1 admits other namespaces to etcd or Pulsar ports 2000-2400 (2181, 2379, 2380)."]);
    });

    it("flags a NodePort service for etcd in the Milvus namespace", () => {
        const doc = withResource("kubernetes:core/v1:Service", "etcd-external", {
            metadata: { name: "milvus-etcd-external", namespace: "milvus" }, spec: { type: "NodePort", selector: { app: "etcd" } },
        });
        assertViolations(milvusDependenciesNotExposed, doc, ["Service 'milvus-etcd-external' exposes etcd or Pulsar as NodePort; it must stay ClusterIP."]);
        assert.equal(findings(milvusDependenciesNotExposed, doc)[0].urn?.endsWith("::etcd-external"), true);
    });
});
