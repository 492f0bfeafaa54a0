import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { eksPublicEndpointRestricted, milvusDependenciesNotExposed, milvusEgressRestricted, milvusNamespaceNetworkPolicy } from "./network";
import { assertClean, assertViolations, configWith, findings, readConfig } from "./testing/assert";
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
            ["NetworkPolicy 'milvus-ingress' ingress rule 1 admits namespace default, not a client, monitoring or operator namespace; allowed: milvus, rag-api, ingestion; monitoring on ports 2381, 9091; milvus-operator on ports from 2379, 6650, 9091."]);
    });

    it("flags an ipBlock and a rule with no sources", () => {
        assertViolations(milvusNamespaceNetworkPolicy, withChange("milvus-ingress", (i) => { i.spec.ingress[1].from = [{ ipBlock: { cidr: "0.0.0.0/0" } }]; i.spec.ingress.push({}); }), [
            "NetworkPolicy 'milvus-ingress' ingress rule 1 admits ipBlock 0.0.0.0/0; allowed: milvus, rag-api, ingestion; monitoring on ports 2381, 9091; milvus-operator on ports from 2379, 6650, 9091.",
            "NetworkPolicy 'milvus-ingress' ingress rule 2 has no 'from' and admits every source.",
        ]);
    });

    it("flags a namespaceSelector that selects by another label", () => {
        assertViolations(milvusNamespaceNetworkPolicy, withChange("milvus-ingress", (i) => { i.spec.ingress[1].from[0].namespaceSelector = {}; }),
            ["NetworkPolicy 'milvus-ingress' ingress rule 1 admits namespaces by selector {}; select them by kubernetes.io/metadata.name; allowed: milvus, rag-api, ingestion; monitoring on ports 2381, 9091; milvus-operator on ports from 2379, 6650, 9091."]);
    });
});

