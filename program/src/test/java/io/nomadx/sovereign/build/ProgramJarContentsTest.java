package io.nomadx.sovereign.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nomadx.sovereign.App;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The jar `pulumi up` runs is built from this module's classes: none of them may be the plan tool
 * or the cluster box (they belong to planner/), nor name Pulumi's mock engine (com.pulumi.test). A
 * class file names every class it uses in its constant pool as a UTF-8 internal name such as
 * "com/pulumi/test/Mocks" (JVM spec 4.4.1, CONSTANT_Class_info, and 4.4.7), so a byte search finds
 * any reference, also one the source hides behind a fully qualified name.
 */
class ProgramJarContentsTest {
  private static final List<String> PLANNER_PACKAGES =
      List.of("io/nomadx/sovereign/plan/", "io/nomadx/sovereign/box/");
  private static final String MOCK_ENGINE = "com/pulumi/test/";

  static Path programClasses() throws URISyntaxException {
    return Path.of(App.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  static List<String> offenders(Path classes) throws IOException {
    try (Stream<Path> files = Files.walk(classes)) {
      return files
          .filter(f -> f.toString().endsWith(".class"))
          .map(
              f -> {
                String name = classes.relativize(f).toString().replace('\\', '/');
                try {
                  if (PLANNER_PACKAGES.stream().anyMatch(name::startsWith)) {
                    return name + " (a planner class)";
                  }
                  String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                  return bytes.contains(MOCK_ENGINE) ? name + " (uses " + MOCK_ENGINE + ")" : null;
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .filter(java.util.Objects::nonNull)
          .sorted()
          .toList();
    }
  }

  @Test
  void theProgramsClassesHoldNoPlanToolAndNoMockEngine() throws Exception {
    Path classes = programClasses();
    assertTrue(
        Files.isRegularFile(classes.resolve("io/nomadx/sovereign/App.class")),
        "not the program's classes: " + classes);
    assertEquals(
        List.of(), offenders(classes), "these belong in planner/, not in the jar Pulumi.yaml runs");
  }

  @Test
  void aPlannerClassOrAMockEngineReferenceIsFound() throws Exception {
    Path fake = Files.createTempDirectory("program-classes");
    Files.createDirectories(fake.resolve("io/nomadx/sovereign/plan"));
    Files.write(fake.resolve("io/nomadx/sovereign/plan/PlanRunner.class"), new byte[] {1});
    Files.createDirectories(fake.resolve("io/nomadx/sovereign/cluster"));
    Files.write(
        fake.resolve("io/nomadx/sovereign/cluster/Sneaky.class"),
        "\u0001\u0000\u0015com/pulumi/test/Mocks".getBytes(StandardCharsets.ISO_8859_1));
    Files.write(
        fake.resolve("io/nomadx/sovereign/cluster/Fine.class"),
        "com/pulumi/Context".getBytes(StandardCharsets.ISO_8859_1));
    assertEquals(
        List.of(
            "io/nomadx/sovereign/cluster/Sneaky.class (uses com/pulumi/test/)",
            "io/nomadx/sovereign/plan/PlanRunner.class (a planner class)"),
        offenders(fake));
  }
}
