import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { PolicyResource, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { unknownChecking } from "./engine";
import { asArray, at, dependenciesOf, isObject, isSet, isStackPolicy, isUnknownValue, known, label, ofType, peek, resourceOfType, UNKNOWN, UNKNOWN_SENTINELS } from "./policy";

describe("policy helpers", () => {
    it("knows the engine's sentinels for every kind of unknown value", () => {
        assert.deepEqual([...UNKNOWN_SENTINELS], [
            "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", "3eeb2bf0-c639-47a8-9e75-3b44932eb421", "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
            "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", "030794c1-ac77-496b-92df-f27374a8bd58", "e48ece36-62e2-4504-bad9-02848725956a",
            "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
        ]);
        assert.equal(isUnknownValue(UNKNOWN), true);
        assert.equal(isUnknownValue("dd056dcd-154b-4c76-9bd3-c8f88648b5ff"), true);
        assert.equal(isUnknownValue("04da6b54"), false);
        assert.equal(isUnknownValue(undefined), false);
        assert.equal(known(UNKNOWN), undefined);
        assert.equal(known("x"), "x");
    });

    it("reads presence without tripping over unknowns", () => {
        const props = unknownChecking({ arn: UNKNOWN, empty: "", nothing: null, zero: 0, no: false, name: "n" });
        assert.equal(peek(props, "arn"), UNKNOWN);
        assert.equal(peek(props, "missing"), undefined);
        assert.equal(peek(null, "x"), undefined);
        assert.equal(peek("text", "length"), undefined);
        assert.deepEqual(["arn", "empty", "nothing", "zero", "no", "name", "missing"].map((k) => isSet(props, k)), [true, false, false, true, true, true, false]);
        assert.equal(isSet(undefined, "x"), false);
    });

    it("walks dotted paths, stopping at anything that is not an object", () => {
        const v = { a: { b: { c: 3 }, s: "text" } };
        assert.equal(at(v, "a.b.c"), 3);
        assert.deepEqual(at(v, "a.b"), { c: 3 });
        assert.equal(at(v, "a.s.length"), undefined);
        assert.equal(at(v, "a.x.c"), undefined);
        assert.equal(at(null, "a"), undefined);
        assert.throws(() => at(unknownChecking({ a: { b: UNKNOWN } }), "a.b"), /can't be known during preview/);
    });

    it("tells lists and objects apart", () => {
        assert.deepEqual(asArray([1]), [1]);
        assert.deepEqual(asArray("x"), []);
        assert.deepEqual(asArray({ length: 1 }), []);
        assert.deepEqual([{}, [], null, "x", 1].map(isObject), [true, false, false, false, false]);
    });

    it("labels resources by their type's last segment and name", () => {
        assert.equal(label({ type: "aws:s3/bucketV2:BucketV2", name: "b" }), "BucketV2 'b'");
        assert.equal(label({ type: "Plain", name: "p" }), "Plain 'p'");
    });

    it("filters stack resources by type and reads property dependencies", () => {
        const a = { type: "t:a", name: "a", propertyDependencies: { bucket: [] as PolicyResource[] } } as unknown as PolicyResource;
        const b = { type: "t:b", name: "b", propertyDependencies: { bucket: [a] } } as unknown as PolicyResource;
        const c = { type: "t:a", name: "c" } as unknown as PolicyResource;
        assert.deepEqual(ofType({ resources: [a, b, c] } as unknown as StackValidationArgs, "t:a"), [a, c]);
        assert.deepEqual(dependenciesOf(b, "bucket"), [a]);
        assert.deepEqual(dependenciesOf(b, "other"), []);
        assert.deepEqual(dependenciesOf(c, "bucket"), []);
    });

    it("runs a typed validation only for its type, saying why otherwise", () => {
        const calls: string[] = [];
        const validate = resourceOfType("aws:kms/key:Key", (props, args) => { calls.push(`${args.name}:${props.x}`); });
        assert.equal((validate as any).__pulumiType, "aws:kms/key:Key");
        const args = (type: string) => ({
            type, name: type, props: { x: 1 },
            notApplicable: (reason?: string) => { calls.push(`n/a ${reason}`); },
        }) as unknown as ResourceValidationArgs;
        void validate(args("aws:kms/key:Key"), () => undefined);
        void validate(args("aws:s3/bucketV2:BucketV2"), () => undefined);
        assert.deepEqual(calls, ["aws:kms/key:Key:1", "n/a Policy only applies to resources of type 'aws:kms/key:Key'"]);
    });

    it("tells stack policies from resource policies", () => {
        const base = { name: "p", description: "d", enforcementLevel: "mandatory" as const, remediationSteps: "r" };
        assert.equal(isStackPolicy({ ...base, validateStack: () => undefined }), true);
        assert.equal(isStackPolicy({ ...base, validateResource: () => undefined }), false);
    });
});
