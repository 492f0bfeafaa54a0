package io.nomadx.sovereign.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nomadx.sovereign.config.ConfigError.Problem;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Typed reads of one stack's raw config that record, rather than throw, each problem, so a parser
 * can report every bad key in one error.
 */
final class ConfigReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ConfigSource source;
    private final String ns;
    private final List<Problem> problems = new ArrayList<>();

    ConfigReader(ConfigSource source, String project) {
        this.source = source;
        this.ns = project + ":";
    }

    String ns() {
        return ns;
    }

    void add(Problem p) {
        problems.add(p);
    }

    /**
     * A number field of an object value ({@code base.field}): `fallback` when absent; a problem, and
     * `fallback`, when it is not a finite number above `least` (or at least `least`, with `orEqual`).
     */
    double number(JsonNode node, String base, String field, double fallback, double least, boolean orEqual) {
        if (!node.has(field)) {
            return fallback;
        }
        JsonNode v = node.get(field);
        double d = v.asDouble();
        if (!v.isNumber() || Double.isInfinite(d) || (orEqual ? d < least : d <= least)) {
            add(new Problem(base + "." + field, quote(v.asText()), "a number " + (orEqual ? ">= " : "> ") + fmt(least)));
            return fallback;
        }
        return d;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    boolean isSecret(ConfigKey key) {
        return source.secretKeys().contains(ns + key.key());
    }

    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ConfigError(problems);
        }
    }

    /** Kubernetes object and namespace names (RFC 1123 labels). */
    static final java.util.regex.Pattern K8S_NAME = java.util.regex.Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    void requireName(ConfigKey key, String name) {
        if (!K8S_NAME.matcher(name).matches()) {
            problem(key, quote(name), "Kubernetes names (lowercase letters, digits, '-', at most 63)");
        }
    }

    /** Records an "unknown field" problem for each field of `node` outside `allowed`. */
    void onlyFields(JsonNode node, String base, java.util.Set<String> allowed) {
        if (node == null || !node.isObject()) {
            return;
        }
        node.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                add(new Problem(base + "." + f, "an unknown field", String.join(", ", new java.util.TreeSet<>(allowed))));
            }
        });
    }

    static String quote(String s) {
        return "'" + s + "'";
    }


    /**
     * The key's text when the stack sets it. An explicit value that is empty, blank or null is an
     * error, never the default: `tier: ''` must not silently plan the default tier.
     */
    Optional<String> raw(ConfigKey key) {
        String value = source.values().get(ns + key.key());
        if (value == null) {
            return Optional.empty();
        }
        if (value.isBlank() || value.equals(ConfigSource.NULL_VALUE)) {
            if (emptyReported.add(key)) {
                problem(key, value.equals(ConfigSource.NULL_VALUE) ? "null" : quote(value),
                        "a value (an explicit empty value is not the default; remove the key to use the default: " + key.defaultText() + ")");
            }
            return Optional.empty();
        }
        return Optional.of(value);
    }

    private final java.util.Set<ConfigKey> emptyReported = java.util.EnumSet.noneOf(ConfigKey.class);

    String string(ConfigKey key, String fallback) {
        return raw(key).orElse(fallback);
    }

    boolean bool(ConfigKey key, boolean fallback) {
        Optional<String> raw = raw(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        if (!raw.get().equals("true") && !raw.get().equals("false")) {
            problem(key, quote(raw.get()), "true or false");
            return fallback;
        }
        return Boolean.parseBoolean(raw.get());
    }

    int integer(ConfigKey key, int fallback) {
        Optional<String> raw = raw(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.get().trim());
        } catch (NumberFormatException e) {
            problem(key, quote(raw.get()), "a whole number");
            return fallback;
        }
    }

    List<String> stringList(ConfigKey key, List<String> fallback) {
        Optional<String> raw = raw(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        JsonNode node = json(key, raw.get());
        if (node == null) {
            return fallback;
        }
        if (!node.isArray()) {
            problem(key, quote(raw.get()), "a list, e.g. [\"a\", \"b\"]");
            return fallback;
        }
        var out = new ArrayList<String>();
        node.forEach(n -> {
            if (!n.isValueNode()) {
                problem(key, n.toString(), "a list of strings");
            } else {
                out.add(n.asText());
            }
        });
        return out;
    }

    Optional<JsonNode> objectField(ConfigKey key) {
        Optional<String> raw = raw(key);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        JsonNode node = json(key, raw.get());
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            problem(key, quote(raw.get()), "a map of keys to values");
            return Optional.empty();
        }
        return Optional.of(node);
    }

    JsonNode json(ConfigKey key, String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            problem(key, quote(text), "a YAML list or map in the stack file");
            return null;
        }
    }

    void problem(ConfigKey key, String value, String allowed) {
        problems.add(new Problem(ns + key.key(), value, allowed));
    }

}
