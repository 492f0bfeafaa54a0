package io.nomadx.sovereign.capacity;

import java.util.Locale;

/**
 * Sizes QueryNode memory for a workload and checks a node pool against it. Pure Java, no Pulumi, so
 * the config parser can reject an undersized stack before any resource is registered.
 *
 * <pre>
 * per vector  = vectorBytes(index, quantization) + overheadBytes(index) + bytesPerVectorMetadata
 * needed      = ceil(vectors x per vector) x replicas + nodes x queryNodeOverheadBytes
 * usable      = nodes x allocatable(instance type) x maxUtilization
 * fits        = needed <= usable
 * </pre>
 *
 * Not modelled: segment imbalance between QueryNodes, growing (unsealed) segments, and memory held
 * during index load or compaction.
 */
public final class CapacityModel {

  private final Assumptions assumptions;

  public CapacityModel() {
    this(Assumptions.DEFAULTS);
  }

  public CapacityModel(Assumptions assumptions) {
    if (assumptions == null) {
      throw new IllegalArgumentException("assumptions must not be null");
    }
    this.assumptions = assumptions;
  }

  public Assumptions assumptions() {
    return assumptions;
  }

  public Estimate estimate(Workload w) {
    return estimate(w, w.vectors());
  }

  /** Throws IllegalArgumentException for an unknown instance type or a node count below 1. */
  public Verdict check(Workload w, String instanceType, int nodeCount) {
    return check(w, instanceType, nodeCount, Long.MAX_VALUE);
  }

  /**
   * As {@link #check(Workload, String, int)}, with one QueryNode pod per node whose memory limit
   * caps what it may use: a QueryNode can hold no more than its container's limit, however large
   * the node.
   */
  public Verdict check(Workload w, String instanceType, int nodeCount, long podMemoryLimitBytes) {
    InstanceSpec spec = spec(instanceType, nodeCount);
    long perNode = Math.min(spec.allocatableBytes(), podMemoryLimitBytes);
    long usable = (long) Math.floor(nodeCount * perNode * assumptions.maxUtilization());
    long needed = neededBytes(w, w.vectors(), nodeCount);
    long max = maxVectors(w, nodeCount, usable);
    boolean fits = needed <= usable;
    String pool =
        "QueryNode pool "
            + nodeCount
            + " x "
            + spec.name()
            + " holds "
            + Units.gib(usable)
            + " at "
            + percent()
            + (fits ? " and " : " but ")
            + w.describe()
            + " needs "
            + Units.gib(needed)
            + " (incl. "
            + Units.gib(nodeCount * assumptions.queryNodeOverheadBytes())
            + " QueryNode overhead)";
    String tail =
        fits
            ? "; headroom "
                + Units.gib(usable - needed)
                + ", room for "
                + Units.count(max)
                + " vectors of this shape"
            : "; short by "
                + Units.gib(needed - usable)
                + ", the pool holds at most "
                + Units.count(max)
                + " vectors of this shape";
    return new Verdict(
        fits, spec.name(), nodeCount, usable, needed, usable - needed, max, pool + tail);
  }

  /**
   * The most vectors of {@code shape}'s dimension, index, quantization and replicas (its vector
   * count is ignored) that fit the pool at the ceiling; 0 if not even the overhead fits. Capped at
   * {@link Workload#MAX_VECTORS}.
   */
  public long maxVectors(Workload shape, String instanceType, int nodeCount) {
    InstanceSpec spec = spec(instanceType, nodeCount);
    return maxVectors(shape, nodeCount, usableBytes(spec, nodeCount));
  }

  /** Bytes one vector costs across all replicas, before rounding. */
  public double bytesPerVector(Workload w) {
    return (w.index().vectorBytes(w)
            + w.index().overheadBytes(w)
            + assumptions.bytesPerVectorMetadata())
        * w.replicas();
  }

  private Estimate estimate(Workload w, long n) {
    long vectors = (long) Math.ceil(n * w.index().vectorBytes(w));
    long overhead = (long) Math.ceil(n * w.index().overheadBytes(w));
    long metadata = n * assumptions.bytesPerVectorMetadata();
    long perReplica = vectors + overhead + metadata;
    int r = w.replicas();
    return new Estimate(
        w.withVectors(Math.max(n, 1)),
        vectors * r,
        overhead * r,
        metadata * r,
        perReplica,
        perReplica * r);
  }

  private long neededBytes(Workload w, long n, int nodeCount) {
    long data = n == 0 ? 0 : estimate(w, n).totalBytes();
    return data + nodeCount * assumptions.queryNodeOverheadBytes();
  }

  private long maxVectors(Workload w, int nodeCount, long usable) {
    long budget = usable - nodeCount * assumptions.queryNodeOverheadBytes();
    if (budget <= 0) {
      return 0;
    }
    long n = Math.min(Workload.MAX_VECTORS, (long) Math.floor(budget / bytesPerVector(w)));
    // The closed form can be off by one from the rounded estimate; settle on the exact boundary.
    while (n > 0 && neededBytes(w, n, nodeCount) > usable) {
      n--;
    }
    while (n < Workload.MAX_VECTORS && neededBytes(w, n + 1, nodeCount) <= usable) {
      n++;
    }
    return n;
  }

  private long usableBytes(InstanceSpec spec, int nodeCount) {
    return (long) Math.floor(nodeCount * spec.allocatableBytes() * assumptions.maxUtilization());
  }

  private static InstanceSpec spec(String instanceType, int nodeCount) {
    if (nodeCount < 1) {
      throw new IllegalArgumentException(
          "nodeCount = " + nodeCount + " is not allowed (allowed: 1 or more)");
    }
    return InstanceCatalog.lookup(instanceType)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "instance type '"
                        + instanceType
                        + "' is not in the capacity catalog (allowed: r5, r6i, r6a, r7i,"
                        + " r7a, r8i, x2idn, m6i, m7i in sizes large..32xlarge, e.g. r6i.2xlarge)"));
  }

  private String percent() {
    return String.format(Locale.ROOT, "%.0f%%", assumptions.maxUtilization() * 100);
  }
}
