package io.nomadx.sovereign.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nomadx.sovereign.config.ConfigSource;
import io.nomadx.sovereign.config.Defaults;
import io.nomadx.sovereign.config.NodePoolSettings;
import io.nomadx.sovereign.config.Settings;
import io.nomadx.sovereign.config.SettingsParser;
import io.nomadx.sovereign.preflight.support.StackFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Preflight's idea of what a stack asks for (Footprint, derived from the settings) against what the
 * program really registers: the offline plan of every shipped stack at every tier, which
 * `bin/plan-matrix` writes to target/plan-matrix (bin/test runs it first). If the network gains an
 * endpoint, a pool a node, or a pod an image, the quota and mirror checks must follow, and this
 * fails.
 */
class FootprintTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Path> plans() throws IOException {
    Path dir = StackFixture.repo().resolve("target/plan-matrix");
    assertTrue(
        Files.isDirectory(dir),
        "no offline plans in " + dir + ": run bin/plan-matrix first (bin/test does)");
    List<Path> plans;
    try (var files = Files.walk(dir)) {
      plans = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertTrue(plans.size() >= 8, "expected every shipped stack at every tier in " + dir);
    return plans.stream();
  }

  static Settings settings(Path plan) {
    String stack = plan.getParent().getFileName().toString();
    String tier = plan.getFileName().toString().replace(".json", "");
    ConfigSource shipped = ConfigSource.fromStackFile(StackFixture.repo(), stack);
    var values = new HashMap<>(shipped.values());
    values.put(Defaults.PROJECT + ":tier", tier);
    return SettingsParser.parse(new ConfigSource(stack, values, shipped.secretKeys()));
  }

  static List<JsonNode> resources(Path plan, String type) throws IOException {
    var out = new ArrayList<JsonNode>();
    JSON.readTree(plan.toFile())
        .path("deployment")
        .path("resources")
        .forEach(
            r -> {
              if (r.path("type").asText().equals(type)) {
                out.add(r);
              }
            });
    return out;
  }

  @ParameterizedTest
  @MethodSource("plans")
  void theNetworkCountsMatchThePlan(Path plan) throws IOException {
    Footprint f = Footprint.of(settings(plan));
    assertEquals(resources(plan, "aws:ec2/vpc:Vpc").size(), f.vpcs());
    assertEquals(
        resources(plan, "aws:ec2/internetGateway:InternetGateway").size(), f.internetGateways());
    assertEquals(resources(plan, "aws:ec2/natGateway:NatGateway").size(), f.natZoneIds().size());
    assertEquals(resources(plan, "aws:ec2/eip:Eip").size(), f.elasticIps());
    var endpoints = resources(plan, "aws:ec2/vpcEndpoint:VpcEndpoint");
    assertEquals(
        endpoints.stream()
            .filter(e -> e.path("inputs").path("vpcEndpointType").asText().equals("Gateway"))
            .count(),
        f.gatewayEndpoints());
    assertEquals(
        endpoints.stream()
            .filter(e -> e.path("inputs").path("vpcEndpointType").asText().equals("Interface"))
            .count(),
        f.interfaceEndpoints());
  }

  @org.junit.jupiter.api.Test
  void aLandingZonesVpcAddsNothingToTheNetworkQuotasButTheNodesStillCount() {
    ConfigSource shipped = ConfigSource.fromStackFile(StackFixture.repo(), "dev-me-central-1");
    var values = new HashMap<>(shipped.values());
    values.remove(Defaults.PROJECT + ":vpcCidr");
    values.put(Defaults.PROJECT + ":existingVpcId", "vpc-0a1b2c3d4e5f60718");
    values.put(
        Defaults.PROJECT + ":existingPrivateSubnetIds",
        "{\"mec1-az1\": \"subnet-0aaa1111\", \"mec1-az2\": \"subnet-0bbb2222\", \"mec1-az3\": \"subnet-0ccc3333\"}");
    values.put(Defaults.PROJECT + ":awsEndpointCidrs", "[\"10.1.250.0/26\"]");
    Footprint f =
        Footprint.of(
            SettingsParser.parse(
                new ConfigSource("dev-me-central-1", values, shipped.secretKeys())));
    assertEquals(
        List.of(0, 0, 0, 0, 0),
        List.of(
            f.vpcs(),
            f.internetGateways(),
            f.elasticIps(),
            f.gatewayEndpoints(),
            f.interfaceEndpoints()),
        "dev creates a NAT gateway and endpoints in its own VPC, none in a landing zone's");
    assertTrue(f.createsCluster());
    assertEquals(3, f.pools().size(), "the node pools still need vCPU quota");
  }

  @ParameterizedTest
  @MethodSource("plans")
  void theNodePoolsAreThePlansNodeGroups(Path plan) throws IOException {
    Footprint f = Footprint.of(settings(plan));
    var planned = new TreeSet<String>();
    for (JsonNode ng : resources(plan, "aws:eks/nodeGroup:NodeGroup")) {
      JsonNode in = ng.path("inputs");
      planned.add(
          in.path("instanceTypes")
              + " desired="
              + in.path("scalingConfig").path("desiredSize").asInt()
              + " max="
              + in.path("scalingConfig").path("maxSize").asInt()
              + " ami="
              + in.path("amiType").asText());
    }
    var mine = new TreeSet<String>();
    for (NodePoolSettings p : f.pools()) {
      mine.add(
          JSON.valueToTree(p.instanceTypes())
              + " desired="
              + p.desiredSize()
              + " max="
              + p.maxSize()
              + " ami="
              + (Footprint.architecture(p).equals("arm64")
                  ? "AL2023_ARM_64_STANDARD"
                  : "AL2023_x86_64_STANDARD"));
    }
    assertEquals(planned, mine);
  }

  private static final Pattern IMAGE =
      Pattern.compile(
          "\\d{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com/[a-z0-9./_-]+:[A-Za-z0-9._-]+");

  @ParameterizedTest
  @MethodSource("plans")
  void everyImageThePlanNamesIsOneTheMirrorCheckAsksFor(Path plan) throws IOException {
    Footprint f = Footprint.of(settings(plan));
    var named = new TreeSet<String>();
    Matcher m = IMAGE.matcher(Files.readString(plan));
    while (m.find()) {
      named.add(m.group());
    }
    // Pulsar's and etcd's charts take repository and tag apart; the plan names them joined nowhere.
    var asked = new TreeSet<String>();
    f.images().forEach(i -> asked.add(i.reference()));
    assertTrue(
        !named.isEmpty() && asked.containsAll(named),
        () -> "plan names " + named + "; preflight asks " + asked);
  }

  @ParameterizedTest
  @MethodSource("plans")
  void theChartsAreThePlansHelmReleases(Path plan) throws IOException {
    Footprint f = Footprint.of(settings(plan));
    var planned = new TreeSet<String>();
    for (JsonNode release : resources(plan, "kubernetes:helm.sh/v3:Release")) {
      JsonNode in = release.path("inputs");
      String chart = in.path("chart").asText();
      planned.add(
          chart.endsWith(".tgz")
              ? chart.substring(chart.lastIndexOf('/') + 1)
              : chart + "-" + in.path("version").asText());
    }
    var mine = new TreeSet<String>();
    f.charts()
        .forEach(
            c ->
                mine.add(
                    c.name()
                        + "-"
                        + c.version()
                        + (c.repository().startsWith("file://") ? ".tgz" : "")));
    assertEquals(planned, mine);
  }
}
