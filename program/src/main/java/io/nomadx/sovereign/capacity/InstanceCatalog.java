package io.nomadx.sovereign.capacity;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Memory-optimized and general-purpose EC2 types a QueryNode pool may use, up to 32xlarge. Sizes
 * follow EC2's regular shape (large = 2 vCPU, xlarge = 4, Nxlarge = 4N) and each family's fixed GiB
 * per vCPU: r = 8, x2idn = 16, m = 4 (EC2 instance type pages). Max pods per size come from the EKS
 * AMI's eni-max-pods.txt. Regional availability (me-central-1) is not checked here.
 */
public final class InstanceCatalog {

  private static final List<String> TO_24 =
      List.of(
          "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge");
  private static final List<String> TO_32 = concat(TO_24, "32xlarge");

  /** Families with 4/15/30/50 IPs-per-ENI shapes: the common eni-max-pods row. */
  private static final Map<String, Integer> CLASSIC_MAX_PODS =
      Map.of(
          "large",
          29,
          "xlarge",
          58,
          "2xlarge",
          58,
          "4xlarge",
          234,
          "8xlarge",
          234,
          "12xlarge",
          234,
          "16xlarge",
          737,
          "24xlarge",
          737,
          "32xlarge",
          737);

  /** r8i has more IPs per ENI, hence a different row in eni-max-pods.txt. */
  private static final Map<String, Integer> R8I_MAX_PODS =
      Map.of(
          "large",
          59,
          "xlarge",
          118,
          "2xlarge",
          118,
          "4xlarge",
          394,
          "8xlarge",
          492,
          "12xlarge",
          590,
          "16xlarge",
          1010,
          "24xlarge",
          1010,
          "32xlarge",
          1514);

  private static final Map<String, InstanceSpec> TYPES = build();

  private InstanceCatalog() {}

  /** The type, or empty if it is not in the catalog (unknown, or a family we do not size for). */
  public static Optional<InstanceSpec> lookup(String instanceType) {
    return instanceType == null
        ? Optional.empty()
        : Optional.ofNullable(TYPES.get(instanceType.trim()));
  }

  /** Every known type name, in catalog order. */
  public static List<String> names() {
    return List.copyOf(TYPES.keySet());
  }

  private static Map<String, InstanceSpec> build() {
    Map<String, InstanceSpec> types = new LinkedHashMap<>();
    add(types, "r5", 8, TO_24, CLASSIC_MAX_PODS);
    add(types, "r6i", 8, TO_32, CLASSIC_MAX_PODS);
    add(types, "r6a", 8, TO_32, CLASSIC_MAX_PODS);
    add(types, "r7i", 8, TO_24, CLASSIC_MAX_PODS);
    add(types, "r7a", 8, TO_32, CLASSIC_MAX_PODS);
    add(types, "r8i", 8, TO_32, R8I_MAX_PODS);
    add(types, "x2idn", 16, List.of("16xlarge", "24xlarge", "32xlarge"), CLASSIC_MAX_PODS);
    add(types, "m6i", 4, TO_32, CLASSIC_MAX_PODS);
    add(types, "m7i", 4, TO_24, CLASSIC_MAX_PODS);
    return Collections.unmodifiableMap(types);
  }

  private static void add(
      Map<String, InstanceSpec> types,
      String family,
      int gibPerVcpu,
      List<String> sizes,
      Map<String, Integer> maxPods) {
    for (String size : sizes) {
      int vcpus = vcpus(size);
      String name = family + "." + size;
      types.put(name, new InstanceSpec(name, vcpus, vcpus * gibPerVcpu, maxPods.get(size)));
    }
  }

  private static int vcpus(String size) {
    return switch (size) {
      case "large" -> 2;
      case "xlarge" -> 4;
      default -> 4 * Integer.parseInt(size.substring(0, size.length() - "xlarge".length()));
    };
  }

  private static List<String> concat(List<String> list, String more) {
    List<String> all = new java.util.ArrayList<>(list);
    all.add(more);
    return List.copyOf(all);
  }
}
