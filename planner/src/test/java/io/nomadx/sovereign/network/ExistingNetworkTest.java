package io.nomadx.sovereign.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nomadx.sovereign.config.ConfigSource;
import io.nomadx.sovereign.config.Defaults;
import io.nomadx.sovereign.plan.LandingZoneReads;
import io.nomadx.sovereign.plan.ProgramRun;
import io.nomadx.sovereign.plan.Registration;
import io.nomadx.sovereign.plan.StackExport;
import io.nomadx.sovereign.support.ExplicitProviders;
import io.nomadx.sovereign.support.PlanView;
import io.nomadx.sovereign.support.Plans;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A landing zone's VPC (config existingVpcId, existingPrivateSubnetIds): the stack creates no
 * network of its own, puts the cluster and every node group in exactly the given subnets, and stops
 * before the cluster when AWS reports the subnets differently from the config.
 */
class ExistingNetworkTest {
  static final String VPC = "vpc-0a1b2c3d4e5f60718";

  /** Written out of zone order on purpose: the stack's order is the region's. */
  static final String SUBNETS =
      "{\"mec1-az3\": \"subnet-0ccc3333cccc3333c\", \"mec1-az1\": \"subnet-0aaa1111aaaa1111a\","
          + " \"mec1-az2\": \"subnet-0bbb2222bbbb2222b\"}";

  static final List<String> IN_ZONE_ORDER =
      List.of("subnet-0aaa1111aaaa1111a", "subnet-0bbb2222bbbb2222b", "subnet-0ccc3333cccc3333c");
  private static final String ACCOUNT = "111111111111";

  /** Prod's stack file in a landing zone's VPC (its vpcCidr removed: the stack creates no VPC). */
  static Map<String, String> landingZone() {
    var o = new HashMap<String, String>();
    o.put("existingVpcId", VPC);
    o.put("existingPrivateSubnetIds", SUBNETS);
    o.put("awsEndpointCidrs", "[\"10.1.250.0/26\"]");
    o.put("vpcCidr", null);
    return o;
  }

  private static PlanView plan() {
    return Plans.of(Plans.PROD, landingZone());
  }

  /** The same stack, with AWS answering `reads` instead of what the config declares. */
  private static ProgramRun.Result planWhereAwsSays(Map<String, Map<String, Object>> reads) {
    ConfigSource config = Plans.config(Plans.PROD, landingZone());
    return ProgramRun.run(Defaults.PROJECT, config, "me-central-1", ACCOUNT, reads);
  }

  private static Map<String, Map<String, Object>> declared() {
    return new LinkedHashMap<>(
        LandingZoneReads.declared(
            Plans.config(Plans.PROD, landingZone()), Defaults.PROJECT, "me-central-1", ACCOUNT));
  }

  private static Map<String, Object> subnet(
      String id, String vpc, String zone, boolean publicIp, Map<String, String> tags) {
    return LandingZoneReads.subnet(
        id, vpc, zone, "me-central-1x", publicIp, tags, "me-central-1", ACCOUNT);
  }

