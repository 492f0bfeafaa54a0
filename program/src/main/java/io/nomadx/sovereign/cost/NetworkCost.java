package io.nomadx.sovereign.cost;

import static io.nomadx.sovereign.cost.Billing.HOURS_PER_MONTH;

import io.nomadx.sovereign.config.Settings;
import io.nomadx.sovereign.network.Network;
import java.util.ArrayList;
import java.util.List;

/**
 * The network the stack creates (network/Network): NAT gateways with their public addresses, and
 * the interface endpoints in every zone. None in a landing zone's VPC or on an existing cluster;
 * the S3 gateway endpoint has no charge (gateway endpoints carry no hourly or data charge:
 * https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html, "Pricing").
 */
final class NetworkCost {
  private NetworkCost() {}

  /** Whether the stack creates its own VPC (the same test as Foundation's). */
  static boolean createsNetwork(Settings s) {
    return s.cluster().existing().isEmpty() && s.network().existing().isEmpty();
  }

  static List<CostLine> lines(Settings s, PriceTable.Prices prices) {
    var lines = new ArrayList<CostLine>();
    if (!createsNetwork(s)) {
      return lines;
    }
    int zones = s.zoneIds().size();
    String component = "network";
    var a = s.costAssumptions();
    if (s.network().internetEgress()) {
      // One NAT per zone or one for all (Network's natPerZone). A NAT gateway bills per hour and
      // per GB it processes, either direction; its Elastic IP is a public IPv4 address, billed per
      // hour since 2024-02-01 (https://aws.amazon.com/vpc/pricing/, "NAT Gateway" and "Public IPv4
      // Address").
      int nats = s.network().natPerZone() ? zones : 1;
      lines.add(
          new CostLine(
              component,
              nats + " NAT gateway" + (nats == 1 ? "" : "s") + " x " + (int) HOURS_PER_MONTH + " h",
              nats * HOURS_PER_MONTH,
              prices.of("vpc.nat-gateway")));
      lines.add(
          new CostLine(
              component,
              nats + " public IPv4 address" + (nats == 1 ? "" : "es") + " (NAT Elastic IPs)",
              nats * HOURS_PER_MONTH,
              prices.of("vpc.public-ipv4")));
      lines.add(
          new CostLine(
              component,
              fmt(a.natProcessedGiBPerMonth()) + " GB through NAT (costAssumptions)",
              a.natProcessedGiBPerMonth(),
              prices.of("vpc.nat-gateway.processed")));
    }
    // An interface endpoint bills per hour in each AZ it has a network interface in, and per GB
    // it processes (https://aws.amazon.com/privatelink/pricing/). Network puts every one in every
    // private subnet.
    int endpoints = Network.INTERFACE_ENDPOINTS.size();
    lines.add(
        new CostLine(
            component,
            endpoints
                + " interface endpoints ("
                + String.join(", ", Network.INTERFACE_ENDPOINTS)
                + ") x "
                + zones
                + " zones x "
                + (int) HOURS_PER_MONTH
                + " h",
            (double) endpoints * zones * HOURS_PER_MONTH,
            prices.of("vpc.interface-endpoint")));
    lines.add(
        new CostLine(
            component,
            fmt(a.endpointProcessedGiBPerMonth())
                + " GB through interface endpoints (costAssumptions)",
            a.endpointProcessedGiBPerMonth(),
            prices.of("vpc.interface-endpoint.processed")));
    return lines;
  }

  static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
