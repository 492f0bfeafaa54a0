package io.nomadx.sovereign.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.Map;
import java.util.TreeMap;

/**
 * Converts the engine's wire values (protobuf Struct) to JSON in `pulumi stack export` form.
 * Secrets never leave as plain text: they become the export's secret envelope with a masked
 * ciphertext.
 */
public final class Values {
  /**
   * The signature key and value Pulumi uses to mark special values (sdk/go/common/resource/sig).
   */
  public static final String SIG_KEY = "4dabf18193072939515e22adb298388d";

  public static final String SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
  public static final String UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
  public static final String MASK = "[secret]";

  static final JsonNodeFactory F = JsonNodeFactory.instance;
  static final ObjectMapper JSON = new ObjectMapper();

  private Values() {}

  public static ObjectNode toJson(Struct s) {
    ObjectNode o = F.objectNode();
    new TreeMap<>(s.getFieldsMap()).forEach((k, v) -> o.set(k, toJson(v)));
    return o;
  }

  public static JsonNode toJson(Value v) {
    switch (v.getKindCase()) {
      case NULL_VALUE:
      case KIND_NOT_SET:
        return F.nullNode();
      case BOOL_VALUE:
        return F.booleanNode(v.getBoolValue());
      case NUMBER_VALUE:
        {
          double d = v.getNumberValue();
          if (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
            return F.numberNode((int) d); // as a JSON parser reads it back
          }
          return d == Math.rint(d) && Math.abs(d) < 1e15 ? F.numberNode((long) d) : F.numberNode(d);
        }
      case STRING_VALUE:
        return F.textNode(v.getStringValue());
      case LIST_VALUE:
        {
          ArrayNode a = F.arrayNode();
          v.getListValue().getValuesList().forEach(x -> a.add(toJson(x)));
          return a;
        }
      case STRUCT_VALUE:
        {
          Map<String, Value> fields = v.getStructValue().getFieldsMap();
          Value sig = fields.get(SIG_KEY);
          if (sig != null && SECRET_SIG.equals(sig.getStringValue())) {
            return secret();
          }
          if (sig != null) {
            // Resource references and other special values: keep the plain value only.
            Value inner = fields.get("value");
            if (inner != null) {
              return toJson(inner);
            }
            Value urn = fields.get("urn");
            return urn == null ? F.nullNode() : F.textNode(urn.getStringValue());
          }
          return toJson(v.getStructValue());
        }
      default:
        throw new IllegalStateException("unexpected value kind " + v.getKindCase());
    }
  }

  /** The export's secret envelope, with the ciphertext masked. */
  public static ObjectNode secret() {
    ObjectNode o = F.objectNode();
    o.put(SIG_KEY, SECRET_SIG);
    o.put("ciphertext", MASK);
    return o;
  }

  /**
   * Masks in `outputs` every place that is secret in `inputs` (at any depth): a mocked provider
   * echoes inputs in plain text, where the engine would keep them secret.
   */
  public static void maskLike(JsonNode inputs, JsonNode outputs) {
    if (inputs == null || outputs == null) {
      return;
    }
    if (inputs.isObject() && outputs.isObject()) {
      var out = (ObjectNode) outputs;
      inputs
          .fields()
          .forEachRemaining(
              e -> {
                if (isSecret(e.getValue()) && out.has(e.getKey())) {
                  out.set(e.getKey(), secret());
                } else {
                  maskLike(e.getValue(), out.get(e.getKey()));
                }
              });
    } else if (inputs.isArray() && outputs.isArray()) {
      var out = (ArrayNode) outputs;
      for (int i = 0; i < Math.min(inputs.size(), out.size()); i++) {
        if (isSecret(inputs.get(i))) {
          out.set(i, secret());
        } else {
          maskLike(inputs.get(i), out.get(i));
        }
      }
    }
  }

  public static boolean isSecret(JsonNode n) {
    return n != null && n.isObject() && SECRET_SIG.equals(n.path(SIG_KEY).asText(null));
  }
}