describe(`${milvusNamespaceNetworkPolicy.name}: ports per namespace role`, () => {
    it("flags the monitoring namespace on the client port", () => {
        assertViolations(milvusNamespaceNetworkPolicy, withChange("milvus-monitoring", (i) => { i.spec.ingress[0].ports[0].port = 19530; }),
            ["NetworkPolicy 'allow-monitoring-scrape' ingress rule 0 admits monitoring namespace monitoring on ports 19530; it may reach only explicit ports drawn from 2381, 9091."]);
    });

    it("flags the monitoring namespace with no port list", () => {
        assertViolations(milvusNamespaceNetworkPolicy, withChange("milvus-monitoring", (i) => { delete i.spec.ingress[0].ports; }),
            ["NetworkPolicy 'allow-monitoring-scrape' ingress rule 0 admits monitoring namespace monitoring on every port; it may reach only explicit ports drawn from 2381, 9091."]);
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

describe("network policies: selectors, ports and boundaries", () => {
    const devCidrs = (cidrs: string[]) => configWith(eksPublicEndpointRestricted, { publicEndpointCidrs: cidrs });
    const publicWith = (cidrs?: string[]) => withChange("cluster-eks", (i) => { i.vpcConfig.endpointPublicAccess = true; if (cidrs) i.vpcConfig.publicAccessCidrs = cidrs; });
    const ALLOWED = "allowed: milvus, rag-api, ingestion; monitoring on ports 2381, 9091; milvus-operator on ports from 2379, 6650, 9091.";

    it("lists every allowed CIDR and every CIDR outside them", () => {
        const config = devCidrs(["203.0.113.0/24", "198.51.100.0/24"]);
        assertViolations(eksPublicEndpointRestricted, publicWith(["198.51.100.7/32", "0.0.0.0/0", "10.0.0.0/8"]),
            ["publicAccessCidrs 0.0.0.0/0, 10.0.0.0/8 lie outside the allowed CIDRs: 203.0.113.0/24, 198.51.100.0/24."], undefined, config);
        assertViolations(eksPublicEndpointRestricted, publicWith(),
            ["vpcConfig.endpointPublicAccess is true with no publicAccessCidrs (AWS opens it to 0.0.0.0/0); allowed: 203.0.113.0/24, 198.51.100.0/24."], undefined, config);
        assertClean(eksPublicEndpointRestricted, publicWith(["198.51.100.7/32", "203.0.113.0/24"]), undefined, config);
        assertViolations(eksPublicEndpointRestricted, withChange("cluster-eks", (i) => { delete i.vpcConfig; }), [
            "vpcConfig.endpointPrivateAccess is not true; nodes and operators must reach the API privately.",
            "vpcConfig.endpointPublicAccess is unset (AWS defaults it to true); this stack allows no public endpoint.",
        ]);
    });

    it("needs a policy for Ingress that selects every pod", () => {
        const noIngressType = withChange("milvus-operator-checks", (i) => { i.spec.policyTypes = ["Egress"]; },
            withChange("milvus-ingress", (i) => { delete i.spec.policyTypes; }));
        assertViolations(milvusNamespaceNetworkPolicy, noIngressType,
            ["Namespace 'milvus' of Milvus 'milvus' has no NetworkPolicy selecting every pod for Ingress (podSelector: {}, policyTypes: [Ingress])."]);
        const byExpression = withChange("milvus-operator-checks", (i) => { i.spec.podSelector = { matchExpressions: [{ key: "app", operator: "Exists" }] }; },
            withChange("milvus-ingress", (i) => { i.spec.podSelector = { matchLabels: {}, matchExpressions: [{ key: "app", operator: "Exists" }] }; }));
        assertViolations(milvusNamespaceNetworkPolicy, byExpression,
            ["Namespace 'milvus' of Milvus 'milvus' has no NetworkPolicy selecting every pod for Ingress (podSelector: {}, policyTypes: [Ingress])."]);
        assertClean(milvusNamespaceNetworkPolicy, withChange("milvus-ingress", (i) => { delete i.spec.podSelector; },
            withChange("milvus-operator-checks", (i) => { i.spec.podSelector = { matchLabels: { app: "etcd" } }; })));
        assertClean(milvusNamespaceNetworkPolicy, withChange("milvus-ingress", (i) => { i.spec.podSelector = { matchLabels: {}, matchExpressions: [] }; }));
    });

    it("accepts namespaces only when selected by name alone", () => {
        const selector = (namespaceSelector: object) => withChange("milvus-ingress", (i) => { i.spec.ingress[1].from[0].namespaceSelector = namespaceSelector; });
        const bySelector = (sel: object) => [`NetworkPolicy 'milvus-ingress' ingress rule 1 admits namespaces by selector ${JSON.stringify(sel)}; select them by kubernetes.io/metadata.name; ${ALLOWED}`];
        for (const sel of [
            { matchLabels: { "kubernetes.io/metadata.name": "rag-api", team: "search" } },
            { matchLabels: { team: "search" } },
            { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "NotIn", values: ["default"] }] },
            { matchExpressions: [{ key: "team", operator: "In", values: ["rag-api"] }] },
            { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: ["rag-api"] }, { key: "team", operator: "Exists" }] },
            { matchLabels: { "kubernetes.io/metadata.name": "rag-api" }, matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: ["rag-api"] }] },
        ]) {
            assertViolations(milvusNamespaceNetworkPolicy, selector(sel), bySelector(sel));
        }
        assertClean(milvusNamespaceNetworkPolicy, selector({ matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: ["rag-api", "ingestion"] }] }));
        assertViolations(milvusNamespaceNetworkPolicy, withChange("milvus-ingress", (i) => { i.spec.ingress[1].from[0].namespaceSelector = "rag-api"; }),
            [`NetworkPolicy 'milvus-ingress' ingress rule 1 admits namespaces by selector "rag-api"; select them by kubernetes.io/metadata.name; ${ALLOWED}`]);
    });

    it("names every unknown namespace of a rule, and accepts this namespace and pod selectors", () => {
        assertViolations(milvusNamespaceNetworkPolicy, withChange("milvus-ingress", (i) => {
            i.spec.ingress[1].from = [
                { namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: ["default", "milvus", "rag-api", "kube-system"] }] } },
                { podSelector: { matchLabels: { app: "x" } } },
            ];
        }), [`NetworkPolicy 'milvus-ingress' ingress rule 1 admits namespace default, kube-system, not a client, monitoring or operator namespace; ${ALLOWED}`]);
        assertViolations(milvusNamespaceNetworkPolicy, withChange("milvus-ingress", (i) => { delete i.metadata.name; i.spec.ingress.push({ from: [] }); }),
            ["NetworkPolicy 'undefined' ingress rule 2 has no 'from' and admits every source."]);
    });

    it("gives a namespace with several roles the union of their ports, and groups names by role", () => {
        const config = configWith(milvusNamespaceNetworkPolicy, { clientNamespaces: ["rag-api", "ingestion", "monitoring"] });
        const doc = withChange("milvus-monitoring", (i) => { i.spec.ingress[0].ports = [{ port: 19530 }, { port: 9091 }, { port: "metrics" }]; },
            withChange("milvus-ingress", (i) => {
                i.spec.ingress[1].from[0].namespaceSelector = { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: ["rag-api", "ingestion", "milvus"] }] };
                i.spec.ingress[1].ports = [{ port: 19530 }, { port: 9000, endPort: 9000 }, { port: 10000, endPort: 9000 }];
            }));
        assertViolations(milvusNamespaceNetworkPolicy, doc, [
            "NetworkPolicy 'milvus-ingress' ingress rule 1 admits client namespace rag-api, ingestion on ports 9000, 10000; it may reach only explicit ports drawn from 9091, 19530.",
            "NetworkPolicy 'allow-monitoring-scrape' ingress rule 0 admits client and monitoring namespace monitoring on ports metrics; it may reach only explicit ports drawn from 2381, 9091, 19530.",
        ], undefined, config);
    });

    it("reports each role of a mixed rule once", () => {
        assertViolations(milvusNamespaceNetworkPolicy, withChange("milvus-ingress", (i) => {
            i.spec.ingress[1].from = [
                { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "rag-api" } } },
                { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } },
                { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "milvus-operator" } } },
                { ipBlock: { cidr: "10.0.0.0/8" } },
            ];
            i.spec.ingress[1].ports = [{ port: 19530 }, { port: 2379 }];
        }), [
            `NetworkPolicy 'milvus-ingress' ingress rule 1 admits ipBlock 10.0.0.0/8; ${ALLOWED}`,
            "NetworkPolicy 'milvus-ingress' ingress rule 1 admits client namespace rag-api on ports 2379; it may reach only explicit ports drawn from 9091, 19530.",
            "NetworkPolicy 'milvus-ingress' ingress rule 1 admits monitoring namespace monitoring on ports 19530, 2379; it may reach only explicit ports drawn from 2381, 9091.",
            "NetworkPolicy 'milvus-ingress' ingress rule 1 admits operator namespace milvus-operator on ports 19530; it may reach only explicit ports drawn from 2379, 6650, 9091.",
        ]);
    });

    it("ignores NetworkPolicies in other namespaces", () => {
        assertViolations(milvusNamespaceNetworkPolicy, withChange("milvus-ingress", (i) => { i.metadata.namespace = "other"; i.spec.ingress.push({}); },
            without(["milvus-operator-checks"])),
        ["Namespace 'milvus' of Milvus 'milvus' has no NetworkPolicy selecting every pod for Ingress (podSelector: {}, policyTypes: [Ingress])."]);
    });
});

