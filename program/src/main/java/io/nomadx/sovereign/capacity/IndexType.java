package io.nomadx.sovereign.capacity;

/**
 * The vector index a collection is loaded with, and what it keeps resident on a QueryNode besides
 * the (possibly quantized) vectors. Every figure is an approximation of the Milvus/knowhere layout,
 * good for sizing a node pool, not for predicting a process's RSS to the megabyte.
 */
public enum IndexType {
  /**
   * Graph index (hnswlib inside knowhere). Per vector: layer 0 holds up to 2M neighbour ids of 4
   * bytes; a node reaches layer l with probability M^-l, so upper layers add on average M ids / (M
   * - 1); plus {@link #HNSW_BOOKKEEPING_BYTES} for neighbour counts, the 8-byte label, the level
   * and the pointer to the upper-layer lists. The vectors themselves sit beside the graph.
   */
  HNSW,
  /**
   * Inverted lists over k-means centroids. Stores every vector (raw, or int8 = IVF_SQ8) plus an
   * 8-byte id in its list. Centroids (nlist x dim floats per segment) are ignored: kilobytes.
   */
  IVF_FLAT,
  /** Inverted lists holding only PQ codes and the 8-byte id. Requires quantization PQ. */
  IVF_PQ,
  /**
   * Vamana graph and full vectors on the QueryNode's local NVMe disk; memory holds PQ codes sized
   * by knowhere's {@code pq_code_budget_gb_ratio} (default 0.125 of the float32 data) and a node
   * cache sized by {@code search_cache_budget_gb_ratio} (default 0.1) — Milvus 2.5 knowhere
   * configuration reference. Requires quantization NONE: DiskANN quantizes on its own.
   */
  DISKANN;

  /** See {@link #HNSW}: counts, label, level and list pointer; varies a little by version. */
  static final double HNSW_BOOKKEEPING_BYTES = 24;

  /** faiss inverted lists keep an int64 id per vector. */
  static final double IVF_ID_BYTES = 8;

  static final double DISKANN_PQ_RATIO = 0.125;
  static final double DISKANN_CACHE_RATIO = 0.1;

  /** Bytes of the vector representation kept in memory. */
  double vectorBytes(Workload w) {
    return switch (this) {
      case HNSW, IVF_FLAT, IVF_PQ ->
          w.quantization().bytesPerVector(w.dimension(), w.pqSubquantizers());
      case DISKANN -> DISKANN_PQ_RATIO * 4.0 * w.dimension();
    };
  }

  /** Bytes the index structure adds per vector on top of {@link #vectorBytes}. */
  double overheadBytes(Workload w) {
    return switch (this) {
      case HNSW -> hnswGraphBytes(w.hnswM());
      case IVF_FLAT, IVF_PQ -> IVF_ID_BYTES;
      case DISKANN -> DISKANN_CACHE_RATIO * 4.0 * w.dimension();
    };
  }

  static double hnswGraphBytes(int m) {
    double layer0 = 2.0 * m * 4;
    double upperLayers = m * 4.0 / (m - 1);
    return layer0 + upperLayers + HNSW_BOOKKEEPING_BYTES;
  }

  String label(Workload w) {
    return this == HNSW ? "HNSW(M=" + w.hnswM() + ")" : name();
  }
}
