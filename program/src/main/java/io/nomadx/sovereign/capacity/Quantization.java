package io.nomadx.sovereign.capacity;

/**
 * How each vector is stored in QueryNode memory. Orthogonal to {@link IndexType}: HNSW + INT8 is
 * Milvus's HNSW_SQ (sq_type SQ8), HNSW + PQ is HNSW_PQ, IVF_FLAT + INT8 is IVF_SQ8.
 */
public enum Quantization {
  /** float32: 4 bytes per dimension. */
  NONE("float32"),
  /** Scalar quantization to one byte per dimension (SQ8): 4x smaller than float32. */
  INT8("int8"),
  /**
   * Product quantization: {@code pqSubquantizers} codes of one byte each (Milvus's default nbits =
   * 8). With the default of dimension / 8 subquantizers that is 32x smaller than float32.
   */
  PQ("PQ");

  private final String label;

  Quantization(String label) {
    this.label = label;
  }

  /** Bytes one vector takes once quantized. */
  double bytesPerVector(int dimension, int pqSubquantizers) {
    return switch (this) {
      case NONE -> 4.0 * dimension;
      case INT8 -> dimension;
      case PQ -> pqSubquantizers;
    };
  }

  String label(int pqSubquantizers) {
    return this == PQ ? "PQ(m=" + pqSubquantizers + ")" : label;
  }
}
