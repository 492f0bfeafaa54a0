package io.nomadx.sovereign.cost;

import static io.nomadx.sovereign.cost.Billing.HOURS_PER_MONTH;

import io.nomadx.sovereign.config.NodePoolSettings;
import io.nomadx.sovereign.config.Settings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The EKS control plane and the node pools: what the stack pays per hour whatever Milvus does.
 * Nothing here on an existing cluster, whose control plane and nodes are its owner's bill.
 */
final class ComputeCost {
  private ComputeCost() {}

  static List<CostLine> lines(Settings s, PriceTable.Prices prices) {
    var lines = new ArrayList<CostLine>();
    if (s.cluster().existing().isPresent()) {
      return lines;
    }
    // EKS bills each cluster per hour, $0.10 in standard support
    // (https://aws.amazon.com/eks/pricing/;
    // https://aws.amazon.com/blogs/containers/amazon-eks-extended-support-for-kubernetes-versions-pricing/).
    lines.add(
        new CostLine(
            "EKS control plane",
            "1 cluster (standard support) x " + (int) HOURS_PER_MONTH + " h",
            HOURS_PER_MONTH,
            prices.of("eks.cluster")));
    for (NodePoolSettings pool : s.nodePools().all()) {
      lines.addAll(pool(pool, prices));
    }
    return lines;
  }

  /**
   * A managed node group runs `desiredSize` EC2 instances, billed per instance-hour on demand: EKS
   * charges nothing for the group itself, only for the AWS resources it provisions
   * (https://docs.aws.amazon.com/eks/latest/userguide/managed-node-groups.html;
   * https://aws.amazon.com/ec2/pricing/on-demand/). A pool listing several types may launch any of
   * them, so it is priced at the dearest: an upper bound, and every listed type must have a price.
   * Each node has one gp3 root volume of `diskSizeGiB` from its launch template (cluster/NodePool),
   * billed per GB-month provisioned; gp3's 3,000 IOPS and 125 MiB/s baseline are included in that
   * price (https://aws.amazon.com/ebs/pricing/).
   */
  private static List<CostLine> pool(NodePoolSettings pool, PriceTable.Prices prices) {
    String component = "node pool " + pool.role().configKey();
    Price dearest =
        pool.instanceTypes().stream()
            .map(prices::instance)
            .max(Comparator.comparingDouble(Price::usd))
            .orElseThrow();
    String type = dearest.item().substring("ec2.".length());
    String what =
        pool.desiredSize()
            + " x "
            + type
            + " x "
            + (int) HOURS_PER_MONTH
            + " h"
            + (pool.instanceTypes().size() > 1
                ? " (dearest of " + String.join(", ", pool.instanceTypes()) + ")"
                : "");
    return List.of(
        new CostLine(component, what, pool.desiredSize() * HOURS_PER_MONTH, dearest),
        new CostLine(
            component,
            pool.desiredSize() + " x " + pool.diskSizeGiB() + " GiB gp3 root volumes",
            (double) pool.desiredSize() * pool.diskSizeGiB(),
            prices.of("ebs.gp3")));
  }
}
