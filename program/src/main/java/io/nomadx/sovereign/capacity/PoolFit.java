package io.nomadx.sovereign.capacity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Whether a node pool can hold the pods meant for it: each pod must land whole on one node (the
 * scheduler never splits a pod), so the sum of requests is not enough. First-fit decreasing by
 * memory, then CPU: a placement the real scheduler need not find, but if this finds none the real
 * one cannot either, and pods stay Pending (found by the cluster box at the xl tier: two IndexNodes
 * of 16 CPU / 64Gi pending on a general pool whose total still had room).
 */
public final class PoolFit {
  /**
   * CPU and memory each node keeps for the EKS add-ons' DaemonSets (vpc-cni's aws-node, kube-proxy,
   * the EBS CSI node plugin): an allowance, not a measured value; the box's kwok nodes run none.
   */
  public static final Pod DAEMONSET_ALLOWANCE = new Pod("daemonsets", 250, 256L * Units.MIB);

  /** One pod's requests. */
  public record Pod(String name, long millicores, long bytes) {}

  /** The outcome: pods that found no node, and how many nodes would hold them all. */
  public record Result(List<Pod> unplaced, int nodesNeeded) {
    public boolean fits() {
      return unplaced.isEmpty();
    }
  }

  private PoolFit() {}

  /** Places `pods` on `nodes` nodes of `type`; `nodesNeeded` searches up to 4x as many. */
  public static Result place(List<Pod> pods, InstanceSpec type, int nodes) {
    var unplaced = unplaced(pods, type, nodes);
    int needed = nodes;
    while (!unplaced(pods, type, needed).isEmpty() && needed < Math.max(4 * nodes, 64)) {
      needed++;
    }
    return new Result(unplaced, needed);
  }

  private static List<Pod> unplaced(List<Pod> pods, InstanceSpec type, int nodes) {
    long[] cpu = new long[nodes];
    long[] memory = new long[nodes];
    for (int i = 0; i < nodes; i++) {
      cpu[i] = type.allocatableMillicores() - DAEMONSET_ALLOWANCE.millicores();
      memory[i] = type.allocatableBytes() - DAEMONSET_ALLOWANCE.bytes();
    }
    var sorted = new ArrayList<>(pods);
    sorted.sort(Comparator.comparingLong(Pod::bytes).thenComparingLong(Pod::millicores).reversed());
    var left = new ArrayList<Pod>();
    for (Pod pod : sorted) {
      int node = 0;
      while (node < nodes && (cpu[node] < pod.millicores() || memory[node] < pod.bytes())) {
        node++;
      }
      if (node == nodes) {
        left.add(pod);
      } else {
        cpu[node] -= pod.millicores();
        memory[node] -= pod.bytes();
      }
    }
    return left;
  }
}
