package io.nomadx.sovereign.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.nomadx.sovereign.config.ConfigError;
import io.nomadx.sovereign.config.ConfigSource;
import io.nomadx.sovereign.config.Defaults;
import io.nomadx.sovereign.config.SettingsParser;
import io.nomadx.sovereign.plan.LandingZoneReads;
import io.nomadx.sovereign.plan.ProgramRun;
import io.nomadx.sovereign.plan.Registration;
import io.nomadx.sovereign.plan.StackExport;
import io.nomadx.sovereign.support.PlanView;
import io.nomadx.sovereign.support.Plans;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A landing zone's VPC (config existingVpcId, existingPrivateSubnetIds): the stack creates no network
 * of its own, puts the cluster and every node group in exactly the given subnets, and stops before
 * the cluster when AWS reports the subnets differently from the config.
 */
class ExistingNetworkTest {
    static final String VPC = "vpc-0a1b2c3d4e5f60718";
    /** Written out of zone order on purpose: the stack's order is the region's. */
    static final String SUBNETS = "{\"mec1-az3\": \"subnet-0ccc3333cccc3333c\", \"mec1-az1\": \"subnet-0aaa1111aaaa1111a\","
            + " \"mec1-az2\": \"subnet-0bbb2222bbbb2222b\"}";
    static final List<String> IN_ZONE_ORDER = List.of("subnet-0aaa1111aaaa1111a", "subnet-0bbb2222bbbb2222b", "subnet-0ccc3333cccc3333c");
    private static final String ACCOUNT = "111111111111";

    /** Prod's stack file in a landing zone's VPC (its vpcCidr removed: the stack creates no VPC). */
    static Map<String, String> landingZone() {
        var o = new HashMap<String, String>();
        o.put("existingVpcId", VPC);
        o.put("existingPrivateSubnetIds", SUBNETS);
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
        return new LinkedHashMap<>(LandingZoneReads.declared(Plans.config(Plans.PROD, landingZone()), Defaults.PROJECT, "me-central-1", ACCOUNT));
    }

    private static Map<String, Object> subnet(String id, String vpc, String zone, boolean publicIp, Map<String, String> tags) {
        return LandingZoneReads.subnet(id, vpc, zone, "me-central-1x", publicIp, tags, "me-central-1", ACCOUNT);
    }