describe(`${milvusDependenciesNotExposed.name}: services, peers and ports`, () => {
    const milvus = (change: (deps: any) => void) => withChange("milvus", (i) => change(i.spec.dependencies));
    const ingress = (change: (rule: any) => void) => withChange("milvus-ingress", (i) => change(i.spec.ingress[1]));

    it("finds LoadBalancer and NodePort settings anywhere in the etcd and Pulsar values", () => {
        assertViolations(milvusDependenciesNotExposed, milvus((d) => {
            d.etcd.inCluster.values.serviceType = "NodePort";
            d.pulsar.inCluster.values.proxy.service = { type: "LoadBalancer", ports: { http: 80 } };
            d.pulsar.inCluster.values.broker.serviceType = "ClusterIP";
            d.pulsar.inCluster.values.broker.service = { type: "ClusterIP" };
            d.pulsar.inCluster.values.zookeeper.Service = { type: "NodePort" };
        }), [
            "Milvus 'milvus' exposes a dependency: spec.dependencies.etcd.inCluster.values.serviceType NodePort; it must stay ClusterIP.",
            "Milvus 'milvus' exposes a dependency: spec.dependencies.pulsar.inCluster.values.zookeeper.Service.type NodePort; it must stay ClusterIP.",
            "Milvus 'milvus' exposes a dependency: spec.dependencies.pulsar.inCluster.values.proxy.service.type LoadBalancer; it must stay ClusterIP.",
        ]);
        assertClean(milvusDependenciesNotExposed, milvus((d) => {
            d.etcd = { external: true, inCluster: { values: { service: { type: "LoadBalancer" } } } };
            d.msgStreamType = "woodpecker";
            d.pulsar.inCluster.values.proxy.service = { type: "LoadBalancer" };
        }));
    });

    it("flags only exposed etcd or Pulsar services in the Milvus namespace", () => {
        const svc = (name: string, spec: object, namespace = "milvus") =>
            withResource("kubernetes:core/v1:Service", name, { metadata: { name, namespace }, spec });
        assertViolations(milvusDependenciesNotExposed, svc("milvus-pulsar-proxy", { type: "LoadBalancer" }),
            ["Service 'milvus-pulsar-proxy' exposes etcd or Pulsar as LoadBalancer; it must stay ClusterIP."]);
        assertViolations(milvusDependenciesNotExposed, svc("public", { type: "LoadBalancer", selector: { component: "bookie" } }),
            ["Service 'public' exposes etcd or Pulsar as LoadBalancer; it must stay ClusterIP."]);
        assertClean(milvusDependenciesNotExposed, svc("milvus-etcd", { type: "ClusterIP", selector: { app: "etcd" } }));
        assertClean(milvusDependenciesNotExposed, svc("milvus-proxy", { type: "LoadBalancer", selector: { app: "milvus" } }));
        assertClean(milvusDependenciesNotExposed, svc("milvus-etcd", { type: "NodePort" }, "other"));
        assertClean(milvusDependenciesNotExposed, svc("milvus-etcd", {}));
    });

    it("judges only rules that admit other namespaces", () => {
        assertClean(milvusDependenciesNotExposed, ingress((r) => { r.from = [{ podSelector: {} }]; delete r.ports; }));
        assertClean(milvusDependenciesNotExposed, ingress((r) => { r.from = [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "milvus" } } }]; r.ports = [{ port: 2379 }]; }));
        assertViolations(milvusDependenciesNotExposed, ingress((r) => { r.from = [{ podSelector: {} }, { ipBlock: { cidr: "10.0.0.0/8" } }]; r.ports = [{ port: 6650 }]; }),
            ["NetworkPolicy 'milvus-ingress' ingress rule 1 admits other namespaces to etcd or Pulsar ports 6650."]);
        assertViolations(milvusDependenciesNotExposed, ingress((r) => { r.from = [{ namespaceSelector: {} }]; r.ports = [{ port: 2181 }]; }),
            ["NetworkPolicy 'milvus-ingress' ingress rule 1 admits other namespaces to etcd or Pulsar ports 2181."]);
        assertViolations(milvusDependenciesNotExposed, ingress((r) => { delete r.from; r.ports = [{ port: 8080 }]; }),
            ["NetworkPolicy 'milvus-ingress' ingress rule 1 admits other namespaces to etcd or Pulsar ports 8080."]);
        // A rule without peers admits every source, so the operator's exemption does not apply to it.
        assertViolations(milvusDependenciesNotExposed, ingress((r) => { r.from = []; r.ports = [{ port: 2379 }]; }),
            ["NetworkPolicy 'milvus-ingress' ingress rule 1 admits other namespaces to etcd or Pulsar ports 2379."]);
    });

    it("reads named ports and ranges", () => {
        assertViolations(milvusDependenciesNotExposed, ingress((r) => { r.ports = [{ port: "etcd-client" }, { port: "grpc" }, { port: "pulsar" }, { port: 6651, endPort: 6651 }]; }),
            ["NetworkPolicy 'milvus-ingress' ingress rule 1 admits other namespaces to etcd or Pulsar ports etcd-client, pulsar, 6651."]);
        assertViolations(milvusDependenciesNotExposed, ingress((r) => { r.ports = [{ port: 8000, endPort: 9000 }, { port: 3000, endPort: 3200 }]; }),
            ["NetworkPolicy 'milvus-ingress' ingress rule 1 admits other namespaces to etcd or Pulsar ports 8000-9000 (8080, 8443), 3000-3200 (3181)."]);
        assertClean(milvusDependenciesNotExposed, ingress((r) => { r.ports = [{ port: 19530, endPort: 19531 }, { port: 2382, endPort: 2100 }]; }));
    });

    it("exempts only the operator's health-check ports, for a rule admitting only operator namespaces", () => {
        const operatorRule = (ports: object[], from?: object[]) => withChange("milvus-operator-checks", (i) => { i.spec.ingress[0].ports = ports; if (from) i.spec.ingress[0].from.push(...from); });
        assertClean(milvusDependenciesNotExposed, operatorRule([{ port: 2379 }, { port: 6650 }], [{ podSelector: {} }]));
        assertViolations(milvusDependenciesNotExposed, operatorRule([{ port: 2000, endPort: 2400 }]),
            ["NetworkPolicy 'allow-operator-health-checks' ingress rule 0 admits other namespaces to etcd or Pulsar ports 2000-2400 (2181, 2380); operator namespaces may reach only 2379, 6650, 9091."]);
        assertViolations(milvusDependenciesNotExposed, operatorRule([{ port: 6650 }], [{ ipBlock: { cidr: "10.0.0.0/8" } }]),
            ["NetworkPolicy 'allow-operator-health-checks' ingress rule 0 admits other namespaces to etcd or Pulsar ports 6650."]);
        assertViolations(milvusDependenciesNotExposed, operatorRule([{ port: 6650 }], [{ namespaceSelector: {} }]),
            ["NetworkPolicy 'allow-operator-health-checks' ingress rule 0 admits other namespaces to etcd or Pulsar ports 6650."]);
    });
});

