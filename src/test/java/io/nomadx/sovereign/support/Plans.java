package io.nomadx.sovereign.support;

import io.nomadx.sovereign.config.ConfigSource;
import io.nomadx.sovereign.config.Defaults;
import io.nomadx.sovereign.plan.ProgramRun;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the real program under the mock engine on the shipped stack files, optionally with some
 * keys changed, and caches each distinct run (the deployment is a singleton, runs are serial).
 */
public final class Plans {
    public static final String PROD = "prod-me-central-1";
    public static final String DEV = "dev-me-central-1";
    private static final Map<String, PlanView> CACHE = new ConcurrentHashMap<>();

    private Plans() {
    }

    public static PlanView prod() {
        return of(PROD, Map.of());
    }

    public static PlanView dev() {
        return of(DEV, Map.of());
    }

    /** The stack's shipped config with `overrides` (bare keys are put under the project namespace; null removes). */
    public static ConfigSource config(String stack, Map<String, String> overrides) {
        var base = ConfigSource.fromStackFile(Path.of("."), stack);
        var values = new LinkedHashMap<>(base.values());
        overrides.forEach((k, v) -> {
            String key = k.contains(":") ? k : Defaults.PROJECT + ":" + k;
            if (v == null) {
                values.remove(key);
            } else {
                values.put(key, v);
            }
        });
        return new ConfigSource(stack, values, base.secretKeys());
    }

    public static PlanView of(String stack, Map<String, String> overrides) {
        String cacheKey = stack + new java.util.TreeMap<>(new HashMap<>(overrides));
        return CACHE.computeIfAbsent(cacheKey, k -> {
            var config = config(stack, overrides);
            String account = config.values().getOrDefault(Defaults.PROJECT + ":accountId", "000000000000");
            return new PlanView(ProgramRun.run(Defaults.PROJECT, config, "me-central-1", account));
        });
    }
}
