package io.nomadx.sovereign.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nomadx.sovereign.support.StackConfigs;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A landing zone's VPC in config (existingVpcId, existingPrivateSubnetIds) and the first-deploy
 * switch bootstrapNetworkOnly: every bad value is refused before any resource is registered, naming
 * the key, the value and what is allowed. (What the program then registers:
 * network/ExistingNetworkTest.)
 */
class ExistingNetworkConfigTest {
  static final String VPC = "vpc-0a1b2c3d4e5f60718";
  static final String SUBNETS =
      "{\"mec1-az3\": \"subnet-0ccc3333cccc3333c\", \"mec1-az1\": \"subnet-0aaa1111aaaa1111a\","
          + " \"mec1-az2\": \"subnet-0bbb2222bbbb2222b\"}";
  static final List<String> IN_ZONE_ORDER =
      List.of("subnet-0aaa1111aaaa1111a", "subnet-0bbb2222bbbb2222b", "subnet-0ccc3333cccc3333c");

  /** Prod's stack file in a landing zone's VPC, with `keyValues` changed (null removes a key). */
  static Map<String, String> landingZoneWith(Object... keyValues) {
    var o = new HashMap<String, String>();
    o.put("existingVpcId", VPC);
    o.put("existingPrivateSubnetIds", SUBNETS);
    o.put("awsEndpointCidrs", "[\"10.1.250.0/26\", \"10.1.250.64/26\"]");
    o.put("vpcCidr", null);
    for (int i = 0; i < keyValues.length; i += 2) {
      o.put((String) keyValues[i], (String) keyValues[i + 1]);
    }
    return o;
  }

