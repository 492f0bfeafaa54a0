package io.nomadx.sovereign.cost;

/**
 * A stack the cost model cannot price: an instance type or a region without a price, a broken price
 * table. Never answered with a zero, which would read as "free".
 */
public final class CostError extends RuntimeException {
  public CostError(String message) {
    super(message);
  }
}
