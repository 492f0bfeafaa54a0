package io.nomadx.sovereign.preflight;

import io.nomadx.sovereign.config.Settings;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NatGateway;

/**
 * VPC-level quotas the stack's network adds to (what network/Network creates: one VPC, an internet
 * gateway and NAT gateways with their Elastic IPs only with internetEgress: nat, one S3 gateway
 * endpoint, seven interface endpoints). What the account already uses is counted with the EC2
 * Describe* calls; the quota values come from Service Quotas (codes: Amazon VPC User Guide, "Amazon
 * VPC quotas"; the Elastic IP quota is EC2's, "EC2-VPC Elastic IPs").
 */
record NetworkQuotaCheck(Settings settings, Footprint footprint, AwsClients aws, Report report) {
  static final String CHECK = "quota";

  void run() {
    if (!footprint.createsCluster() || footprint.vpcs() == 0) {
      return; // an existing cluster, or a landing zone's VPC: the stack adds nothing to these
      // quotas
    }
    Calls.guarded(
        report,
        CHECK,
        "vpcCidr",
        "ec2:DescribeVpcs",
        () -> {
          int vpcs = aws.ec2.describeVpcsPaginator(b -> {}).vpcs().stream().mapToInt(v -> 1).sum();
          compare("vpc", "L-F678F1CE", "vpcCidr", vpcs, footprint.vpcs(), "the stack's VPC");
        });
    if (footprint.internetGateways() > 0) {
      Calls.guarded(
          report,
          CHECK,
          "internetEgress",
          "ec2:DescribeInternetGateways",
          () -> {
            int igws =
                aws.ec2.describeInternetGatewaysPaginator(b -> {}).internetGateways().stream()
                    .mapToInt(g -> 1)
                    .sum();
            compare(
                "vpc",
                "L-A4707A72",
                "internetEgress",
                igws,
                footprint.internetGateways(),
                "the internet gateway of internetEgress: nat");
          });
    }
    if (footprint.elasticIps() > 0) {
      Calls.guarded(
          report,
          CHECK,
          "natGatewayPerZone",
          "ec2:DescribeAddresses",
          () -> {
            int eips =
                aws.ec2
                    .describeAddresses(
                        b -> b.filters(Filter.builder().name("domain").values("vpc").build()))
                    .addresses()
                    .size();
            compare(
                "ec2",
                "L-0263D0A3",
                "natGatewayPerZone",
                eips,
                footprint.elasticIps(),
                "one Elastic IP per NAT gateway (" + footprint.natZoneIds().size() + ")");
          });
      Calls.guarded(
          report,
          CHECK,
          "natGatewayPerZone",
          "ec2:DescribeNatGateways, ec2:DescribeSubnets",
          this::natPerZone);
    }
    Calls.guarded(
        report,
        CHECK,
        "vpcCidr",
        "ec2:DescribeVpcEndpoints",
        () -> {
          int gateways =
              (int)
                  aws.ec2.describeVpcEndpointsPaginator(b -> {}).vpcEndpoints().stream()
                      .filter(e -> "Gateway".equalsIgnoreCase(e.vpcEndpointTypeAsString()))
                      .filter(
                          e ->
                              !List.of("deleted", "deleting", "rejected", "failed", "expired")
                                  .contains(
                                      String.valueOf(e.stateAsString()).toLowerCase(Locale.ROOT)))
                      .count();
          compare(
              "vpc",
              "L-1B52E74A",
              "vpcCidr",
              gateways,
              footprint.gatewayEndpoints(),
              "the S3 gateway endpoint");
        });
    Calls.guarded(
        report,
        CHECK,
        "vpcCidr",
        "servicequotas:GetServiceQuota",
        () ->
            compare(
                "vpc",
                "L-29B6F2EB",
                "vpcCidr",
                0,
                footprint.interfaceEndpoints(),
                "the interface endpoints of the new VPC (ecr.api, ecr.dkr, sts, ec2, logs, kms, eks)"));
  }

  /**
   * NAT gateways per Availability Zone: existing ones by their subnet's AZ ID, plus the stack's.
   */
  private void natPerZone() {
    List<NatGateway> nats =
        aws
            .ec2
            .describeNatGatewaysPaginator(
                b ->
                    b.filter(Filter.builder().name("state").values("pending", "available").build()))
            .natGateways()
            .stream()
            .toList();
    Map<String, Integer> byZone = new HashMap<>();
    List<String> subnets = nats.stream().map(NatGateway::subnetId).distinct().toList();
    if (!subnets.isEmpty()) {
      Map<String, String> zoneOf = new HashMap<>();
      aws.ec2
          .describeSubnetsPaginator(b -> b.subnetIds(subnets))
          .subnets()
          .forEach(s -> zoneOf.put(s.subnetId(), s.availabilityZoneId()));
      nats.forEach(n -> byZone.merge(zoneOf.getOrDefault(n.subnetId(), "?"), 1, Integer::sum));
    }
    for (String zone : footprint.natZoneIds()) {
      compare(
          "vpc",
          "L-FE5A380F",
          "natGatewayPerZone",
          byZone.getOrDefault(zone, 0),
          1,
          "the NAT gateway in " + zone);
    }
  }

  private void compare(
      String service, String code, String setting, int inUse, int adding, String what) {
    Optional<ServiceQuota> quota = ServiceQuota.lookup(aws.quotas, service, code);
    if (quota.isEmpty()) {
      report.notChecked(
          CHECK, service + "/" + code + ": Service Quotas has no value for it in this region");
      return;
    }
    ServiceQuota q = quota.get();
    int need = inUse + adding;
    if (need > q.value()) {
      report.add(
          Finding.blocking(
              CHECK,
              setting,
              q.describe() + "; " + inUse + " in use",
              need + ": " + adding + " for " + what + " plus the " + inUse + " in use",
              "request the increase: "
                  + q.increase(need, settings.region().name())
                  + " (or remove unused ones)"));
    } else {
      report.passed(
          CHECK,
          service + "/" + code + " " + q.name() + ": " + need + " of " + q.whole() + " with "
              + what);
    }
  }
}
