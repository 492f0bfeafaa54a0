package io.nomadx.sovereign.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What is published from config.schema.json: the README's configuration table and the editor schema
 * for {@code Pulumi.<stack>.yaml}. The tests that use these fail when the committed copy is stale;
 * with {@code -Dconfig.regenerate=true} they rewrite it instead: {@code ./mvnw -q -B test -pl
 * program -Dtest='ReadmeConfigTableTest,StackFileSchemaTest' -Dconfig.regenerate=true}.
 */
final class ConfigDocs {
  static final Path README = Path.of("README.md");
  static final Path STACK_FILE_SCHEMA = Path.of("schema/pulumi-stack.schema.json");
  static final String TABLE_HEADER = "| key | default | meaning |";
  static final boolean REGENERATE = Boolean.getBoolean("config.regenerate");
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ConfigDocs() {}

  /** The table, header to last row, one line per key in the schema's order. */
  static List<String> readmeTable() {
    var lines = new ArrayList<String>();
    lines.add(TABLE_HEADER);
    lines.add("|---|---|---|");
    for (String key : ConfigSchema.keys()) {
      lines.add(
          "| `"
              + key
              + "` | "
              + ConfigSchema.defaultText(key)
              + " | "
              + ConfigSchema.description(key)
              + " |");
    }
    return lines;
  }

  /** README.md with its configuration table replaced by {@code table}. */
  static List<String> readmeWith(List<String> readme, List<String> table) {
    int start = readme.indexOf(TABLE_HEADER);
    if (start < 0) {
      throw new IllegalStateException("README.md has no line '" + TABLE_HEADER + "'");
    }
    int end = start;
    while (end < readme.size() && readme.get(end).startsWith("|")) {
      end++;
    }
    var out = new ArrayList<>(readme.subList(0, start));
    out.addAll(table);
    out.addAll(readme.subList(end, readme.size()));
    return out;
  }

  /**
   * The schema of a whole stack file. Its attributes are secretsprovider, encryptedkey,
   * encryptionsalt, config and environment (Pulumi docs, "Stack settings file reference",
   * pulumi.com/docs/iac/concepts/projects/stack-settings-file). The project's keys nest under
   * {@code config} as {@code sovereign-milvus:<key>}, beside other namespaces such as {@code
   * aws:region}. Secret keys take only the {@code {secure: <ciphertext>}} form {@code pulumi config
   * set --secret} writes (pulumi/pulumi sdk/nodejs/automation/stackSettings.ts,
   * StackSettingsSecureConfigValue); the program refuses them in plain text. A key under the
   * project namespace that the schema does not know is refused.
   */
  static ObjectNode stackFileSchema() {
    String ns = Defaults.PROJECT + ":";
    ObjectNode root = JSON.createObjectNode();
    root.put("$schema", "http://json-schema.org/draft-07/schema#");
    root.put("$id", "https://nomadx.io/sovereign-milvus/pulumi-stack.schema.json");
    root.put("title", "Pulumi.<stack>.yaml of sovereign-milvus");
    root.put(
        "description",
        "Generated from program/src/main/resources/config.schema.json by the config tests; do not edit by hand.");
    root.put("type", "object");
    ObjectNode top = root.putObject("properties");
    top.putObject("secretsprovider")
        .put("type", "string")
        .put(
            "description",
            "Where the stack's secrets are encrypted (pulumi stack init --secrets-provider).");
    top.putObject("encryptedkey").put("type", "string");
    top.putObject("encryptionsalt").put("type", "string");
    top.putObject("environment").put("description", "Pulumi ESC environment(s) the stack imports.");
    ObjectNode config = top.putObject("config");
    config.put("type", "object");
    config.put(
        "description",
        "Stack configuration: sovereign-milvus:<key> (README, Configuration) and other namespaces such as aws:region.");
    ObjectNode props = config.putObject("properties");
    for (String key : ConfigSchema.keys()) {
      props.set(
          ns + key,
          ConfigSchema.secret(key)
              ? secureValue(key)
              : forEditors(ConfigSchema.property(key).orElseThrow()));
    }
    ObjectNode awsRegion = props.putObject("aws:region");
    awsRegion.put("type", "string");
    awsRegion.put(
        "description", "Region of the AWS provider; if set, it must equal " + ns + "region.");
    awsRegion.set("enum", ConfigSchema.property("region").orElseThrow().path("enum").deepCopy());
    ArrayNode known = JSON.createArrayNode();
    ConfigSchema.keys().forEach(k -> known.add(ns + k));
    ObjectNode names = config.putObject("propertyNames");
    ArrayNode anyOf = names.putArray("anyOf");
    anyOf.addObject().set("enum", known);
    anyOf.addObject().putObject("not").put("pattern", "^" + ns);
    ArrayNode required = config.putArray("required");
    ConfigSchema.root().path("required").forEach(k -> required.add(ns + k.asText()));
    return root;
  }

  /**
   * A key's schema as editors use it: the description also as markdown, the validator's wording
   * left out.
   */
  private static JsonNode forEditors(JsonNode property) {
    JsonNode copy = property.deepCopy();
    strip(copy);
    if (copy.has("description")) {
      ((ObjectNode) copy).put("markdownDescription", copy.path("description").asText());
    }
    return copy;
  }

  private static void strip(JsonNode node) {
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        var e = it.next();
        if (e.getKey().equals("x-allowed") || e.getKey().equals("x-reason")) {
          it.remove();
        } else {
          strip(e.getValue());
        }
      }
    } else if (node.isArray()) {
      node.forEach(ConfigDocs::strip);
    }
  }

  private static ObjectNode secureValue(String key) {
    ObjectNode secure = JSON.createObjectNode();
    secure.put(
        "description",
        ConfigSchema.description(key) + " Set it with `pulumi config set --secret " + key + "`.");
    secure.put("markdownDescription", secure.path("description").asText());
    secure.put("type", "object");
    secure
        .putObject("properties")
        .putObject("secure")
        .put("type", "string")
        .put("description", "Ciphertext written by pulumi config set --secret.");
    secure.putArray("required").add("secure");
    secure.put("additionalProperties", false);
    return secure;
  }

  static String stackFileSchemaText() throws IOException {
    return JSON.writeValueAsString(stackFileSchema()) + "\n";
  }

  static String read(Path file) throws IOException {
    return Files.isRegularFile(file) ? Files.readString(file) : "";
  }
}
