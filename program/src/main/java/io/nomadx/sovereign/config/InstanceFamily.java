package io.nomadx.sovereign.config;

import java.util.Set;

/**
 * What an EC2 instance type's family says about it: its processor architecture (and so the node
 * AMI) and whether it is memory-optimized. The one place the config validation, the node groups
 * (cluster/NodePool) and preflight read it from.
 */
public final class InstanceFamily {
  /**
   * Memory-optimized EC2 families (R, X, z; Amazon EC2 User Guide, "Memory optimized instances").
   */
  private static final Set<String> MEMORY_OPTIMIZED =
      Set.of(
          "r5", "r5a", "r5ad", "r5b", "r5d", "r5dn", "r5n", "r6a", "r6i", "r6id", "r6idn", "r6in",
          "r7a", "r7i", "r7iz", "r8i", "r6g", "r6gd", "r7g", "r7gd", "r8g", "x1", "x1e", "x2idn",
          "x2iedn", "x2iezn", "x2gd", "x8g", "z1d");

  private InstanceFamily() {}

  /** The family of an instance type: m6i.large -> m6i. */
  public static String of(String instanceType) {
    int dot = instanceType.indexOf('.');
    return dot < 0 ? instanceType : instanceType.substring(0, dot);
  }

  /**
   * Graviton families carry a `g` after the generation digit (r6g, r7gd, x2gd, x8g; Amazon EC2
   * instance type naming conventions) and run arm64 AMIs.
   */
  public static boolean isGraviton(String family) {
    return family.matches("[a-z]+\\d+g[a-z]*");
  }

  /** "arm64" or "x86_64": the architecture of a node group whose first type is `instanceType`. */
  public static String architecture(String instanceType) {
    return isGraviton(of(instanceType)) ? "arm64" : "x86_64";
  }

  public static boolean isMemoryOptimized(String family) {
    return MEMORY_OPTIMIZED.contains(family);
  }
}
