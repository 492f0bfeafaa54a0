package io.nomadx.sovereign.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The stack configuration's schema, {@code config.schema.json} in the jar: every key under the
 * project namespace with its type, allowed values, default, meaning and the environments that
 * require it. It is the one source of the program's type and value checks ({@link SchemaCheck}), of
 * the README's configuration table and of the editor schema for {@code Pulumi.<stack>.yaml} (both
 * generated from it by the config tests).
 *
 * <p>Besides JSON Schema's own keywords a key may carry annotations the validator ignores: {@code
 * x-defaultText} (the default in words, when it is not one literal value), {@code x-requiredIn}
 * (environments in which the key must be set), {@code x-secret} (set it with {@code pulumi config
 * set --secret}), {@code x-allowed} (what is allowed, in words, per keyword whose rule a pattern
 * cannot say: pattern, minItems, required) and {@code x-reason} (why, appended to a value or range
 * problem).
 */
public final class ConfigSchema {
  /** Classpath location of the schema (program/src/main/resources). */
  public static final String RESOURCE = "/config.schema.json";

  private static final JsonNode ROOT = load();

  private ConfigSchema() {}

  private static JsonNode load() {
    try (InputStream in = ConfigSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(RESOURCE + " is not valid JSON", e);
    }
  }

  /** The whole schema document (read-only by convention: callers copy before changing it). */
  public static JsonNode root() {
    return ROOT;
  }

  /** Every key, in the schema's (and the README table's) order. */
  public static List<String> keys() {
    var keys = new ArrayList<String>();
    ROOT.path("properties").fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  public static Optional<JsonNode> property(String key) {
    return Optional.ofNullable(ROOT.path("properties").get(key));
  }

  private static JsonNode require(String key) {
    return property(key)
        .orElseThrow(() -> new IllegalArgumentException("no key " + key + " in " + RESOURCE));
  }

  public static String description(String key) {
    return require(key).path("description").asText();
  }

  /**
   * The default as the README shows it: the literal in backquotes, or the words of x-defaultText.
   */
  public static String defaultText(String key) {
    JsonNode p = require(key);
    JsonNode literal = p.get("default");
    if (literal != null) {
      return "`" + (literal.isTextual() ? literal.asText() : literal.toString()) + "`";
    }
    return p.path("x-defaultText").asText();
  }

  /** The schema's literal default of a key, if it has one. */
  public static Optional<JsonNode> defaultValue(String key) {
    return Optional.ofNullable(require(key).get("default"));
  }

  public static boolean secret(String key) {
    return require(key).path("x-secret").asBoolean(false);
  }

  /** Environments (prod, dev) in which the key must be set. */
  public static List<String> requiredIn(String key) {
    return texts(require(key).path("x-requiredIn"));
  }

  /** The allowed values of a key with an enum of strings. */
  public static List<String> allowedValues(String key) {
    return texts(require(key).path("enum"));
  }

  /** The allowed values of a key with an enum of whole numbers. */
  public static List<Integer> allowedNumbers(String key) {
    var out = new ArrayList<Integer>();
    require(key).path("enum").forEach(n -> out.add(n.intValue()));
    return List.copyOf(out);
  }

  static List<String> texts(JsonNode array) {
    var out = new ArrayList<String>();
    array.forEach(n -> out.add(n.asText()));
    return List.copyOf(out);
  }
}
