package io.nomadx.sovereign.cost;

/**
 * One priced quantity of the monthly bill.
 *
 * @param component the part of the stack it belongs to (the summary's rows; deltas match on it)
 * @param what what is counted, in words a reviewer can check ("3 x r6i.xlarge nodes")
 * @param quantity units of the price per month (hours, GB-months, requests in thousands, ...)
 * @param price the price per unit
 */
public record CostLine(String component, String what, double quantity, Price price) {
  public CostLine {
    if (!(quantity >= 0) || Double.isInfinite(quantity)) {
      throw new IllegalArgumentException(what + ": quantity " + quantity + " is not a count");
    }
  }

  public double usdPerMonth() {
    return quantity * price.usd();
  }
}
