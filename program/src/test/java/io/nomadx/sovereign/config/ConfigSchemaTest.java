package io.nomadx.sovereign.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nomadx.sovereign.support.StackConfigs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * config.schema.json and the program agree: same keys, same defaults, same required keys, words for
 * every rule.
 */
class ConfigSchemaTest {
  private static final String P = "sovereign-milvus:";

  @Test
  void configKeyNamesExactlyTheSchemasKeysInItsOrder() {
    assertEquals(
        ConfigSchema.keys(), Arrays.stream(ConfigKey.values()).map(ConfigKey::key).toList());
  }

  @Test
  void everyKeySaysWhatItDoesAndWhatItDefaultsTo() {
    for (String key : ConfigSchema.keys()) {
      assertFalse(ConfigSchema.description(key).isBlank(), key + " has no description");
      assertFalse(
          ConfigSchema.defaultText(key).isBlank(),
          key + " has neither a default nor x-defaultText");
      JsonNode p = ConfigSchema.property(key).orElseThrow();
      assertFalse(p.has("default") && p.has("x-defaultText"), key + ": one default, not two");
    }
  }

  /**
   * A stack with only what is required: every key the schema gives a literal default gets that
   * value in Settings.
   */
  @Test
  void whatTheProgramUsesForAnUnsetKeyIsTheSchemasDefault() {
    var values = new HashMap<String, String>();
    values.put(P + "accountId", "111111111111");
    values.put(P + "rootPassword", "a-long-enough-secret");
    values.put(P + "clientNamespaces", "[\"rag-api\"]");
    values.put(P + "tags", "{\"owner\":\"team\",\"data-classification\":\"internal\"}");
    var s = SettingsParser.parse(new ConfigSource("dev-x", values, Set.of(P + "rootPassword")));
    Map<String, Function<Settings, Object>> used = new HashMap<>();
    used.put("region", x -> x.region().name());
    used.put("acknowledgeTwoZones", x -> x.zoneIds().size() == 2);
    used.put("vpcCidr", x -> x.network().vpcCidr());
    used.put("bootstrapNetworkOnly", x -> x.network().bootstrapNetworkOnly());
    used.put("eksVersion", x -> x.cluster().version());
    used.put("endpointPublicAccess", x -> x.cluster().endpointPublicAccess());
    used.put("logRetentionDays", x -> x.cluster().logRetentionDays());
    used.put("dataPrefix", x -> x.storage().dataPrefix());
    used.put("backupPrefix", x -> x.storage().backupPrefix());
    used.put("noncurrentVersionDays", x -> x.storage().noncurrentVersionDays());
    used.put(
        "objectAudit",
        x -> x.storage().objectAudit().trailBucketName().isPresent() ? "stack" : "organization");
    used.put("milvusNamespace", x -> x.workloads().milvusNamespace());
    used.put("tier", Settings::tier);
    used.put("milvusVersion", x -> x.milvus().version());
    used.put("messageQueue", x -> x.milvus().messageQueue().id());
    used.put("operatorChartVersion", x -> x.milvus().operator().chartVersion());
    used.put("operatorChartRepository", x -> x.milvus().operator().chartRepository());
    used.put("tlsSecretName", x -> x.milvus().security().tlsSecretName());
    used.put(
        "certManager", x -> x.milvus().platform().installCertManager() ? "install" : "existing");
    used.put("certManagerChartRepository", x -> x.milvus().platform().certManagerChartRepository());
    used.put("monitoring", x -> x.milvus().monitoring().enabled());
    used.put("monitoringStack", x -> x.milvus().platform().monitoringStack());
    used.put("prometheusChartRepository", x -> x.milvus().platform().prometheusChartRepository());
    used.put("monitoringNamespace", x -> x.milvus().monitoring().namespace());
    used.put("logLevel", x -> x.milvus().logLevel());
    used.put("backupSchedule", x -> x.milvus().backup().schedule());
    used.put("backupImageTag", x -> x.milvus().backup().imageTag());
    used.put("readyTimeoutMinutes", x -> x.milvus().readyTimeoutMinutes());
    var withDefault = new TreeSet<String>();
    for (String key : ConfigSchema.keys()) {
      ConfigSchema.defaultValue(key)
          .ifPresent(
              d -> {
                withDefault.add(key);
                assertTrue(
                    used.containsKey(key),
                    key + " has a default in the schema: say here where Settings holds it");
                Object actual = used.get(key).apply(s);
                Object expected =
                    d.isBoolean() ? d.asBoolean() : d.isInt() ? d.asInt() : d.asText();
                assertEquals(
                    expected, actual, key + ": the schema's default and the program's disagree");
              });
    }
    assertEquals(
        new TreeSet<>(used.keySet()), withDefault, "each mapped key has a default in the schema");
  }

