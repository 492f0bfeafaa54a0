package io.nomadx.sovereign.capacity;

/**
 * Whether a QueryNode pool holds a workload at the utilization ceiling.
 *
 * @param usableBytes pool allocatable memory x maxUtilization
 * @param neededBytes the estimate plus per-node QueryNode overhead
 * @param headroomBytes usable - needed; negative is the shortfall
 * @param maxVectors most vectors of this workload's shape the pool holds at the ceiling
 * @param message the verdict with its numbers, fit for a config error
 */
public record Verdict(
    boolean fits,
    String instanceType,
    int nodeCount,
    long usableBytes,
    long neededBytes,
    long headroomBytes,
    long maxVectors,
    String message) {

  /** How much memory is missing; 0 when it fits. */
  public long shortfallBytes() {
    return Math.max(0, -headroomBytes);
  }
}
