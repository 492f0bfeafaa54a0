package io.nomadx.sovereign.evolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nomadx.sovereign.config.ConfigSource;
import io.nomadx.sovereign.plan.PlanRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No secret (root password, kubeconfig, the TLS key) appears in plain text in the plan file, the
 * summary, the diff or anything printed.
 */
class NoSecretLeaksTest {
  private static final String PASSWORD = "Pl4in-Text-Must-Not-Leak";

  @Test
  void planSummaryDiffAndOutputNeverShowASecret(@TempDir Path project, @TempDir Path out)
      throws IOException {
    // The shipped stack as bin/plan reads it: its secure value stays ciphertext offline. What
    // must not leak here is the kubeconfig (a secret output) and that ciphertext; a decrypted
    // password is the next test's case.
    Files.copy(Path.of("Pulumi.yaml"), project.resolve("Pulumi.yaml"));
    Files.copy(
        Path.of("Pulumi.prod-me-central-1.yaml"), project.resolve("Pulumi.prod-me-central-1.yaml"));
    var stdout = new ByteArrayOutputStream();
    var stderr = new ByteArrayOutputStream();
    int first =
        PlanRunner.run(
            new String[] {
              "prod-me-central-1", "--project-dir", project.toString(), "--out", out.toString()
            },
            new PrintStream(stdout, true, StandardCharsets.UTF_8),
            new PrintStream(stderr, true, StandardCharsets.UTF_8));
    assertEquals(0, first, stderr::toString);
    Files.copy(out.resolve("prod-me-central-1.json"), out.resolve("old.json"));
    int second =
        PlanRunner.run(
            new String[] {
              "prod-me-central-1",
              "--project-dir",
              project.toString(),
              "--out",
              out.toString(),
              "--against",
              out.resolve("old.json").toString()
            },
            new PrintStream(stdout, true, StandardCharsets.UTF_8),
            new PrintStream(stderr, true, StandardCharsets.UTF_8));
    assertEquals(0, second, stderr::toString);

    var texts =
        new StringBuilder(stdout.toString(StandardCharsets.UTF_8))
            .append(stderr.toString(StandardCharsets.UTF_8));
    try (Stream<Path> files = Files.list(out)) {
      for (Path f : files.toList()) {
        texts.append(Files.readString(f));
      }
    }
    String all = texts.toString();
    assertFalse(all.contains("certificate-authority-data"), "kubeconfig leaked");
    // (The cluster's CA certificate is public and appears in its outputs, as in a live export.)
    assertFalse(
        all.contains("v1:cHJvZC1wbGFjZWhvbGRlcg"),
        "the stack's ciphertext must not be copied around either");
    assertFalse(all.contains("tls.key\":"), "no TLS key material");
  }

  /** A decrypted password (what a real engine hands the program), rotated between two plans. */
  @Test
  void aDecryptedPasswordNeverReachesThePlanTheSummaryOrTheDiff() {
    var before = exportWith(PASSWORD);
    var after = exportWith(PASSWORD + "-rotated");
    String text =
        before.toString()
            + after
            + new io.nomadx.sovereign.plan.Summary(after).render("prod-me-central-1")
            + io.nomadx.sovereign.plan.PlanDiff.diff(before, after).render(java.util.Set.of());
    assertFalse(
        text.contains(PASSWORD), "the root password leaked into a plan, the summary or the diff");
    // The test can fail: the Secret that carries the password holds it, masked, in the plan.
    var secret =
        java.util.stream.StreamSupport.stream(
                before.path("deployment").path("resources").spliterator(), false)
            .filter(
                r ->
                    r.path("type").asText().equals("kubernetes:core/v1:Secret")
                        && r.path("inputs")
                            .path("metadata")
                            .path("name")
                            .asText()
                            .equals("milvus-root"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the password's Secret is not in the plan"));
    assertTrue(
        io.nomadx.sovereign.plan.Values.isSecret(secret.path("inputs").path("stringData")),
        () -> "the Secret's stringData is not a masked secret: " + secret.path("inputs"));
  }

  private static com.fasterxml.jackson.databind.JsonNode exportWith(String password) {
    var base = ConfigSource.fromStackFile(Path.of("."), "prod-me-central-1");
    var values = new java.util.HashMap<>(base.values());
    values.put("sovereign-milvus:rootPassword", password);
    var run =
        io.nomadx.sovereign.plan.ProgramRun.run(
            "sovereign-milvus",
            new ConfigSource(base.stack(), values, base.secretKeys()),
            "me-central-1",
            "111111111111");
    assertTrue(run.ok(), () -> String.join("\n", run.errors()));
    return io.nomadx.sovereign.plan.StackExport.of(run.registrations(), run.componentOutputs());
  }
}
