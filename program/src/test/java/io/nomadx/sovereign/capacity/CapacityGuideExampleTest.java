package io.nomadx.sovereign.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The guide's FAQ: "1B vectors at 768 dimensions with HNSW index, plan for ~600 GB working set
 * across QueryNodes ... 16 QueryNodes minimum (4 vCPU / 32 GB each)", and "int8 or product
 * quantization ... cut memory 4x-32x".
 *
 * <p>Discrepancy: 600 GB cannot be float32 HNSW. The vectors alone are 1e9 x 768 x 4 B = 3.07 TB;
 * with M=16 links and 64 B of ids/scalars this model gives 3.29 TB. 600 GB lies between the int8
 * estimate (0.99 TB) and the PQ estimate (0.32 TB), so the FAQ only holds with quantization it does
 * not mention. Its own pool also cannot hold its own figure: 16 x 32 GB = 512 GB < 600 GB, before
 * kubelet reservation and the guide's 80% alert. And "4x-32x" applies to the vectors only: the HNSW
 * graph and metadata do not shrink, so HNSW+int8 saves 3.3x in total and HNSW+PQ 10.4x.
 */
class CapacityGuideExampleTest {

  private static final long BILLION = 1_000_000_000L;
  private final CapacityModel model = new CapacityModel();

  @Test
  void float32HnswNeedsAboutThreeTerabytes() {
    long total =
        model.estimate(Workload.of(BILLION, 768, IndexType.HNSW, Quantization.NONE)).totalBytes();
    assertEquals(3.292e12, total, 0.005e12);
    assertTrue(total > 5 * 600e9, "five times the guide's 600 GB");
  }

  @Test
  void int8HnswIsInTheOnePointZeroTerabyteBand() {
    long total =
        model.estimate(Workload.of(BILLION, 768, IndexType.HNSW, Quantization.INT8)).totalBytes();
    assertTrue(total >= 0.8e12 && total <= 1.0e12, total + " B");
    assertEquals(0.988e12, total, 0.005e12);
  }

  @Test
  void pqHnswIsWellBelowTheGuidesFigureBecauseTheGraphDominates() {
    Estimate e = model.estimate(Workload.of(BILLION, 768, IndexType.HNSW, Quantization.PQ));
    assertEquals(0.316e12, e.totalBytes(), 0.005e12);
    assertTrue(e.indexOverheadBytes() > e.vectorBytes(), "graph links outweigh 96-byte PQ codes");
  }

  @Test
  void quantizationSavesLessThanTheGuidesFactorsOnceGraphAndMetadataCount() {
    double f32 =
        model.estimate(Workload.of(BILLION, 768, IndexType.HNSW, Quantization.NONE)).totalBytes();
    double i8 =
        model.estimate(Workload.of(BILLION, 768, IndexType.HNSW, Quantization.INT8)).totalBytes();
    double pq =
        model.estimate(Workload.of(BILLION, 768, IndexType.HNSW, Quantization.PQ)).totalBytes();
    assertEquals(3.33, f32 / i8, 0.01);
    assertEquals(10.41, f32 / pq, 0.01);
  }

  @Test
  void theFaqPoolOf16By32GbHoldsABillionOnlyWithPq() {
    // r6i.xlarge is the guide's 4 vCPU / 32 GiB QueryNode.
    assertFalse(
        model
            .check(Workload.of(BILLION, 768, IndexType.HNSW, Quantization.NONE), "r6i.xlarge", 16)
            .fits());
    assertFalse(
        model
            .check(Workload.of(BILLION, 768, IndexType.HNSW, Quantization.INT8), "r6i.xlarge", 16)
            .fits());
    Verdict pq =
        model.check(Workload.of(BILLION, 768, IndexType.HNSW, Quantization.PQ), "r6i.xlarge", 16);
    assertTrue(pq.fits(), pq.message());
    assertEquals(1_239_830_603L, pq.maxVectors());
    assertTrue(
        pq.usableBytes() < 600e9, "the pool's usable memory is below the guide's own 600 GB");
  }

  @Test
  void diskAnnKeepsAboutAQuarterOfFloat32InMemory() {
    Estimate e = model.estimate(Workload.of(BILLION, 768, IndexType.DISKANN, Quantization.NONE));
    assertEquals(0.755e12, e.totalBytes(), 0.005e12);
  }
}
