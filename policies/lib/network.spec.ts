import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cidrWithin, eksPublicEndpointRestricted, milvusDependenciesNotExposed, milvusNamespaceNetworkPolicy } from "./network";
import { assertClean, assertViolations, findings } from "./testing/assert";
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
        assertViolations(milvusNamespaceNetworkPolicy, without(["milvus-ingress"]),
            ["Namespace 'milvus' of Milvus 'milvus' has no NetworkPolicy selecting every pod for Ingress (podSelector: {}, policyTypes: [Ingress])."]);
    });

    it("flags a policy that selects only some pods", () => {
        assertViolations(milvusNamespaceNetworkPolicy, withChange("milvus-ingress", (i) => { i.spec.podSelector = { matchLabels: { app: "proxy" } }; }),
            ["Namespace 'milvus' of Milvus 'milvus' has no NetworkPolicy selecting every pod for Ingress (podSelector: {}, policyTypes: [Ingress])."]);
    });

    it("flags a rule admitting a namespace that is not a client", () => {
        assertViolations(milvusNamespaceNetworkPolicy, withChange("milvus-ingress", (i) => { i.spec.ingress[1].from[0].namespaceSelector.matchLabels["kubernetes.io/metadata.name"] = "default"; }),
            ["NetworkPolicy 'milvus-ingress' ingress rule 1 admits namespace default, not a client namespace; allowed: milvus, milvus-clients."]);
    });

    it("flags an ipBlock and a rule with no sources", () => {
        assertViolations(milvusNamespaceNetworkPolicy, withChange("milvus-ingress", (i) => { i.spec.ingress[1].from = [{ ipBlock: { cidr: "0.0.0.0/0" } }]; i.spec.ingress.push({}); }), [
            "NetworkPolicy 'milvus-ingress' ingress rule 1 admits ipBlock 0.0.0.0/0; allowed: milvus, milvus-clients.",
            "NetworkPolicy 'milvus-ingress' ingress rule 2 has no 'from' and admits every source.",
        ]);
    });

    it("flags a namespaceSelector that selects by another label", () => {
        assertViolations(milvusNamespaceNetworkPolicy, withChange("milvus-ingress", (i) => { i.spec.ingress[1].from[0].namespaceSelector = {}; }),
            ["NetworkPolicy 'milvus-ingress' ingress rule 1 admits namespaces by selector {}; select them by kubernetes.io/metadata.name; allowed: milvus, milvus-clients."]);
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

    it("flags a NodePort service for etcd in the Milvus namespace", () => {
        const doc = withResource("kubernetes:core/v1:Service", "etcd-external", {
            metadata: { name: "milvus-etcd-external", namespace: "milvus" }, spec: { type: "NodePort", selector: { app: "etcd" } },
        });
        assertViolations(milvusDependenciesNotExposed, doc, ["Service 'milvus-etcd-external' exposes etcd or Pulsar as NodePort; it must stay ClusterIP."]);
        assert.equal(findings(milvusDependenciesNotExposed, doc)[0].urn?.endsWith("::etcd-external"), true);
    });
});
