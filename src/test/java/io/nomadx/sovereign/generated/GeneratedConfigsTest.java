package io.nomadx.sovereign.generated;

import io.nomadx.sovereign.config.ConfigError;
import io.nomadx.sovereign.config.Defaults;
import io.nomadx.sovereign.config.SettingsParser;
import io.nomadx.sovereign.milvus.CrdSchema;
import io.nomadx.sovereign.plan.ProgramRun;
import io.nomadx.sovereign.plan.StackExport;
import io.nomadx.sovereign.support.Plans;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 500 seeded valid configs: each plans, its Milvus resource validates against the CRD, and both
 * policy packs pass it. 500 seeded invalid configs: each fails with an error naming the broken
 * key, registers nothing and prints no stack trace. Seed: {@link ConfigGenerator#SEED}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GeneratedConfigsTest {
    static final int COUNT = 500;
    private static final CrdSchema CRD = CrdSchema.load("/crd/milvus.io_milvuses.yaml", "v1beta1");
    private static final ConcurrentHashMap<String, String> PLANS = new ConcurrentHashMap<>();
    private static Path dir;

    static List<ConfigGenerator.Case> valid() {
        return ConfigGenerator.valid(COUNT);
    }

    static List<ConfigGenerator.BadCase> invalid() {
        return ConfigGenerator.invalid(COUNT);
    }

    @BeforeAll
    static void setUp() throws IOException {
        dir = Files.createTempDirectory("generated-plans");
    }

    @AfterAll
    static void report() {
        System.out.println("generated configs: " + COUNT + " valid, " + COUNT + " invalid, seed " + ConfigGenerator.SEED);
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void validConfigPlansAndItsMilvusValidates(ConfigGenerator.Case c) throws IOException {
        var config = Plans.config(c.stack(), c.overrides());
        var settings = SettingsParser.parse(config);
        var run = ProgramRun.run(Defaults.PROJECT, config, settings.region().name(), settings.accountId());
        assertTrue(run.ok(), () -> c + ": " + run.errors());
        var export = StackExport.of(run.registrations(), run.componentOutputs());
        var milvus = run.registrations().stream().filter(r -> r.type().equals("kubernetes:milvus.io/v1beta1:Milvus")).findFirst().orElseThrow();
        assertEquals(List.of(), CRD.validate(milvus.inputs()), c::toString);
        Path file = dir.resolve("plan-" + c.index() + ".json");
        Files.writeString(file, export.toString());
        PLANS.put(file.toString(), c.stack());
    }

    @Order(2)
    @Test
    void bothPolicyPacksPassEveryGeneratedPlan() throws IOException, InterruptedException {
        assertEquals(COUNT, PLANS.size(), "every valid config produced a plan");
        Path list = dir.resolve("plans.tsv");
        var lines = new ArrayList<String>();
        PLANS.forEach((file, stack) -> lines.add(stack + "\t" + file));
        Files.write(list, lines);
        // Build the analyzer once (it builds itself when stale), then judge all plans in one Node.
        var build = new ProcessBuilder("policies/analyze", "--help").redirectErrorStream(true).start();
        build.getInputStream().readAllBytes();
        assertTrue(build.waitFor(600, TimeUnit.SECONDS));
        Path script = Path.of("src/test/resources/analyze-batch.js").toAbsolutePath();
        var process = new ProcessBuilder("node", script.toString(), Path.of("policies/dist/analyzer/main.js").toAbsolutePath().toString(),
                list.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(600, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue());
        var failures = out.lines().filter(l -> !l.split("\t")[1].equals("0") || !l.split("\t")[2].equals("0")).toList();
        assertEquals(COUNT, out.lines().count(), out);
        assertEquals(0, failures.size(), () -> failures.size() + " plans a pack rejected (file, exit, mandatory, advisory), e.g. "
                + failures.subList(0, Math.min(5, failures.size())));
    }

    @Order(3)
    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidConfigNamesItsKeyAndRegistersNothing(ConfigGenerator.BadCase bad) {
        var config = Plans.config(bad.config().stack(), bad.config().overrides());
        var error = assertThrows(ConfigError.class, () -> SettingsParser.parse(config));
        assertTrue(error.problems().stream().anyMatch(p -> p.key().startsWith(bad.key())),
                () -> bad + " expected a problem for " + bad.key() + ", got:\n" + error.getMessage());
        var run = ProgramRun.run(Defaults.PROJECT, config, "me-central-1", "111111111111");
        assertFalse(run.ok());
        assertTrue(run.errors().stream().noneMatch(e -> e.contains("\tat ") || e.contains("Exception")), () -> run.errors().toString());
        assertTrue(run.registrations().stream().allMatch(r -> r.type().equals("pulumi:pulumi:Stack")), "nothing registered");
    }
}
