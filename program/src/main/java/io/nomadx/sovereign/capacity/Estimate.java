package io.nomadx.sovereign.capacity;

/**
 * QueryNode memory one workload needs, before per-node process overhead (that depends on the pool).
 * The three parts are summed over all replicas; {@code totalBytes = perReplicaBytes x replicas}.
 *
 * @param vectorBytes the vectors as stored (float32, int8 or PQ codes; DiskANN: its PQ codes)
 * @param indexOverheadBytes graph links, inverted-list ids, or DiskANN's node cache
 * @param metadataBytes ids and scalar fields
 */
public record Estimate(
    Workload workload,
    long vectorBytes,
    long indexOverheadBytes,
    long metadataBytes,
    long perReplicaBytes,
    long totalBytes) {

  /**
   * "1B x 768-dim HNSW(M=16) float32 x 1 replica needs 3055.2 GiB (vectors ..., index ..., metadata
   * ...)"
   */
  public String humanReadable() {
    return workload.describe()
        + " needs "
        + Units.gib(totalBytes)
        + " (vectors "
        + Units.gib(vectorBytes)
        + ", index "
        + Units.gib(indexOverheadBytes)
        + ", metadata "
        + Units.gib(metadataBytes)
        + ")";
  }
}
