package io.nomadx.sovereign.capacity;

/**
 * One EC2 instance type as the capacity model sees it.
 *
 * @param name e.g. "r6i.xlarge"
 * @param vcpus vCPUs
 * @param memoryGiB nominal memory from the EC2 instance type page
 * @param maxPods the EKS AMI's max pods for the type (awslabs/amazon-eks-ami eni-max-pods.txt: ENIs
 *     x (IPv4 per ENI - 1) + 2)
 */
public record InstanceSpec(String name, int vcpus, int memoryGiB, int maxPods) {

  /**
   * kubelet's default hard eviction threshold on the EKS AMIs (nodeadm: memory.available 100Mi).
   */
  static final long EVICTION_HARD_MIB = 100;

  /**
   * Memory the scheduler may hand to pods: capacity minus kube-reserved minus the eviction
   * threshold. kube-reserved is nodeadm's (AL2023) and bootstrap.sh's (AL2) formula, 11 MiB x
   * maxPods + 255 MiB. Not modelled: the few hundred MiB the kernel keeps before kubelet reports
   * capacity; the 80% ceiling absorbs it. A managed node group that lowers maxPods reserves less,
   * so this errs on the safe side.
   */
  public long allocatableBytes() {
    long reservedMib = 11L * maxPods + 255 + EVICTION_HARD_MIB;
    return memoryGiB * Units.GIB - reservedMib * Units.MIB;
  }

  /**
   * CPU the scheduler may hand to pods, in millicores: capacity minus the kubelet's kube-reserved
   * on the EKS AMIs, 6% of the first core, 1% of the second, 0.5% of the third and fourth, 0.25% of
   * every further core (awslabs/amazon-eks-ami: the AL2 bootstrap.sh function
   * get_cpu_millicores_to_reserve, which nodeadm carries over for AL2023).
   */
  public long allocatableMillicores() {
    return vcpus * 1000L - reservedMillicores(vcpus);
  }

  static int reservedMillicores(int vcpus) {
    double reserved = 0;
    for (int core = 0; core < vcpus; core++) {
      reserved += 1000 * (core == 0 ? 0.06 : core == 1 ? 0.01 : core < 4 ? 0.005 : 0.0025);
    }
    return (int) Math.round(reserved);
  }
}
