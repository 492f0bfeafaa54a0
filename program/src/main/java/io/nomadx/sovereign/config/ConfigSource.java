package io.nomadx.sovereign.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A stack's raw configuration: fully qualified keys (`sovereign-milvus:region`, `aws:region`) to
 * their text. Structured values (lists, maps) arrive as JSON text, as the Pulumi engine passes
 * them.
 */
public record ConfigSource(String stack, Map<String, String> values, Set<String> secretKeys) {

  /** Placeholder for a `secure:` value that the offline plan cannot decrypt. */
  public static final String UNDECRYPTED_SECRET = "[secret]";

  /**
   * What a key written with no value (`tier:` or `tier: null`) reads as, so the parser can refuse
   * it.
   */
  public static final String NULL_VALUE = "\u0000null";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  public ConfigSource {
    values = Map.copyOf(values);
    secretKeys = Set.copyOf(secretKeys);
  }

  public static ConfigSource of(String stack, Map<String, String> values) {
    return new ConfigSource(stack, values, Set.of());
  }

  /**
   * What the language host hands a running program: PULUMI_CONFIG (JSON object of key to value) and
   * PULUMI_CONFIG_SECRET_KEYS (JSON array), both set by `pulumi up` and `pulumi preview`.
   */
  public static ConfigSource fromEnvironment(String stack) {
    try {
      var values = new LinkedHashMap<String, String>();
      String raw = System.getenv().getOrDefault("PULUMI_CONFIG", "{}");
      JSON.readTree(raw.isBlank() ? "{}" : raw)
          .fields()
          .forEachRemaining(e -> values.put(e.getKey(), text(e.getValue())));
      var secrets = new HashSet<String>();
      String rawSecrets = System.getenv().getOrDefault("PULUMI_CONFIG_SECRET_KEYS", "[]");
      JSON.readTree(rawSecrets.isBlank() ? "[]" : rawSecrets).forEach(n -> secrets.add(n.asText()));
      return new ConfigSource(stack, values, secrets);
    } catch (IOException e) {
      throw ConfigError.of("PULUMI_CONFIG", "unreadable JSON", "the engine's config document");
    }
  }

  /**
   * Reads `Pulumi.yaml` project config defaults and `Pulumi.<stack>.yaml`, as the engine would.
   * `secure:` values cannot be decrypted offline: they become {@link #UNDECRYPTED_SECRET} and are
   * marked secret.
   */
  public static ConfigSource fromStackFile(Path projectDir, String stack) {
    Path file = projectDir.resolve("Pulumi." + stack + ".yaml");
    if (!Files.isRegularFile(file)) {
      throw ConfigError.of(
          "stack",
          stack,
          "a stack with a file " + file.getFileName() + " in " + projectDir.toAbsolutePath());
    }
    var values = new LinkedHashMap<String, String>();
    var secrets = new HashSet<String>();
    readConfigBlock(projectDir.resolve("Pulumi.yaml"), values, secrets);
    readConfigBlock(file, values, secrets);
    return new ConfigSource(stack, values, secrets);
  }

  private static void readConfigBlock(Path file, Map<String, String> values, Set<String> secrets) {
    if (!Files.isRegularFile(file)) {
      return;
    }
    JsonNode root;
    try {
      root = YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw ConfigError.of(
          file.getFileName().toString(),
          "unparseable YAML (" + firstLine(e.getMessage()) + ")",
          "valid YAML");
    } catch (UncheckedIOException e) {
      throw ConfigError.of(file.getFileName().toString(), "unreadable", "a readable file");
    }
    JsonNode config = root == null ? null : root.get("config");
    if (config == null || !config.isObject()) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
      var e = it.next();
      JsonNode v = e.getValue();
      // Project-level defaults in Pulumi.yaml are written {value: x} or {default: x}.
      if (v.isObject() && v.has("secure")) {
        values.put(e.getKey(), UNDECRYPTED_SECRET);
        secrets.add(e.getKey());
      } else if (v.isObject() && v.has("value") && v.size() == 1) {
        values.put(e.getKey(), text(v.get("value")));
      } else if (v.isObject() && v.has("default")) {
        values.putIfAbsent(e.getKey(), text(v.get("default")));
      } else {
        values.put(e.getKey(), text(v));
      }
    }
  }

  private static String text(JsonNode v) {
    if (v == null || v.isNull()) {
      return NULL_VALUE;
    }
    return v.isValueNode() ? v.asText() : v.toString();
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
