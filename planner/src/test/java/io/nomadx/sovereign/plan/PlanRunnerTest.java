package io.nomadx.sovereign.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `bin/plan` end to end, on the shipped stack files. */
class PlanRunnerTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int plan(String... args) {
    return PlanRunner.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void writesAStackExportWithEveryFieldPoliciesNeed(@TempDir Path dir) throws IOException {
    assertEquals(0, plan("prod-me-central-1", "--out", dir.toString()), err::toString);
    JsonNode doc = new ObjectMapper().readTree(dir.resolve("prod-me-central-1.json").toFile());
    assertEquals(3, doc.path("version").asInt());
    JsonNode resources = doc.path("deployment").path("resources");
    assertTrue(resources.size() > 90, "resources: " + resources.size());
    var seen = new HashSet<String>();
    for (JsonNode r : resources) {
      for (String field :
          new String[] {
            "urn",
            "custom",
            "type",
            "inputs",
            "outputs",
            "protect",
            "retainOnDelete",
            "dependencies",
            "propertyDependencies"
          }) {
        assertTrue(r.has(field), r.path("urn").asText() + " lacks " + field);
      }
      String urn = r.path("urn").asText();
      // Dependency order: whatever a resource points at is already listed.
      if (r.has("parent")) {
        assertTrue(seen.contains(r.path("parent").asText()), urn + " listed before its parent");
      }
      if (r.has("provider")) {
        String p = r.path("provider").asText();
        assertTrue(
            seen.contains(p.substring(0, p.lastIndexOf("::"))),
            urn + " listed before its provider");
      }
      r.path("dependencies")
          .forEach(
              d -> assertTrue(seen.contains(d.asText()), urn + " listed before " + d.asText()));
      if (r.path("custom").asBoolean()) {
        assertTrue(r.has("id"), urn);
      }
      seen.add(urn);
    }
    String text = Files.readString(dir.resolve("prod-me-central-1.json"));
    assertFalse(
        text.contains("certificate-authority-data"),
        "the kubeconfig must not appear in plain text");
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("Node pools"), out::toString);
  }

  @Test
  void twoPlansOfOneStackAreIdentical(@TempDir Path a, @TempDir Path b) throws IOException {
    assertEquals(0, plan("dev-me-central-1", "--out", a.toString()));
    assertEquals(0, plan("dev-me-central-1", "--out", b.toString()));
    assertEquals(
        Files.readString(a.resolve("dev-me-central-1.json")),
        Files.readString(b.resolve("dev-me-central-1.json")));
  }

  @Test
  void badConfigExitsTwoWithTheErrorAndWritesNoPlan(@TempDir Path project) throws IOException {
    Files.copy(Path.of("Pulumi.yaml"), project.resolve("Pulumi.yaml"));
    Files.writeString(
        project.resolve("Pulumi.prod-x.yaml"),
        Files.readString(Path.of("Pulumi.prod-me-central-1.yaml"))
            .replace(
                "sovereign-milvus:region: me-central-1", "sovereign-milvus:region: eu-central-1"));
    Path outDir = project.resolve("out");
    assertEquals(
        2, plan("prod-x", "--project-dir", project.toString(), "--out", outDir.toString()));
    assertTrue(
        err.toString(StandardCharsets.UTF_8)
            .contains("sovereign-milvus:region: got 'eu-central-1'; allowed: me-central-1"),
        err::toString);
    assertFalse(err.toString(StandardCharsets.UTF_8).contains("\tat "), "no stack trace");
    assertFalse(Files.exists(outDir.resolve("prod-x.json")), "no plan file on bad config");
  }

  @Test
  void unknownStackAndBadArgumentsAreClearErrors() {
    assertEquals(2, plan("staging-me-central-1"));
    assertTrue(
        err.toString(StandardCharsets.UTF_8).contains("Pulumi.staging-me-central-1.yaml"),
        err::toString);
    assertEquals(2, plan());
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: bin/plan <stack>"));
  }
}
