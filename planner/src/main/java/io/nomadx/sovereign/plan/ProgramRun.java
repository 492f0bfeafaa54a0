package io.nomadx.sovereign.plan;

import com.pulumi.test.TestOptions;
import com.pulumi.test.internal.PulumiTestInternal;
import io.nomadx.sovereign.App;
import io.nomadx.sovereign.config.ConfigSource;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the real program under Pulumi's mock engine and returns everything it registered. Shared by
 * `bin/plan` and the tests, so both judge exactly what `pulumi up` would be asked to create.
 */
public final class ProgramRun {
  /** The deployment is a static singleton: one mocked program at a time. */
  private static final Object LOCK = new Object();

  static {
    // Resource inputs never carry Resource objects here, so the SDK's classpath scan for
    // resource packages can skip the provider jars (NOTES.md: ~14 s with the aws jar).
    System.setProperty(
        "pulumi.resourcepackages.excludes",
        System.getProperty(
            "pulumi.resourcepackages.excludes", "com.pulumi.aws,com.pulumi.kubernetes"));
  }

  /** What one run produced. exitCode 0 means the program completed. */
  public record Result(
      int exitCode,
      List<String> errors,
      List<Registration> registrations,
      Map<String, com.fasterxml.jackson.databind.node.ObjectNode> componentOutputs) {
    public boolean ok() {
      return exitCode == 0 && errors.isEmpty();
    }
  }

  private ProgramRun() {}

  /**
   * @param region region the mocked provider answers in (ARNs, endpoints)
   * @param account account in the mocked ARNs
   */
  public static Result run(String project, ConfigSource config, String region, String account) {
    return run(
        project,
        config,
        region,
        account,
        LandingZoneReads.declared(config, project, region, account));
  }

  /**
   * @param reads what AWS answers when the program reads an existing VPC or subnet ({@link
   *     LandingZoneReads}); the plan answers what the config declares
   */
  public static Result run(
      String project,
      ConfigSource config,
      String region,
      String account,
      Map<String, Map<String, Object>> reads) {
    synchronized (LOCK) {
      var mocks = new PlanMocks(region, account, reads);
      var monitor = new RecordingMonitor(mocks, PulumiTestInternal.mockLog(quietLogger()));
      var test =
          PulumiTestInternal.builder()
              .options(
                  TestOptions.builder()
                      .projectName(project)
                      .stackName(config.stack())
                      .preview(false)
                      .build())
              .mocks(mocks)
              .standardLogger(quietLogger())
              .config(config.values(), config.secretKeys())
              .monitorDecorator(m -> monitor)
              .build();
      try {
        PhaseClock.PLAN.mark("mock engine built");
        var result =
            test.runTest(
                ctx -> {
                  PhaseClock.PLAN.mark("engine started, program runs");
                  App.stack(ctx, config);
                });
        PhaseClock.PLAN.mark("program ran, all registered");
        var errors = result.errors().stream().map(ProgramRun::firstParagraph).distinct().toList();
        return new Result(
            result.exitCode(), errors, monitor.registrations(), monitor.componentOutputs());
      } finally {
        PulumiTestInternal.cleanup();
      }
    }
  }

  private static String firstParagraph(String error) {
    // The engine appends the exception's trace to logged errors; users need the message only.
    int at = error.indexOf("\n\tat ");
    return at < 0 ? error.strip() : error.substring(0, at).strip();
  }

  private static Logger quietLogger() {
    var logger = Logger.getLogger("sovereign.plan");
    logger.setLevel(Level.SEVERE);
    logger.setUseParentHandlers(false);
    return logger;
  }
}
