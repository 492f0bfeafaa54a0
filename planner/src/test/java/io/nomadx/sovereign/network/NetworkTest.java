package io.nomadx.sovereign.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nomadx.sovereign.plan.Registration;
import io.nomadx.sovereign.support.PlanView;
import io.nomadx.sovereign.support.Plans;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class NetworkTest {
  private static final String SUBNET = "aws:ec2/subnet:Subnet";

  private static Map<String, String> cidrsByZone(PlanView plan, String kind) {
    var m = new TreeMap<String, String>();
    plan.ofType(SUBNET).stream()
        .filter(s -> s.name().contains("-" + kind + "-"))
        .forEach(s -> m.put(s.input("availabilityZoneId").asText(), s.input("cidrBlock").asText()));
    return m;
  }

  @Test
  void privateAndPublicSubnetsInEveryZoneById() {
    var plan = Plans.of(Plans.PROD, Map.of("internetEgress", "nat"));
    assertEquals(
        Map.of(
            "mec1-az1", "10.40.0.0/19", "mec1-az2", "10.40.32.0/19", "mec1-az3", "10.40.64.0/19"),
        cidrsByZone(plan, "private"));
    assertEquals(
        Map.of(
            "mec1-az1",
            "10.40.224.0/24",
            "mec1-az2",
            "10.40.225.0/24",
            "mec1-az3",
            "10.40.226.0/24"),
        cidrsByZone(plan, "public"));
    plan.ofType(SUBNET)
        .forEach(
            s ->
                assertFalse(
                    s.input("mapPublicIpOnLaunch").asBoolean(),
                    s.name() + " must not hand out public IPs"));
  }

  @Test
  void excludingAZoneLeavesTheOtherSubnetsWhereTheyWere() {
    var plan =
        Plans.of(
            Plans.DEV,
            Map.of(
                "availabilityZoneIds",
                "[\"mec1-az1\",\"mec1-az3\"]",
                "acknowledgeTwoZones",
                "true"));
    assertEquals(
        Map.of("mec1-az1", "10.60.0.0/19", "mec1-az3", "10.60.64.0/19"),
        cidrsByZone(plan, "private"));
  }

  @Test
  void prodHasNoRouteToTheInternet() {
    var prod = Plans.prod();
    for (String type :
        List.of(
            "aws:ec2/internetGateway:InternetGateway",
            "aws:ec2/natGateway:NatGateway",
            "aws:ec2/eip:Eip")) {
      assertEquals(List.of(), prod.ofType(type).stream().map(r -> r.name()).toList(), type);
    }
    assertTrue(
        prod.ofType(SUBNET).stream().noneMatch(s -> s.name().contains("-public-")),
        "no public subnet");
    var defaultRoutes =
        prod.ofType("aws:ec2/route:Route").stream()
            .filter(r -> r.input("destinationCidrBlock").asText().equals("0.0.0.0/0"))
            .map(r -> r.name())
            .toList();
    assertEquals(
        List.of(), defaultRoutes, "only the VPC and the S3 gateway endpoint are reachable");
    var error =
        org.junit.jupiter.api.Assertions.assertThrows(
            io.nomadx.sovereign.config.ConfigError.class,
            () ->
                io.nomadx.sovereign.config.SettingsParser.parse(
                    Plans.config(Plans.PROD, Map.of("natGatewayPerZone", "true"))));
    assertTrue(
        error
            .getMessage()
            .contains("natGatewayPerZone: got true; allowed: no value with internetEgress: none"),
        error::getMessage);
  }

  @Test
  void withInternetEgressProdHasOneNatPerZoneAndDevOne() {
    assertEquals(
        3,
        Plans.of(Plans.PROD, Map.of("internetEgress", "nat"))
            .ofType("aws:ec2/natGateway:NatGateway")
            .size());
    assertEquals(1, Plans.dev().ofType("aws:ec2/natGateway:NatGateway").size());
    // In dev every private route table still routes through the one NAT.
    var dev = Plans.dev();
    var natUrn = dev.only("aws:ec2/natGateway:NatGateway").urn();
    var routes =
        dev.ofType("aws:ec2/route:Route").stream()
            .filter(r -> r.name().contains("-private-"))
            .toList();
    assertEquals(3, routes.size());
    routes.forEach(
        r -> assertTrue(r.propertyDependencies().get("natGatewayId").contains(natUrn), r.name()));
  }

  @Test
  void nodesReachAwsApisThroughEndpointsInTheRegion() {
    var plan = Plans.prod();
    var endpoints = plan.ofType("aws:ec2/vpcEndpoint:VpcEndpoint");
    var services =
        endpoints.stream()
            .map(e -> e.input("serviceName").asText() + " " + e.input("vpcEndpointType").asText())
            .sorted()
            .toList();
    assertEquals(
        List.of(
            "com.amazonaws.me-central-1.ec2 Interface",
            "com.amazonaws.me-central-1.ecr.api Interface",
            "com.amazonaws.me-central-1.ecr.dkr Interface",
            "com.amazonaws.me-central-1.eks Interface",
            "com.amazonaws.me-central-1.kms Interface",
            "com.amazonaws.me-central-1.logs Interface",
            "com.amazonaws.me-central-1.s3 Gateway",
            "com.amazonaws.me-central-1.s3 Interface",
            "com.amazonaws.me-central-1.sts Interface"),
        services);
    var endpointSubnets =
        plan.ofType("aws:ec2/subnet:Subnet").stream()
            .filter(s -> s.name().startsWith("network-endpoints-"))
            .toList();
    assertEquals(
        List.of("10.40.232.0/24", "10.40.233.0/24", "10.40.234.0/24"),
        endpointSubnets.stream().map(s -> s.input("cidrBlock").asText()).sorted().toList());
    var endpointSubnetUrns = endpointSubnets.stream().map(Registration::urn).toList();
    for (Registration e : endpoints) {
      if (e.input("vpcEndpointType").asText().equals("Gateway")) {
        assertEquals(3, e.input("routeTableIds").size(), "S3 gateway on every private route table");
      } else {
        assertTrue(e.input("privateDnsEnabled").asBoolean(), e.name());
        // Only in the endpoint subnets: the Milvus namespace's egress policy names exactly those.
        assertTrue(
            endpointSubnetUrns.containsAll(e.propertyDependencies().get("subnetIds")), e.name());
        assertEquals(
            3,
            e.propertyDependencies().get("subnetIds").size(),
            e.name() + " in every zone's endpoint subnet");
      }
    }
    // S3's in-VPC names resolve to the interface endpoint, not the gateway's public ranges.
    assertFalse(
        plan.one("aws:ec2/vpcEndpoint:VpcEndpoint", "network-s3-interface")
            .input("dnsOptions.privateDnsOnlyForInboundResolverEndpoint")
            .asBoolean(true));
  }

  @Test
  void flowLogsGoToAnEncryptedLogGroupWithRetention() {
    var plan = Plans.prod();
    var flow = plan.only("aws:ec2/flowLog:FlowLog");
    assertEquals("ALL", flow.input("trafficType").asText());
    var group = plan.one("aws:cloudwatch/logGroup:LogGroup", "network-flow-logs");
    assertEquals(365, group.input("retentionInDays").asInt());
    var clusterKey = plan.one("aws:kms/key:Key", "keys-cluster");
    assertEquals(clusterKey.output("arn").asText(), group.input("kmsKeyId").asText());
    assertEquals(group.output("arn").asText(), flow.input("logDestination").asText());
    assertTrue(group.protect() && group.retainOnDelete(), "flow logs are audit evidence");
    assertEquals(
        30,
        Plans.dev()
            .one("aws:cloudwatch/logGroup:LogGroup", "network-flow-logs")
            .input("retentionInDays")
            .asInt());
  }

  @Test
  void endpointSecurityGroupOnlyAdmitsHttpsFromTheVpc() {
    var sg = Plans.prod().only("aws:ec2/securityGroup:SecurityGroup");
    var ingress = sg.input("ingress");
    assertEquals(1, ingress.size());
    assertEquals(443, ingress.get(0).path("fromPort").asInt());
    assertEquals("10.40.0.0/16", ingress.get(0).path("cidrBlocks").get(0).asText());
  }
}