  /** Facts the schema states that Java code also knows: equal, so neither can drift. */
  @Test
  void theSchemasListsAndLimitsMatchTheCodeThatUsesThem() {
    var components = new java.util.LinkedHashSet<>(MilvusSettings.Topology.CLASSIC.components());
    components.addAll(MilvusSettings.Topology.STREAMING.components());
    assertEquals(new TreeSet<>(components), fields("milvusComponents"));
    assertEquals(
        Arrays.stream(io.nomadx.sovereign.capacity.IndexType.values()).map(Enum::name).toList(),
        ConfigSchema.texts(
            ConfigSchema.property("collection")
                .orElseThrow()
                .path("properties")
                .path("indexType")
                .path("enum")));
    assertEquals(
        Arrays.stream(io.nomadx.sovereign.capacity.Quantization.values()).map(Enum::name).toList(),
        ConfigSchema.texts(
            ConfigSchema.property("collection")
                .orElseThrow()
                .path("properties")
                .path("quantization")
                .path("enum")));
    assertEquals(new TreeSet<>(Defaults.ADDON_VERSIONS.keySet()), fields("addonVersions"));
    assertEquals(
        new TreeSet<>(Region.KNOWN.keySet()), new TreeSet<>(ConfigSchema.allowedValues("region")));
    assertEquals(
        Arrays.stream(Environment.values()).map(Environment::id).toList(),
        ConfigSchema.allowedValues("environment"));
    assertEquals(
        Arrays.stream(MilvusSettings.MessageQueue.values())
            .map(MilvusSettings.MessageQueue::id)
            .toList(),
        ConfigSchema.allowedValues("messageQueue"));
    // The bookie journal volume holds four journal files of journalMaxSizeMB (the guide's fix).
    assertEquals(
        Defaults.JOURNAL_MAX_SIZE_MB * 4 / 1024,
        ConfigSchema.property("pulsar")
            .orElseThrow()
            .path("properties")
            .path("journalGi")
            .path("minimum")
            .asInt());
    for (var tier : Defaults.TIERS) {
      assertTrue(Json.tier(tier).isPresent(), tier + " has no preset in stacks/tiers");
    }
  }

  private static Set<String> fields(String key) {
    var out = new TreeSet<String>();
    ConfigSchema.property(key)
        .orElseThrow()
        .path("properties")
        .fieldNames()
        .forEachRemaining(out::add);
    return out;
  }

  @Test
  void keysRequiredEverywhereAreTheSchemasRequiredKeys() {
    var everywhere = new ArrayList<String>();
    for (String key : ConfigSchema.keys()) {
      if (ConfigSchema.requiredIn(key).containsAll(List.of("prod", "dev"))) {
        everywhere.add(key);
      }
    }
    var required = new ArrayList<String>();
    ConfigSchema.root().path("required").forEach(n -> required.add(n.asText()));
    assertEquals(everywhere, required);
  }

  /** A key only prod requires: unset, prod is refused naming it and dev is not. */
  @Test
  void keysOnlyProdRequiresAreRefusedInProdOnly() {
    for (String key : ConfigSchema.keys()) {
      if (ConfigSchema.requiredIn(key).equals(List.of("prod"))) {
        var unset = new HashMap<String, String>();
        unset.put(key, null);
        var error =
            assertThrows(
                ConfigError.class,
                () -> SettingsParser.parse(StackConfigs.config(StackConfigs.PROD, unset)),
                key);
        assertTrue(
            error.problems().stream().anyMatch(p -> p.key().equals(P + key)), error::getMessage);
        SettingsParser.parse(StackConfigs.config(StackConfigs.DEV, unset));
      }
    }
  }

  /**
   * Keywords SchemaCheck words itself; any other rule needs x-allowed words or it would reach users
   * as the validator's text.
   */
  private static final Set<String> WORDED =
      Set.of(
          "type",
          "enum",
          "minimum",
          "maximum",
          "exclusiveMinimum",
          "additionalProperties",
          "properties",
          "items",
          "required",
          "description",
          "default");

  @Test
  void everyRuleHasWordsForUsers() {
    var missing = new ArrayList<String>();
    ConfigSchema.keys()
        .forEach(key -> unworded(key, ConfigSchema.property(key).orElseThrow(), missing));
    ConfigSchema.root()
        .path("required")
        .forEach(
            k -> {
              if (!ConfigSchema.property(k.asText())
                  .orElseThrow()
                  .path("x-allowed")
                  .has("required")) {
                missing.add(k.asText() + " required");
              }
            });
    assertEquals(List.of(), missing);
  }

