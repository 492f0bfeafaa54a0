package io.nomadx.sovereign.box;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.nomadx.sovereign.plan.Values;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The offline plan (`target/plan/<stack>.json`, stack-export form) as the cluster box reads it:
 * resources by type, the stack's config and outputs, and a copy of a resource's inputs with every
 * secret envelope replaced by a marker (the box never sees a real secret).
 */
public final class BoxPlan {
  /** What a secret becomes in the box; a check looks for it where no secret may appear. */
  public static final String SECRET_MARKER = "cluster-box-secret-placeholder";

  static final ObjectMapper JSON = new ObjectMapper();

  private final List<JsonNode> resources;
  private final io.nomadx.sovereign.plan.ExportView view;

  public BoxPlan(List<JsonNode> resources) {
    this.view = new io.nomadx.sovereign.plan.ExportView(resources);
    this.resources = view.resources();
  }

  public static BoxPlan read(Path file) throws IOException {
    return new BoxPlan(
        io.nomadx.sovereign.plan.ExportView.of(JSON.readTree(file.toFile())).resources());
  }

  public List<JsonNode> resources() {
    return resources;
  }

  public List<JsonNode> ofType(String type) {
    return view.ofType(type);
  }

  public JsonNode byId(String type, String id) {
    return ofType(type).stream()
        .filter(r -> r.path("id").asText().equals(id))
        .findFirst()
        .orElse(MissingNode.getInstance());
  }

  /** The stack resource's outputs (capacity, names, ...). */
  public JsonNode stackOutputs() {
    return view.stackOutputs();
  }

  /** The AWS region of the explicit aws provider. */
  public String region() {
    return resources.stream()
        .filter(r -> r.path("type").asText().equals("pulumi:providers:aws"))
        .map(r -> r.path("inputs").path("region").asText())
        .filter(s -> !s.isEmpty())
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("the plan has no aws provider with a region"));
  }

  /** The Milvus custom resource's inputs, or a missing node. */
  public JsonNode milvus() {
    return resources.stream()
        .filter(
            r ->
                r.path("type").asText().endsWith(":Milvus")
                    && r.path("type").asText().startsWith("kubernetes:milvus.io/"))
        .findFirst()
        .map(r -> r.path("inputs"))
        .orElse(MissingNode.getInstance());
  }

  /** A deep copy of `node` with every secret envelope replaced by {@link #SECRET_MARKER}. */
  public static JsonNode withoutSecrets(JsonNode node) {
    if (isSecret(node)) {
      return TextNode.valueOf(SECRET_MARKER);
    }
    if (node.isObject()) {
      ObjectNode copy = JSON.createObjectNode();
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        var e = it.next();
        copy.set(e.getKey(), withoutSecrets(e.getValue()));
      }
      return copy;
    }
    if (node.isArray()) {
      var copy = JSON.createArrayNode();
      node.forEach(n -> copy.add(withoutSecrets(n)));
      return copy;
    }
    return node.deepCopy();
  }

  static boolean isSecret(JsonNode node) {
    return node.isObject() && node.has(Values.SIG_KEY);
  }
}
