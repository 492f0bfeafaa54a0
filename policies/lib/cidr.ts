// IP ranges for the policies, parsed and compared by ipaddr.js, which rejects what is not an
// address (octets over 255, missing or extra parts, prefixes over 32) instead of computing with it.
import ipaddr from "ipaddr.js";

/** A parsed IPv4 range: its address and prefix length. */
type Ipv4Range = [ipaddr.IPv4, number];

/**
 * "a.b.c.d/n" in four-part decimal, as AWS and Kubernetes write ranges; undefined for anything else.
 * ipaddr.js also reads hexadecimal, octal and shortened forms ("10.1"), which no such field holds,
 * so the stricter isValidCIDRFourPartDecimal decides first (lib/ipaddr.js, ipaddr.js 2.5.0).
 */
export function ipv4Cidr(text: string): Ipv4Range | undefined {
    return ipaddr.IPv4.isValidCIDRFourPartDecimal(text) ? ipaddr.IPv4.parseCIDR(text) : undefined;
}

/** A range, or a bare address read as its /32. */
function ipv4RangeOrAddress(text: string): Ipv4Range | undefined {
    return ipv4Cidr(text.includes("/") ? text : `${text}/32`);
}

/** True when IPv4 range (or address) `inner` lies inside `outer`; false when either is not one. */
export function cidrWithin(inner: string, outer: string): boolean {
    const i = ipv4RangeOrAddress(inner);
    const o = ipv4RangeOrAddress(outer);
    return i !== undefined && o !== undefined && i[1] >= o[1] && i[0].match(o);
}

/** True for a range of prefix length 0 (0.0.0.0/0, ::/0, or any address written with /0): every address. */
export function reachesEveryAddress(text: string): boolean {
    return ipaddr.isValidCIDR(text) && ipaddr.parseCIDR(text)[1] === 0;
}
