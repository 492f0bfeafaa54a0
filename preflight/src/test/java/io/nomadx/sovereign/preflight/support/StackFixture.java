package io.nomadx.sovereign.preflight.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A project directory holding one shipped stack file with some settings changed (one change per
 * test), beside the real Pulumi.yaml: what preflight reads from a checkout.
 */
public final class StackFixture {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  public static Path repo() {
    return Path.of(System.getProperty("preflight.repo", "..")).toAbsolutePath().normalize();
  }

  private final String stack;
  private final Map<String, Object> changes = new LinkedHashMap<>();
  private final java.util.List<String> removed = new java.util.ArrayList<>();

  private StackFixture(String stack) {
    this.stack = stack;
  }

  public static StackFixture of(String shippedStack) {
    return new StackFixture(shippedStack);
  }

  /** Sets `sovereign-milvus:<key>` (a string, number, boolean, list or map). */
  public StackFixture set(String key, Object value) {
    changes.put(key, value);
    return this;
  }

  public StackFixture remove(String key) {
    removed.add(key);
    return this;
  }

  public String stack() {
    return stack;
  }

  public Path write() throws IOException {
    Path dir = Files.createTempDirectory("preflight-stack-");
    Files.copy(repo().resolve("Pulumi.yaml"), dir.resolve("Pulumi.yaml"));
    ObjectNode doc =
        (ObjectNode) YAML.readTree(repo().resolve("Pulumi." + stack + ".yaml").toFile());
    ObjectNode config = (ObjectNode) doc.get("config");
    removed.forEach(k -> config.remove("sovereign-milvus:" + k));
    changes.forEach((k, v) -> config.set("sovereign-milvus:" + k, YAML.valueToTree(v)));
    YAML.writeValue(dir.resolve("Pulumi." + stack + ".yaml").toFile(), doc);
    return dir;
  }
}
