package io.nomadx.sovereign.capacity;

/**
 * The knobs of the model that are estimates rather than facts, so a stack can state its own.
 *
 * @param bytesPerVectorMetadata resident bytes per row besides the vector: primary key, small
 *     scalar fields and their indexes. 64 fits an int64 id plus a few short scalars; a schema with
 *     large VARCHARs (the guide's 4096-char text field) needs far more unless those fields are
 *     mmap'd
 * @param queryNodeOverheadBytes per QueryNode: the Milvus process, segment bookkeeping, search
 *     buffers and node DaemonSets; 2 GiB is our estimate, not a Milvus figure
 * @param maxUtilization share of allocatable memory the data may fill; 0.8 because the guide alerts
 *     at 80% QueryNode RAM
 */
public record Assumptions(
    long bytesPerVectorMetadata, long queryNodeOverheadBytes, double maxUtilization) {

  public static final Assumptions DEFAULTS = new Assumptions(64, 2 * Units.GIB, 0.8);

  public Assumptions {
    if (bytesPerVectorMetadata < 0 || bytesPerVectorMetadata > 1_048_576) {
      throw new IllegalArgumentException(
          "bytesPerVectorMetadata = "
              + bytesPerVectorMetadata
              + " is not allowed (allowed: 0..1048576)");
    }
    if (queryNodeOverheadBytes < 0 || queryNodeOverheadBytes > 1024 * Units.GIB) {
      throw new IllegalArgumentException(
          "queryNodeOverheadBytes = "
              + queryNodeOverheadBytes
              + " is not allowed (allowed: 0..1 TiB)");
    }
    if (!(maxUtilization > 0 && maxUtilization <= 1)) {
      throw new IllegalArgumentException(
          "maxUtilization = " + maxUtilization + " is not allowed (allowed: above 0, at most 1)");
    }
  }
}
