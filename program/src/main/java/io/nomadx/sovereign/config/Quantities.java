package io.nomadx.sovereign.config;

/**
 * Kubernetes memory quantities (Mi, Gi, Ti) in bytes; CPU quantities (2, 0.5, 500m) in millicores.
 */
public final class Quantities {
  private Quantities() {}

  public static long bytes(String quantity) {
    long n = Long.parseLong(quantity.substring(0, quantity.length() - 2));
    return switch (quantity.substring(quantity.length() - 2)) {
      case "Mi" -> n << 20;
      case "Gi" -> n << 30;
      case "Ti" -> n << 40;
      default -> throw new IllegalArgumentException("not a memory quantity: " + quantity);
    };
  }

  public static long millicores(String quantity) {
    return quantity.endsWith("m")
        ? Long.parseLong(quantity.substring(0, quantity.length() - 1))
        : Math.round(Double.parseDouble(quantity) * 1000);
  }
}
