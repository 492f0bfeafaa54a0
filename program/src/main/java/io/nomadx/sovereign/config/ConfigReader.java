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
 * can report every bad key in one error. Each key's type, allowed values and range are judged once,
 * against the schema ({@link SchemaCheck}), when the reader is made; a read of a key the schema
 * rejected returns the fallback, so a parser never reports that key again.
 */
final class ConfigReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ConfigSource source;
  private final String ns;
  private final List<Problem> problems = new ArrayList<>();
  private final java.util.Set<String> rejected;

  ConfigReader(ConfigSource source, String project) {
    this.source = source;
    this.ns = project + ":";
    var check = SchemaCheck.check(source, ns);
    problems.addAll(check.problems());
    this.rejected = check.rejectedKeys();
  }

  String ns() {
    return ns;
  }

  void add(Problem p) {
    problems.add(p);
  }

  boolean isSecret(ConfigKey key) {
    return source.secretKeys().contains(ns + key.key());
  }

  void throwIfAny() {
    if (!problems.isEmpty()) {
      throw new ConfigError(problems);
    }
  }

  static String quote(String s) {
    return "'" + s + "'";
  }

  /** Whether the schema rejected the key's value (already reported; read its fallback). */
  boolean rejected(ConfigKey key) {
    return rejected.contains(key.key());
  }

  /** The key's text when it is set and the schema accepted it. */
  Optional<String> valid(ConfigKey key) {
    return rejected(key) ? Optional.empty() : raw(key);
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
        problem(
            key,
            value.equals(ConfigSource.NULL_VALUE) ? "null" : quote(value),
            "a value (an explicit empty value is not the default; remove the key to use the default: "
                + key.defaultText()
                + ")");
      }
      return Optional.empty();
    }
    return Optional.of(value);
  }

  private final java.util.Set<ConfigKey> emptyReported = java.util.EnumSet.noneOf(ConfigKey.class);

  /** The key's text, or `fallback` when it is unset or the schema rejected it. */
  String string(ConfigKey key, String fallback) {
    return valid(key).orElse(fallback);
  }

  boolean bool(ConfigKey key, boolean fallback) {
    return valid(key).map(Boolean::parseBoolean).orElse(fallback);
  }

  int integer(ConfigKey key, int fallback) {
    return valid(key).map(v -> Integer.parseInt(v.trim())).orElse(fallback);
  }

  List<String> stringList(ConfigKey key, List<String> fallback) {
    return objectOrList(key)
        .map(
            node -> {
              var out = new ArrayList<String>();
              node.forEach(n -> out.add(n.asText()));
              return (List<String>) out;
            })
        .orElse(fallback);
  }

  Optional<JsonNode> objectField(ConfigKey key) {
    return objectOrList(key);
  }

  /** A list- or map-valued key, already parsed and type-checked by the schema. */
  private Optional<JsonNode> objectOrList(ConfigKey key) {
    return valid(key)
        .map(
            text -> {
              try {
                return JSON.readTree(text);
              } catch (IOException e) {
                throw new IllegalStateException(
                    key.key() + " passed the schema check but is not JSON", e);
              }
            });
  }

  void problem(ConfigKey key, String value, String allowed) {
    problems.add(new Problem(ns + key.key(), value, allowed));
  }
}