  static Stream<Arguments> badLandingZones() {
    String two =
        "{\"mec1-az1\": \"subnet-0aaa1111aaaa1111a\", \"mec1-az2\": \"subnet-0bbb2222bbbb2222b\"}";
    return Stream.of(
        Arguments.of(
            "malformed VPC id",
            StackConfigs.PROD,
            landingZoneWith("existingVpcId", "vpc-12345"),
            "existingVpcId: got 'vpc-12345'; allowed: a VPC id: vpc- and 8 or 17 lowercase hex digits, e.g. vpc-0123456789abcdef0"),
        Arguments.of(
            "a VPC name, not its id",
            StackConfigs.PROD,
            landingZoneWith("existingVpcId", "landing-zone-prod"),
            "existingVpcId: got 'landing-zone-prod'; allowed: a VPC id"),
        Arguments.of(
            "malformed subnet id",
            StackConfigs.PROD,
            landingZoneWith(
                "existingPrivateSubnetIds",
                SUBNETS.replace("subnet-0bbb2222bbbb2222b", "subnet-XYZ")),
            "existingPrivateSubnetIds.mec1-az2: got 'subnet-XYZ'; allowed: a subnet id: subnet- and 8 or 17 lowercase hex digits"),
        Arguments.of(
            "a subnet id that is not text",
            StackConfigs.PROD,
            landingZoneWith(
                "existingPrivateSubnetIds", SUBNETS.replace("\"subnet-0bbb2222bbbb2222b\"", "42")),
            "existingPrivateSubnetIds.mec1-az2: got '42'; allowed: a subnet id"),
        Arguments.of(
            "a zone without a subnet",
            StackConfigs.PROD,
            landingZoneWith("existingPrivateSubnetIds", two),
            "existingPrivateSubnetIds: got no subnet for mec1-az3; allowed: one private subnet for each zone of availabilityZoneIds "
                + "(mec1-az1, mec1-az2, mec1-az3)"),
        Arguments.of(
            "a subnet for a zone the stack excluded",
            StackConfigs.DEV,
            landingZoneWith(
                "availabilityZoneIds",
                "[\"mec1-az1\",\"mec1-az2\"]",
                "acknowledgeTwoZones",
                "true"),
            "existingPrivateSubnetIds.mec1-az3: got a zone not in availabilityZoneIds; allowed: only the stack's zones (mec1-az1, mec1-az2): "
                + "remove it, or add the zone to availabilityZoneIds"),
        Arguments.of(
            "an AZ name instead of its ID",
            StackConfigs.PROD,
            landingZoneWith(
                "existingPrivateSubnetIds", SUBNETS.replace("mec1-az1", "me-central-1a")),
            "existingPrivateSubnetIds.me-central-1a: got an unknown zone; allowed: AZ IDs of me-central-1: mec1-az1, mec1-az2, mec1-az3 "
                + "(IDs, not names like me-central-1a)"),
        Arguments.of(
            "one subnet for two zones",
            StackConfigs.PROD,
            landingZoneWith(
                "existingPrivateSubnetIds",
                SUBNETS.replace("subnet-0bbb2222bbbb2222b", "subnet-0aaa1111aaaa1111a")),
            "existingPrivateSubnetIds: got 'subnet-0aaa1111aaaa1111a' for mec1-az1 and mec1-az2; allowed: a different subnet for each zone"),
        Arguments.of(
            "a list instead of a map by zone",
            StackConfigs.PROD,
            landingZoneWith("existingPrivateSubnetIds", "[\"subnet-0aaa1111aaaa1111a\"]"),
            "existingPrivateSubnetIds: got '[\"subnet-0aaa1111aaaa1111a\"]'; allowed: a map of AZ ID to private subnet id, one for each zone of "
                + "availabilityZoneIds, e.g. {mec1-az1: subnet-0123456789abcdef0, mec1-az2: subnet-0123456789abcdef0, mec1-az3: subnet-0123456789abcdef0}"),
        Arguments.of(
            "subnets without their VPC",
            StackConfigs.PROD,
            landingZoneWith("existingVpcId", null),
            "existingVpcId: got nothing; allowed: the id of the VPC that holds existingPrivateSubnetIds (required with it)"),
        Arguments.of(
            "a VPC without subnets",
            StackConfigs.PROD,
            landingZoneWith("existingPrivateSubnetIds", null),
            "existingPrivateSubnetIds: got nothing; allowed: a map of AZ ID to private subnet id, one for each zone of availabilityZoneIds"),
        Arguments.of(
            "no endpoint subnets for the egress policy",
            StackConfigs.PROD,
            landingZoneWith("awsEndpointCidrs", null),
            "awsEndpointCidrs: got nothing; allowed: the private CIDRs of the subnets that hold the VPC's S3 and STS interface endpoints"),
        Arguments.of(
            "an empty list of endpoint subnets",
            StackConfigs.PROD,
            landingZoneWith("awsEndpointCidrs", "[]"),
            "awsEndpointCidrs: got '[]'; allowed: at least one CIDR (pods must reach S3 and STS somewhere)"),
        Arguments.of(
            "a public range as endpoint subnet",
            StackConfigs.PROD,
            landingZoneWith("awsEndpointCidrs", "[\"0.0.0.0/0\"]"),
            "awsEndpointCidrs: got '0.0.0.0/0'; allowed: private ranges only (10/8, 172.16/12, 192.168/16): a public range would let pods reach the internet"),
        Arguments.of(
            "an endpoint subnet with host bits",
            StackConfigs.PROD,
            landingZoneWith("awsEndpointCidrs", "[\"10.1.250.5/26\"]"),
            "awsEndpointCidrs: got '10.1.250.5/26'; allowed: IPv4 network CIDRs such as 10.1.250.0/26"),
        Arguments.of(
            "vpcCidr of a created network",
            StackConfigs.PROD,
            landingZoneWith("vpcCidr", "10.40.0.0/16"),
            "vpcCidr: got '10.40.0.0/16'; allowed: no value with existingVpcId (the stack creates no network"),
        Arguments.of(
            "internetEgress of a created network",
            StackConfigs.DEV,
            landingZoneWith("internetEgress", "nat"),
            "internetEgress: got 'nat'; allowed: no value with existingVpcId"),
        Arguments.of(
            "natGatewayPerZone of a created network",
            StackConfigs.PROD,
            landingZoneWith("natGatewayPerZone", "true"),
            "natGatewayPerZone: got 'true'; allowed: no value with existingVpcId"),
        Arguments.of(
            "a landing zone's VPC for a cluster that already exists",
            StackConfigs.DEV,
            landingZoneWith(
                "existingClusterKubeconfig",
                "apiVersion: v1",
                "existingClusterOidcProviderArn",
                "arn:aws:iam::222222222222:oidc-provider/oidc.eks.me-central-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF"),
            "existingVpcId: got '" + VPC + "'; allowed: no value with existingClusterKubeconfig"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badLandingZones")
  void aBadLandingZoneIsRefusedNamingTheKeyTheValueAndWhatIsAllowed(
      String what, String stack, Map<String, String> overrides, String expected) {
    var error =
        assertThrows(
            ConfigError.class,
            () -> SettingsParser.parse(StackConfigs.config(stack, overrides)),
            what + " was accepted");
    assertTrue(error.getMessage().contains("sovereign-milvus:" + expected), error::getMessage);
  }

  @Test
  void subnetsAreKeptInTheStacksZoneOrder() {
    var network =
        SettingsParser.parse(StackConfigs.config(StackConfigs.PROD, landingZoneWith())).network();
    assertEquals(VPC, network.existing().orElseThrow().vpcId());
    assertEquals(IN_ZONE_ORDER, network.existing().orElseThrow().subnetIds());
    assertTrue(
        SettingsParser.parse(StackConfigs.config(StackConfigs.PROD, Map.of()))
            .network()
            .existing()
            .isEmpty(),
        "the shipped stacks create their network");
  }

  @Test
  void aValidLandingZoneAlsoRefusesTheKeysOfACreatedNetworkAtOnce() {
    var error =
        assertThrows(
            ConfigError.class,
            () ->
                SettingsParser.parse(
                    StackConfigs.config(
                        StackConfigs.PROD,
                        landingZoneWith(
                            "vpcCidr",
                            "10.40.0.0/16",
                            "internetEgress",
                            "none",
                            "natGatewayPerZone",
                            "true"))));
    assertEquals(3, error.problems().size(), error::getMessage);
  }

  @Test
  void networkOnlyIsAFirstDeploySwitchRefusedWhereTheStackCreatesNoNetwork() {
    assertTrue(
        SettingsParser.parse(
                StackConfigs.config(StackConfigs.PROD, Map.of("bootstrapNetworkOnly", "true")))
            .network()
            .bootstrapNetworkOnly());
    assertFalse(
        SettingsParser.parse(StackConfigs.config(StackConfigs.PROD, Map.of()))
            .network()
            .bootstrapNetworkOnly(),
        "off unless set");
    String text =
        assertThrows(
                ConfigError.class,
                () ->
                    SettingsParser.parse(
                        StackConfigs.config(
                            StackConfigs.PROD, landingZoneWith("bootstrapNetworkOnly", "true"))))
            .getMessage();
    assertTrue(
        text.contains(
            "sovereign-milvus:bootstrapNetworkOnly: got true; allowed: false with existingVpcId"),
        text);
    text =
        assertThrows(
                ConfigError.class,
                () ->
                    SettingsParser.parse(
                        StackConfigs.config(
                            StackConfigs.PROD, Map.of("bootstrapNetworkOnly", "yes"))))
            .getMessage();
    assertTrue(
        text.contains("sovereign-milvus:bootstrapNetworkOnly: got 'yes'; allowed: true or false"),
        text);
  }
}