    private static List<String> texts(JsonNode array) {
        var out = new ArrayList<String>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    // ---- validation, before any resource is registered ---------------------------------------

    private static Map<String, String> landingZoneWith(Object... keyValues) {
        var o = landingZone();
        for (int i = 0; i < keyValues.length; i += 2) {
            o.put((String) keyValues[i], (String) keyValues[i + 1]);
        }
        return o;
    }

    static Stream<Arguments> badLandingZones() {
        String two = "{\"mec1-az1\": \"subnet-0aaa1111aaaa1111a\", \"mec1-az2\": \"subnet-0bbb2222bbbb2222b\"}";
        return Stream.of(
                Arguments.of("malformed VPC id", Plans.PROD, landingZoneWith("existingVpcId", "vpc-12345"),
                        "existingVpcId: got 'vpc-12345'; allowed: a VPC id: vpc- and 8 or 17 lowercase hex digits, e.g. vpc-0123456789abcdef0"),
                Arguments.of("a VPC name, not its id", Plans.PROD, landingZoneWith("existingVpcId", "landing-zone-prod"),
                        "existingVpcId: got 'landing-zone-prod'; allowed: a VPC id"),
                Arguments.of("malformed subnet id", Plans.PROD, landingZoneWith("existingPrivateSubnetIds", SUBNETS.replace("subnet-0bbb2222bbbb2222b", "subnet-XYZ")),
                        "existingPrivateSubnetIds.mec1-az2: got 'subnet-XYZ'; allowed: a subnet id: subnet- and 8 or 17 lowercase hex digits"),
                Arguments.of("a subnet id that is not text", Plans.PROD, landingZoneWith("existingPrivateSubnetIds", SUBNETS.replace("\"subnet-0bbb2222bbbb2222b\"", "42")),
                        "existingPrivateSubnetIds.mec1-az2: got '42'; allowed: a subnet id"),
                Arguments.of("a zone without a subnet", Plans.PROD, landingZoneWith("existingPrivateSubnetIds", two),
                        "existingPrivateSubnetIds: got no subnet for mec1-az3; allowed: one private subnet for each zone of availabilityZoneIds "
                                + "(mec1-az1, mec1-az2, mec1-az3)"),
                Arguments.of("a subnet for a zone the stack excluded", Plans.DEV, landingZoneWith("availabilityZoneIds", "[\"mec1-az1\",\"mec1-az2\"]",
                                "acknowledgeTwoZones", "true"),
                        "existingPrivateSubnetIds.mec1-az3: got a zone not in availabilityZoneIds; allowed: only the stack's zones (mec1-az1, mec1-az2): "
                                + "remove it, or add the zone to availabilityZoneIds"),
                Arguments.of("an AZ name instead of its ID", Plans.PROD, landingZoneWith("existingPrivateSubnetIds", SUBNETS.replace("mec1-az1", "me-central-1a")),
                        "existingPrivateSubnetIds.me-central-1a: got an unknown zone; allowed: AZ IDs of me-central-1: mec1-az1, mec1-az2, mec1-az3 "
                                + "(IDs, not names like me-central-1a)"),
                Arguments.of("one subnet for two zones", Plans.PROD, landingZoneWith("existingPrivateSubnetIds", SUBNETS.replace("subnet-0bbb2222bbbb2222b", "subnet-0aaa1111aaaa1111a")),
                        "existingPrivateSubnetIds: got 'subnet-0aaa1111aaaa1111a' for mec1-az1 and mec1-az2; allowed: a different subnet for each zone"),
                Arguments.of("a list instead of a map by zone", Plans.PROD, landingZoneWith("existingPrivateSubnetIds", "[\"subnet-0aaa1111aaaa1111a\"]"),
                        "existingPrivateSubnetIds: got '[\"subnet-0aaa1111aaaa1111a\"]'; allowed: a map of AZ ID to private subnet id, one for each zone of "
                                + "availabilityZoneIds, e.g. {mec1-az1: subnet-0123456789abcdef0, mec1-az2: subnet-0123456789abcdef0, mec1-az3: subnet-0123456789abcdef0}"),
                Arguments.of("subnets without their VPC", Plans.PROD, landingZoneWith("existingVpcId", null),
                        "existingVpcId: got nothing; allowed: the id of the VPC that holds existingPrivateSubnetIds (required with it)"),
                Arguments.of("a VPC without subnets", Plans.PROD, landingZoneWith("existingPrivateSubnetIds", null),
                        "existingPrivateSubnetIds: got nothing; allowed: a map of AZ ID to private subnet id, one for each zone of availabilityZoneIds"),
                Arguments.of("vpcCidr of a created network", Plans.PROD, landingZoneWith("vpcCidr", "10.40.0.0/16"),
                        "vpcCidr: got '10.40.0.0/16'; allowed: no value with existingVpcId (the stack creates no network"),
                Arguments.of("internetEgress of a created network", Plans.DEV, landingZoneWith("internetEgress", "nat"),
                        "internetEgress: got 'nat'; allowed: no value with existingVpcId"),
                Arguments.of("natGatewayPerZone of a created network", Plans.PROD, landingZoneWith("natGatewayPerZone", "true"),
                        "natGatewayPerZone: got 'true'; allowed: no value with existingVpcId"),
                Arguments.of("a landing zone's VPC for a cluster that already exists", Plans.DEV, landingZoneWith("existingClusterKubeconfig", "apiVersion: v1",
                                "existingClusterOidcProviderArn", "arn:aws:iam::222222222222:oidc-provider/oidc.eks.me-central-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF"),
                        "existingVpcId: got '" + VPC + "'; allowed: no value with existingClusterKubeconfig"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badLandingZones")
    void aBadLandingZoneIsRefusedNamingTheKeyTheValueAndWhatIsAllowed(String what, String stack, Map<String, String> overrides, String expected) {
        var error = assertThrows(ConfigError.class, () -> SettingsParser.parse(Plans.config(stack, overrides)), what + " was accepted");
        assertTrue(error.getMessage().contains("sovereign-milvus:" + expected), error::getMessage);
    }

    @Test
    void aBadLandingZoneRegistersNothing() {
        var result = ProgramRun.run(Defaults.PROJECT, Plans.config(Plans.PROD, landingZoneWith("existingVpcId", "vpc-12345")), "me-central-1", ACCOUNT);
        assertFalse(result.ok());
        assertEquals(List.of("pulumi:pulumi:Stack"), result.registrations().stream().map(Registration::type).toList());
    }

    @Test
    void subnetsAreKeptInTheStacksZoneOrder() {
        var network = SettingsParser.parse(Plans.config(Plans.PROD, landingZone())).network();
        assertEquals(VPC, network.existing().orElseThrow().vpcId());
        assertEquals(IN_ZONE_ORDER, network.existing().orElseThrow().subnetIds());
        assertTrue(SettingsParser.parse(Plans.config(Plans.PROD, Map.of())).network().existing().isEmpty(), "the shipped stacks create their network");
    }

    @Test
    void aTwoZoneDevStackTakesOneSubnetPerZone() {
        var o = landingZoneWith("availabilityZoneIds", "[\"mec1-az1\",\"mec1-az3\"]", "acknowledgeTwoZones", "true",
                "existingPrivateSubnetIds", "{\"mec1-az3\": \"subnet-0ccc3333\", \"mec1-az1\": \"subnet-0aaa1111\"}");
        var plan = Plans.of(Plans.DEV, o);
        assertTrue(plan.ok(), () -> "the program failed: " + plan.result().errors());
        assertEquals(List.of("subnet-0aaa1111", "subnet-0ccc3333"), texts(plan.only("aws:eks/cluster:Cluster").input("vpcConfig.subnetIds")));
        assertTrue(plan.ofType("aws:ec2/natGateway:NatGateway").isEmpty(), "dev's NAT gateway is not made in a landing zone's VPC");
    }

    // ---- what the plan registers ----------------------------------------------------------------

    @Test
    void createsNoNetworkOfItsOwn() {
        var plan = plan();
        assertTrue(plan.ok(), () -> "the program failed: " + plan.result().errors());
        for (String type : List.of("aws:ec2/vpc:Vpc", "aws:ec2/subnet:Subnet", "aws:ec2/natGateway:NatGateway",
                "aws:ec2/internetGateway:InternetGateway", "aws:ec2/eip:Eip", "aws:ec2/routeTable:RouteTable", "aws:ec2/route:Route",
                "aws:ec2/routeTableAssociation:RouteTableAssociation", "aws:ec2/vpcEndpoint:VpcEndpoint", "aws:ec2/flowLog:FlowLog",
                "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "aws:ec2/securityGroup:SecurityGroup")) {
            assertEquals(List.of(), plan.ofType(type).stream().map(Registration::name).toList(), type + " created in a landing zone's VPC");
        }
        assertFalse(plan.ofType("aws:cloudwatch/logGroup:LogGroup").stream().anyMatch(g -> g.input("name").asText().contains("flow-logs")),
                "flow logs are the landing zone's");
        assertEquals(1, plan.ofType("aws:eks/cluster:Cluster").size(), "the stack still creates the cluster");
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
        assertTrue(stack.path("publicSubnetIds").isMissingNode(), "the stack has no public subnets of its own");
    }

    @Test
    void aSubnetAwsPutsInAnotherZoneOrVpcStopsTheProgramBeforeTheCluster() {
        var reads = declared();
        reads.put(LandingZoneReads.key(LandingZoneReads.GET_SUBNET, "subnet-0bbb2222bbbb2222b"),
                subnet("subnet-0bbb2222bbbb2222b", VPC, "mec1-az3", false, Map.of(ExistingNetwork.INTERNAL_ELB_TAG, "1")));
        reads.put(LandingZoneReads.key(LandingZoneReads.GET_SUBNET, "subnet-0ccc3333cccc3333c"),
                subnet("subnet-0ccc3333cccc3333c", "vpc-0ffffffffffffffff", "mec1-az3", false, Map.of(ExistingNetwork.INTERNAL_ELB_TAG, "1")));
        var result = planWhereAwsSays(reads);
        assertFalse(result.ok(), "a subnet in the wrong zone was accepted");
        String errors = String.join("\n", result.errors());
        assertTrue(errors.contains("sovereign-milvus:existingPrivateSubnetIds.mec1-az2: subnet-0bbb2222bbbb2222b is in AZ mec1-az3 "
                + "(me-central-1x), not mec1-az2"), errors);
        assertTrue(errors.contains("sovereign-milvus:existingPrivateSubnetIds.mec1-az3: subnet-0ccc3333cccc3333c is in "
                + "vpc-0ffffffffffffffff, not in existingVpcId " + VPC), errors);
        assertTrue(errors.contains("(2 problems, as AWS reports it)"), errors);
        assertTrue(new PlanView(result).ofType("aws:eks/cluster:Cluster").isEmpty(), "the cluster was registered anyway");
        assertTrue(new PlanView(result).ofType("aws:eks/nodeGroup:NodeGroup").isEmpty(), "node groups were registered anyway");
    }

    @Test
    void aPublicOrUntaggedSubnetAndAVpcWithoutDnsAreRefused() {
        var reads = declared();
        reads.put(LandingZoneReads.key(LandingZoneReads.GET_SUBNET, "subnet-0aaa1111aaaa1111a"),
                subnet("subnet-0aaa1111aaaa1111a", VPC, "mec1-az1", true, Map.of(ExistingNetwork.INTERNAL_ELB_TAG, "1")));
        reads.put(LandingZoneReads.key(LandingZoneReads.GET_SUBNET, "subnet-0bbb2222bbbb2222b"),
                subnet("subnet-0bbb2222bbbb2222b", VPC, "mec1-az2", false, Map.of("Name", "lz-private-b")));
        reads.put(LandingZoneReads.key(LandingZoneReads.GET_VPC, VPC), LandingZoneReads.vpc(VPC, true, false, "me-central-1", ACCOUNT));
        var result = planWhereAwsSays(reads);
        String errors = String.join("\n", result.errors());
        assertTrue(errors.contains("existingPrivateSubnetIds.mec1-az1: subnet-0aaa1111aaaa1111a maps public IPs on launch"), errors);
        assertTrue(errors.contains("existingPrivateSubnetIds.mec1-az2: subnet-0bbb2222bbbb2222b has no tag kubernetes.io/role/internal-elb; "
                + "it needs kubernetes.io/role/internal-elb=1"), errors);
        assertTrue(errors.contains("sovereign-milvus:existingVpcId: " + VPC + " has enableDnsSupport true and enableDnsHostnames false; "
                + "EKS needs both true"), errors);
        assertTrue(new PlanView(result).ofType("aws:eks/cluster:Cluster").isEmpty(), "the cluster was registered anyway");
    }

    @Test
    void aSubnetAwsDoesNotKnowInThisAccountAndRegionStopsTheProgram() {
        var reads = declared();
        reads.remove(LandingZoneReads.key(LandingZoneReads.GET_SUBNET, "subnet-0ccc3333cccc3333c"));
        var result = planWhereAwsSays(reads);
        assertFalse(result.ok());
        assertTrue(String.join("\n", result.errors()).contains("subnet-0ccc3333cccc3333c"), result.errors()::toString);
        assertTrue(new PlanView(result).ofType("aws:eks/cluster:Cluster").isEmpty(), "the cluster was registered anyway");
    }
}
