package io.nomadx.sovereign.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Small JSON helpers for layered config: tier presets under stack values. */
final class Json {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Json() {}

  /** `override` laid over `base`: objects merge key by key, anything else replaces. */
  static JsonNode merge(JsonNode base, JsonNode override) {
    if (base == null || base.isMissingNode() || base.isNull()) {
      return override;
    }
    if (override == null || override.isMissingNode()) {
      return base;
    }
    if (!base.isObject() || !override.isObject()) {
      return override;
    }
    ObjectNode out = ((ObjectNode) base).deepCopy();
    override
        .fields()
        .forEachRemaining(e -> out.set(e.getKey(), merge(out.get(e.getKey()), e.getValue())));
    return out;
  }

  /** A tier preset from the classpath (`stacks/tiers/<tier>.yaml` in the source tree). */
  static Optional<JsonNode> tier(String name) {
    if (!name.matches("[a-z0-9-]+")) {
      return Optional.empty();
    }
    try (InputStream in = Json.class.getResourceAsStream("/tiers/" + name + ".yaml")) {
      return in == null ? Optional.empty() : Optional.of(YAML.readTree(in));
    } catch (IOException e) {
      throw new IllegalStateException("tier preset " + name + " is not valid YAML", e);
    }
  }
}
