package io.nomadx.sovereign.cost;

import io.nomadx.sovereign.config.MilvusSettings;
import io.nomadx.sovereign.config.Settings;
import io.nomadx.sovereign.milvus.MilvusSpec;
import io.nomadx.sovereign.storage.StorageClasses;
import java.util.ArrayList;
import java.util.List;

/**
 * The persistent volumes Milvus's dependencies claim: etcd on io2-retain, Pulsar on gp3-retain
 * (storage/StorageClasses). Sizes are the stack's settings; Retain volumes outlive their pods, so
 * they are billed for as long as the stack exists.
 */
final class VolumeCost {
  /**
   * io2 never provisions fewer than 100 IOPS
   * (https://docs.aws.amazon.com/ebs/latest/userguide/provisioned-iops.html).
   */
  static final int IO2_MIN_IOPS = 100;

  /**
   * io2 IOPS price tiers per volume: up to 32,000, 32,001 to 64,000, above
   * (https://aws.amazon.com/ebs/pricing/).
   */
  static final int IO2_TIER1_IOPS = 32_000;

  static final int IO2_TIER2_IOPS = 64_000;

  private VolumeCost() {}

  static List<CostLine> lines(Settings s, PriceTable.Prices prices) {
    var lines = new ArrayList<CostLine>();
    lines.addAll(etcd(s.milvus().etcd(), prices));
    if (s.milvus().messageQueue() == MilvusSettings.MessageQueue.PULSAR) {
      lines.addAll(pulsar(s.milvus().pulsar(), prices));
    }
    return lines;
  }

  /**
   * io2 bills GB-months provisioned plus IOPS-months provisioned, the IOPS in tiers per volume
   * (https://aws.amazon.com/ebs/pricing/). The class provisions IO2_IOPS_PER_GIB per GiB, at least
   * the minimum.
   */
  static List<CostLine> etcd(MilvusSettings.Etcd etcd, PriceTable.Prices prices) {
    String component = "etcd volumes (io2)";
    int perGib = Integer.parseInt(StorageClasses.IO2_IOPS_PER_GIB);
    long iops = Math.max(IO2_MIN_IOPS, (long) etcd.storageGi() * perGib);
    long tier1 = Math.min(iops, IO2_TIER1_IOPS);
    long tier2 = Math.max(0, Math.min(iops, IO2_TIER2_IOPS) - IO2_TIER1_IOPS);
    long tier3 = Math.max(0, iops - IO2_TIER2_IOPS);
    var lines = new ArrayList<CostLine>();
    lines.add(
        new CostLine(
            component,
            etcd.replicas() + " x " + etcd.storageGi() + " GiB",
            (double) etcd.replicas() * etcd.storageGi(),
            prices.of("ebs.io2")));
    lines.add(
        new CostLine(
            component,
            etcd.replicas()
                + " x "
                + tier1
                + " IOPS ("
                + perGib
                + "/GiB, first "
                + IO2_TIER1_IOPS
                + " per volume)",
            (double) etcd.replicas() * tier1,
            prices.of("ebs.io2.iops.tier1")));
    if (tier2 > 0) {
      lines.add(
          new CostLine(
              component,
              etcd.replicas() + " x " + tier2 + " IOPS (32,001 to 64,000)",
              (double) etcd.replicas() * tier2,
              prices.of("ebs.io2.iops.tier2")));
    }
    if (tier3 > 0) {
      lines.add(
          new CostLine(
              component,
              etcd.replicas() + " x " + tier3 + " IOPS (above 64,000)",
              (double) etcd.replicas() * tier3,
              prices.of("ebs.io2.iops.tier3")));
    }
    return lines;
  }

  /**
   * Each bookie claims a journal and a ledgers volume, each ZooKeeper member one data volume
   * (milvus/MilvusSpec).
   */
  static List<CostLine> pulsar(MilvusSettings.Pulsar p, PriceTable.Prices prices) {
    String component = "Pulsar volumes (gp3)";
    Price gp3 = prices.of("ebs.gp3");
    return List.of(
        new CostLine(
            component,
            p.bookies()
                + " bookies x ("
                + p.journalGi()
                + " GiB journal + "
                + p.ledgersGi()
                + " GiB ledgers)",
            (double) p.bookies() * (p.journalGi() + p.ledgersGi()),
            gp3),
        new CostLine(
            component,
            p.zookeepers() + " ZooKeepers x " + MilvusSpec.ZOOKEEPER_VOLUME_GI + " GiB",
            (double) p.zookeepers() * MilvusSpec.ZOOKEEPER_VOLUME_GI,
            gp3));
  }
}
