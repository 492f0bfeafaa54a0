package io.nomadx.sovereign.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs both policy packs (policies/analyze, which takes `pulumi policy analyze`'s flags) on a plan
 * file and reads back their verdict, so the plan summary states it and `bin/plan` fails on a
 * mandatory violation.
 */
public record PolicyVerdict(int mandatory, int advisory, List<String> findings, int exitCode) {

  public static PolicyVerdict run(Path projectDir, String stack, Path planFile) throws IOException {
    Path analyzer = projectDir.resolve("policies/analyze");
    var process =
        new ProcessBuilder(
                analyzer.toString(), "--stack", stack, "--file", planFile.toString(), "--json")
            .directory(projectDir.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(300, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("policies/analyze did not finish in 300 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running policies/analyze", e);
    }
    if (process.exitValue() == 2) {
      throw new IOException(
          "policies/analyze could not judge " + planFile + " (exit 2; see its message above)");
    }
    JsonNode doc = new ObjectMapper().readTree(out);
    var findings = new ArrayList<String>();
    for (JsonNode result : doc.path("results")) {
      String urn = result.path("urn").asText("(stack)");
      String name = Urn.nameOf(urn);
      for (JsonNode v : result.path("violations")) {
        findings.add(
            "["
                + v.path("enforcementLevel").asText()
                + "] "
                + v.path("policyName").asText()
                + " on "
                + name
                + ": "
                + v.path("message").asText());
      }
    }
    return new PolicyVerdict(
        doc.path("summary").path("mandatory").asInt(),
        doc.path("summary").path("advisory").asInt(),
        findings,
        process.exitValue());
  }

  public String render() {
    var lines = new ArrayList<String>();
    lines.add(
        "Policies (sovereignty, milvus-production): "
            + mandatory
            + " mandatory, "
            + advisory
            + " advisory findings");
    findings.forEach(f -> lines.add("  " + f));
    return String.join("\n", lines) + "\n";
  }
}
