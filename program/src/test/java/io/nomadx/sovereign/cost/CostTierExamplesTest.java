package io.nomadx.sovereign.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nomadx.sovereign.config.Settings;
import io.nomadx.sovereign.config.SettingsParser;
import io.nomadx.sovereign.support.StackConfigs;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The prod stack (me-central-1, three zones, no NAT, its own audit trail, default costAssumptions)
 * at each tier preset, checked against the arithmetic written out here by hand. Prices are the
 * shipped table's me-central-1 lines (USD): m6i.large 0.1152, m6i.2xlarge 0.4608, m6i.4xlarge
 * 0.9216, m6i.8xlarge 1.8432, r6i.xlarge 0.3024, r6i.2xlarge 0.6048, r6i.4xlarge 1.2096,
 * r6i.8xlarge 2.4192 an hour; gp3 0.096, io2 0.15 a GB-month, io2 IOPS 0.078 an IOPS-month;
 * interface endpoint 0.012 an AZ-hour and a GB; logs 0.60 a GB ingested, 0.036 a GB-month; S3
 * Standard 0.0276 a GB-month, 0.006 per 1000 writes, 0.00048 per 1000 reads; CloudTrail 0.10 per
 * 100,000 data events; EKS 0.10 an hour; KMS 1.00 a key. GB = 2^30 bytes.
 *
 * <p>Every tier shares these lines (USD/month): EKS 730 x 0.10 = 73.00; system pool 3 x 730 x
 * 0.1152 = 252.288 + roots 3 x 50 x 0.096 = 14.40; endpoints 8 x 3 zones x 730 x 0.012 = 210.24 +
 * 100 GB x 0.012 = 1.20; KMS 2 x 1 = 2.00; control-plane logs 1 GB/day x 730/24 x 0.60 = 18.25 +
 * 365 GB stored x 0.036 = 13.14; flow logs 0.5 x 730/24 x 0.60 = 9.125 + 182.5 x 0.036 = 6.57;
 * requests 1000 x 0.006 = 6.00 + 10000 x 0.00048 = 4.80; CloudTrail 11M events / 100k x 0.10 =
 * 11.00. Shared = 621.293.
 *
 * <p>S3: segments hold float32 vectors plus 64 B metadata: (4 x 768 + 64) = 3136 B a vector; index
 * files hold int8 768 B or PQ 96 B plus the HNSW M=16 graph 156.267 B. Thirty nightly backups of
 * the segments, all younger than the 30-day archive age, so all in S3 Standard.
 */
class CostTierExamplesTest {

  private static CostEstimate prodAt(String tier) {
    Settings s = SettingsParser.parse(StackConfigs.config(StackConfigs.PROD, Map.of("tier", tier)));
    return new CostModel().estimate(s);
  }

  /**
   * small: general 3 x 730 x 0.9216 = 2018.304 + 300 GB x 0.096 = 28.80; QueryNodes 3 x 730 x
   * 0.3024 = 662.256 + 28.80; etcd 3 x 50 GB x 0.15 = 22.50 + 3 x 2500 IOPS x 0.078 = 585.00;
   * Pulsar 3 x (50 + 500) x 0.096 = 158.40 + ZooKeeper 3 x 20 x 0.096 = 5.76. S3 30M vectors:
   * segments 94.08e9 B = 87.6185 GB, index 30M x 924.267 B = 25.8240 GB: 113.4425 x 0.0276 =
   * 3.1310; backups 30 x 87.6185 = 2628.565 x 0.0276 = 72.5484. Total 621.293 + 2018.304 + 28.80 +
   * 662.256 + 28.80 + 22.50 + 585.00 + 158.40 + 5.76 + 3.1310 + 72.5484 = 4207.51 USD = 15,452.09
   * AED.
   */
  @Test
  void smallTier() {
    var e = prodAt("small");
    assertEquals(4207.51, e.usdPerMonth(), 0.01);
    assertEquals(15452.09, e.aedPerMonth(), 0.01);
    assertEquals(607.50, e.byComponent().get("etcd volumes (io2)"), 0.001);
  }

