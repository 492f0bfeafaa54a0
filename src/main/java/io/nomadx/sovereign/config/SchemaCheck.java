package io.nomadx.sovereign.config;

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
import org.apache.commons.text.similarity.LevenshteinDistance;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;

import static io.nomadx.sovereign.config.ConfigReader.quote;

/**
 * Checks each key's own value against {@link ConfigSchema} with networknt's JSON Schema validator,
 * and turns each of the validator's errors into a {@link Problem} that names the key, the value as
 * the user wrote it and what is allowed, in words (never a bare JSON pointer).
 *
 * <p>What it judges: unknown and required keys, and each key's type, allowed values, pattern and
 * range, down to the items of a list. What it leaves to the section parsers: the fields inside a
 * map-valued key (`nodePools.general.maxSize`, `quotas.deleteRateMBps`, ...), because most of them
 * lay the stack's value over the tier preset and judge the merged result, and rules across keys
 * (prod vs dev, existing VPC or cluster, quorum, capacity).
 */
final class SchemaCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Misspellings within this many edits get a "did you mean". */
    private static final int HINT_DISTANCE = 3;
    private static final LevenshteinDistance DISTANCE = new LevenshteinDistance(HINT_DISTANCE);
    private static final Schema SCHEMA = compile(ConfigSchema.root());

    /** The problems found and the keys whose value was rejected (the parsers use their default instead). */
    record Result(List<Problem> problems, Set<String> rejectedKeys) {
    }

    private SchemaCheck() {
    }

    /**
     * The annotations of config.schema.json are declared to the draft-07 dialect, so the validator
     * treats them as annotations rather than as unknown keywords (networknt 2.0
     * {@code keyword/UnknownKeywordFactory} logs a warning for each of those).
     */
    static Schema compile(JsonNode schema) {
        Dialect dialect = Dialect.builder(Dialects.getDraft7())
                .keyword(new AnnotationKeyword("x-defaultText"))
                .keyword(new AnnotationKeyword("x-requiredIn"))
                .keyword(new AnnotationKeyword("x-secret"))
                .keyword(new AnnotationKeyword("x-allowed"))
                .keyword(new AnnotationKeyword("x-reason"))
                .build();
        return SchemaRegistry.withDefaultDialect(dialect).getSchema(schema);
    }

    /** Checks every `<ns><key>` of the source; values that are blank or null are ConfigReader's to report. */
    static Result check(ConfigSource source, String ns) {
        var problems = new ArrayList<Problem>();
        var rejected = new LinkedHashSet<String>();
        ObjectNode instance = JsonNodeFactory.instance.objectNode();
        Map<String, String> raw = new LinkedHashMap<>();
        source.values().forEach((fullKey, text) -> {
            if (!fullKey.startsWith(ns) || text == null || text.isBlank() || text.equals(ConfigSource.NULL_VALUE)) {
                return;
            }
            String key = fullKey.substring(ns.length());
            raw.put(key, text);
            typed(key, text).ifPresentOrElse(v -> instance.set(key, v), () -> {
                problems.add(new Problem(fullKey, quote(text), "a YAML list or map in the stack file"));
                rejected.add(key);
            });
        });
        for (Error error : SCHEMA.validate(instance)) {
            translate(error, ns, raw).ifPresent(p -> {
                problems.add(p);
                String key = p.key().substring(ns.length());
                if (raw.containsKey(key)) {
                    rejected.add(key); // a missing key is not a rejected value: its reads still report an explicit empty one
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
                return Optional.of(text.equals("true") || text.equals("false") ? BooleanNode.valueOf(text.equals("true")) : nodes.textNode(text));
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

    /** One validator error in our words; empty for an error inside a map-valued key (see the class comment). */
    private static Optional<Problem> translate(Error error, String ns, Map<String, String> raw) {
        NodePath at = error.getInstanceLocation();
        String keyword = error.getKeyword();
        if (at.getNameCount() == 0) {
            String key = error.getProperty();
            if (keyword.equals("additionalProperties")) {
                String hint = closest(key, ConfigSchema.keys()).map(k -> " (did you mean " + k + "?)").orElse("");
                return Optional.of(new Problem(ns + key, "an unknown key" + hint, "the keys in the README's config table"));
            }
            if (keyword.equals("required")) {
                JsonNode p = ConfigSchema.property(key).orElseThrow();
                return Optional.of(new Problem(ns + key, "nothing", p.path("x-allowed").path("required").asText() + " (required)"));
            }
            throw new IllegalStateException("config.schema.json: no wording for '" + keyword + "' on the whole config: " + error);
        }
        String key = at.getName(0);
        JsonNode property = ConfigSchema.property(key).orElseThrow();
        boolean item = at.getNameCount() == 2 && property.path("type").asText().equals("array");
        if (at.getNameCount() > 2 || at.getNameCount() == 2 && !item
                || at.getNameCount() == 1 && property.path("type").asText().equals("object") && !keyword.equals("type")) {
            return Optional.empty();
        }
        JsonNode rule = item ? property.path("items") : property;
        JsonNode value = error.getInstanceNode();
        String shown = keyword.equals("type") && !item ? quote(raw.get(key))
                : value.isTextual() ? quote(value.asText()) : value.toString();
        return Optional.of(new Problem(ns + key, shown, allowed(keyword, rule, item, value)));
    }

    private static String allowed(String keyword, JsonNode rule, boolean item, JsonNode value) {
        String why = rule.has("x-reason") ? " (" + rule.path("x-reason").asText() + ")" : "";
        switch (keyword) {
            case "type":
                if (rule.path("x-allowed").has("type")) {
                    return rule.path("x-allowed").path("type").asText();
                }
                return item ? "a list of " + typeName(rule.path("type").asText()) : switch (rule.path("type").asText()) {
                    case "boolean" -> "true or false";
                    case "integer" -> "a whole number";
                    case "number" -> "a number";
                    case "array" -> "a list, e.g. [\"a\", \"b\"]";
                    case "object" -> "a map of keys to values";
                    default -> "text";
                };
            case "enum": {
                JsonNode values = rule.path("enum");
                if (values.path(0).isNumber()) {
                    return "one of " + values.toString().replace(",", ", ") + why;
                }
                List<String> names = StreamSupport.stream(values.spliterator(), false).map(JsonNode::asText).toList();
                String hint = value.isTextual() ? closest(value.asText(), names).map(n -> " (did you mean " + n + "?)").orElse("") : "";
                return String.join(", ", names) + why + hint;
            }
            case "minimum":
            case "maximum":
                if (rule.has("minimum") && rule.has("maximum")) {
                    return rule.path("minimum").asText() + " to " + rule.path("maximum").asText() + why;
                }
                return keyword.equals("minimum") ? "a whole number >= " + rule.path("minimum").asText() + why
                        : "at most " + rule.path("maximum").asText() + why;
            default: {
                JsonNode words = rule.path("x-allowed").path(keyword);
                if (words.isMissingNode()) {
                    throw new IllegalStateException("config.schema.json: no x-allowed." + keyword + " wording for " + rule);
                }
                return words.asText() + why;
            }
        }
    }

    private static String typeName(String type) {
        return switch (type) {
            case "string" -> "strings";
            case "integer" -> "whole numbers";
            default -> type + "s";
        };
    }

    /** The candidate nearest to `text` (ignoring case) within {@link #HINT_DISTANCE} edits, other than itself. */
    static Optional<String> closest(String text, List<String> candidates) {
        String lower = text.toLowerCase();
        return candidates.stream()
                .filter(c -> !c.equals(text))
                .filter(c -> DISTANCE.apply(c.toLowerCase(), lower) >= 0)
                .min(Comparator.comparingInt(c -> DISTANCE.apply(c.toLowerCase(), lower)));
    }
}
