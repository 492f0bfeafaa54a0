package io.nomadx.sovereign.milvus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Validates a document against a CRD's structural OpenAPI v3 schema as the API server would, and
 * stricter in one way: an unknown field is an error here (the server silently prunes it, which
 * would lose a setting without a word).
 */
public final class CrdSchema {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private final JsonNode root;

  private CrdSchema(JsonNode root) {
    this.root = root;
  }

  /** The schema of `version` in the CRD at `resource` on the test classpath. */
  public static CrdSchema load(String resource, String version) {
    try (InputStream in = CrdSchema.class.getResourceAsStream(resource)) {
      JsonNode crd = YAML.readTree(in);
      for (JsonNode v : crd.path("spec").path("versions")) {
        if (v.path("name").asText().equals(version)) {
          return new CrdSchema(v.path("schema").path("openAPIV3Schema"));
        }
      }
      throw new IllegalArgumentException("no version " + version + " in " + resource);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Every problem in `doc` (a whole object: apiVersion, kind, metadata, spec), as "path: problem".
   */
  public List<String> validate(JsonNode doc) {
    var problems = new ArrayList<String>();
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.fields(); it.hasNext(); ) {
      var e = it.next();
      // The API server validates metadata itself; the CRD only declares it an object.
      if (e.getKey().equals("metadata")) {
        if (!e.getValue().isObject()) {
          problems.add(".metadata: expected an object");
        }
      } else if (root.path("properties").has(e.getKey())) {
        check(
            root.path("properties").get(e.getKey()),
            e.getValue(),
            "." + e.getKey(),
            problems,
            false);
      } else {
        problems.add("." + e.getKey() + ": unknown field");
      }
    }
    return problems;
  }

  List<String> validate(Map<String, Object> doc) {
    JsonNode tree = new ObjectMapper().valueToTree(doc);
    return validate(tree);
  }

  private void check(
      JsonNode schema, JsonNode value, String path, List<String> problems, boolean inherited) {
    // x-kubernetes-preserve-unknown-fields holds for the node and, where they declare no
    // fields of their own, its descendants (array items included).
    boolean preserve =
        schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
            || (inherited && !schema.has("properties"));
    if (value == null || value.isNull()) {
      if (!schema.path("nullable").asBoolean(false) && schema.has("type")) {
        problems.add(path + ": null is not allowed");
      }
      return;
    }
    if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
      if (!value.isIntegralNumber() && !value.isTextual()) {
        problems.add(path + ": expected an integer or a string, got " + value);
      }
      return;
    }
    String type = schema.path("type").asText("");
    switch (type) {
      case "object" -> {
        if (!value.isObject()) {
          problems.add(path + ": expected an object, got " + value.getNodeType());
          return;
        }
        JsonNode props = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
          var e = it.next();
          String p = path + "." + e.getKey();
          if (props.has(e.getKey())) {
            check(props.get(e.getKey()), e.getValue(), p, problems, preserve);
          } else if (additional != null && additional.isObject()) {
            check(additional, e.getValue(), p, problems, preserve);
          } else if (!preserve && !(additional != null && additional.asBoolean(false))) {
            problems.add(p + ": unknown field");
          }
        }
        for (JsonNode req : schema.path("required")) {
          if (!value.has(req.asText())) {
            problems.add(path + "." + req.asText() + ": required");
          }
        }
      }
      case "array" -> {
        if (!value.isArray()) {
          problems.add(path + ": expected an array, got " + value.getNodeType());
          return;
        }
        for (int i = 0; i < value.size(); i++) {
          check(schema.path("items"), value.get(i), path + "[" + i + "]", problems, preserve);
        }
      }
      case "string" -> {
        if (!value.isTextual()) {
          problems.add(path + ": expected a string, got " + value);
        }
      }
      case "integer" -> {
        if (!value.isIntegralNumber()) {
          problems.add(path + ": expected an integer, got " + value);
        }
      }
      case "number" -> {
        if (!value.isNumber()) {
          problems.add(path + ": expected a number, got " + value);
        }
      }
      case "boolean" -> {
        if (!value.isBoolean()) {
          problems.add(path + ": expected a boolean, got " + value);
        }
      }
      default -> {
        // untyped (preserve-unknown-fields) schemas accept anything
      }
    }
    if (schema.has("enum")) {
      boolean found = false;
      for (JsonNode allowed : schema.path("enum")) {
        found |= allowed.equals(value);
      }
      if (!found) {
        problems.add(path + ": " + value + " is not one of " + schema.path("enum"));
      }
    }
    if (schema.has("minimum")
        && value.isNumber()
        && value.asDouble() < schema.path("minimum").asDouble()) {
      problems.add(path + ": " + value + " is below the minimum " + schema.path("minimum"));
    }
  }
}