describe("network policies on partial resources", () => {
    it("judges partial NetworkPolicies and rules without failing", () => {
        const partials: object[] = [
            { metadata: { namespace: "milvus" } },
            { metadata: { namespace: "milvus" }, spec: { ingress: [null, {}, { from: [null, {}, { namespaceSelector: null }, { namespaceSelector: { matchExpressions: [null] } }] }] } },
            { metadata: { namespace: "milvus" }, spec: { ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "rag-api" } } }], ports: [null, {}, { port: null }, { port: 2000, endPort: "2400" }] }] } },
            { metadata: { namespace: "milvus" }, spec: { ingress: [{ from: [null, { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "milvus-operator" } } }], ports: [{ port: 2379 }] }] } },
        ];
        const others: [string, object][] = [
            ["kubernetes:core/v1:Service", { metadata: { namespace: "milvus" } }],
            ["kubernetes:core/v1:Service", { metadata: { namespace: "milvus" }, spec: { type: "LoadBalancer" } }],
            ["sovereign:milvus:MilvusCluster$kubernetes:milvus.io/v1beta1:Milvus", { metadata: { namespace: "milvus" } }],
            ["sovereign:milvus:MilvusCluster$kubernetes:milvus.io/v1beta1:Milvus", { metadata: { namespace: "milvus" }, spec: {} }],
            ["sovereign:milvus:MilvusCluster$kubernetes:milvus.io/v1beta1:Milvus", { metadata: { namespace: "milvus" }, spec: { dependencies: { etcd: {}, pulsar: {} } } }],
            ["sovereign:milvus:MilvusCluster$kubernetes:milvus.io/v1beta1:Milvus", { metadata: { namespace: "milvus" }, spec: { dependencies: { etcd: { inCluster: {} }, pulsar: { inCluster: {} } } } }],
        ];
        for (const [type, props] of others) {
            const doc = withResource(type, "partial-other", props);
            for (const policy of [milvusNamespaceNetworkPolicy, milvusDependenciesNotExposed]) {
                const crashes = findings(policy, doc).filter((v) => v.message.includes("failed on this input"));
                assert.deepEqual(crashes.map((v) => v.message), [], `${policy.name} on ${type} ${JSON.stringify(props)}`);
            }
        }
        for (const props of partials) {
            const doc = withResource("sovereign:milvus:MilvusCluster$kubernetes:networking.k8s.io/v1:NetworkPolicy", "partial", props);
            for (const policy of [milvusNamespaceNetworkPolicy, milvusDependenciesNotExposed]) {
                const crashes = findings(policy, doc).filter((v) => v.message.includes("failed on this input"));
                assert.deepEqual(crashes.map((v) => v.message), [], `${policy.name} on ${JSON.stringify(props)}`);
            }
        }
    });

    it("reads a port entry with a null port as every port, and ignores a non-numeric endPort", () => {
        assertViolations(milvusDependenciesNotExposed, withChange("milvus-ingress", (i) => { i.spec.ingress[1].ports = [{ port: null }]; }),
            ["NetworkPolicy 'milvus-ingress' ingress rule 1 admits other namespaces on every port, etcd's and Pulsar's included; list the Milvus ports."]);
        assertViolations(milvusNamespaceNetworkPolicy, withChange("milvus-ingress", (i) => { i.spec.ingress[1].ports = [{ port: 19530, endPort: "19600" }, { port: 1 }]; }),
            ["NetworkPolicy 'milvus-ingress' ingress rule 1 admits client namespace rag-api on ports 1; it may reach only explicit ports drawn from 9091, 19530."]);
        assertViolations(milvusNamespaceNetworkPolicy, withChange("milvus-ingress", (i) => { i.spec.ingress[1].from[0].namespaceSelector = null; }),
            ["NetworkPolicy 'milvus-ingress' ingress rule 1 admits namespaces by selector null; select them by kubernetes.io/metadata.name; allowed: milvus, rag-api, ingestion; monitoring on ports 2381, 9091; milvus-operator on ports from 2379, 6650, 9091."]);
    });

    it("counts a port list with one entry for every port as every port, and lets the operator's rule name the Milvus namespace too", () => {
        assertViolations(milvusDependenciesNotExposed, withChange("milvus-ingress", (i) => { i.spec.ingress[1].ports = [{ port: 19530 }, { protocol: "TCP" }]; }),
            ["NetworkPolicy 'milvus-ingress' ingress rule 1 admits other namespaces on every port, etcd's and Pulsar's included; list the Milvus ports."]);
        assertClean(milvusDependenciesNotExposed, withChange("milvus-operator-checks", (i) => {
            i.spec.ingress[0].from[0].namespaceSelector.matchExpressions[0].values = ["milvus", "milvus-operator"];
        }));
    });

    it("lists several monitoring and operator namespaces in what it allows", () => {
        const config = configWith(milvusNamespaceNetworkPolicy, { monitoringNamespaces: ["monitoring", "observability"], operatorNamespaces: ["milvus-operator", "ops"] });
        assertViolations(milvusNamespaceNetworkPolicy, withChange("milvus-ingress", (i) => { i.spec.ingress[1].from[0].namespaceSelector.matchLabels["kubernetes.io/metadata.name"] = "default"; }),
            ["NetworkPolicy 'milvus-ingress' ingress rule 1 admits namespace default, not a client, monitoring or operator namespace; allowed: milvus, rag-api, ingestion; monitoring, observability on ports 2381, 9091; milvus-operator, ops on ports from 2379, 6650, 9091."],
            undefined, config);
    });
});

