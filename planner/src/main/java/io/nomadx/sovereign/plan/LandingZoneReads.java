package io.nomadx.sovereign.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nomadx.sovereign.config.ConfigSource;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The offline plan's stand-in for AWS's answers when the program reads a landing zone's VPC and
 * subnets ({@code network.ExistingNetwork}). Offline there is no AWS to ask, so {@link #declared}
 * answers what the stack's config states: each subnet in the given VPC and AZ ID, private, tagged
 * for internal load balancers. `pulumi preview` and `up` ask AWS itself. Tests pass other answers
 * to show what a landing zone that disagrees with the config does to the program.
 */
public final class LandingZoneReads {
  public static final String GET_VPC = "aws:ec2/getVpc:getVpc";
  public static final String GET_SUBNET = "aws:ec2/getSubnet:getSubnet";
  static final Set<String> TOKENS = Set.of(GET_VPC, GET_SUBNET);
  private static final ObjectMapper JSON = new ObjectMapper();

  private LandingZoneReads() {}

  public static String key(String token, String id) {
    return token + " " + id;
  }

  /**
   * The answers that agree with the stack's `existingVpcId` and `existingPrivateSubnetIds`; none
   * when it sets neither.
   */
  public static Map<String, Map<String, Object>> declared(
      ConfigSource config, String project, String region, String account) {
    var out = new LinkedHashMap<String, Map<String, Object>>();
    String vpcId = config.values().get(project + ":existingVpcId");
    String subnets = config.values().get(project + ":existingPrivateSubnetIds");
    if (vpcId == null || subnets == null) {
      return out;
    }
    out.put(key(GET_VPC, vpcId), vpc(vpcId, true, true, region, account));
    try {
      JsonNode map = JSON.readTree(subnets);
      map.fields()
          .forEachRemaining(
              e ->
                  out.put(
                      key(GET_SUBNET, e.getValue().asText()),
                      subnet(
                          e.getValue().asText(),
                          vpcId,
                          e.getKey(),
                          "",
                          false,
                          Map.of("kubernetes.io/role/internal-elb", "1"),
                          region,
                          account)));
    } catch (IOException e) {
      // The program refuses such config before it reads anything.
    }
    return out;
  }

  /**
   * DescribeVpcs' answer, as the provider's getVpc returns it (every field its result type
   * requires).
   */
  public static Map<String, Object> vpc(
      String id, boolean dnsSupport, boolean dnsHostnames, String region, String account) {
    var m = new LinkedHashMap<String, Object>();
    m.put("arn", "arn:aws:ec2:" + region + ":" + account + ":vpc/" + id);
    m.put("cidrBlock", "10.0.0.0/16");
    m.put("cidrBlockAssociations", List.of());
    m.put("default", false);
    m.put("dhcpOptionsId", "dopt-00000000");
    m.put("enableDnsHostnames", dnsHostnames);
    m.put("enableDnsSupport", dnsSupport);
    m.put("enableNetworkAddressUsageMetrics", false);
    m.put("id", id);
    m.put("instanceTenancy", "default");
    m.put("ipv6AssociationId", "");
    m.put("ipv6CidrBlock", "");
    m.put("mainRouteTableId", "rtb-00000000");
    m.put("ownerId", account);
    m.put("state", "available");
    m.put("tags", Map.of());
    return m;
  }

  /** DescribeSubnets' answer for one subnet, as the provider's getSubnet returns it. */
  public static Map<String, Object> subnet(
      String id,
      String vpcId,
      String zoneId,
      String zoneName,
      boolean mapPublicIpOnLaunch,
      Map<String, String> tags,
      String region,
      String account) {
    var m = new LinkedHashMap<String, Object>();
    m.put("arn", "arn:aws:ec2:" + region + ":" + account + ":subnet/" + id);
    m.put("assignIpv6AddressOnCreation", false);
    m.put("availabilityZone", zoneName);
    m.put("availabilityZoneId", zoneId);
    m.put("availableIpAddressCount", 8000);
    m.put("cidrBlock", "10.0.0.0/19");
    m.put("customerOwnedIpv4Pool", "");
    m.put("defaultForAz", false);
    m.put("enableDns64", false);
    m.put("enableLniAtDeviceIndex", 0);
    m.put("enableResourceNameDnsARecordOnLaunch", false);
    m.put("enableResourceNameDnsAaaaRecordOnLaunch", false);
    m.put("id", id);
    m.put("ipv6CidrBlock", "");
    m.put("ipv6CidrBlockAssociationId", "");
    m.put("ipv6Native", false);
    m.put("mapCustomerOwnedIpOnLaunch", false);
    m.put("mapPublicIpOnLaunch", mapPublicIpOnLaunch);
    m.put("outpostArn", "");
    m.put("ownerId", account);
    m.put("privateDnsHostnameTypeOnLaunch", "ip-name");
    m.put("state", "available");
    m.put("tags", tags);
    m.put("vpcId", vpcId);
    return m;
  }
}
