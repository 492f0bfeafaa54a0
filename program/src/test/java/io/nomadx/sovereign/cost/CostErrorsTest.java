package io.nomadx.sovereign.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nomadx.sovereign.config.SettingsParser;
import io.nomadx.sovereign.support.StackConfigs;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Inputs the model cannot price end in an error that says what is missing, never in a zero. */
class CostErrorsTest {
  private static final String HEADER = "# test prices, compiled 2026-11-01\n";

  @Test
  void anInstanceTypeWithoutAPriceNamesTheTypeTheRegionAndThePricedTypes() {
    // m7i is in the capacity catalog, so the config is valid; the price table has no m7i line.
    var s =
        SettingsParser.parse(
            StackConfigs.config(
                StackConfigs.PROD,
                Map.of("nodePools", "{\"general\":{\"instanceTypes\":[\"m7i.4xlarge\"]}}")));
    var e = assertThrows(CostError.class, () -> new CostModel().estimate(s));
    assertTrue(
        e.getMessage()
            .startsWith(
                "no on-demand price for instance type m7i.4xlarge in me-central-1 (priced types: "),
        e.getMessage());
    assertTrue(
        e.getMessage().contains("m6i.4xlarge") && e.getMessage().contains("r6i.xlarge"),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("add it to prices.csv"), e.getMessage());
  }

  @Test
  void aPoolOfSeveralTypesIsPricedAtTheDearestAndNeedsAPriceForEach() {
    var both =
        SettingsParser.parse(
            StackConfigs.config(
                StackConfigs.PROD,
                Map.of(
                    "nodePools",
                    "{\"general\":{\"instanceTypes\":[\"m6i.4xlarge\",\"r6i.4xlarge\"]}}")));
    var line =
        new CostModel()
            .estimate(both).lines().stream()
                .filter(
                    l ->
                        l.component().equals("node pool general")
                            && l.price().item().startsWith("ec2."))
                .findFirst()
                .orElseThrow();
    assertEquals(
        "ec2.r6i.4xlarge",
        line.price().item(),
        "r6i.4xlarge (1.2096/h) is dearer than m6i.4xlarge (0.9216/h)");
    assertEquals(3 * 730 * 1.2096, line.usdPerMonth(), 1e-9);

    var oneUnpriced =
        SettingsParser.parse(
            StackConfigs.config(
                StackConfigs.PROD,
                Map.of(
                    "nodePools",
                    "{\"general\":{\"instanceTypes\":[\"m6i.4xlarge\",\"m7i.4xlarge\"]}}")));
    var e = assertThrows(CostError.class, () -> new CostModel().estimate(oneUnpriced));
    assertTrue(e.getMessage().contains("instance type m7i.4xlarge"), e.getMessage());
  }

  @Test
  void aRegionWithoutATableNamesTheRegionAndTheRegionsThereAre() {
    var onlyUae =
        PriceTable.parse(
            HEADER
                + "me-central-1,eks.cluster,hour,0.10,true,https://aws.amazon.com/eks/pricing/,\"test\"\n",
            "test.csv");
    var bahrain =
        SettingsParser.parse(
            StackConfigs.config(
                StackConfigs.PROD,
                Map.of(
                    "region",
                    "me-south-1",
                    "availabilityZoneIds",
                    "[\"mes1-az1\",\"mes1-az2\",\"mes1-az3\"]")));
    var e = assertThrows(CostError.class, () -> new CostModel(onlyUae).estimate(bahrain));
    assertEquals(
        "no price table for region me-south-1 (priced regions: me-central-1); add its lines to prices.csv",
        e.getMessage());
  }

  @Test
  void aMissingItemNamesTheItemAndItsPricedSiblings() {
    var table =
        PriceTable.parse(
            HEADER
                + "me-central-1,ebs.gp3,GB-month,0.096,false,https://aws.amazon.com/ebs/pricing/,\"test\"\n",
            "test.csv");
    var e = assertThrows(CostError.class, () -> table.in("me-central-1").of("ebs.io2"));
    assertEquals(
        "no on-demand price for ebs.io2 in me-central-1 (priced: ebs.gp3); add it to prices.csv",
        e.getMessage());
  }

  @Test
  void anUndatedTableIsRefused() {
    var e =
        assertThrows(
            CostError.class,
            () ->
                PriceTable.parse(
                    "me-central-1,kms.key,key-month,1.00,true,https://aws.amazon.com/kms/pricing/,\"test\"\n",
                    "undated.csv"));
    assertTrue(e.getMessage().startsWith("undated.csv has no date"), e.getMessage());
  }

  @Test
  void aZeroPriceIsRefusedNotReadAsFree() {
    var e =
        assertThrows(
            CostError.class,
            () ->
                PriceTable.parse(
                    HEADER
                        + "me-central-1,kms.key,key-month,0,true,https://aws.amazon.com/kms/pricing/,\"test\"\n",
                    "zero.csv"));
    assertEquals("zero.csv line 2: usd 0 is not a price (a free item has no line)", e.getMessage());
  }

  @Test
  void aMalformedOrDuplicateLineIsRefused() {
    var malformed =
        assertThrows(
            CostError.class,
            () -> PriceTable.parse(HEADER + "me-central-1,kms.key,1.00\n", "bad.csv"));
    assertTrue(
        malformed
            .getMessage()
            .startsWith("bad.csv line 2 is not region,item,unit,usd,confirmed,source,\"basis\""),
        malformed.getMessage());
    String line =
        "me-central-1,kms.key,key-month,1.00,true,https://aws.amazon.com/kms/pricing/,\"test\"\n";
    var twice =
        assertThrows(CostError.class, () -> PriceTable.parse(HEADER + line + line, "twice.csv"));
    assertEquals("twice.csv line 3: kms.key in me-central-1 is priced twice", twice.getMessage());
  }
}