  private static List<String> texts(JsonNode array) {
    var out = new ArrayList<String>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  // ---- validation: config/ExistingNetworkConfigTest; here, that nothing is registered ---------

  static Map<String, String> landingZoneWith(Object... keyValues) {
    var o = landingZone();
    for (int i = 0; i < keyValues.length; i += 2) {
      o.put((String) keyValues[i], (String) keyValues[i + 1]);
    }
    return o;
  }

  @Test
  void everyResourceInTheLandingZoneNamesTheStacksProvider() {
    assertTrue(plan().ok(), () -> "the program failed: " + plan().result());
    ExplicitProviders.assertEveryCustomResourceUsesTheStacksProvider(plan());
  }

  @Test
  void aBadLandingZoneRegistersNothing() {
    var result =
        ProgramRun.run(
            Defaults.PROJECT,
            Plans.config(Plans.PROD, landingZoneWith("existingVpcId", "vpc-12345")),
            "me-central-1",
            ACCOUNT);
    assertFalse(result.ok());
    assertEquals(
        List.of("pulumi:pulumi:Stack"),
        result.registrations().stream().map(Registration::type).toList());
  }

  @Test
  void aTwoZoneDevStackTakesOneSubnetPerZone() {
    var o =
        landingZoneWith(
            "availabilityZoneIds",
            "[\"mec1-az1\",\"mec1-az3\"]",
            "acknowledgeTwoZones",
            "true",
            "existingPrivateSubnetIds",
            "{\"mec1-az3\": \"subnet-0ccc3333\", \"mec1-az1\": \"subnet-0aaa1111\"}");
    var plan = Plans.of(Plans.DEV, o);
    assertTrue(plan.ok(), () -> "the program failed: " + plan.result().errors());
    assertEquals(
        List.of("subnet-0aaa1111", "subnet-0ccc3333"),
        texts(plan.only("aws:eks/cluster:Cluster").input("vpcConfig.subnetIds")));
    assertTrue(
        plan.ofType("aws:ec2/natGateway:NatGateway").isEmpty(),
        "dev's NAT gateway is not made in a landing zone's VPC");
  }

  // ---- what the plan registers ----------------------------------------------------------------

  @Test
  void createsNoNetworkOfItsOwn() {
    var plan = plan();
    assertTrue(plan.ok(), () -> "the program failed: " + plan.result().errors());
    for (String type :
        List.of(
            "aws:ec2/vpc:Vpc",
            "aws:ec2/subnet:Subnet",
            "aws:ec2/natGateway:NatGateway",
            "aws:ec2/internetGateway:InternetGateway",
            "aws:ec2/eip:Eip",
            "aws:ec2/routeTable:RouteTable",
            "aws:ec2/route:Route",
            "aws:ec2/routeTableAssociation:RouteTableAssociation",
            "aws:ec2/vpcEndpoint:VpcEndpoint",
            "aws:ec2/flowLog:FlowLog",
            "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
            "aws:ec2/securityGroup:SecurityGroup")) {
      assertEquals(
          List.of(),
          plan.ofType(type).stream().map(Registration::name).toList(),
          type + " created in a landing zone's VPC");
    }
    assertFalse(
        plan.ofType("aws:cloudwatch/logGroup:LogGroup").stream()
            .anyMatch(g -> g.input("name").asText().contains("flow-logs")),
        "flow logs are the landing zone's");
    assertEquals(
        1, plan.ofType("aws:eks/cluster:Cluster").size(), "the stack still creates the cluster");
  }

  @Test
  void theClusterAndEveryNodeGroupUseExactlyTheGivenSubnets() {
    var plan = plan();
    var cluster = plan.only("aws:eks/cluster:Cluster");
    assertEquals(IN_ZONE_ORDER, texts(cluster.input("vpcConfig.subnetIds")));
    var groups = plan.ofType("aws:eks/nodeGroup:NodeGroup");
    assertEquals(3, groups.size());
    for (var g : groups) {
      assertEquals(IN_ZONE_ORDER, texts(g.input("subnetIds")), g.name());
    }
  }

  @Test
  void stackOutputsNameTheGivenVpcAndSubnets() {
    var plan = plan();
    var export = StackExport.of(plan.result().registrations(), plan.result().componentOutputs());
    JsonNode stack = null;
    for (JsonNode r : export.path("deployment").path("resources")) {
      if (r.path("type").asText().equals("pulumi:pulumi:Stack")) {
        stack = r.path("outputs");
      }
    }
    assertEquals(VPC, stack.path("vpcId").asText());
    assertEquals(IN_ZONE_ORDER, texts(stack.path("privateSubnetIds")));
    assertTrue(
        stack.path("publicSubnetIds").isMissingNode(),
        "the stack has no public subnets of its own");
  }

  @Test
  void aSubnetAwsPutsInAnotherZoneOrVpcStopsTheProgramBeforeTheCluster() {
    var reads = declared();
    reads.put(
        LandingZoneReads.key(LandingZoneReads.GET_SUBNET, "subnet-0bbb2222bbbb2222b"),
        subnet(
            "subnet-0bbb2222bbbb2222b",
            VPC,
            "mec1-az3",
            false,
            Map.of(ExistingNetwork.INTERNAL_ELB_TAG, "1")));
    reads.put(
        LandingZoneReads.key(LandingZoneReads.GET_SUBNET, "subnet-0ccc3333cccc3333c"),
        subnet(
            "subnet-0ccc3333cccc3333c",
            "vpc-0ffffffffffffffff",
            "mec1-az3",
            false,
            Map.of(ExistingNetwork.INTERNAL_ELB_TAG, "1")));
    var result = planWhereAwsSays(reads);
    assertFalse(result.ok(), "a subnet in the wrong zone was accepted");
    String errors = String.join("\n", result.errors());
    assertTrue(
        errors.contains(
            "sovereign-milvus:existingPrivateSubnetIds.mec1-az2: subnet-0bbb2222bbbb2222b is in AZ mec1-az3 "
                + "(me-central-1x), not mec1-az2"),
        errors);
    assertTrue(
        errors.contains(
            "sovereign-milvus:existingPrivateSubnetIds.mec1-az3: subnet-0ccc3333cccc3333c is in "
                + "vpc-0ffffffffffffffff, not in existingVpcId "
                + VPC),
        errors);
    assertTrue(errors.contains("(2 problems, as AWS reports it)"), errors);
    assertTrue(
        new PlanView(result).ofType("aws:eks/cluster:Cluster").isEmpty(),
        "the cluster was registered anyway");
    assertTrue(
        new PlanView(result).ofType("aws:eks/nodeGroup:NodeGroup").isEmpty(),
        "node groups were registered anyway");
  }

  @Test
  void aPublicOrUntaggedSubnetAndAVpcWithoutDnsAreRefused() {
    var reads = declared();
    reads.put(
        LandingZoneReads.key(LandingZoneReads.GET_SUBNET, "subnet-0aaa1111aaaa1111a"),
        subnet(
            "subnet-0aaa1111aaaa1111a",
            VPC,
            "mec1-az1",
            true,
            Map.of(ExistingNetwork.INTERNAL_ELB_TAG, "1")));
    reads.put(
        LandingZoneReads.key(LandingZoneReads.GET_SUBNET, "subnet-0bbb2222bbbb2222b"),
        subnet("subnet-0bbb2222bbbb2222b", VPC, "mec1-az2", false, Map.of("Name", "lz-private-b")));
    reads.put(
        LandingZoneReads.key(LandingZoneReads.GET_VPC, VPC),
        LandingZoneReads.vpc(VPC, true, false, "me-central-1", ACCOUNT));
    var result = planWhereAwsSays(reads);
    String errors = String.join("\n", result.errors());
    assertTrue(
        errors.contains(
            "existingPrivateSubnetIds.mec1-az1: subnet-0aaa1111aaaa1111a maps public IPs on launch"),
        errors);
    assertTrue(
        errors.contains(
            "existingPrivateSubnetIds.mec1-az2: subnet-0bbb2222bbbb2222b has no tag kubernetes.io/role/internal-elb; "
                + "it needs kubernetes.io/role/internal-elb=1"),
        errors);
    assertTrue(
        errors.contains(
            "sovereign-milvus:existingVpcId: "
                + VPC
                + " has enableDnsSupport true and enableDnsHostnames false; "
                + "EKS needs both true"),
        errors);
    assertTrue(
        new PlanView(result).ofType("aws:eks/cluster:Cluster").isEmpty(),
        "the cluster was registered anyway");
  }

  @Test
  void aSubnetAwsDoesNotKnowInThisAccountAndRegionStopsTheProgram() {
    var reads = declared();
    reads.remove(LandingZoneReads.key(LandingZoneReads.GET_SUBNET, "subnet-0ccc3333cccc3333c"));
    var result = planWhereAwsSays(reads);
    assertFalse(result.ok());
    assertTrue(
        String.join("\n", result.errors()).contains("subnet-0ccc3333cccc3333c"),
        result.errors()::toString);
    assertTrue(
        new PlanView(result).ofType("aws:eks/cluster:Cluster").isEmpty(),
        "the cluster was registered anyway");
  }
}
