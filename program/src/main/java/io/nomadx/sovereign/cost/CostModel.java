package io.nomadx.sovereign.cost;

import io.nomadx.sovereign.config.MilvusSettings;
import io.nomadx.sovereign.config.Settings;
import java.util.ArrayList;
import java.util.List;

/**
 * Prices a stack from its settings alone, the way capacity/ sizes it: pure Java, no Pulumi. Every
 * quantity comes from the same settings and constants the program builds its resources from; what
 * usage it assumes is the stack's `costAssumptions`. On-demand prices, no Savings Plans, reserved
 * instances, credits or tax.
 */
public final class CostModel {
  private final PriceTable table;

  public CostModel() {
    this(PriceTable.shipped());
  }

  public CostModel(PriceTable table) {
    this.table = table;
  }

  /** Throws CostError when the region or a resource the stack uses has no price. */
  public CostEstimate estimate(Settings s) {
    var prices = table.in(s.region().name());
    var lines = new ArrayList<CostLine>();
    lines.addAll(ComputeCost.lines(s, prices));
    lines.addAll(VolumeCost.lines(s, prices));
    lines.addAll(NetworkCost.lines(s, prices));
    lines.addAll(LogsAndKeysCost.lines(s, prices));
    lines.addAll(BucketCost.lines(s, prices));
    return new CostEstimate(prices.region(), table.asOf(), lines, notPriced(s));
  }

  /**
   * What the stack causes to be billed that the estimate leaves out, so the total is read as a
   * floor.
   */
  static List<String> notPriced(Settings s) {
    var out = new ArrayList<String>();
    if (s.cluster().existing().isPresent()) {
      out.add("the existing cluster's control plane, nodes and network (its owner's bill)");
    }
    out.add(
        "data transfer between zones (Milvus, etcd and Pulsar traffic across AZs) and out of the region");
    out.add(
        "old object versions kept "
            + s.storage().noncurrentVersionDays()
            + " days after compaction rewrites segments");
    out.add(
        "the access log, the audit trail's log files and the backup jobs' request and transition charges");
    out.add("KMS requests and key rotations after the first year");
    if (s.milvus().messageQueue() == MilvusSettings.MessageQueue.WOODPECKER) {
      out.add("Woodpecker's write-ahead log in the bucket");
    }
    if (!s.storage().objectAudit().stackTrail()) {
      out.add("the organisation trail's data events for this bucket (objectAudit: organization)");
    }
    return out;
  }
}
