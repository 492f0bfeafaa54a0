import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { PolicyResource } from "@pulumi/policy";
import { containersOf, inNamespace, namespaceOf, podSpecOf, quantity, spreadsOverZones, ZONE_KEY } from "./kubernetes";

describe("kubernetes helpers", () => {
    it("reads quantities in every unit, and nothing else", () => {
        const cases: [unknown, number | undefined][] = [
            [2, 2], ["4", 4], [" 4 ", 4], ["500m", 0.5], ["1.5", 1.5], ["2.25", 2.25], ["0.125Gi", 0.125 * 2 ** 30], ["2k", 2000], ["3M", 3e6], ["4G", 4e9], ["5T", 5e12],
            ["6P", 6e15], ["7E", 7e18], ["1Ki", 1024], ["1Mi", 2 ** 20], ["28Gi", 28 * 2 ** 30], ["1Ti", 2 ** 40],
            ["1Pi", 2 ** 50], ["1Ei", 2 ** 60],
            ["4x", undefined], ["4Gb", undefined], ["Gi", undefined], ["1.Gi", undefined], ["-1", undefined], ["1e3", undefined],
            ["4GiB", undefined], [".5", undefined], [null, undefined], [undefined, undefined], [true, undefined],
        ];
        for (const [input, expected] of cases) assert.equal(quantity(input), expected, JSON.stringify(input));
    });

    it("finds pod specs and their containers in every workload type", () => {
        const pod = { containers: [{ name: "c" }], initContainers: [{ name: "i" }] };
        assert.equal(podSpecOf("kubernetes:core/v1:Pod", { spec: pod }), pod);
        for (const type of ["kubernetes:apps/v1:Deployment", "kubernetes:apps/v1:StatefulSet", "kubernetes:apps/v1:DaemonSet", "kubernetes:batch/v1:Job"]) {
            assert.equal(podSpecOf(type, { spec: { template: { spec: pod } } }), pod, type);
        }
        assert.equal(podSpecOf("kubernetes:batch/v1:CronJob", { spec: { jobTemplate: { spec: { template: { spec: pod } } } } }), pod);
        assert.equal(podSpecOf("kubernetes:batch/v1:CronJob", { spec: {} }), undefined);
        assert.equal(podSpecOf("kubernetes:core/v1:Service", { spec: pod }), undefined);
        assert.deepEqual(containersOf(pod).map((c) => c.name), ["i", "c"]);
        assert.deepEqual(containersOf(undefined), []);
    });

    it("puts a resource without a namespace in default", () => {
        assert.equal(namespaceOf({ metadata: { namespace: "milvus" } }), "milvus");
        assert.equal(namespaceOf({ metadata: {} }), "default");
        assert.equal(namespaceOf({}), "default");
        assert.equal(namespaceOf(undefined), "default");
        const r = (type: string, namespace?: string) => ({ type, props: { metadata: { namespace } } }) as unknown as PolicyResource;
        const resources = [r("a", "milvus"), r("b", "milvus"), r("a", "other"), r("a")];
        assert.deepEqual(inNamespace(resources, "a", "milvus"), [resources[0]]);
        assert.deepEqual(inNamespace(resources, "a", "default"), [resources[3]]);
    });

    it("counts only scheduling rules that force replicas into different zones", () => {
        const tsc = (c: object) => ({ topologySpreadConstraints: [{ topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "DoNotSchedule" }, c] });
        assert.equal(spreadsOverZones(tsc({ topologyKey: ZONE_KEY, whenUnsatisfiable: "DoNotSchedule" })), true);
        assert.equal(spreadsOverZones(tsc({ topologyKey: ZONE_KEY })), true);
        assert.equal(spreadsOverZones(tsc({ topologyKey: ZONE_KEY, whenUnsatisfiable: "ScheduleAnyway" })), false);
        assert.equal(spreadsOverZones(tsc({ topologyKey: "kubernetes.io/hostname" })), false);
        assert.equal(spreadsOverZones({ topologySpreadConstraints: [null] }), false);

        const anti = (key: string) => ({ affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [null, { topologyKey: "x" }, { topologyKey: key }] } } });
        assert.equal(spreadsOverZones(anti(ZONE_KEY)), true);
        assert.equal(spreadsOverZones(anti("kubernetes.io/hostname")), false);
        assert.equal(spreadsOverZones({ affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ podAffinityTerm: { topologyKey: ZONE_KEY } }] } } }), false);

        const chart = (affinity: object) => ({ affinity: { anti_affinity: true, anti_affinity_topology_key: ZONE_KEY, ...affinity } });
        assert.equal(spreadsOverZones(chart({})), true);
        assert.equal(spreadsOverZones(chart({ type: "requiredDuringSchedulingIgnoredDuringExecution" })), true);
        assert.equal(spreadsOverZones(chart({ type: "preferredDuringSchedulingIgnoredDuringExecution" })), false);
        assert.equal(spreadsOverZones(chart({ anti_affinity: false })), false);
        assert.equal(spreadsOverZones(chart({ anti_affinity: "true" })), false);
        assert.equal(spreadsOverZones(chart({ anti_affinity_topology_key: "kubernetes.io/hostname" })), false);

        assert.equal(spreadsOverZones({}), false);
        assert.equal(spreadsOverZones([tsc({ topologyKey: ZONE_KEY })]), false);
        assert.equal(spreadsOverZones(undefined), false);
    });
});
