package io.nomadx.sovereign.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nomadx.sovereign.config.SettingsParser;
import io.nomadx.sovereign.support.Plans;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The estimate moves with the settings the program builds from, by the amounts the prices say. */
class CostFollowsTheStackTest {

  private static CostEstimate estimate(String stack, Map<String, String> overrides) {
    return new CostModel().estimate(SettingsParser.parse(Plans.config(stack, overrides)));
  }

  @Test
  void devPaysForOneNatGatewayAndProdWithNatForOnePerZone() {
    // dev: one NAT, 730 h x 0.054 = 39.42, its IPv4 address 730 x 0.006 = 4.38, 50 GB x 0.054 =
    // 2.70.
    var dev = estimate(Plans.DEV, Map.of());
    var devNat =
        dev.lines().stream()
            .filter(l -> l.price().item().equals("vpc.nat-gateway"))
            .findFirst()
            .orElseThrow();
    assertEquals(39.42, devNat.usdPerMonth(), 1e-9);
    assertEquals(39.42 + 4.38 + 2.70 + 210.24 + 1.20, dev.byComponent().get("network"), 1e-9);
    // prod has no NAT at all; with internetEgress nat it must have one per zone: three.
    var prod = estimate(Plans.PROD, Map.of());
    assertTrue(
        prod.lines().stream().noneMatch(l -> l.price().item().startsWith("vpc.nat")),
        "prod routes nowhere but AWS");
    var prodNat = estimate(Plans.PROD, Map.of("internetEgress", "nat"));
    assertEquals(
        3 * 39.42,
        prodNat.lines().stream()
            .filter(l -> l.price().item().equals("vpc.nat-gateway"))
            .mapToDouble(CostLine::usdPerMonth)
            .sum(),
        1e-9);
  }

  @Test
  void doublingObjectReadsAddsTheirRequestsAndTheirDataEvents() {
    // 10M more GETs: 10,000 x 0.00048 = 4.80 in S3 and 100 x 0.10 = 10.00 in CloudTrail data
    // events.
    var base = estimate(Plans.PROD, Map.of());
    var busier =
        estimate(Plans.PROD, Map.of("costAssumptions", "{\"objectReadsPerMonth\": 20000000}"));
    assertEquals(4.80 + 10.00, busier.usdPerMonth() - base.usdPerMonth(), 1e-9);
    // With an organisation trail the stack pays for no data events of its own.
    var orgTrail = estimate(Plans.PROD, Map.of("objectAudit", "organization"));
    assertEquals(base.usdPerMonth() - 11.00, orgTrail.usdPerMonth(), 1e-9);
    assertTrue(
        orgTrail.notPriced().stream().anyMatch(n -> n.contains("organisation trail")),
        orgTrail.notPriced()::toString);
  }

  @Test
  void backupsOlderThanTheArchiveAgeArePricedAsGlacierInstantRetrieval() {
    // 45 backups: 30 in Standard, 15 in Glacier IR at 0.0048 instead of 0.0276 a GB-month.
    // The small tier's backup is 87.6185 GB: 15 x 87.6185 x 0.0048 = 6.3085.
    var e = estimate(Plans.PROD, Map.of("costAssumptions", "{\"backupsRetained\": 45}"));
    var archived =
        e.lines().stream()
            .filter(l -> l.price().item().equals("s3.glacier-ir"))
            .findFirst()
            .orElseThrow();
    assertEquals(6.3085, archived.usdPerMonth(), 1e-4);
    assertTrue(archived.what().startsWith("15 older backups in Glacier IR"), archived.what());
  }

  @Test
  void onAnExistingClusterTheClusterNodesAndNetworkAreNotThisStacksBill() {
    var overrides = new java.util.HashMap<String, String>();
    overrides.put(
        "existingClusterKubeconfig",
        "apiVersion: v1\nkind: Config\ncurrent-context: bank\n"
            + "clusters: [{name: bank, cluster: {server: \"https://10.40.0.10\"}}]\n"
            + "contexts: [{name: bank, context: {cluster: bank, user: bank}}]\nusers: [{name: bank, user: {token: t}}]\n");
    overrides.put(
        "existingClusterOidcProviderArn",
        "arn:aws:iam::111111111111:oidc-provider/oidc.eks.me-central-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF");
    overrides.put("awsEndpointCidrs", "[\"10.40.232.0/24\"]");
    for (String created : new String[] {"vpcCidr", "eksVersion", "adminPrincipalArns"}) {
      overrides.put(created, null);
    }
    var base = Plans.config(Plans.PROD, overrides);
    var secrets = new java.util.HashSet<>(base.secretKeys());
    secrets.add("sovereign-milvus:existingClusterKubeconfig");
    var e =
        new CostModel()
            .estimate(
                SettingsParser.parse(
                    new io.nomadx.sovereign.config.ConfigSource(
                        base.stack(), base.values(), secrets)));
    var components = e.byComponent().keySet();
    assertFalse(components.contains("EKS control plane"), components::toString);
    assertFalse(
        components.stream().anyMatch(c -> c.startsWith("node pool") || c.equals("network")),
        components::toString);
    assertTrue(components.contains("etcd volumes (io2)"), "etcd's volumes are still the stack's");
    assertTrue(
        e.notPriced().get(0).startsWith("the existing cluster's control plane"),
        e.notPriced()::toString);
  }

  @Test
  void theModelCountsTheKeysAndEndpointsThePlanCreates() {
    var plan = Plans.prod();
    assertEquals(plan.ofType("aws:kms/key:Key").size(), LogsAndKeysCost.CUSTOMER_MANAGED_KEYS);
    long interfaceEndpoints =
        plan.ofType("aws:ec2/vpcEndpoint:VpcEndpoint").stream()
            .filter(r -> r.inputs().path("vpcEndpointType").asText().equals("Interface"))
            .count();
    var endpointLine =
        estimate(Plans.PROD, Map.of()).lines().stream()
            .filter(l -> l.price().item().equals("vpc.interface-endpoint"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        interfaceEndpoints * 3 * 730, endpointLine.quantity(), 1e-9, "endpoints x zones x hours");
  }
}
