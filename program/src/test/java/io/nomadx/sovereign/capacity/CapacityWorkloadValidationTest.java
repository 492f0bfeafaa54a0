package io.nomadx.sovereign.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each bad input is rejected with the field, the value and what is allowed. */
class CapacityWorkloadValidationTest {

  private static final Workload OK = Workload.of(1_000_000, 768, IndexType.HNSW, Quantization.NONE);

  static Stream<Arguments> badWorkloads() {
    return Stream.of(
        bad(
            "zero vectors",
            () -> OK.withVectors(0),
            "vectors = 0 is not allowed (allowed: 1..1000000000000)"),
        bad("negative vectors", () -> OK.withVectors(-5), "vectors = -5 is not allowed"),
        bad(
            "too many vectors",
            () -> OK.withVectors(Workload.MAX_VECTORS + 1),
            "vectors = 1000000000001"),
        bad(
            "zero dimension",
            () -> Workload.of(10, 0, IndexType.HNSW, Quantization.NONE),
            "dimension = 0 is not allowed (allowed: 1..32768)"),
        bad(
            "huge dimension",
            () -> Workload.of(10, 40_000, IndexType.HNSW, Quantization.NONE),
            "dimension = 40000 is not allowed (allowed: 1..32768)"),
        bad("M too small", () -> OK.withHnswM(1), "hnswM = 1 is not allowed (allowed: 2..2048)"),
        bad(
            "M too large",
            () -> OK.withHnswM(4096),
            "hnswM = 4096 is not allowed (allowed: 2..2048)"),
        bad(
            "no replicas",
            () -> OK.withReplicas(0),
            "replicas = 0 is not allowed (allowed: 1..10)"),
        bad(
            "too many replicas",
            () -> OK.withReplicas(11),
            "replicas = 11 is not allowed (allowed: 1..10)"),
        bad(
            "PQ m not dividing dim",
            () -> OK.withPqSubquantizers(100),
            "pqSubquantizers = 100 is not allowed (allowed: a divisor of dimension 768 (default 96))"),
        bad("PQ m zero", () -> OK.withPqSubquantizers(0), "pqSubquantizers = 0 is not allowed"),
        bad(
            "null index",
            () -> Workload.of(10, 768, null, Quantization.NONE),
            "index = null is not allowed (allowed: one of HNSW, IVF_FLAT, IVF_PQ, DISKANN)"),
        bad(
            "null quantization",
            () -> Workload.of(10, 768, IndexType.HNSW, null),
            "quantization = null is not allowed (allowed: one of NONE, INT8, PQ)"),
        bad(
            "DiskANN with int8",
            () -> Workload.of(10, 768, IndexType.DISKANN, Quantization.INT8),
            "quantization = INT8 is not allowed (allowed: NONE with DISKANN"),
        bad(
            "IVF_PQ without PQ",
            () -> Workload.of(10, 768, IndexType.IVF_PQ, Quantization.NONE),
            "quantization = NONE is not allowed (allowed: PQ with IVF_PQ)"),
        bad(
            "IVF_FLAT with PQ",
            () -> Workload.of(10, 768, IndexType.IVF_FLAT, Quantization.PQ),
            "(use index IVF_PQ for product quantization)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badWorkloads")
  void rejectsWithAClearMessage(String name, Executable build, String expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
    assertTrue(e.getMessage().startsWith("invalid workload: "), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void reportsEveryProblemAtOnce() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Workload(0, 768, IndexType.HNSW, 1, Quantization.NONE, 96, 0));
    assertEquals(
        "invalid workload: vectors = 0 is not allowed (allowed: 1..1000000000000);"
            + " hnswM = 1 is not allowed (allowed: 2..2048); replicas = 0 is not allowed (allowed: 1..10)",
        e.getMessage());
  }

  @Test
  void defaultPqSubquantizersDivideTheDimension() {
    assertEquals(96, Workload.defaultPqSubquantizers(768));
    assertEquals(192, Workload.defaultPqSubquantizers(1536));
    assertEquals(10, Workload.defaultPqSubquantizers(100));
    assertEquals(1, Workload.defaultPqSubquantizers(7));
    assertEquals(1, Workload.defaultPqSubquantizers(1));
    for (int dim = 1; dim <= 2048; dim++) {
      int m = Workload.defaultPqSubquantizers(dim);
      assertEquals(0, dim % m, "dim " + dim);
    }
  }

  static Stream<Arguments> badAssumptions() {
    return Stream.of(
        bad("negative metadata", () -> new Assumptions(-1, 0, 0.8), "bytesPerVectorMetadata = -1"),
        bad("negative overhead", () -> new Assumptions(64, -1, 0.8), "queryNodeOverheadBytes = -1"),
        bad("zero utilization", () -> new Assumptions(64, 0, 0), "maxUtilization = 0.0"),
        bad("over 100%", () -> new Assumptions(64, 0, 1.2), "maxUtilization = 1.2"),
        bad("NaN utilization", () -> new Assumptions(64, 0, Double.NaN), "maxUtilization = NaN"),
        bad("null assumptions", () -> new CapacityModel(null), "assumptions must not be null"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badAssumptions")
  void rejectsBadAssumptions(String name, Executable build, String expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  private static Arguments bad(String name, Executable build, String expected) {
    return Arguments.of(name, build, expected);
  }
}
