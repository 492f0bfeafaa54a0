package io.nomadx.sovereign.support;

import io.nomadx.sovereign.config.ConfigSource;
import io.nomadx.sovereign.config.Defaults;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shipped stack files as config, optionally with some keys changed: what the parser tests feed
 * the settings parser without running the program. The planner's tests run them through the mock
 * engine with its {@code Plans}.
 */
public final class StackConfigs {
  public static final String PROD = "prod-me-central-1";
  public static final String DEV = "dev-me-central-1";

  private StackConfigs() {}

  /**
   * The stack's shipped config with `overrides` (bare keys are put under the project namespace;
   * null removes).
   */
  public static ConfigSource config(String stack, Map<String, String> overrides) {
    var base = ConfigSource.fromStackFile(Path.of("."), stack);
    var values = new LinkedHashMap<>(base.values());
    overrides.forEach(
        (k, v) -> {
          String key = k.contains(":") ? k : Defaults.PROJECT + ":" + k;
          if (v == null) {
            values.remove(key);
          } else {
            values.put(key, v);
          }
        });
    return new ConfigSource(stack, values, base.secretKeys());
  }
}
