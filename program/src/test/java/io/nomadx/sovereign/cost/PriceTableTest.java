package io.nomadx.sovereign.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nomadx.sovereign.config.Region;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shipped table: dated, a source per line, every derived price what its basis says it is. */
class PriceTableTest {
  private static final Pattern DERIVED =
      Pattern.compile("us-east-1 ([0-9.]+) x ([0-9.]+) \\(assumed .*\\)");

  @Test
  void everyAllowedRegionHasATableWithTheSameItems() {
    var table = PriceTable.shipped();
    assertEquals(Region.KNOWN.keySet().stream().sorted().toList(), table.regions());
    assertEquals(LocalDate.of(2026, 11, 29), table.asOf());
    var uae = table.in("me-central-1").all().stream().map(Price::item).toList();
    var bahrain = table.in("me-south-1").all().stream().map(Price::item).toList();
    assertEquals(uae, bahrain, "a stack moved to the other allowed region is priced item for item");
  }

  @Test
  void eachLineNamesAnAwsSourceAndAnUnconfirmedOneShowsItsArithmetic() {
    var table = PriceTable.shipped();
    int confirmed = 0;
    int unconfirmed = 0;
    for (String region : table.regions()) {
      for (Price p : table.in(region).all()) {
        assertTrue(p.source().startsWith("https://aws.amazon.com/"), p.item() + ": " + p.source());
        if (p.confirmed()) {
          confirmed++;
          continue;
        }
        unconfirmed++;
        var m = DERIVED.matcher(p.basis());
        assertTrue(
            m.matches(),
            p.item()
                + " in "
                + region
                + " is unconfirmed but its basis is not a derivation: "
                + p.basis());
        var expected =
            new BigDecimal(m.group(1))
                .multiply(new BigDecimal(m.group(2)))
                .setScale(6, RoundingMode.HALF_UP);
        assertEquals(expected.doubleValue(), p.usd(), 1e-12, p.item() + " in " + region);
      }
    }
    assertEquals(
        8,
        confirmed,
        "EKS standard and extended support, KMS keys, CloudTrail data events, in each of two regions");
    assertEquals(62, unconfirmed);
  }
}
