package io.nomadx.sovereign.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The editor schema for Pulumi.<stack>.yaml (schema/pulumi-stack.schema.json) is the one generated
 * from config.schema.json, accepts the shipped stacks and tier presets, and refuses what the
 * program refuses in a stack file's shape: unknown project keys, wrong types and values, and
 * secrets in plain text.
 */
class StackFileSchemaTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Schema STACK_FILE = SchemaCheck.compile(ConfigDocs.stackFileSchema());

  @Test
  void committedSchemaIsTheOneGeneratedFromConfigSchema() throws IOException {
    String expected = ConfigDocs.stackFileSchemaText();
    if (ConfigDocs.REGENERATE && !expected.equals(ConfigDocs.read(ConfigDocs.STACK_FILE_SCHEMA))) {
      Files.createDirectories(ConfigDocs.STACK_FILE_SCHEMA.getParent());
      Files.writeString(ConfigDocs.STACK_FILE_SCHEMA, expected);
    }
    assertEquals(
        expected,
        ConfigDocs.read(ConfigDocs.STACK_FILE_SCHEMA),
        ConfigDocs.STACK_FILE_SCHEMA
            + " is stale: regenerate it with ./mvnw -q -B test -pl program -Dtest='ReadmeConfigTableTest,StackFileSchemaTest' -Dconfig.regenerate=true");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Pulumi.prod-me-central-1.yaml", "Pulumi.dev-me-central-1.yaml"})
  void shippedStacksValidate(String file) throws IOException {
    assertEquals(
        List.of(), messages(STACK_FILE.validate(YAML.readTree(Path.of(file).toFile()))), file);
  }

  /**
   * A tier preset is a partial config (bare keys, no namespace): it must fit the config schema but
   * need not hold the required keys.
   */
  @ParameterizedTest
  @ValueSource(strings = {"small", "medium", "large", "xl"})
  void tierPresetsValidate(String tier) throws IOException {
    ObjectNode partial = ConfigSchema.root().deepCopy();
    partial.remove("required");
    JsonNode preset = YAML.readTree(Path.of("stacks/tiers/" + tier + ".yaml").toFile());
    assertEquals(List.of(), messages(SchemaCheck.compile(partial).validate(preset)), tier);
    assertTrue(Defaults.TIERS.contains(tier), "every preset is a tier the schema allows");
  }

  @Test
  void refusesWhatAStackFileMustNotHold() throws IOException {
    JsonNode stack =
        YAML.readTree(
            """
                config:
                  aws:region: us-east-1
                  sovereign-milvus:accountId: "111111111111"
                  sovereign-milvus:clientNamespaces: [rag-api]
                  sovereign-milvus:rootPassword: plain-text-password
                  sovereign-milvus:tier: huge
                  sovereign-milvus:eksVersoin: "1.34"
                  sovereign-milvus:monitoring: "yes"
                  sovereign-milvus:nodePools: {general: {maxSize: 0}}
                  other-project:anything: 1
                """);
    var errors = STACK_FILE.validate(stack);
    var where =
        errors.stream()
            .map(e -> e.getInstanceLocation().toString() + " " + e.getKeyword())
            .toList();
    for (String expected :
        List.of(
            "/config/aws:region enum",
            "/config/sovereign-milvus:rootPassword type",
            "/config/sovereign-milvus:tier enum",
            "/config/sovereign-milvus:monitoring type",
            "/config/sovereign-milvus:nodePools/general/maxSize minimum")) {
      assertTrue(where.contains(expected), () -> expected + " not among " + where);
    }
    var names =
        errors.stream()
            .filter(e -> e.getKeyword().equals("propertyNames"))
            .map(Error::toString)
            .toList();
    assertTrue(
        !names.isEmpty() && names.stream().allMatch(n -> n.contains("eksVersoin")),
        () -> "only the misspelt key is refused by name: " + names);
    assertTrue(
        where.stream().noneMatch(w -> w.contains("other-project")),
        "other namespaces are not the project's to judge");
  }

  @Test
  void secretsTakeTheSecureForm() throws IOException {
    JsonNode stack =
        YAML.readTree(
            """
                config:
                  sovereign-milvus:accountId: "111111111111"
                  sovereign-milvus:clientNamespaces: [rag-api]
                  sovereign-milvus:rootPassword: {secure: "v1:abc"}
                  sovereign-milvus:existingClusterKubeconfig: {secure: "v1:def"}
                """);
    assertEquals(List.of(), messages(STACK_FILE.validate(stack)));
  }

  private static List<String> messages(List<Error> errors) {
    return errors.stream().map(Error::toString).toList();
  }
}
