package io.nomadx.sovereign.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * One resource as the engine saw it: what the program asked for (inputs, options) and what the
 * mocked provider answered (id, outputs). Values are JSON with secrets already masked.
 */
public record Registration(
    long sequence,
    String urn,
    String type,
    String name,
    boolean custom,
    String parent,
    String provider,
    boolean protect,
    boolean retainOnDelete,
    List<String> dependencies,
    Map<String, List<String>> propertyDependencies,
    List<String> ignoreChanges,
    String id,
    ObjectNode inputs,
    ObjectNode outputs) {
  public Registration {
    dependencies = List.copyOf(dependencies);
    propertyDependencies = Map.copyOf(propertyDependencies);
    ignoreChanges = List.copyOf(ignoreChanges);
  }

  /**
   * The input at a dotted path (`vpcConfig.endpointPublicAccess`, `rules.0.status`), or a missing
   * node.
   */
  public JsonNode input(String path) {
    return at(inputs, path);
  }

  public JsonNode output(String path) {
    return at(outputs, path);
  }

  static JsonNode at(JsonNode root, String path) {
    JsonNode n = root;
    for (String part : path.split("\\.", -1)) {
      if (n == null) {
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
      }
      n = n.isArray() && part.matches("\\d+") ? n.get(Integer.parseInt(part)) : n.get(part);
    }
    return n == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : n;
  }

  /** The URN part of the provider reference (`<urn>::<id>`). */
  public String providerUrn() {
    return Urn.ofProviderReference(provider);
  }
}
