package io.nomadx.sovereign.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.nomadx.sovereign.config.ConfigError;
import io.nomadx.sovereign.config.ConfigSource;
import io.nomadx.sovereign.config.Defaults;
import io.nomadx.sovereign.config.Settings;
import io.nomadx.sovereign.config.SettingsParser;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * `bin/plan <stack>`: the offline plan. Reads the stack's real `Pulumi.<stack>.yaml`, runs the
 * program under the mock engine and writes `target/plan/<stack>.json` (stack-export form) and a
 * summary; with `--policies` it also runs both policy packs on the plan and adds their verdict.
 * With `--against OLD.json` it prints the diff against an earlier plan (or a live stack's export).
 * Needs no cloud credentials. Exit 0 planned (and clean), 2 bad config or input (no plan file
 * written), 1 the program failed or a mandatory policy is violated, 3 a stateful resource would be
 * replaced, deleted or unprotected and no --allow-replace names it.
 */
public final class PlanRunner {
  static final String USAGE =
      "usage: bin/plan <stack> [--against OLD.json [--allow-replace URN]...] "
          + "[--project-dir DIR] [--out DIR] [--policies]";
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PlanRunner() {}

  public static void main(String[] args) {
    PhaseClock.PLAN.mark("JVM started, main entered");
    int code = run(args, System.out, System.err);
    if (System.getenv("PLAN_STATS") != null) {
      // Peak heap over every pool, for the benchmark harness (bin/bench).
      long peak =
          java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
              .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
              .mapToLong(p -> p.getPeakUsage().getUsed())
              .sum();
      System.err.printf("plan-stats: peak heap %.1f MiB%n", peak / 1048576.0);
    }
    System.out.flush();
    PhaseClock.PLAN.mark("summary printed, exiting");
    System.exit(code);
  }

  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length < 1 || args[0].startsWith("-")) {
      err.println(USAGE);
      return 2;
    }
    String stack = args[0];
    Path projectDir = Path.of(".");
    Path outDir = null;
    boolean policies = false;
    Path against = null;
    var allowed = new java.util.TreeSet<String>();
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--project-dir") && i + 1 < args.length) {
        projectDir = Path.of(args[++i]);
      } else if (args[i].equals("--out") && i + 1 < args.length) {
        outDir = Path.of(args[++i]);
      } else if (args[i].equals("--against") && i + 1 < args.length) {
        against = Path.of(args[++i]);
      } else if (args[i].equals("--allow-replace") && i + 1 < args.length) {
        allowed.add(args[++i]);
      } else if (args[i].equals("--policies")) {
        policies = true;
      } else {
        err.println("plan: unknown argument " + args[i] + "\n" + USAGE);
        return 2;
      }
    }
    if (outDir == null) {
      outDir = projectDir.resolve("target/plan");
    }
    Path planFile = outDir.resolve(stack + ".json");
    Path summaryFile = outDir.resolve(stack + ".summary.txt");
    Path diffFile = outDir.resolve(stack + ".diff.txt");
    Path costDeltaFile = outDir.resolve(stack + ".cost-delta.txt");
    try {
      Files.deleteIfExists(planFile);
      Files.deleteIfExists(summaryFile);
      Files.deleteIfExists(diffFile);
      Files.deleteIfExists(costDeltaFile);
      com.fasterxml.jackson.databind.JsonNode old = null;
      if (against != null) {
        try {
          old = JSON.readTree(against.toFile());
        } catch (IOException e) {
          err.println("plan: cannot read the earlier plan " + against + ": " + e.getMessage());
          return 2;
        }
        if (!old.path("deployment").path("resources").isArray()) {
          err.println("plan: " + against + " is not a stack export (no deployment.resources)");
          return 2;
        }
      }
      ConfigSource source = ConfigSource.fromStackFile(projectDir, stack);
      // Validate first: a config error is reported without starting the engine.
      Settings settings = SettingsParser.parse(source, Defaults.PROJECT);
      PhaseClock.PLAN.mark("config read and validated");
      var result =
          ProgramRun.run(Defaults.PROJECT, source, settings.region().name(), settings.accountId());
      if (!result.ok()) {
        err.println("plan: the program failed for stack " + stack + ":");
        result.errors().forEach(e -> err.println("  " + e));
        return 1;
      }
      var export = StackExport.of(result.registrations(), result.componentOutputs());
      Files.createDirectories(outDir);
      Files.writeString(planFile, JSON.writeValueAsString(export) + "\n");
      PhaseClock.PLAN.mark("export built and written");
      String summary = new Summary(export, ZoneLoss.queryNodesHold(settings)).render(stack);
      PhaseClock.PLAN.mark("summary rendered");
      int code = 0;
      if (policies) {
        var verdict = PolicyVerdict.run(projectDir, stack, planFile.toAbsolutePath());
        summary += verdict.render();
        code = verdict.mandatory() > 0 ? 1 : 0;
        PhaseClock.PLAN.mark("policy packs judged (Node)");
      }
      Files.writeString(summaryFile, summary);
      out.print(summary);
      out.println("Wrote " + planFile.normalize());
      if (old != null) {
        var diff = PlanDiff.diff(old, export);
        String text = diff.render(allowed);
        Files.writeString(diffFile, text);
        out.print(text);
        String costDelta = CostSection.delta(old, export);
        Files.writeString(costDeltaFile, costDelta);
        out.print(costDelta);
        if (!diff.blocked(allowed).isEmpty()) {
          err.println(
              "plan: "
                  + diff.blocked(allowed).size()
                  + " stateful change(s) blocked; see BLOCKED above");
          code = code == 0 ? 3 : code;
        }
      }
      if (code == 1) {
        err.println("plan: a mandatory policy is violated; the plan must not be applied");
      }
      return code;
    } catch (ConfigError e) {
      err.println("plan: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("plan: cannot write " + planFile + ": " + e.getMessage());
      return 1;
    }
  }
}
