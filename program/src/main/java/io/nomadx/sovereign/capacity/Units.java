package io.nomadx.sovereign.capacity;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Formatting shared by messages: binary GiB with one decimal, vector counts as 1B / 250M / 12.5K.
 */
final class Units {
  static final long MIB = 1024L * 1024;
  static final long GIB = 1024L * MIB;

  private Units() {}

  static String gib(long bytes) {
    return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) GIB);
  }

  static String count(long n) {
    if (n >= 1_000_000_000L) {
      return scaled(n, 1_000_000_000L, "B");
    }
    if (n >= 1_000_000L) {
      return scaled(n, 1_000_000L, "M");
    }
    if (n >= 1_000L) {
      return scaled(n, 1_000L, "K");
    }
    return Long.toString(n);
  }

  private static String scaled(long n, long unit, String suffix) {
    // One decimal at most; "1B" rather than "1.0B" so round sizes read like the guide.
    BigDecimal v =
        BigDecimal.valueOf(n)
            .divide(BigDecimal.valueOf(unit))
            .setScale(1, java.math.RoundingMode.DOWN)
            .stripTrailingZeros();
    return v.toPlainString() + suffix;
  }
}
