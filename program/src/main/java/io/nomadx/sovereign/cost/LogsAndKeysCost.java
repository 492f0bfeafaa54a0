package io.nomadx.sovereign.cost;

import static io.nomadx.sovereign.cost.Billing.DAYS_PER_MONTH;
import static io.nomadx.sovereign.cost.NetworkCost.fmt;

import io.nomadx.sovereign.config.Settings;
import java.util.ArrayList;
import java.util.List;

/**
 * The customer-managed keys and the CloudWatch log groups: EKS control-plane logs and VPC flow
 * logs, each kept for the stack's log retention.
 */
final class LogsAndKeysCost {
  /**
   * identity/Keys creates two customer-managed keys, cluster and data; a test counts the plan's
   * aws:kms/key:Key resources against this.
   */
  static final int CUSTOMER_MANAGED_KEYS = 2;

  private LogsAndKeysCost() {}

  static List<CostLine> lines(Settings s, PriceTable.Prices prices) {
    var lines = new ArrayList<CostLine>();
    // Each KMS key bills $1 a month; each automatic rotation adds $1 a month for the kept key
    // material, so after a year of rotation these keys cost more (not priced: the estimate is
    // the first year's month). Requests: S3 bucket keys and EBS make few; the first 20,000 a
    // month are free (https://aws.amazon.com/kms/pricing/).
    lines.add(
        new CostLine(
            "KMS keys",
            CUSTOMER_MANAGED_KEYS + " customer-managed keys (cluster, data)",
            CUSTOMER_MANAGED_KEYS,
            prices.of("kms.key")));
    var a = s.costAssumptions();
    if (s.cluster().existing().isEmpty()) {
      lines.addAll(
          logGroup(
              "control-plane logs",
              a.controlPlaneLogGiBPerDay(),
              s.cluster().logRetentionDays(),
              prices.of("logs.ingest"),
              prices));
    }
    if (NetworkCost.createsNetwork(s)) {
      // Flow logs delivered to CloudWatch Logs are vended logs, priced per GB ingested in
      // volume tiers (https://aws.amazon.com/cloudwatch/pricing/, "Vended Logs"); the first
      // tier covers any volume this stack makes (up to 10 TB a month).
      lines.addAll(
          logGroup(
              "VPC flow logs",
              a.flowLogGiBPerDay(),
              s.network().flowLogRetentionDays(),
              prices.of("logs.ingest.vended"),
              prices));
    }
    return lines;
  }

  /**
   * CloudWatch Logs bills each GB ingested and each GB-month stored
   * (https://aws.amazon.com/cloudwatch/pricing/, "Logs"). With a steady daily volume the group
   * holds `retention` days of it once the first retention period is over: that steady month is what
   * is priced. Storage is billed on the compressed size, so this overstates it (compression is not
   * modelled).
   */
  private static List<CostLine> logGroup(
      String name, double gibPerDay, int retentionDays, Price ingest, PriceTable.Prices prices) {
    String component = "CloudWatch Logs";
    return List.of(
        new CostLine(
            component,
            name + ": " + fmt(gibPerDay) + " GB/day ingested (costAssumptions)",
            gibPerDay * DAYS_PER_MONTH,
            ingest),
        new CostLine(
            component,
            name
                + ": "
                + retentionDays
                + " days kept = "
                + fmt(gibPerDay * retentionDays)
                + " GB stored",
            gibPerDay * retentionDays,
            prices.of("logs.storage")));
  }
}
