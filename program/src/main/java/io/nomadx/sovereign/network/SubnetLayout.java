package io.nomadx.sovereign.network;

import io.nomadx.sovereign.config.Cidr;
import io.nomadx.sovereign.config.Region;

/**
 * Where each zone's subnets sit inside the VPC range. Ranges are keyed on the zone's position in
 * the region (mec1-az2 is always the second block), so excluding or re-adding a zone never moves
 * another zone's subnets, which would replace them and every node in them.
 *
 * <p>For a /16: private /19 per zone at the start (8,190 addresses: pods take VPC addresses under
 * the VPC CNI), public /24 per zone in the last eighth (NAT gateways only), and an endpoint /24 per
 * zone after the public ones, holding only the VPC interface endpoints (one address per endpoint
 * per zone; a /20 VPC still leaves a /28, 11 usable addresses, for the 8 endpoints). Endpoints get
 * subnets of their own so that "may reach AWS" is a few CIDRs that hold nothing else: the Milvus
 * namespace's egress network policy names exactly these, not the whole VPC (where every pod has an
 * address under the VPC CNI).
 */
public record SubnetLayout(Cidr vpc, Region region) {
  private static final int PRIVATE_NEW_BITS = 3;
  private static final int PUBLIC_NEW_BITS = 8;
  private static final int PUBLIC_FIRST_BLOCK = 224;
  private static final int ENDPOINT_FIRST_BLOCK = 232;

  public Cidr privateSubnet(String zoneId) {
    return vpc.subnet(PRIVATE_NEW_BITS, region.zoneIndex(zoneId));
  }

  public Cidr publicSubnet(String zoneId) {
    return vpc.subnet(PUBLIC_NEW_BITS, PUBLIC_FIRST_BLOCK + region.zoneIndex(zoneId));
  }

  public Cidr endpointSubnet(String zoneId) {
    return vpc.subnet(PUBLIC_NEW_BITS, ENDPOINT_FIRST_BLOCK + region.zoneIndex(zoneId));
  }
}
