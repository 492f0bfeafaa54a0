import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PackConfigError, parsePackConfig, resolvePackConfig } from "./config";
import { milvusProductionPack, PACKS, sovereigntyPack } from "./packs";
import { readConfig } from "./testing/assert";

const parse = (doc: unknown) => parsePackConfig(doc, "c.json", PACKS);
const fails = (doc: unknown, message: string, pack = sovereigntyPack) =>
    assert.throws(() => resolvePackConfig(pack, parse(doc), "c.json"), (e: unknown) => e instanceof PackConfigError && e.message === message);
const good = () => readConfig("prod-me-central-1") as Record<string, any>;

describe("pack config", () => {
    it("reads both shipped stack files for both packs", () => {
        for (const stack of ["prod-me-central-1", "dev-me-central-1"]) {
            for (const pack of PACKS) resolvePackConfig(pack, parse(readConfig(stack)), stack);
        }
    });

    it("gives milvus-production its level per stack, and sovereignty always mandatory", () => {
        const dev = resolvePackConfig(milvusProductionPack, parse(readConfig("dev-me-central-1")), "dev");
        const prod = resolvePackConfig(milvusProductionPack, parse(readConfig("prod-me-central-1")), "prod");
        assert.deepEqual(new Set([...dev.values()].map((s) => s.enforcementLevel)), new Set(["advisory"]));
        assert.deepEqual(new Set([...prod.values()].map((s) => s.enforcementLevel)), new Set(["mandatory"]));
        const sov = resolvePackConfig(sovereigntyPack, parse(readConfig("dev-me-central-1")), "dev");
        assert.deepEqual(new Set([...sov.values()].map((s) => s.enforcementLevel)), new Set(["mandatory"]));
    });

    it("names the key, the bad value and the allowed values", () => {
        const cases: [(c: any) => void, string][] = [
            [(c) => { c["sovereignty-provider-region-allowed"].allowedRegions = ["me-central"]; },
                "c.json: \"sovereignty-provider-region-allowed\".allowedRegions[0]: \"me-central\" is not valid; allowed: an AWS region code such as me-central-1"],
            [(c) => { c["sovereignty-provider-region-allowed"].allowedRegions = []; },
                "c.json: \"sovereignty-provider-region-allowed\".allowedRegions: [] is not valid; allowed: a list of at least 1"],
            [(c) => { c["sovereignty-eks-public-endpoint-restricted"].publicEndpointCidrs = ["10.0.0.0"]; },
                "c.json: \"sovereignty-eks-public-endpoint-restricted\".publicEndpointCidrs[0]: \"10.0.0.0\" is not valid; allowed: an IPv4 CIDR such as 203.0.113.0/24"],
            [(c) => { c["sovereignty-milvus-namespace-network-policy"].clientNamespaces = "milvus-clients"; },
                "c.json: \"sovereignty-milvus-namespace-network-policy\".clientNamespaces: \"milvus-clients\" is not valid; allowed: a list"],
            [(c) => { c["sovereignty-milvus-namespace-network-policy"].monitoringNamespaces = "monitoring"; },
                "c.json: \"sovereignty-milvus-namespace-network-policy\".monitoringNamespaces: \"monitoring\" is not valid; allowed: a list"],
            [(c) => { c["sovereignty-milvus-namespace-network-policy"].operatorNamespaces = ["milvus-operator", "milvus-operator"]; },
                "c.json: \"sovereignty-milvus-namespace-network-policy\".operatorNamespaces: [\"milvus-operator\",\"milvus-operator\"] is not valid; allowed: a list without repeats"],
            [(c) => { c["sovereignty-milvus-deps-not-exposed"].operatorNamespaces = ["Milvus_Operator"]; },
                "c.json: \"sovereignty-milvus-deps-not-exposed\".operatorNamespaces[0]: \"Milvus_Operator\" is not valid; allowed: a Kubernetes namespace name (lower-case letters, digits and '-')"],
            [(c) => { c["sovereignty-milvus-deps-not-exposed"].monitoringNamespaces = ["monitoring"]; },
                "c.json: \"sovereignty-milvus-deps-not-exposed\": property \"monitoringNamespaces\" is not valid; allowed: operatorNamespaces"],
            [(c) => { c["sovereignty-s3-cmk-required"] = "advisory"; },
                "c.json: \"sovereignty-s3-cmk-required\".enforcementLevel: \"advisory\" is not valid; allowed: mandatory (pack sovereignty)"],
            [(c) => { c["milvus-production-etcd-replicas"] = "sometimes"; },
                "c.json: \"milvus-production-etcd-replicas\".enforcementLevel: \"sometimes\" is not valid; allowed: mandatory, advisory (pack milvus-production)"],
            [(c) => { c["sovereignty-kms-rotation-enabled"] = { minDays: 3 }; },
                "c.json: \"sovereignty-kms-rotation-enabled\": property \"minDays\" is not valid; allowed: none (this policy takes no settings)"],
            [(c) => { c["sovereignty-images-approved-registry"] = { approvedRegistry: ["x"] }; },
                "c.json: \"sovereignty-images-approved-registry\": property \"approvedRegistry\" is not valid; allowed: approvedRegistries"],
            [(c) => { delete c["sovereignty-backup-same-region"]; },
                "c.json: \"sovereignty-backup-same-region\".allowedRegions is missing; allowed: a list of an AWS region code such as me-central-1"],
            [(c) => { c.all = "advisory"; },
                "c.json: \"all\": \"advisory\" is not valid for pack sovereignty; allowed: mandatory"],
            [(c) => { c["sovereignty-images-approved-registry"].approvedRegistries = ["https://ecr.example.com"]; },
                "c.json: \"sovereignty-images-approved-registry\".approvedRegistries[0]: \"https://ecr.example.com\" is not valid; allowed: "
                + "a registry host with an optional path, such as 123456789012.dkr.ecr.me-central-1.amazonaws.com or *.dkr.ecr.me-central-1.amazonaws.com"],
            [(c) => { c["sovereignty-images-approved-registry"].approvedRegistries = []; },
                "c.json: \"sovereignty-images-approved-registry\".approvedRegistries: [] is not valid; allowed: a list of at least 1"],
            [(c) => { c["sovereignty-provider-region-allowed"].allowedRegions = [1]; },
                "c.json: \"sovereignty-provider-region-allowed\".allowedRegions[0]: 1 is not valid; allowed: a string"],
            [(c) => { c["sovereignty-milvus-namespace-network-policy"].clientNamespaces = [null]; },
                "c.json: \"sovereignty-milvus-namespace-network-policy\".clientNamespaces[0]: null is not valid; allowed: a string"],
            [(c) => { c["sovereignty-eks-public-endpoint-restricted"].publicEndpointCidrs = [7]; },
                "c.json: \"sovereignty-eks-public-endpoint-restricted\".publicEndpointCidrs[0]: 7 is not valid; allowed: a string"],
            [(c) => { c["sovereignty-images-approved-registry"].approvedRegistries = [false]; },
                "c.json: \"sovereignty-images-approved-registry\".approvedRegistries[0]: false is not valid; allowed: a string"],
            [(c) => { c["sovereignty-milvus-namespace-network-policy"].monitoringNamespaces = ["Monitoring"]; },
                "c.json: \"sovereignty-milvus-namespace-network-policy\".monitoringNamespaces[0]: \"Monitoring\" is not valid; allowed: a Kubernetes namespace name (lower-case letters, digits and '-')"],
            [(c) => { c["sovereignty-milvus-namespace-network-policy"].operatorNamespaces = [3]; },
                "c.json: \"sovereignty-milvus-namespace-network-policy\".operatorNamespaces[0]: 3 is not valid; allowed: a string"],
            [(c) => { delete c["sovereignty-images-approved-registry"]; },
                "c.json: \"sovereignty-images-approved-registry\".approvedRegistries is missing; allowed: a list of a registry host with an optional path, "
                + "such as 123456789012.dkr.ecr.me-central-1.amazonaws.com or *.dkr.ecr.me-central-1.amazonaws.com"],
            [(c) => { delete c["sovereignty-eks-public-endpoint-restricted"]; },
                "c.json: \"sovereignty-eks-public-endpoint-restricted\".publicEndpointCidrs is missing; allowed: a list of an IPv4 CIDR such as 203.0.113.0/24"],
            [(c) => { delete c["sovereignty-milvus-namespace-network-policy"]; },
                "c.json: \"sovereignty-milvus-namespace-network-policy\".clientNamespaces is missing; allowed: a list of a Kubernetes namespace name (lower-case letters, digits and '-')"],
            [(c) => { c.all = "sometimes"; },
                "c.json: \"all\": \"sometimes\" is not valid; allowed: advisory, mandatory, remediate, disabled"],
            [(c) => { c["sovereignty-kms-rotation-enabled"] = ["mandatory"]; },
                "c.json: \"sovereignty-kms-rotation-enabled\": [\"mandatory\"] is not valid; allowed: an enforcement level or an object"],
        ];
        for (const [change, message] of cases) {
            const c = good();
            change(c);
            fails(c, message);
        }
    });

    it("rejects a repeated entry in every list setting", () => {
        const lists: [string, string, string][] = [
            ["sovereignty-provider-region-allowed", "allowedRegions", "me-central-1"],
            ["sovereignty-images-approved-registry", "approvedRegistries", "*.dkr.ecr.me-central-1.amazonaws.com"],
            ["sovereignty-eks-public-endpoint-restricted", "publicEndpointCidrs", "203.0.113.0/24"],
            ["sovereignty-milvus-namespace-network-policy", "clientNamespaces", "rag-api"],
            ["sovereignty-milvus-namespace-network-policy", "monitoringNamespaces", "monitoring"],
            ["sovereignty-principals-in-account", "partnerAccountIds", "444455556666"],
            ["sovereignty-milvus-not-exposed", "internalLoadBalancers", "milvus/milvus-internal"],
            ["sovereignty-ingress-within-vpc", "clientCidrs", "192.168.0.0/16"],
        ];
        for (const [policy, prop, value] of lists) {
            const c = good();
            c[policy] = { ...c[policy], [prop]: [value, value] };
            fails(c, `c.json: "${policy}".${prop}: ${JSON.stringify([value, value])} is not valid; allowed: a list without repeats`);
        }
    });

    it("accepts a shipped config value of each kind", () => {
        const c = good();
        c["sovereignty-images-approved-registry"].approvedRegistries = ["123456789012.dkr.ecr.me-central-1.amazonaws.com/team", "registry.internal:5000"];
        c["sovereignty-eks-public-endpoint-restricted"].publicEndpointCidrs = ["203.0.113.0/24", "10.0.0.0/8"];
        c["sovereignty-provider-region-allowed"].allowedRegions = ["me-central-1", "us-gov-west-1"];
        const settings = resolvePackConfig(sovereigntyPack, parse(c), "c.json");
        assert.deepEqual(settings.get("sovereignty-provider-region-allowed")?.properties, { allowedRegions: ["me-central-1", "us-gov-west-1"] });
    });

    it("rejects other malformed entries", () => {
        const cases: [(c: any) => void, string][] = [
            [(c) => { c["sovereignty-kms-rotation-enabled"] = 3; },
                "c.json: \"sovereignty-kms-rotation-enabled\": 3 is not valid; allowed: an enforcement level or an object"],
            [(c) => { c["sovereignty-kms-rotation-enabled"] = null; },
                "c.json: \"sovereignty-kms-rotation-enabled\": null is not valid; allowed: an enforcement level or an object"],
            [(c) => { c.all = 3; }, "c.json: \"all\": 3 is not valid; allowed: advisory, mandatory, remediate, disabled"],
            [(c) => { c["sovereignty-provider-region-allowed"].allowedRegions = ["me-central-1", "Mars"]; },
                "c.json: \"sovereignty-provider-region-allowed\".allowedRegions[1]: \"Mars\" is not valid; allowed: an AWS region code such as me-central-1"],
            [(c) => { c["sovereignty-milvus-namespace-network-policy"].clients = ["rag-api"]; },
                "c.json: \"sovereignty-milvus-namespace-network-policy\": property \"clients\" is not valid; allowed: clientNamespaces, monitoringNamespaces, operatorNamespaces"],
        ];
        for (const [change, message] of cases) {
            const c = good();
            change(c);
            assert.throws(() => parse(c), (e: unknown) => e instanceof PackConfigError && e.message === message, message);
        }
        for (const doc of [null, "mandatory", 3]) {
            assert.throws(() => parse(doc), (e: unknown) => e instanceof PackConfigError
                && e.message === `c.json: ${JSON.stringify(doc)} is not valid; allowed: an object keyed by policy name`);
        }
    });

    it("checks enums, unworded patterns and item-less lists in a policy's schema", () => {
        const policy = {
            name: "test-policy", description: "a policy with every kind of setting", enforcementLevel: "mandatory" as const,
            remediationSteps: "none", validateResource: () => undefined,
            configSchema: {
                properties: {
                    mode: { type: "string" as const, enum: ["strict", "lenient"] },
                    tag: { type: "string" as const, pattern: "^v[0-9]+$" },
                    anything: { type: "array" as const },
                    count: { type: "number" as const },
                },
            },
        };
        const pack = { name: "test", policies: [policy], allowedLevels: ["mandatory" as const] };
        const parseTest = (settings: object) => parsePackConfig({ "test-policy": settings }, "t.json", [pack]);
        assert.deepEqual(parseTest({ mode: "strict", tag: "v1", anything: [1, "x", null], count: 3 }).get("test-policy")?.properties,
            { mode: "strict", tag: "v1", anything: [1, "x", null], count: 3 });
        const rejects = (settings: object, message: string) =>
            assert.throws(() => parseTest(settings), (e: unknown) => e instanceof PackConfigError && e.message === message, message);
        rejects({ mode: "loose" }, "t.json: \"test-policy\".mode: \"loose\" is not valid; allowed: strict, lenient");
        rejects({ mode: 1 }, "t.json: \"test-policy\".mode: 1 is not valid; allowed: a string");
        rejects({ tag: "1.0" }, "t.json: \"test-policy\".tag: \"1.0\" is not valid; allowed: a string matching ^v[0-9]+$");
        rejects({ anything: "x" }, "t.json: \"test-policy\".anything: \"x\" is not valid; allowed: a list");
    });

    it("validates the access settings: partner accounts, internal load balancers, client CIDRs and internet egress", () => {
        const cases: [(c: any) => void, string][] = [
            [(c) => { c["sovereignty-principals-in-account"].partnerAccountIds = ["12345"]; },
                "c.json: \"sovereignty-principals-in-account\".partnerAccountIds[0]: \"12345\" is not valid; allowed: a 12-digit AWS account id such as 123456789012"],
            [(c) => { c["sovereignty-milvus-not-exposed"].internalLoadBalancers = ["milvus-proxy"]; },
                "c.json: \"sovereignty-milvus-not-exposed\".internalLoadBalancers[0]: \"milvus-proxy\" is not valid; allowed: a Kubernetes <namespace>/<name> such as milvus/milvus-internal"],
            [(c) => { c["sovereignty-ingress-within-vpc"].clientCidrs = ["0.0.0.0"]; },
                "c.json: \"sovereignty-ingress-within-vpc\".clientCidrs[0]: \"0.0.0.0\" is not valid; allowed: an IPv4 CIDR such as 203.0.113.0/24"],
            [(c) => { c["sovereignty-internet-egress"].internetEgress = "open"; },
                "c.json: \"sovereignty-internet-egress\".internetEgress: \"open\" is not valid; allowed: denied, natOnly"],
            [(c) => { c["sovereignty-internet-egress"].internetEgress = true; },
                "c.json: \"sovereignty-internet-egress\".internetEgress: true is not valid; allowed: a string"],
            [(c) => { c["sovereignty-internet-egress"] = "mandatory"; },
                "c.json: \"sovereignty-internet-egress\".internetEgress is missing; allowed: one of denied, natOnly"],
            [(c) => { c["sovereignty-internet-egress"] = { enforcementLevel: "disabled", internetEgress: "denied" }; },
                "c.json: \"sovereignty-internet-egress\".enforcementLevel: \"disabled\" is not valid; allowed: mandatory (pack sovereignty)"],
        ];
        for (const [change, message] of cases) {
            const c = good();
            change(c);
            fails(c, message);
        }
        const c = good();
        c["sovereignty-principals-in-account"].partnerAccountIds = ["444455556666"];
        c["sovereignty-milvus-not-exposed"].internalLoadBalancers = ["milvus/milvus-internal"];
        c["sovereignty-ingress-within-vpc"].clientCidrs = ["192.168.0.0/16"];
        const settings = resolvePackConfig(sovereigntyPack, parse(c), "c.json");
        assert.deepEqual(settings.get("sovereignty-milvus-not-exposed")?.properties, { internalLoadBalancers: ["milvus/milvus-internal"] });
        delete c["sovereignty-principals-in-account"];
        delete c["sovereignty-milvus-not-exposed"];
        delete c["sovereignty-ingress-within-vpc"];
        const defaults = resolvePackConfig(sovereigntyPack, parse(c), "c.json");
        assert.deepEqual([defaults.get("sovereignty-principals-in-account")?.properties, defaults.get("sovereignty-milvus-not-exposed")?.properties,
            defaults.get("sovereignty-ingress-within-vpc")?.properties], [{ partnerAccountIds: [] }, { internalLoadBalancers: [] }, { clientCidrs: [] }]);
    });

    it("ships internet egress as denied in prod (no NAT gateway, no internet gateway) and natOnly in dev (one NAT gateway)", () => {
        for (const [stack, internetEgress] of [["prod-me-central-1", "denied"], ["dev-me-central-1", "natOnly"]]) {
            const settings = resolvePackConfig(sovereigntyPack, parse(readConfig(stack)), stack);
            assert.deepEqual(settings.get("sovereignty-internet-egress")?.properties, { internetEgress }, stack);
        }
    });

    it("names its errors PackConfigError", () => {
        assert.throws(() => parse("x"), (e: unknown) => e instanceof PackConfigError && e.name === "PackConfigError");
    });

    it("defaults the optional monitoring and operator namespaces to none", () => {
        const c = good();
        delete c["sovereignty-milvus-namespace-network-policy"].monitoringNamespaces;
        delete c["sovereignty-milvus-namespace-network-policy"].operatorNamespaces;
        delete c["sovereignty-milvus-deps-not-exposed"];
        const settings = resolvePackConfig(sovereigntyPack, parse(c), "c.json");
        assert.deepEqual(settings.get("sovereignty-milvus-namespace-network-policy")?.properties,
            { clientNamespaces: ["rag-api", "ingestion"], monitoringNamespaces: [], operatorNamespaces: [] });
        assert.deepEqual(settings.get("sovereignty-milvus-deps-not-exposed")?.properties, { operatorNamespaces: [] });
    });

    it("rejects an unknown policy and lists the known ones", () => {
        const c = good();
        c["sovereignty-s3-cmk"] = "mandatory";
        assert.throws(() => parse(c), (e: unknown) => e instanceof PackConfigError
            && e.message.startsWith("c.json: \"sovereignty-s3-cmk\" is not a known policy; allowed: \"all\", milvus-production-backup-job,"));
    });

    it("rejects a document that is not an object", () => {
        assert.throws(() => parse([1]), /c\.json: \[1\] is not valid; allowed: an object keyed by policy name/);
    });

    it("names every level a pack allows for \"all\"", () => {
        fails({ ...good(), all: "remediate" }, "c.json: \"all\": \"remediate\" is not valid for pack milvus-production; allowed: mandatory, advisory", milvusProductionPack);
    });

    it("describes a missing setting by its pattern, else its description", () => {
        const policy = {
            name: "test-required", description: "a policy with required settings", enforcementLevel: "mandatory" as const,
            remediationSteps: "none", validateResource: () => undefined,
            configSchema: {
                properties: {
                    mode: { type: "string" as const, description: "the checking mode" },
                    tags: { type: "array" as const, items: { type: "string" as const }, description: "tags to look for" },
                    bare: { type: "string" as const },
                },
                required: ["mode", "tags", "bare"],
            },
        };
        const pack = { name: "test", policies: [policy], allowedLevels: ["mandatory" as const] };
        const missing = (settings: object, message: string) => assert.throws(
            () => resolvePackConfig(pack, parsePackConfig({ "test-required": settings }, "t.json", [pack]), "t.json"),
            (e: unknown) => e instanceof PackConfigError && e.message === message, message);
        missing({}, "t.json: \"test-required\".mode is missing; allowed: the checking mode");
        missing({ mode: "x" }, "t.json: \"test-required\".tags is missing; allowed: tags to look for");
        missing({ mode: "x", tags: [] }, "t.json: \"test-required\".bare is missing; allowed: a value");
    });

    it("applies \"all\" within a pack that allows the level", () => {
        const settings = resolvePackConfig(milvusProductionPack, parse({ all: "advisory", "milvus-production-backup-job": "mandatory" }), "c.json");
        assert.equal(settings.get("milvus-production-etcd-replicas")?.enforcementLevel, "advisory");
        assert.equal(settings.get("milvus-production-backup-job")?.enforcementLevel, "mandatory");
    });
});
