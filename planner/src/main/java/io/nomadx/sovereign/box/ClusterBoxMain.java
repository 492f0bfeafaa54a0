package io.nomadx.sovereign.box;

import io.nomadx.sovereign.config.ConfigSource;
import io.nomadx.sovereign.config.Defaults;
import io.nomadx.sovereign.config.Settings;
import io.nomadx.sovereign.config.SettingsParser;
import java.nio.file.Path;

/**
 * The Java side of bin/cluster-check: what it derives from the plan and the stack's settings, and
 * the checks on what the box's real systems made. Run from the built jar's classpath:
 *
 * <pre>
 *   nodes  &lt;plan.json&gt;                         fake Node objects (kind: List) on stdout
 *   layer  &lt;plan.json&gt; &lt;dir&gt;                   the Kubernetes objects and Helm releases to apply
 *   psa    &lt;plan.json&gt;                         "namespace enforce-level" lines
 *   checks &lt;project&gt; &lt;stack&gt; &lt;plan&gt; &lt;dump&gt;      PASS/FAIL lines on the cluster dump
 *   zone-loss &lt;project&gt; &lt;stack&gt; &lt;plan&gt; &lt;dump&gt; &lt;zone&gt;
 * </pre>
 *
 * With BOX_TIER set, the stack's settings are read at that tier, as bin/plan-matrix plans it.
 */
public final class ClusterBoxMain {
  private ClusterBoxMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      usage();
    }
    switch (args[0]) {
      case "nodes" ->
          System.out.println(
              BoxPlan.JSON
                  .writerWithDefaultPrettyPrinter()
                  .writeValueAsString(new FakeNodes(BoxPlan.read(Path.of(args[1]))).build()));
      case "layer" -> new KubernetesLayer(BoxPlan.read(Path.of(args[1]))).write(Path.of(args[2]));
      case "psa" ->
          new KubernetesLayer(BoxPlan.read(Path.of(args[1])))
              .podSecurity()
              .forEach(
                  (ns, levels) ->
                      System.out.println(
                          ns
                              + " "
                              + levels.getOrDefault("enforce", "-")
                              + " "
                              + levels.getOrDefault("warn", "-")));
      case "checks", "zone-loss" -> {
        Settings settings =
            SettingsParser.parse(
                atTier(
                    ConfigSource.fromStackFile(Path.of(args[1]), args[2]),
                    System.getenv("BOX_TIER")),
                Defaults.PROJECT);
        var checks =
            new BoxChecks(
                settings, BoxPlan.read(Path.of(args[3])), ClusterState.read(Path.of(args[4])));
        (args[0].equals("checks") ? checks.all() : checks.zoneLoss(args[5]))
            .lines()
            .forEach(System.out::println);
      }
      default -> usage();
    }
  }

  /** The stack's config with its tier replaced, as PlanMatrix plans each tier. */
  static ConfigSource atTier(ConfigSource config, String tier) {
    if (tier == null || tier.isBlank()) {
      return config;
    }
    var values = new java.util.LinkedHashMap<>(config.values());
    values.put(Defaults.PROJECT + ":tier", tier);
    return new ConfigSource(config.stack(), values, config.secretKeys());
  }

  private static void usage() {
    System.err.println(
        "usage: ClusterBoxMain nodes|layer|psa|checks|zone-loss ... (see the class comment)");
    System.exit(2);
  }
}
