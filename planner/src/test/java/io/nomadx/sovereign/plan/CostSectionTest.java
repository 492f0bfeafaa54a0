package io.nomadx.sovereign.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nomadx.sovereign.support.Plans;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cost a plan carries as its `monthlyCost` output, as the summary shows it and as a later plan
 * diffs it.
 */
class CostSectionTest {

  private static JsonNode export(Map<String, String> overrides) {
    var plan = Plans.of(Plans.PROD, overrides);
    assertTrue(plan.ok(), () -> plan.result().errors().toString());
    return StackExport.of(plan.result().registrations(), plan.result().componentOutputs());
  }

  @Test
  void theSummaryShowsEachComponentAndTheTotalInUsdAndAedAndSaysItIsAnEstimate() {
    String summary = new Summary(export(Map.of())).render(Plans.PROD);
    assertTrue(
        summary.contains(
            "Cost per month, on demand in me-central-1 (prices of 2026-11-29, USD 1 = AED 3.6725; "
                + "estimate, includes 14 unconfirmed prices):"),
        summary);
    assertTrue(
        summary.contains("  node pool queryNode          USD       691.06   AED      2,537.90"),
        summary);
    assertTrue(
        summary.contains("  total                        USD     4,207.51   AED     15,452.09"),
        summary);
  }

  @Test
  void aMovedTierShowsItsMonthlyDeltaPerComponentAndInTotal() {
    // small -> medium at prod: the plans carry cents, 7974.07 - 4207.51 = +3766.56 USD (+89.5%),
    // x 3.6725 = +13,832.69 AED. QueryNodes: 6 x r6i.2xlarge (2706.62) instead of 3 x r6i.xlarge
    // (691.06): +2015.56.
    String delta = CostSection.delta(export(Map.of()), export(Map.of("tier", "medium")));
    assertTrue(
        delta.contains(
            "  node pool queryNode                691.06 ->     2,706.62     +2,015.56 USD"),
        delta);
    assertTrue(
        delta.contains(
            "  total                            4,207.51 ->     7,974.07     +3,766.56 USD     +13,832.69 AED (+89.5%)"),
        delta);
    assertTrue(!delta.contains("KMS keys"), "unchanged components are not listed:\n" + delta);
  }

  @Test
  void anEarlierPlanWithoutACostEstimateIsSaidToHaveNone() {
    var old = export(Map.of()).deepCopy(); // plans are shared between tests: change a copy
    for (JsonNode r : old.path("deployment").path("resources")) {
      if (r.path("type").asText().equals("pulumi:pulumi:Stack")) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) r.path("outputs"))
            .remove(CostSection.OUTPUT);
      }
    }
    assertEquals(
        "Cost per month against the earlier plan: the earlier plan has no cost estimate (no monthlyCost stack output), "
            + "so no delta; now USD 4,207.51 / AED 15,452.09\n",
        CostSection.delta(old, export(Map.of())));
  }

  @Test
  void aStackWithAnUnpricedInstanceTypeStillPlansAndItsSummarySaysWhyThereIsNoTotal() {
    var unpriced =
        export(Map.of("nodePools", "{\"general\":{\"instanceTypes\":[\"m7i.4xlarge\"]}}"));
    String summary = new Summary(unpriced).render(Plans.PROD);
    assertTrue(
        summary.contains(
            "Cost per month: not estimated: no on-demand price for instance type m7i.4xlarge in me-central-1"),
        summary);
    assertTrue(!summary.contains("  total "), "no total is printed, not even a zero:\n" + summary);
    assertTrue(
        CostSection.delta(export(Map.of()), unpriced)
            .startsWith(
                "Cost per month against the earlier plan: no estimate for this plan (no on-demand price for instance type m7i.4xlarge"));
  }
}
