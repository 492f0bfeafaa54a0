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
        ];
        for (const [change, message] of cases) {
            const c = good();
            change(c);
            fails(c, message);
        }
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

    it("applies \"all\" within a pack that allows the level", () => {
        const settings = resolvePackConfig(milvusProductionPack, parse({ all: "advisory", "milvus-production-backup-job": "mandatory" }), "c.json");
        assert.equal(settings.get("milvus-production-etcd-replicas")?.enforcementLevel, "advisory");
        assert.equal(settings.get("milvus-production-backup-job")?.enforcementLevel, "mandatory");
    });
});
