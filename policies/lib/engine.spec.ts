import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DocumentError, parseDocument, redact, SECRET_SIG } from "./document";
import { nameOf, providerUrn, typeOfUrn, unknownChecking } from "./engine";
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
