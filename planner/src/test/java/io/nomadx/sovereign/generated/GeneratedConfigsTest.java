package io.nomadx.sovereign.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nomadx.sovereign.config.ConfigError;
import io.nomadx.sovereign.config.ConfigKey;
import io.nomadx.sovereign.config.Defaults;
import io.nomadx.sovereign.config.SettingsParser;
import io.nomadx.sovereign.milvus.CrdSchema;
import io.nomadx.sovereign.plan.ProgramRun;
import io.nomadx.sovereign.plan.StackExport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded, pairwise configs ({@link ConfigGenerator}): each valid one plans, its Milvus resource
 * validates against the CRD, and both policy packs pass it; each invalid one (every mutation of
 * every key) fails with an error naming the key, the bad value and what is allowed, registers
 * nothing and prints no stack trace. Seed: {@link ConfigGenerator#SEED}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GeneratedConfigsTest {
  private static final CrdSchema CRD = CrdSchema.load("/crd/milvus.io_milvuses.yaml", "v1beta1");
  private static final List<ConfigGenerator.Case> VALID = ConfigGenerator.valid();
  private static final List<ConfigGenerator.BadCase> INVALID = ConfigGenerator.invalid();
  private static final ConcurrentHashMap<String, String> PLANS = new ConcurrentHashMap<>();
  private static Path dir;

  static List<ConfigGenerator.Case> valid() {
    return VALID;
  }

  static List<ConfigGenerator.BadCase> invalid() {
    return INVALID;
  }

  @BeforeAll
  static void setUp() throws IOException {
    dir = Files.createTempDirectory("generated-plans");
  }

  @AfterAll
  static void report() {
    System.out.println(
        "generated configs: "
            + VALID.size()
            + " valid, "
            + INVALID.size()
            + " invalid, seed "
            + ConfigGenerator.SEED);
  }

  @Order(0)
  @Test
  void everyKeyHasValidValuesAndMutationsAndEveryPairOfFactorLevelsIsPlanned() {
    for (ConfigKey key : ConfigKey.values()) {
      var cases = ConfigGenerator.KEYS.get(key);
      assertNotNull(
          cases,
          () ->
              key.key()
                  + " has no line in ConfigGenerator.KEYS: give its valid values and mutations");
      assertFalse(cases.bad().isEmpty(), () -> key.key() + " has no mutation");
      assertTrue(
          VALID.stream().anyMatch(c -> c.overrides().get(key.key()) != null),
          () -> key.key() + " is set in no valid generated config");
      assertTrue(
          INVALID.stream().anyMatch(b -> b.bad().overrides().containsKey(key.key())),
          () -> key.key() + " is broken in no invalid generated config");
    }
    for (ConfigGenerator.Factor f : ConfigGenerator.Factor.values()) {
      for (ConfigGenerator.Factor g : ConfigGenerator.Factor.values()) {
        if (f.ordinal() >= g.ordinal()) {
          continue;
        }
        for (String a : f.levels) {
          for (String b : g.levels) {
            assertTrue(
                VALID.stream()
                    .anyMatch(c -> a.equals(c.levels().get(f)) && b.equals(c.levels().get(g))),
                () -> "no valid config with " + f + "=" + a + " and " + g + "=" + b);
          }
        }
      }
    }
    assertEquals(
        VALID.size(),
        VALID.stream()
            .map(c -> new java.util.TreeMap<>(new java.util.HashMap<>(c.overrides())).toString())
            .distinct()
            .count(),
        "no two valid configs are the same");
  }

  @Order(1)
  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void validConfigPlansAndItsMilvusValidates(ConfigGenerator.Case c) throws IOException {
    var config = c.config();
    var settings = SettingsParser.parse(config);
    var run =
        ProgramRun.run(Defaults.PROJECT, config, settings.region().name(), settings.accountId());
    assertTrue(run.ok(), () -> c + ": " + run.errors());
    var export = StackExport.of(run.registrations(), run.componentOutputs());
    var milvus =
        run.registrations().stream()
            .filter(r -> r.type().equals("kubernetes:milvus.io/v1beta1:Milvus"))
            .toList();
    if (c.networkOnly()) {
      assertEquals(List.of(), milvus, "a network-only first up creates nothing in the cluster");
    } else {
      assertEquals(1, milvus.size(), c::toString);
      assertEquals(List.of(), CRD.validate(milvus.get(0).inputs()), c::toString);
    }
    Path file = dir.resolve("plan-" + c.index() + ".json");
    Files.writeString(file, export.toString());
    PLANS.put(file.toString(), c.stack() + packConfig(c));
  }

  /**
   * The pack config a reviewer would give such a stack, where it differs from the stack's own: a
   * landing zone's subnets are routed outside the plan, so they are listed (landingZoneSubnets)
   * once confirmed; a stack that chose internetEgress nat is judged "natOnly". Empty: the stack's
   * own.
   */
  private static String packConfig(ConfigGenerator.Case c) throws IOException {
    String subnets = c.overrides().get("existingPrivateSubnetIds");
    boolean nat = "nat".equals(c.overrides().get("internetEgress"));
    if (subnets == null && !nat) {
      return "";
    }
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    var config =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            json.readTree(Path.of("policies/config/" + c.stack() + ".json").toFile());
    var egress =
        (com.fasterxml.jackson.databind.node.ObjectNode) config.path("sovereignty-internet-egress");
    if (subnets != null) {
      var list = egress.putArray("landingZoneSubnets");
      json.readTree(subnets).forEach(list::add);
    }
    if (nat) {
      egress.put("internetEgress", "natOnly");
    }
    Path file = dir.resolve("pack-config-" + c.index() + ".json");
    Files.writeString(file, config.toString());
    return "\t" + file;
  }

  @Order(2)
  @Test
  void bothPolicyPacksPassEveryGeneratedPlan() throws IOException, InterruptedException {
    assertEquals(VALID.size(), PLANS.size(), "every valid config produced a plan");
    Path list = dir.resolve("plans.tsv");
    var lines = new ArrayList<String>();
    // "<stack>\t<plan file>[\t<pack config>]" (planner/src/test/resources/analyze-batch.js)
    PLANS.forEach(
        (file, stack) ->
            lines.add(
                stack.replaceFirst(
                    "^([^\t]*)", "$1\t" + java.util.regex.Matcher.quoteReplacement(file))));
    Files.write(list, lines);
    // Build the analyzer once (it builds itself when stale), then judge all plans in one Node.
    var build = new ProcessBuilder("policies/analyze", "--help").redirectErrorStream(true).start();
    build.getInputStream().readAllBytes();
    assertTrue(build.waitFor(600, TimeUnit.SECONDS));
    Path script = Path.of("planner/src/test/resources/analyze-batch.js").toAbsolutePath();
    var process =
        new ProcessBuilder(
                "node",
                script.toString(),
                Path.of("policies/dist/analyzer/main.js").toAbsolutePath().toString(),
                list.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(600, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue());
    var failures =
        out.lines()
            .filter(l -> !l.split("\t", -1)[1].equals("0") || !l.split("\t", -1)[2].equals("0"))
            .toList();
    assertEquals(VALID.size(), out.lines().count(), out);
    assertEquals(
        0,
        failures.size(),
        () ->
            failures.size()
                + " plans a pack rejected (file, exit, mandatory, advisory), e.g. "
                + failures.subList(0, Math.min(5, failures.size())));
  }

  @Order(3)
  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void invalidConfigNamesItsKeyValueAndAllowedAndRegistersNothing(ConfigGenerator.BadCase bad) {
    var config = bad.config().config();
    var error =
        assertThrows(
            ConfigError.class, () -> SettingsParser.parse(config), () -> bad + " was accepted");
    var b = bad.bad();
    assertTrue(
        error.problems().stream()
            .anyMatch(
                p ->
                    p.key().startsWith(b.problemKey())
                        && p.value().contains(b.value())
                        && !p.allowed().isBlank()
                        && p.allowed().contains(b.allowed())),
        () ->
            bad
                + " expected a problem for "
                + b.problemKey()
                + " with value "
                + b.value()
                + " allowing '"
                + b.allowed()
                + "', got:\n"
                + error.getMessage());
    var run = ProgramRun.run(Defaults.PROJECT, config, "me-central-1", "111111111111");
    assertFalse(run.ok());
    assertTrue(
        run.errors().stream().anyMatch(e -> e.contains(b.problemKey())),
        () -> run.errors().toString());
    assertTrue(
        run.errors().stream().noneMatch(e -> e.contains("\tat ") || e.contains("Exception")),
        () -> run.errors().toString());
    assertTrue(
        run.registrations().stream().allMatch(r -> r.type().equals("pulumi:pulumi:Stack")),
        "nothing registered");
  }
}
