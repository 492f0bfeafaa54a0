package io.nomadx.sovereign.network;

import io.nomadx.sovereign.config.Cidr;
import io.nomadx.sovereign.config.Region;

/**
 * Where each zone's subnets sit inside the VPC range. Ranges are keyed on the zone's position in
 * the region (mec1-az2 is always the second block), so excluding or re-adding a zone never moves
 * another zone's subnets, which would replace them and every node in them.
 *
 * For a /16: private /19 per zone at the start (8,190 addresses: pods take VPC addresses under
 * the VPC CNI), public /24 per zone in the last eighth (NAT gateways only).
 */
public record SubnetLayout(Cidr vpc, Region region) {
    private static final int PRIVATE_NEW_BITS = 3;
    private static final int PUBLIC_NEW_BITS = 8;
    private static final int PUBLIC_FIRST_BLOCK = 224;

    public Cidr privateSubnet(String zoneId) {
        return vpc.subnet(PRIVATE_NEW_BITS, region.zoneIndex(zoneId));
    }

    public Cidr publicSubnet(String zoneId) {
        return vpc.subnet(PUBLIC_NEW_BITS, PUBLIC_FIRST_BLOCK + region.zoneIndex(zoneId));
    }
}
