package io.nomadx.sovereign.config;

import static io.nomadx.sovereign.config.ConfigReader.quote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import com.networknt.schema.path.NodePath;
import io.nomadx.sovereign.config.ConfigError.Problem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Checks each key's own value against {@link ConfigSchema} with networknt's JSON Schema validator,
 * and turns each of the validator's errors into a {@link Problem} that names the key, the value as
 * the user wrote it and what is allowed, in words (never a bare JSON pointer).
 *
 * <p>What it judges: unknown and required keys, and each value's type, allowed values, pattern and
 * range, down to the fields of a map (`nodePools.general.maxSize`) and the items of a list. A key
 * with any such problem is rejected as a whole: the parsers read its default (or the tier preset's
 * value), so one bad field is one problem, not a cascade. What it leaves to the parsers: rules
 * across keys or fields (prod vs dev, existing VPC or cluster, min <= desired <= max, quorum,
 * capacity) and checks a pattern cannot state (CIDR ranges, bucket-name rules, cron schedules). The
 * tier presets the parsers lay stack values over are checked against the same schema by a test.
 */
final class SchemaCheck {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Misspellings within this many edits get a "did you mean". */
  private static final int HINT_DISTANCE = 3;

  private static final LevenshteinDistance DISTANCE = new LevenshteinDistance(HINT_DISTANCE);
  private static final Schema SCHEMA = compile(ConfigSchema.root());

  /**
   * The problems found and the keys whose value was rejected (the parsers use their default
   * instead).
   */
  record Result(List<Problem> problems, Set<String> rejectedKeys) {}

  private SchemaCheck() {}

  /**
   * The annotations of config.schema.json are declared to the draft-07 dialect, so the validator
   * treats them as annotations rather than as unknown keywords (networknt 2.0 {@code
   * keyword/UnknownKeywordFactory} logs a warning for each of those).
   */
  static Schema compile(JsonNode schema) {
    Dialect dialect =
        Dialect.builder(Dialects.getDraft7())
            .keyword(new AnnotationKeyword("x-defaultText"))
            .keyword(new AnnotationKeyword("x-requiredIn"))
            .keyword(new AnnotationKeyword("x-secret"))
            .keyword(new AnnotationKeyword("x-allowed"))
            .keyword(new AnnotationKeyword("x-reason"))
            .keyword(new AnnotationKeyword("x-unknown"))
            .build();
    return SchemaRegistry.withDefaultDialect(dialect).getSchema(schema);
  }

  /**
   * Checks every `<ns><key>` of the source; values that are blank or null are ConfigReader's to
   * report.
   */
  static Result check(ConfigSource source, String ns) {
    var problems = new ArrayList<Problem>();
    var rejected = new LinkedHashSet<String>();
    ObjectNode instance = JsonNodeFactory.instance.objectNode();
    Map<String, String> raw = new LinkedHashMap<>();
    source
        .values()
        .forEach(
            (fullKey, text) -> {
              if (!fullKey.startsWith(ns)
                  || text == null
                  || text.isBlank()
                  || text.equals(ConfigSource.NULL_VALUE)) {
                return;
              }
              String key = fullKey.substring(ns.length());
              raw.put(key, text);
              typed(key, text)
                  .ifPresentOrElse(
                      v -> instance.set(key, v),
                      () -> {
                        problems.add(
                            new Problem(
                                fullKey, quote(text), "a YAML list or map in the stack file"));
                        rejected.add(key);
                      });
            });
    for (Error error : SCHEMA.validate(instance)) {
      translate(error, ns, raw)
          .ifPresent(
              p -> {
                problems.add(p);
                String key =
                    p.key()
                        .substring(ns.length())
                        .split("\\.", 2)[0]; // a field's problem rejects its key
                if (raw.containsKey(key)) {
                  rejected.add(
                      key); // a missing key is not a rejected value: its reads still report an
                  // explicit empty one
                }
              });
    }
    return new Result(List.copyOf(problems), Set.copyOf(rejected));
  }

  /**
   * The engine hands every value over as text, lists and maps as JSON: this is the value the
   * schema's type expects where the text spells one, else the text itself (so the type check
   * reports it). Empty for a list or map that is not JSON.
   */
  private static Optional<JsonNode> typed(String key, String text) {
    String type = ConfigSchema.property(key).map(p -> p.path("type").asText()).orElse("string");
    var nodes = JsonNodeFactory.instance;
    switch (type) {
      case "boolean":
        return Optional.of(
            text.equals("true") || text.equals("false")
                ? BooleanNode.valueOf(text.equals("true"))
                : nodes.textNode(text));
      case "integer":
        try {
          return Optional.of(nodes.numberNode(Long.parseLong(text.trim())));
        } catch (NumberFormatException e) {
          return Optional.of(nodes.textNode(text));
        }
      case "array":
      case "object":
        try {
          return Optional.of(JSON.readTree(text));
        } catch (IOException e) {
          return Optional.empty();
        }
      default:
        return Optional.of(nodes.textNode(text));
    }
  }

