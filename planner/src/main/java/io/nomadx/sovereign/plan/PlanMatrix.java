package io.nomadx.sovereign.plan;

import io.nomadx.sovereign.config.ConfigError;
import io.nomadx.sovereign.config.ConfigSource;
import io.nomadx.sovereign.config.Defaults;
import io.nomadx.sovereign.config.Settings;
import io.nomadx.sovereign.config.SettingsParser;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Stream;

/**
 * `bin/plan-matrix`: the offline plan of every shipped stack at every tier preset, written to
 * `target/plan-matrix/<stack>/<tier>.json`, for checks that must hold whatever tier a stack moves
 * to (the permission contract judges each with an IAM evaluator). One JVM for all runs. A stack
 * whose own overrides do not fit a tier is a config error and fails the run, naming both: a shipped
 * stack must be able to move to any tier.
 */
public final class PlanMatrix {
  private PlanMatrix() {}

  public static void main(String[] args) {
    Path projectDir = Path.of(args.length > 0 ? args[0] : ".");
    int code = run(projectDir, projectDir.resolve("target/plan-matrix"), System.out, System.err);
    System.out.flush();
    System.exit(code);
  }

  /** Stacks shipped in the project: one per `Pulumi.<stack>.yaml`. */
  static List<String> stacks(Path projectDir) throws IOException {
    try (Stream<Path> files = Files.list(projectDir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("Pulumi.") && n.endsWith(".yaml") && !n.equals("Pulumi.yaml"))
          .map(n -> n.substring("Pulumi.".length(), n.length() - ".yaml".length()))
          .sorted()
          .toList();
    }
  }

  static int run(Path projectDir, Path outDir, PrintStream out, PrintStream err) {
    var failures = new ArrayList<String>();
    int written = 0;
    try {
      for (String stack : stacks(projectDir)) {
        ConfigSource shipped = ConfigSource.fromStackFile(projectDir, stack);
        for (String tier : Defaults.TIERS) {
          var values = new LinkedHashMap<>(shipped.values());
          values.put(Defaults.PROJECT + ":tier", tier);
          var config = new ConfigSource(stack, values, shipped.secretKeys());
          try {
            Settings settings = SettingsParser.parse(config, Defaults.PROJECT);
            var result =
                ProgramRun.run(
                    Defaults.PROJECT, config, settings.region().name(), settings.accountId());
            if (!result.ok()) {
              failures.add(
                  stack
                      + " at tier "
                      + tier
                      + ": the program failed: "
                      + String.join("; ", result.errors()));
              continue;
            }
            Path file = outDir.resolve(stack).resolve(tier + ".json");
            Files.createDirectories(file.getParent());
            Files.writeString(
                file,
                PlanRunner.JSON.writeValueAsString(
                        StackExport.of(result.registrations(), result.componentOutputs()))
                    + "\n");
            written++;
          } catch (ConfigError e) {
            failures.add(stack + " at tier " + tier + ": " + e.getMessage());
          }
        }
      }
    } catch (IOException e) {
      err.println("plan-matrix: " + e.getMessage());
      return 1;
    }
    failures.forEach(f -> err.println("plan-matrix: " + f));
    out.println(
        "plan-matrix: wrote "
            + written
            + " plans to "
            + outDir.normalize()
            + (failures.isEmpty() ? "" : ", " + failures.size() + " failed"));
    return failures.isEmpty() ? 0 : 1;
  }
}