  /**
   * medium: general 4 x 730 x 0.9216 = 2691.072 + 400 x 0.096 = 38.40; QueryNodes 6 x 730 x 0.6048
   * = 2649.024 + 600 x 0.096 = 57.60; etcd 3 x 100 x 0.15 = 45.00 + 3 x 5000 x 0.078 = 1170.00;
   * Pulsar 3 x 1100 x 0.096 = 316.80 + 5.76. S3 150M: segments 438.0927 GB + index 129.1200 GB =
   * 567.2127 x 0.0276 = 15.6551; backups 30 x 438.0927 x 0.0276 = 362.7419. Total 621.293 +
   * 2691.072 + 38.40 + 2649.024 + 57.60 + 45 + 1170 + 316.80 + 5.76 + 15.6551 + 362.7419 = 7974.07
   * USD = 29,284.76 AED.
   */
  @Test
  void mediumTier() {
    var e = prodAt("medium");
    assertEquals(7974.07, e.usdPerMonth(), 0.01);
    assertEquals(29284.76, e.aedPerMonth(), 0.01);
    assertEquals(2649.024 + 57.60, e.byComponent().get("node pool queryNode"), 0.001);
  }

  /**
   * large: general 5 x 730 x 1.8432 = 6727.68 + 500 x 0.096 = 48.00; QueryNodes 16 x 730 x 1.2096 =
   * 14128.128 + 1600 x 0.096 = 153.60; etcd 5 x 200 x 0.15 = 150.00 + 5 x 10000 x 0.078 = 3900.00;
   * Pulsar 3 x 2200 x 0.096 = 633.60 + 5.76. S3 1B PQ: segments 3136e9 B = 2920.6288 GB, index 1B x
   * 252.267 B = 234.9404 GB: 3155.5692 x 0.0276 = 87.0937; backups 30 x 2920.6288 = 87618.83 GB x
   * 0.0276 = 2418.2796. Total 621.293 + 6727.68 + 48 + 14128.128 + 153.60 + 150 + 3900 + 633.60 +
   * 5.76 + 87.0937 + 2418.2796 = 28874.15 USD = 106,040.33 AED.
   */
  @Test
  void largeTier() {
    var e = prodAt("large");
    assertEquals(28874.15, e.usdPerMonth(), 0.01);
    assertEquals(106040.33, e.aedPerMonth(), 0.01);
    assertEquals(
        87.0937 + 2418.2796 + 6.00 + 4.80, e.byComponent().get("segment bucket (S3)"), 0.001);
  }

  /**
   * xl: general 12 x 730 x 1.8432 = 16146.432 + 1200 x 0.096 = 115.20; QueryNodes 32 x 730 x 2.4192
   * = 56512.512 + 3200 x 0.096 = 307.20; etcd 5 x 400 x 0.15 = 300 + 5 x 20000 x 0.078 = 7800;
   * Pulsar 5 x 4400 x 0.096 = 2112.00 + 5 x 20 x 0.096 = 9.60. S3 4B PQ: 12622.2769 GB x 0.0276 =
   * 348.3748; backups 30 x 11682.5152 GB x 0.0276 = 9673.1186. Total 621.293 + 16146.432 + 115.20 +
   * 56512.512 + 307.20 + 300 + 7800 + 2112 + 9.60 + 348.3748 + 9673.1186 = 93946.45 USD =
   * 345,018.34 AED.
   */
  @Test
  void xlTier() {
    var e = prodAt("xl");
    assertEquals(93946.45, e.usdPerMonth(), 0.01);
    assertEquals(345018.34, e.aedPerMonth(), 0.01);
  }

  /** Every tier's estimate says it is one, and how many of its prices are not confirmed. */
  @Test
  void everyTierSaysHowManyPricesAreUnconfirmed() {
    for (String tier : new String[] {"small", "medium", "large", "xl"}) {
      var e = prodAt(tier);
      assertEquals(
          "estimate, includes " + e.unconfirmedPrices().size() + " unconfirmed prices",
          e.confidence(),
          tier);
      assertEquals(
          14,
          e.unconfirmedPrices().size(),
          tier
              + ": three instance types, gp3, io2 and its IOPS, "
              + "two endpoint prices, three log prices, three S3 prices");
    }
  }
}
