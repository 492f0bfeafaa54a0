package io.nomadx.sovereign.support;

import io.nomadx.sovereign.config.ConfigSource;
import io.nomadx.sovereign.config.Defaults;
import io.nomadx.sovereign.plan.ProgramRun;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the real program under the mock engine on the shipped stack files, optionally with some keys
 * changed, and caches each distinct run (the deployment is a singleton, runs are serial).
 */
public final class Plans {
  public static final String PROD = StackConfigs.PROD;
  public static final String DEV = StackConfigs.DEV;
  private static final Map<String, PlanView> CACHE = new ConcurrentHashMap<>();

  private Plans() {}

  public static PlanView prod() {
    return of(PROD, Map.of());
  }

  public static PlanView dev() {
    return of(DEV, Map.of());
  }

  /**
   * The stack's shipped config with `overrides` (bare keys are put under the project namespace;
   * null removes).
   */
  public static ConfigSource config(String stack, Map<String, String> overrides) {
    return StackConfigs.config(stack, overrides);
  }

  public static PlanView of(String stack, Map<String, String> overrides) {
    String cacheKey = stack + new java.util.TreeMap<>(new HashMap<>(overrides));
    return CACHE.computeIfAbsent(
        cacheKey,
        k -> {
          var config = config(stack, overrides);
          String account =
              config.values().getOrDefault(Defaults.PROJECT + ":accountId", "000000000000");
          return new PlanView(ProgramRun.run(Defaults.PROJECT, config, "me-central-1", account));
        });
  }
}