  /**
   * One validator error in our words: the key (dotted down to the field), the value as written,
   * what is allowed.
   */
  private static Optional<Problem> translate(Error error, String ns, Map<String, String> raw) {
    NodePath at = error.getInstanceLocation();
    String keyword = error.getKeyword();
    if (at.getNameCount() == 0) {
      String key = error.getProperty();
      if (keyword.equals("additionalProperties")) {
        String hint =
            closest(key, ConfigSchema.keys()).map(k -> " (did you mean " + k + "?)").orElse("");
        return Optional.of(
            new Problem(
                ns + key, "an unknown key" + hint, "the keys in the README's config table"));
      }
      if (keyword.equals("required")) {
        return Optional.of(
            new Problem(
                ns + key, "nothing", requiredWords(ConfigSchema.property(key).orElseThrow())));
      }
      throw new IllegalStateException(
          "config.schema.json: no wording for '" + keyword + "' on the whole config: " + error);
    }
    // Walk the schema along the value's path: the rule that failed, and the dotted key down to the
    // last field.
    String key = at.getName(0);
    JsonNode rule = ConfigSchema.property(key).orElseThrow();
    var dotted = new StringBuilder(ns).append(key);
    boolean listItem = false;
    for (int i = 1; i < at.getNameCount(); i++) {
      Object step = at.getElement(i);
      listItem = step instanceof Integer;
      if (listItem) {
        rule = rule.path("items");
      } else {
        String field = step.toString();
        rule =
            rule.path("properties").has(field)
                ? rule.path("properties").path(field)
                : rule.path("additionalProperties");
        dotted.append('.').append(field);
      }
    }
    JsonNode value = error.getInstanceNode();
    if (keyword.equals("additionalProperties")) {
      var fields = new ArrayList<String>();
      rule.path("properties").fieldNames().forEachRemaining(fields::add);
      return Optional.of(
          new Problem(
              dotted + "." + error.getProperty(),
              "an unknown " + rule.path("x-unknown").asText("field"),
              String.join(", ", fields)));
    }
    if (keyword.equals("required")) {
      JsonNode field = rule.path("properties").path(error.getProperty());
      return Optional.of(
          new Problem(dotted + "." + error.getProperty(), "nothing", requiredWords(field)));
    }
    String shown =
        ConfigSchema.secret(key)
            ? "a secret value" // never echoed
            : keyword.equals("type") && at.getNameCount() == 1
                ? quote(raw.get(key))
                : value.isTextual() ? quote(value.asText()) : value.toString();
    return Optional.of(
        new Problem(dotted.toString(), shown, allowed(keyword, rule, listItem, value)));
  }

  private static String requiredWords(JsonNode rule) {
    String what =
        rule.path("x-allowed").has("required")
            ? rule.path("x-allowed").path("required").asText()
            : String.join(", ", ConfigSchema.texts(rule.path("enum")));
    return what + " (required)";
  }

  private static String allowed(String keyword, JsonNode rule, boolean listItem, JsonNode value) {
    String why = rule.has("x-reason") ? " (" + rule.path("x-reason").asText() + ")" : "";
    String type = rule.path("type").asText();
    if (rule.path("x-allowed").has(keyword)) {
      return rule.path("x-allowed").path(keyword).asText() + why;
    }
    switch (keyword) {
      case "type":
        return listItem
            ? "a list of " + typeName(type)
            : switch (type) {
              case "boolean" -> "true or false";
              case "integer" ->
                  "a whole number"
                      + (rule.has("minimum") && rule.has("maximum") ? " from " + range(rule) : "")
                      + why;
              case "number" -> "a number" + why;
              case "array" -> "a list, e.g. [\"a\", \"b\"]";
              case "object" -> "a map of keys to values";
              default -> "text";
            };
      case "enum":
        {
          JsonNode values = rule.path("enum");
          if (values.path(0).isNumber()) {
            return "one of " + values.toString().replace(",", ", ") + why;
          }
          List<String> names = ConfigSchema.texts(values);
          String hint =
              value.isTextual()
                  ? closest(value.asText(), names).map(n -> " (did you mean " + n + "?)").orElse("")
                  : "";
          return String.join(", ", names) + why + hint;
        }
      case "minimum":
      case "maximum":
      case "exclusiveMinimum":
        return range(rule) + why;
      default:
        throw new IllegalStateException(
            "config.schema.json: no x-allowed." + keyword + " wording for " + rule);
    }
  }

  /** A number rule in words: "1 to 3650", "a whole number >= 1", "a number > 0". */
  private static String range(JsonNode rule) {
    String what = rule.path("type").asText().equals("integer") ? "a whole number" : "a number";
    if (rule.has("minimum") && rule.has("maximum")) {
      return rule.path("minimum").asText() + " to " + rule.path("maximum").asText();
    }
    if (rule.has("exclusiveMinimum")) {
      return what + " > " + rule.path("exclusiveMinimum").asText();
    }
    if (rule.has("minimum")) {
      return what + " >= " + rule.path("minimum").asText();
    }
    return rule.has("maximum") ? what + " <= " + rule.path("maximum").asText() : what;
  }

  private static String typeName(String type) {
    return switch (type) {
      case "string" -> "strings";
      case "integer" -> "whole numbers";
      default -> type + "s";
    };
  }

  /**
   * The candidate nearest to `text` (ignoring case) within {@link #HINT_DISTANCE} edits, other than
   * itself.
   */
  static Optional<String> closest(String text, List<String> candidates) {
    String lower = text.toLowerCase(Locale.ROOT);
    return candidates.stream()
        .filter(c -> !c.equals(text))
        .filter(c -> DISTANCE.apply(c.toLowerCase(Locale.ROOT), lower) >= 0)
        .min(Comparator.comparingInt(c -> DISTANCE.apply(c.toLowerCase(Locale.ROOT), lower)));
  }
}
