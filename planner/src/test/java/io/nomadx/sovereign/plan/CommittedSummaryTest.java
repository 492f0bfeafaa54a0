package io.nomadx.sovereign.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The desired-state summary of every shipped stack is committed under stacks/, so a pull request
 * that changes infrastructure shows its effect in the diff. This fails when it is stale; refresh
 * with `bin/plan <stack>` and copy target/plan/<stack>.summary.txt to stacks/ (see README). The
 * summary includes both policy packs' verdict, so this also runs policies/analyze (Node 20).
 */
class CommittedSummaryTest {
  @ParameterizedTest
  @ValueSource(strings = {"prod-me-central-1", "dev-me-central-1"})
  void committedSummaryMatchesThePlan(String stack, @TempDir Path dir) throws IOException {
    var err = new ByteArrayOutputStream();
    assertEquals(
        0,
        PlanRunner.run(
            new String[] {stack, "--out", dir.toString(), "--policies"},
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err)),
        err::toString);
    String fresh = Files.readString(dir.resolve(stack + ".summary.txt"));
    Path committed = Path.of("stacks", stack + ".summary.txt");
    String old = Files.exists(committed) ? Files.readString(committed) : "(missing)";
    assertEquals(
        old,
        fresh,
        "stacks/"
            + stack
            + ".summary.txt is stale: run `bin/plan "
            + stack
            + " && cp target/plan/"
            + stack
            + ".summary.txt stacks/`");
  }
}
