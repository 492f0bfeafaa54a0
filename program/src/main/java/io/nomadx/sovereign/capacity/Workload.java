package io.nomadx.sovereign.capacity;

import java.util.ArrayList;
import java.util.List;

/**
 * What one collection asks of the QueryNodes. Invalid values are rejected here, all at once, each
 * naming the field, the bad value and what is allowed, so a config parser can pass the message on.
 *
 * @param vectors rows loaded, 1..{@value #MAX_VECTORS}
 * @param dimension vector dimension, 1..{@value #MAX_DIMENSION} (Milvus proxy.maxDimension default)
 * @param index the vector index
 * @param hnswM HNSW max degree M, {@value #MIN_HNSW_M}..{@value #MAX_HNSW_M} (Milvus's range); kept
 *     but unused for other indexes
 * @param quantization how vectors are stored; constrained by the index (see {@link #check})
 * @param pqSubquantizers PQ code bytes per vector (Milvus's m, nbits = 8); must divide dimension
 * @param replicas in-memory replicas (Milvus replica_number), 1..{@value #MAX_REPLICAS}
 */
public record Workload(
    long vectors,
    int dimension,
    IndexType index,
    int hnswM,
    Quantization quantization,
    int pqSubquantizers,
    int replicas) {

  /** A trillion: far above the guide's XL tier, and keeps byte arithmetic far from overflow. */
  public static final long MAX_VECTORS = 1_000_000_000_000L;

  public static final int MAX_DIMENSION = 32_768;
  public static final int MIN_HNSW_M = 2;
  public static final int MAX_HNSW_M = 2048;
  public static final int DEFAULT_HNSW_M = 16;

  /** More replicas than this is almost surely a typo; Milvus also needs a QueryNode per replica. */
  public static final int MAX_REPLICAS = 10;

  public Workload {
    List<String> problems = new ArrayList<>();
    check(
        problems, vectors >= 1 && vectors <= MAX_VECTORS, "vectors", vectors, "1.." + MAX_VECTORS);
    check(
        problems,
        dimension >= 1 && dimension <= MAX_DIMENSION,
        "dimension",
        dimension,
        "1.." + MAX_DIMENSION);
    check(problems, index != null, "index", index, "one of HNSW, IVF_FLAT, IVF_PQ, DISKANN");
    check(problems, quantization != null, "quantization", quantization, "one of NONE, INT8, PQ");
    check(
        problems,
        hnswM >= MIN_HNSW_M && hnswM <= MAX_HNSW_M,
        "hnswM",
        hnswM,
        MIN_HNSW_M + ".." + MAX_HNSW_M);
    check(
        problems,
        replicas >= 1 && replicas <= MAX_REPLICAS,
        "replicas",
        replicas,
        "1.." + MAX_REPLICAS);
    if (dimension >= 1) {
      check(
          problems,
          pqSubquantizers >= 1 && pqSubquantizers <= dimension && dimension % pqSubquantizers == 0,
          "pqSubquantizers",
          pqSubquantizers,
          "a divisor of dimension "
              + dimension
              + " (default "
              + defaultPqSubquantizers(dimension)
              + ")");
    }
    if (index != null && quantization != null) {
      switch (index) {
        case DISKANN ->
            check(
                problems,
                quantization == Quantization.NONE,
                "quantization",
                quantization,
                "NONE with DISKANN (it keeps its own PQ codes in memory)");
        case IVF_PQ ->
            check(
                problems,
                quantization == Quantization.PQ,
                "quantization",
                quantization,
                "PQ with IVF_PQ");
        case IVF_FLAT ->
            check(
                problems,
                quantization != Quantization.PQ,
                "quantization",
                quantization,
                "NONE or INT8 with IVF_FLAT (use index IVF_PQ for product quantization)");
        case HNSW -> {}
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid workload: " + String.join("; ", problems));
    }
  }

  /** HNSW gets M = 16, PQ the default subquantizers, one replica. */
  public static Workload of(
      long vectors, int dimension, IndexType index, Quantization quantization) {
    return new Workload(
        vectors,
        dimension,
        index,
        DEFAULT_HNSW_M,
        quantization,
        defaultPqSubquantizers(Math.max(dimension, 1)),
        1);
  }

  /**
   * The largest divisor of the dimension not above dimension / 8: exactly dim / 8 (one byte per 8
   * dimensions, 32x smaller than float32) when 8 divides dim, since Milvus needs dim % m == 0.
   */
  public static int defaultPqSubquantizers(int dimension) {
    for (int m = Math.max(1, dimension / 8); m > 1; m--) {
      if (dimension % m == 0) {
        return m;
      }
    }
    return 1;
  }

  public Workload withVectors(long n) {
    return new Workload(n, dimension, index, hnswM, quantization, pqSubquantizers, replicas);
  }

  public Workload withReplicas(int r) {
    return new Workload(vectors, dimension, index, hnswM, quantization, pqSubquantizers, r);
  }

  public Workload withHnswM(int m) {
    return new Workload(vectors, dimension, index, m, quantization, pqSubquantizers, replicas);
  }

  public Workload withPqSubquantizers(int m) {
    return new Workload(vectors, dimension, index, hnswM, quantization, m, replicas);
  }

  /** "1B x 768-dim HNSW(M=16) float32 x 1 replica" */
  public String describe() {
    return Units.count(vectors) + " x " + shape();
  }

  /** The workload without its vector count: "768-dim HNSW(M=16) float32 x 1 replica". */
  public String shape() {
    return dimension
        + "-dim "
        + index.label(this)
        + " "
        + quantization.label(pqSubquantizers)
        + " x "
        + replicas
        + (replicas == 1 ? " replica" : " replicas");
  }

  private static void check(
      List<String> problems, boolean ok, String field, Object value, String allowed) {
    if (!ok) {
      problems.add(field + " = " + value + " is not allowed (allowed: " + allowed + ")");
    }
  }
}