describe("sovereignty-milvus-egress-restricted", () => {
    const DENY = "Namespace 'milvus' of Milvus 'milvus' has no NetworkPolicy selecting every pod for Egress (podSelector: {}, policyTypes: [Egress]): "
        + "its pods may connect anywhere the VPC routes.";

    it("passes the known-good plan", () => assertClean(milvusEgressRestricted, goodPlan()));

    it("flags a Milvus namespace with no egress policy", () => {
        assertViolations(milvusEgressRestricted, without(["milvus-egress"]), [DENY]);
    });

    it("flags an egress policy that selects only some pods, or only for Ingress", () => {
        assertViolations(milvusEgressRestricted, withChange("milvus-egress", (i) => { i.spec.podSelector = { matchLabels: { app: "proxy" } }; }), [DENY]);
        assertViolations(milvusEgressRestricted, withChange("milvus-egress", (i) => { i.spec.policyTypes = ["Ingress"]; }), [DENY]);
    });

    it("flags a rule without peers, which allows every destination", () => {
        assertViolations(milvusEgressRestricted, withChange("milvus-egress", (i) => { i.spec.egress.push({ ports: [{ port: 443, protocol: "TCP" }] }); }),
            ["NetworkPolicy 'milvus-egress' egress rule 3 has no 'to' and allows every destination."]);
    });

    it("flags ipBlocks outside private space: the internet, an S3 public range, instance metadata", () => {
        const doc = withChange("milvus-egress", (i) => {
            i.spec.egress[2].to.push({ ipBlock: { cidr: "0.0.0.0/0", except: ["10.0.0.0/8"] } }, { ipBlock: { cidr: "52.95.0.0/16" } },
                { ipBlock: { cidr: "169.254.169.254/32" } }, { ipBlock: { cidr: "10.40.0.0/16" } }, { ipBlock: { cidr: "internet" } },
                { ipBlock: { cidr: "10.300.0.0/16" } }, { ipBlock: { cidr: "10.1/16" } });
        });
        const tail = "outside private space (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16): the internet, another region or the instance metadata service.";
        assertViolations(milvusEgressRestricted, doc, [
            `NetworkPolicy 'milvus-egress' egress rule 2 allows ipBlock 0.0.0.0/0, ${tail}`,
            `NetworkPolicy 'milvus-egress' egress rule 2 allows ipBlock 52.95.0.0/16, ${tail}`,
            `NetworkPolicy 'milvus-egress' egress rule 2 allows ipBlock 169.254.169.254/32, ${tail}`,
            "NetworkPolicy 'milvus-egress' egress rule 2 allows ipBlock \"internet\", not an IPv4 CIDR.",
            "NetworkPolicy 'milvus-egress' egress rule 2 allows ipBlock \"10.300.0.0/16\", not an IPv4 CIDR.",
            "NetworkPolicy 'milvus-egress' egress rule 2 allows ipBlock \"10.1/16\", not an IPv4 CIDR.",
        ]);
    });

    it("accepts the private ranges at their edges and rejects what lies just beyond", () => {
        assertClean(milvusEgressRestricted, withChange("milvus-egress", (i) => {
            i.spec.egress[2].to = [{ ipBlock: { cidr: "172.16.0.0/12" } }, { ipBlock: { cidr: "192.168.255.0/24" } }, { ipBlock: { cidr: "10.255.255.255/32" } }];
        }));
        assertViolations(milvusEgressRestricted, withChange("milvus-egress", (i) => { i.spec.egress[2].to = [{ ipBlock: { cidr: "172.32.0.0/16" } }]; }),
            ["NetworkPolicy 'milvus-egress' egress rule 2 allows ipBlock 172.32.0.0/16, outside private space (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16): "
                + "the internet, another region or the instance metadata service."]);
    });
});
