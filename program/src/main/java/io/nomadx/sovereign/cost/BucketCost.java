package io.nomadx.sovereign.cost;

import static io.nomadx.sovereign.cost.Billing.BYTES_PER_GB;

import io.nomadx.sovereign.capacity.CapacityModel;
import io.nomadx.sovereign.capacity.Estimate;
import io.nomadx.sovereign.config.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The segment bucket (storage/SegmentBucket) sized from the declared collection, its requests, and
 * the CloudTrail data events that record each of them (audit/ObjectAuditTrail).
 */
final class BucketCost {
  private BucketCost() {}

  /** What the bucket holds for the declared collection, in bytes. */
  record Contents(long segmentBytes, long indexBytes, int backupsInStandard, int backupsInArchive) {
    double backupBytesStandard() {
      return (double) segmentBytes * backupsInStandard;
    }

    double backupBytesArchive() {
      return (double) segmentBytes * backupsInArchive;
    }
  }

  /**
   * Segments: Milvus stores the inserted vectors in binlogs as written, float32 whatever the index
   * quantizes (the index is built from them), beside the scalar fields, so 4 x dim bytes plus the
   * capacity model's metadata bytes per vector. Index files: what the capacity model says one
   * replica loads (quantized vectors and the graph); in-memory replicas share one copy in S3.
   * Backups: milvus-backup copies the binlogs, not index files (our reading of milvus-backup
   * v0.5.16; the restore drill in milvus/Backups passes --restore_index, which builds the indexes
   * again), and the stack expires none: `backupsRetained` of them, one a night, the youngest
   * `backupArchiveAfterDays` in S3 Standard and the rest moved to Glacier Instant Retrieval by the
   * bucket's lifecycle.
   */
  static Contents contents(Settings s) {
    var model = new CapacityModel();
    var workload = s.milvus().collection().workload().withReplicas(1);
    long segments =
        workload.vectors()
            * (4L * workload.dimension() + model.assumptions().bytesPerVectorMetadata());
    Estimate inMemory = model.estimate(workload);
    long index = inMemory.vectorBytes() + inMemory.indexOverheadBytes();
    int kept = s.costAssumptions().backupsRetained();
    int young = Math.min(kept, s.storage().backupArchiveAfterDays());
    return new Contents(segments, index, young, kept - young);
  }

  static List<CostLine> lines(Settings s, PriceTable.Prices prices) {
    var lines = new ArrayList<CostLine>();
    var c = contents(s);
    var a = s.costAssumptions();
    String component = "segment bucket (S3)";
    // S3 bills GB-months by storage class and requests by type
    // (https://aws.amazon.com/s3/pricing/).
    lines.add(
        new CostLine(
            component,
            "segments "
                + gb(c.segmentBytes())
                + " + index files "
                + gb(c.indexBytes())
                + " ("
                + s.milvus().collection().workload().describe()
                + ")",
            (c.segmentBytes() + c.indexBytes()) / BYTES_PER_GB,
            prices.of("s3.standard")));
    if (c.backupsInStandard() > 0) {
      lines.add(
          new CostLine(
              component,
              c.backupsInStandard()
                  + " backups younger than "
                  + s.storage().backupArchiveAfterDays()
                  + " days x "
                  + gb(c.segmentBytes()),
              c.backupBytesStandard() / BYTES_PER_GB,
              prices.of("s3.standard")));
    }
    if (c.backupsInArchive() > 0) {
      lines.add(
          new CostLine(
              component,
              c.backupsInArchive() + " older backups in Glacier IR x " + gb(c.segmentBytes()),
              c.backupBytesArchive() / BYTES_PER_GB,
              prices.of("s3.glacier-ir")));
    }
    lines.add(
        new CostLine(
            component,
            a.objectWritesPerMonth() + " PUT/COPY/LIST requests (costAssumptions)",
            a.objectWritesPerMonth() / 1000.0,
            prices.of("s3.write-requests")));
    lines.add(
        new CostLine(
            component,
            a.objectReadsPerMonth() + " GET requests (costAssumptions)",
            a.objectReadsPerMonth() / 1000.0,
            prices.of("s3.read-requests")));
    if (s.storage().objectAudit().stackTrail()) {
      // The trail records every object read and write of the bucket; CloudTrail bills each data
      // event delivered, the first copy too (https://aws.amazon.com/cloudtrail/pricing/).
      long events = a.objectReadsPerMonth() + a.objectWritesPerMonth();
      lines.add(
          new CostLine(
              "object audit (CloudTrail)",
              events + " data events (one per object request)",
              events / 100_000.0,
              prices.of("cloudtrail.data-events")));
    }
    return lines;
  }

  static String gb(double bytes) {
    return String.format(Locale.ROOT, "%.1f GB", bytes / BYTES_PER_GB);
  }
}