  private static void unworded(String where, JsonNode rule, List<String> missing) {
    rule.fieldNames()
        .forEachRemaining(
            keyword -> {
              if (!WORDED.contains(keyword)
                  && !keyword.startsWith("x-")
                  && !rule.path("x-allowed").has(keyword)) {
                missing.add(where + " " + keyword);
              }
            });
    rule.path("properties")
        .fields()
        .forEachRemaining(e -> unworded(where + "." + e.getKey(), e.getValue(), missing));
    if (rule.path("items").isObject()) {
      unworded(where + "[]", rule.path("items"), missing);
    }
    if (rule.path("additionalProperties").isObject()) {
      unworded(where + ".*", rule.path("additionalProperties"), missing);
    }
    rule.path("properties")
        .fields()
        .forEachRemaining(
            e -> {
              if (rule.path("required").toString().contains("\"" + e.getKey() + "\"")
                  && !e.getValue().path("x-allowed").has("required")
                  && !e.getValue().has("enum")) {
                missing.add(where + "." + e.getKey() + " required");
              }
            });
  }

  /** A value of the wrong type says which type, with the range where the key has one. */
  @Test
  void wrongTypesSayWhatTypeAndRange() {
    var error =
        assertThrows(
            ConfigError.class,
            () ->
                SettingsParser.parse(
                    StackConfigs.config(
                        StackConfigs.PROD,
                        Map.of(
                            "readyTimeoutMinutes",
                            "soon",
                            "quotas",
                            "{\"insertRateMBps\": \"fast\"}",
                            "milvusComponents",
                            "{\"proxy\": 2}"))));
    assertTrue(
        error
            .getMessage()
            .contains(
                P
                    + "readyTimeoutMinutes: got 'soon'; allowed: a whole number from 20 to 120 (a first"),
        error::getMessage);
    assertTrue(
        error.getMessage().contains(P + "quotas.insertRateMBps: got 'fast'; allowed: a number\n"),
        error::getMessage);
    assertTrue(
        error
            .getMessage()
            .contains(P + "milvusComponents.proxy: got 2; allowed: a map of keys to values"),
        error::getMessage);
    assertEquals(3, error.problems().size(), error::getMessage);
  }

  @Test
  void misspeltValuesGetADidYouMean() {
    var error =
        assertThrows(
            ConfigError.class,
            () ->
                SettingsParser.parse(
                    StackConfigs.config(
                        StackConfigs.PROD,
                        Map.of("tier", "smal", "logLevel", "WARN", "monitoringStack", "zzz"))));
    assertTrue(
        error
            .getMessage()
            .contains(
                P + "tier: got 'smal'; allowed: small, medium, large, xl (did you mean small?)"),
        error::getMessage);
    assertTrue(
        error
            .getMessage()
            .contains(
                P + "logLevel: got 'WARN'; allowed: debug, info, warn, error (did you mean warn?)"),
        error::getMessage);
    assertTrue(
        error
                .getMessage()
                .contains(P + "monitoringStack: got 'zzz'; allowed: crds, full, existing\n")
            || error
                .getMessage()
                .endsWith(P + "monitoringStack: got 'zzz'; allowed: crds, full, existing"),
        error::getMessage);
  }

  /** Users read our words: no JSON pointer, no validator phrasing, whatever the schema rejected. */
  @Test
  void noProblemIsTheValidatorsRawMessage() {
    var error =
        assertThrows(
            ConfigError.class,
            () ->
                SettingsParser.parse(
                    StackConfigs.config(
                        StackConfigs.PROD,
                        Map.of(
                            "region",
                            "mars-1",
                            "accountId",
                            "12",
                            "logRetentionDays",
                            "2",
                            "readyTimeoutMinutes",
                            "500",
                            "clientNamespaces",
                            "[\"A\", 5]",
                            "monitoring",
                            "maybe",
                            "eksVersoin",
                            "1.34"))));
    assertEquals(
        8,
        error.problems().size(),
        error::getMessage); // one per bad value, both bad namespaces included
    for (var p : error.problems()) {
      String text = p.toString();
      assertFalse(
          text.contains("$.")
              || (text.contains("/") && text.contains("#"))
              || text.contains("does not match")
              || text.contains("expected"),
          text);
      assertTrue(p.key().startsWith(P) && !p.value().isBlank() && !p.allowed().isBlank(), text);
    }
    assertTrue(
        error
            .getMessage()
            .contains(
                P
                    + "readyTimeoutMinutes: got 500; allowed: 20 to 120 (a first bring-up takes 15-20 minutes)"),
        error::getMessage);
    assertTrue(
        error.getMessage().contains(P + "clientNamespaces: got 5; allowed: a list of strings"),
        error::getMessage);
  }
}
