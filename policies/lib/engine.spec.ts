import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DocumentError, parseDocument, redact, SECRET_SIG } from "./document";
import type { PackShape, PolicySettings } from "./config";
import { nameOf, PlanResource, providerUrn, runPack, typeOfUrn, unknownChecking, Violation } from "./engine";
import { ProjectPolicy, resourceOfType } from "./policy";
import { asPreview, goodPlan, SECRET_TOKEN } from "./testing/fixtures";

describe("document", () => {
    it("reads a stack export", () => {
        const doc = parseDocument(JSON.stringify(goodPlan()));
        assert.equal(doc.format, "stack export");
        assert.equal(doc.resources.length, goodPlan().deployment.resources.length);
    });

    it("reads preview JSON, skipping resources being deleted and taking the step's provider", () => {
        const doc = parseDocument(JSON.stringify(asPreview()));
        assert.equal(doc.format, "preview");
        assert.equal(doc.resources.length, goodPlan().deployment.resources.length);
        const bucket = doc.resources.find((r) => r.urn.endsWith("::segments-bucket"))!;
        assert.match(bucket.provider!, /pulumi:providers:aws::aws-me-central-1::/);
    });

    it("unwraps secrets, remembers their plaintext and turns ciphertext into an unknown", () => {
        const doc = parseDocument(JSON.stringify({
            version: 3,
            deployment: { resources: [{ urn: "urn:pulumi:s::p::t:m:R::r", type: "t:m:R", inputs: {
                a: { [SECRET_SIG]: "1b47061264138c4ac30d75fd1eb44270", plaintext: "\"hunter22\"" },
                b: { [SECRET_SIG]: "1b47061264138c4ac30d75fd1eb44270", ciphertext: "AAAA" },
            } }] },
        }));
        assert.deepEqual(doc.resources[0].inputs, { a: "hunter22", b: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" });
        assert.deepEqual(doc.secrets, ["hunter22"]);
        assert.equal(redact("token hunter22 here", doc.secrets), "token [secret] here");
    });

    it("collects the fixture's kubeconfig token as a secret", () => {
        assert.ok(parseDocument(JSON.stringify(goodPlan())).secrets.some((s) => s.includes(SECRET_TOKEN)));
    });

    it("rejects bad input with one line", () => {
        assert.throws(() => parseDocument("{"), (e: unknown) => e instanceof DocumentError && /^not valid JSON/.test(e.message));
        assert.throws(() => parseDocument("{\"hello\":1}"), (e: unknown) => e instanceof DocumentError && /^unknown format/.test(e.message));
        assert.throws(() => parseDocument("{\"version\":9,\"deployment\":{}}"), /version 9 is not supported/);
    });
});

describe("document resources", () => {
    const SIG = { [SECRET_SIG]: "1b47061264138c4ac30d75fd1eb44270" };
    const exportOf = (resources: unknown[], version: unknown = 3) => JSON.stringify({ version, deployment: { resources } });

    it("reads each field of a resource, with the engine's defaults", () => {
        const [full, bare] = parseDocument(exportOf([
            {
                urn: "urn:pulumi:s::p::aws:s3/bucketV2:BucketV2::b", type: "aws:s3/bucketV2:BucketV2", custom: true, id: "b-1",
                inputs: { x: 1 }, outputs: { x: 2 }, parent: "urn:pulumi:s::p::pulumi:pulumi:Stack::p-s", protect: true,
                dependencies: ["urn:a", 7, "urn:b"], propertyDependencies: { bucket: ["urn:a", null], rules: "urn:c" },
                provider: "urn:pulumi:s::p::pulumi:providers:aws::aws::id",
            },
            { urn: "urn:pulumi:s::p::sovereign:c:C$kubernetes:core/v1:Namespace::n", custom: false, id: 5, parent: "", protect: "yes", provider: "" },
        ])).resources;
        assert.deepEqual(full, {
            urn: "urn:pulumi:s::p::aws:s3/bucketV2:BucketV2::b", type: "aws:s3/bucketV2:BucketV2", custom: true, id: "b-1",
            inputs: { x: 1 }, outputs: { x: 2 }, parent: "urn:pulumi:s::p::pulumi:pulumi:Stack::p-s", protect: true,
            dependencies: ["urn:a", "urn:b"], propertyDependencies: { bucket: ["urn:a"], rules: [] },
            provider: "urn:pulumi:s::p::pulumi:providers:aws::aws::id",
        });
        assert.deepEqual(bare, {
            urn: "urn:pulumi:s::p::sovereign:c:C$kubernetes:core/v1:Namespace::n", type: "kubernetes:core/v1:Namespace", custom: false, id: undefined,
            inputs: {}, outputs: {}, parent: undefined, protect: false, dependencies: [], propertyDependencies: {}, provider: undefined,
        });
        assert.equal(parseDocument(exportOf([{ urn: "urn:pulumi:s::p::t:m:R::r" }])).resources[0].custom, true);
        const [typed] = parseDocument(exportOf([{ urn: "urn:pulumi:s::p::t:m:R::r", type: "x:y:Z", parent: 5, provider: 7, id: "" }])).resources;
        assert.deepEqual([typed.type, typed.parent, typed.provider, typed.id], ["x:y:Z", undefined, undefined, ""]);
    });

    it("skips resources marked for deletion and accepts export versions 1 to 3", () => {
        for (const version of [1, 2, 3, undefined]) {
            const doc = parseDocument(exportOf([{ urn: "urn:pulumi:s::p::t:m:R::a" }, { urn: "urn:pulumi:s::p::t:m:R::b", delete: true }], version));
            assert.deepEqual(doc.resources.map((r) => r.urn), ["urn:pulumi:s::p::t:m:R::a"]);
        }
        assert.deepEqual(parseDocument(JSON.stringify({ deployment: {} })).resources, []);
    });

    it("rejects a resource without a URN and resources that are not a list", () => {
        assert.throws(() => parseDocument(exportOf([{ type: "t:m:R", inputs: { note: "x".repeat(100) } }])), (e: unknown) => e instanceof DocumentError
            && e.name === "DocumentError"
            && e.message === `a resource has no urn: ${JSON.stringify({ type: "t:m:R", inputs: { note: "x".repeat(100) } }).slice(0, 80)}`);
        assert.throws(() => parseDocument(exportOf([null])), /^DocumentError: a resource has no urn: null$/);
        assert.throws(() => parseDocument(exportOf(["urn:pulumi:s::p::t:m:R::a"])), /a resource has no urn: "urn:pulumi/);
        assert.throws(() => parseDocument(JSON.stringify({ version: 3, deployment: { resources: {} } })), /^DocumentError: deployment\.resources is not a list$/);
        assert.throws(() => parseDocument("[]"), /^DocumentError: unknown format: expected a stack export/);
        assert.throws(() => parseDocument("null"), /^DocumentError: unknown format/);
        assert.throws(() => parseDocument(JSON.stringify({ deployment: "x" })), /^DocumentError: unknown format/);
        assert.throws(() => parseDocument("{\"version\":\"3\",\"deployment\":{}}"), /^DocumentError: stack export version "3" is not supported; allowed: 1, 2, 3$/);
    });

    it("keeps only the preview steps whose resource will exist, preferring the new state's provider", () => {
        const step = (op: string, name: string, extra: object = {}) => ({
            op, urn: `urn:pulumi:s::p::t:m:R::${name}`, provider: "urn:step::1", newState: { urn: `urn:pulumi:s::p::t:m:R::${name}`, ...extra },
        });
        const doc = parseDocument(JSON.stringify({ steps: [
            step("create", "a"), step("update", "b", { provider: "urn:state::2" }), step("same", "c"),
            ...["delete", "delete-replaced", "discard", "discard-replaced", "remove-pending-replace", "read-discard"].map((op) => step(op, op)),
            { op: "create", urn: "urn:pulumi:s::p::t:m:R::nostate" },
        ] }));
        assert.equal(doc.format, "preview");
        assert.deepEqual(doc.resources.map((r) => [nameOf(r.urn), r.provider]), [["a", "urn:step::1"], ["b", "urn:state::2"], ["c", "urn:step::1"]]);
    });

    it("unwraps every form of secret, remembering only plaintext it can print", () => {
        const doc = parseDocument(exportOf([{ urn: "urn:pulumi:s::p::t:m:R::r", inputs: {
            bare: { ...SIG, plaintext: "not-json token" },
            valued: { ...SIG, value: ["pw-one", 4242, ""] },
            nested: [{ deep: { ...SIG, plaintext: JSON.stringify({ user: "admin-user", n: null }) } }],
            placeholder: "[secret]",
            plain: "visible",
        } }]));
        assert.deepEqual(doc.resources[0].inputs, {
            bare: "not-json token",
            valued: ["pw-one", 4242, ""],
            nested: [{ deep: { user: "admin-user", n: null } }],
            placeholder: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
            plain: "visible",
        });
        assert.deepEqual(doc.secrets.sort(), ["4242", "admin-user", "not-json token", "pw-one"]);
    });

    it("redacts the longest secret first and leaves secrets under three characters", () => {
        assert.equal(redact("abc abcdef ab", ["abc", "abcdef", "ab"]), "[secret] [secret] ab");
        assert.equal(redact("no secrets", []), "no secrets");
    });
});

describe("engine", () => {
    it("splits URNs and provider references", () => {
        const u = "urn:pulumi:s::p::sovereign:storage:SegmentBucket$aws:s3/bucketV2:BucketV2::segments-bucket";
        assert.equal(nameOf(u), "segments-bucket");
        assert.equal(typeOfUrn(u), "aws:s3/bucketV2:BucketV2");
        assert.equal(providerUrn("urn:pulumi:s::p::pulumi:providers:aws::default_6_83_0::0123"), "urn:pulumi:s::p::pulumi:providers:aws::default_6_83_0");
    });

    it("throws when a policy reads an unknown, not when it checks presence", () => {
        const props = unknownChecking({ a: { b: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" }, list: [1, 2] });
        assert.throws(() => props.a.b, /value at \.a\.b can't be known during preview/);
        assert.equal("b" in props.a, true);
        assert.deepEqual(props.list.filter((x: number) => x > 1), [2]);
    });
});

describe("engine runs policies as the Pulumi engine does", () => {
    const U = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    const R = (name: string, type: string, extra: Partial<PlanResource> = {}): PlanResource => ({
        urn: `urn:pulumi:s::p::${type}::${name}`, type, custom: true, inputs: {}, outputs: {}, protect: false,
        dependencies: [], propertyDependencies: {}, ...extra,
    });
    const provider = R("aws-main", "pulumi:providers:aws", { inputs: { region: "me-central-1" } });
    const bucket = R("bucket", "aws:s3/bucketV2:BucketV2", {
        inputs: { bucket: "in" }, outputs: { bucket: "out" }, protect: true, parent: "urn:pulumi:s::p::sovereign:x:Parent::parent",
        provider: `${provider.urn}::pid`, dependencies: [provider.urn, "urn:missing"], propertyDependencies: { bucket: [provider.urn, "urn:missing"] },
    });
    const key = R("key", "aws:kms/key:Key", { inputs: { enableKeyRotation: U } });
    const base = { description: "a test policy", enforcementLevel: "mandatory" as const, remediationSteps: "fix it" };
    const pack = (...policies: ProjectPolicy[]): PackShape => ({ name: "test-pack", policies, allowedLevels: ["mandatory", "advisory"] });
    const settings = (entries: [string, PolicySettings][] = []) => new Map(entries);
    const messages = (vs: Violation[]) => vs.map((v) => `${v.enforcementLevel} ${v.policyName} ${v.urn ?? "(stack)"}: ${v.message}`);

    it("hands resource policies their inputs, options, provider and config, and only their type", () => {
        const seen: any[] = [];
        const policy: ProjectPolicy = {
            ...base, name: "test-resource",
            validateResource: resourceOfType("aws:s3/bucketV2:BucketV2", (props, args, report) => {
                seen.push({ props: { ...props }, name: args.name, type: args.type, urn: args.urn, opts: args.opts,
                    provider: args.provider && { type: args.provider.type, name: args.provider.name, urn: args.provider.urn, region: args.provider.props.region },
                    config: args.getConfig() });
                report(`bucket ${props.bucket}`);
            }),
        };
        const vs = runPack(pack(policy), settings([["test-resource", { enforcementLevel: "advisory", properties: { level: 3 } }]]), [provider, bucket, key]);
        assert.deepEqual(seen, [{
            props: { bucket: "in" }, name: "bucket", type: "aws:s3/bucketV2:BucketV2", urn: bucket.urn,
            opts: { protect: true, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
                additionalSecretOutputs: [], parent: "urn:pulumi:s::p::sovereign:x:Parent::parent" },
            provider: { type: "pulumi:providers:aws", name: "aws-main", urn: provider.urn, region: "me-central-1" },
            config: { level: 3 },
        }]);
        assert.deepEqual(vs, [{
            policyPack: "test-pack", policyName: "test-resource", enforcementLevel: "advisory", urn: bucket.urn,
            message: "bucket in", description: "a test policy", remediation: "fix it",
        }]);
    });

    it("runs every validation of a resource policy, and gives an empty config when none is set", () => {
        const policy: ProjectPolicy = {
            ...base, name: "test-many",
            validateResource: [
                (args, report) => report(`first ${args.name} ${JSON.stringify(args.getConfig())}`),
                (args, report) => { if (args.provider === undefined) report(`second ${args.name} has no provider`); },
            ],
        };
        assert.deepEqual(messages(runPack(pack(policy), settings(), [provider, key])), [
            `mandatory test-many ${provider.urn}: first aws-main {}`,
            `mandatory test-many ${provider.urn}: second aws-main has no provider`,
            `mandatory test-many ${key.urn}: first key {}`,
            `mandatory test-many ${key.urn}: second key has no provider`,
        ]);
    });

    it("hands stack policies outputs (inputs before creation) and the resource graph", () => {
        let graph: any;
        const policy: ProjectPolicy = {
            ...base, name: "test-stack",
            validateStack: (args, report) => {
                const b = args.resources.find((r) => r.name === "bucket")!;
                const p = args.resources.find((r) => r.name === "aws-main")!;
                graph = {
                    names: args.resources.map((r) => r.name),
                    bucket: b.props.bucket, providerRegion: p.props.region,
                    parent: b.parent, deps: b.dependencies.map((d) => d.name),
                    propDeps: Object.fromEntries(Object.entries(b.propertyDependencies).map(([k, v]) => [k, v.map((d) => d.name)])),
                    bucketProvider: b.provider?.name, parentProvider: args.resources.find((r) => r.name === "parent")!.provider,
                    opts: b.opts.protect, config: args.getConfig(),
                };
                report("stack-wide");
                report("about the bucket", b.urn);
            },
        };
        const parent = R("parent", "sovereign:x:Parent", { outputs: { a: 1 } });
        const vs = runPack(pack(policy), settings([["test-stack", { enforcementLevel: "mandatory", properties: { x: 1 } }]]), [provider, bucket, parent]);
        assert.deepEqual(graph, {
            names: ["aws-main", "bucket", "parent"], bucket: "out", providerRegion: "me-central-1",
            parent: graph.parent, deps: ["aws-main"], propDeps: { bucket: ["aws-main"] },
            bucketProvider: "aws-main", parentProvider: undefined, opts: true, config: { x: 1 },
        });
        assert.equal(graph.parent.name, "parent");
        assert.deepEqual(messages(vs), ["mandatory test-stack (stack): stack-wide", `mandatory test-stack ${bucket.urn}: about the bucket`]);
    });

    it("skips a disabled policy, and reports unknowns, crashes and not-applicable the engine's way", () => {
        const reads: ProjectPolicy = { ...base, name: "test-unknown", validateResource: resourceOfType("aws:kms/key:Key", (props) => { void props.enableKeyRotation; }) };
        const crashes: ProjectPolicy = { ...base, name: "test-crash", validateResource: resourceOfType("aws:kms/key:Key", () => { throw new Error("boom"); }) };
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- a policy that throws a non-Error is what this case tests
        const throwsValue: ProjectPolicy = { ...base, name: "test-throw", validateStack: () => { throw "bare"; } };
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- as above, with undefined
        const throwsNothing: ProjectPolicy = { ...base, name: "test-throw-undefined", validateStack: () => { throw undefined; } };
        const skips: ProjectPolicy = { ...base, name: "test-na", validateStack: (args, report) => { args.notApplicable("not here"); report("after not-applicable"); } };
        const validatesNothing = { ...base, name: "test-empty" } as ProjectPolicy;
        const stackUnknown: ProjectPolicy = { ...base, name: "test-stack-unknown", validateStack: (args) => { void args.resources[0].props.enableKeyRotation; } };
        const disabled: ProjectPolicy = { ...base, name: "test-off", validateStack: (_args, report) => report("never") };
        const async: ProjectPolicy = { ...base, name: "test-async", validateStack: async (_args, report) => { await Promise.resolve(); report("too late"); } };
        const vs = runPack(pack(reads, crashes, throwsValue, throwsNothing, skips, validatesNothing, stackUnknown, disabled, async),
            settings([["test-off", { enforcementLevel: "disabled", properties: {} }], ["test-crash", { enforcementLevel: "advisory", properties: {} }]]), [key]);
        assert.deepEqual(messages(vs), [
            `advisory test-unknown ${key.urn}: can't run policy 'test-unknown' from policy pack 'test-pack' during preview: value at .enableKeyRotation can't be known during preview`,
            `mandatory test-crash ${key.urn}: policy 'test-crash' failed on this input: boom`,
            "mandatory test-throw (stack): policy 'test-throw' failed on this input: bare",
            "mandatory test-throw-undefined (stack): policy 'test-throw-undefined' failed on this input: undefined",
            "advisory test-stack-unknown (stack): can't run policy 'test-stack-unknown' from policy pack 'test-pack' during preview: value at .enableKeyRotation can't be known during preview",
            "mandatory test-async (stack): policy 'test-async' returned a Promise; the offline engine runs policies synchronously, so write it without async.",
        ]);
    });

    it("reports at the policy's own level when the config sets none, and a remediate level as mandatory", () => {
        const policy: ProjectPolicy = { ...base, enforcementLevel: "advisory", name: "test-level", validateStack: (_a, report) => report("x") };
        assert.deepEqual(messages(runPack(pack(policy), settings(), [])), ["advisory test-level (stack): x"]);
        assert.deepEqual(messages(runPack(pack(policy), settings([["test-level", { enforcementLevel: "remediate", properties: {} }]]), [])),
            ["mandatory test-level (stack): x"]);
    });

    it("passes non-configurable, non-writable properties through unwrapped", () => {
        const frozen = Object.freeze({ inner: Object.freeze({ v: 1 }) });
        const wrapped = unknownChecking({ frozen });
        assert.equal(wrapped.frozen.inner, frozen.inner);
        assert.equal(unknownChecking(null), null);
        assert.equal(unknownChecking("text"), "text");
        const sym = Symbol("s");
        assert.equal(unknownChecking({ [sym]: U } as any)[sym], U);
        assert.equal(typeOfUrn("no-separators"), "");
    });
});
