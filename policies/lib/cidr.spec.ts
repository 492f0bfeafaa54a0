import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cidrWithin, ipv4Cidr, reachesEveryAddress } from "./cidr";

describe("cidrWithin", () => {
    it("compares CIDRs by containment", () => {
        assert.equal(cidrWithin("10.1.2.0/24", "10.1.0.0/16"), true);
        assert.equal(cidrWithin("10.1.0.0/16", "10.1.2.0/24"), false);
        assert.equal(cidrWithin("10.2.0.0/24", "10.1.0.0/16"), false);
    });

    it("compares CIDRs at their boundaries", () => {
        assert.equal(cidrWithin("10.1.255.0/24", "10.1.0.0/16"), true);
        assert.equal(cidrWithin("10.0.255.0/24", "10.1.0.0/16"), false);
        assert.equal(cidrWithin("10.1.0.0/16", "10.1.0.0/16"), true);
        assert.equal(cidrWithin("10.1.2.3", "10.1.2.0/24"), true);
        assert.equal(cidrWithin("10.1.2.3", "10.1.2.3"), true);
        assert.equal(cidrWithin("10.1.2.4", "10.1.2.3"), false);
        assert.equal(cidrWithin("192.168.0.0/16", "0.0.0.0/0"), true);
        assert.equal(cidrWithin("203.0.113.128/25", "203.0.113.0/25"), false);
    });

    it("does not count a wider CIDR as within a narrower one with the same start", () => {
        assert.equal(cidrWithin("0.0.0.0/0", "0.0.0.0/8"), false);
        assert.equal(cidrWithin("203.0.113.0/23", "203.0.113.0/24"), false);
    });

    it("places nothing that is not an IPv4 range, on either side", () => {
        for (const bad of ["10.1.300.0/24", "10.1/16", "10.1.2.0/33", "0x0a.1.2.0/24", "010.1.2.0/24", "10.1.2.0/", "::/0", "", "any"]) {
            assert.equal(cidrWithin(bad, "0.0.0.0/0"), false, bad);
            assert.equal(cidrWithin("10.1.2.0/24", bad), false, bad);
        }
    });
});

describe("ipv4Cidr", () => {
    it("reads four-part decimal ranges with a prefix, and nothing else", () => {
        assert.deepEqual(ipv4Cidr("10.40.0.0/16")?.map(String), ["10.40.0.0", "16"]);
        assert.deepEqual(ipv4Cidr("0.0.0.0/0")?.map(String), ["0.0.0.0", "0"]);
        for (const bad of ["10.40.0.0", "10.40.0.0/16/", "256.0.0.0/8", "10.40.0/16", "10.40.0.0/-1", "10.40.0.0/x", "fd00::/8"]) {
            assert.equal(ipv4Cidr(bad), undefined, bad);
        }
    });
});

describe("reachesEveryAddress", () => {
    it("is true for a prefix of length 0, IPv4 or IPv6, and false otherwise", () => {
        for (const all of ["0.0.0.0/0", "::/0", "10.0.0.0/0"]) assert.equal(reachesEveryAddress(all), true, all);
        for (const some of ["0.0.0.0/1", "10.0.0.0/8", "::/1", "0.0.0.0", "x/0", ""]) assert.equal(reachesEveryAddress(some), false, some);
    });
});
