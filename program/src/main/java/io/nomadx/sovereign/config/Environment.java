package io.nomadx.sovereign.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The kind of environment a stack is. Production turns on every high-availability rule. */
public enum Environment {
  PROD,
  DEV;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isProd() {
    return this == PROD;
  }

  public static Optional<Environment> parse(String text) {
    return Arrays.stream(values()).filter(e -> e.id().equals(text)).findFirst();
  }

  /** A stack named `prod-me-central-1` is prod; the prefix before the first dash decides. */
  public static Optional<Environment> fromStackName(String stack) {
    int dash = stack.indexOf('-');
    return parse(dash < 0 ? stack : stack.substring(0, dash));
  }

  public static String allowed() {
    return Arrays.stream(values()).map(Environment::id).collect(Collectors.joining(", "));
  }
}
