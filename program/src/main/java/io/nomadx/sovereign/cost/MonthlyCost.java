package io.nomadx.sovereign.cost;

import io.nomadx.sovereign.config.Settings;
import java.util.Map;

/**
 * The stack output `monthlyCost`. A stack the model cannot price still deploys: the output then
 * carries the error instead of a total, and the plan summary shows it, so a missing price is seen
 * without blocking a `pulumi up`.
 */
public final class MonthlyCost {
  private MonthlyCost() {}

  public static Map<String, Object> output(Settings settings) {
    try {
      return new CostModel().estimate(settings).toOutput();
    } catch (CostError e) {
      return Map.of("error", e.getMessage());
    }
  }
}
