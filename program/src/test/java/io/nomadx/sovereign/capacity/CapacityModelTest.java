package io.nomadx.sovereign.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The per-vector formulas, one index at a time, and how the estimate adds up. */
class CapacityModelTest {

  private final CapacityModel model = new CapacityModel();

  @Test
  void hnswGraphIsTwoMLinksOnLayerZeroPlusUpperLayersAndBookkeeping() {
    // M=16: 2*16*4 = 128 B on layer 0, 16*4/15 = 4.27 B on upper layers, 24 B bookkeeping.
    assertEquals(156.27, IndexType.hnswGraphBytes(16), 0.01);
    assertEquals(2 * 32 * 4 + 32 * 4 / 31.0 + 24, IndexType.hnswGraphBytes(32), 1e-9);
  }

  @Test
  void bytesPerVectorForEachIndexAt768Dims() {
    // vector + index overhead + 64 B metadata
    assertEquals(3072 + 156.27 + 64, perVector(IndexType.HNSW, Quantization.NONE), 0.01);
    assertEquals(768 + 156.27 + 64, perVector(IndexType.HNSW, Quantization.INT8), 0.01);
    assertEquals(96 + 156.27 + 64, perVector(IndexType.HNSW, Quantization.PQ), 0.01);
    assertEquals(3072 + 8 + 64, perVector(IndexType.IVF_FLAT, Quantization.NONE), 1e-9);
    assertEquals(768 + 8 + 64, perVector(IndexType.IVF_FLAT, Quantization.INT8), 1e-9);
    assertEquals(96 + 8 + 64, perVector(IndexType.IVF_PQ, Quantization.PQ), 1e-9);
    // DiskANN: PQ codes at 0.125 and a node cache at 0.1 of the float32 size stay in memory.
    assertEquals(0.225 * 3072 + 64, perVector(IndexType.DISKANN, Quantization.NONE), 1e-9);
  }

  @Test
  void estimatePartsAddUpAndScaleWithReplicas() {
    Workload one = Workload.of(10_000_000, 768, IndexType.IVF_FLAT, Quantization.NONE);
    Estimate e1 = model.estimate(one);
    assertEquals(30_720_000_000L, e1.vectorBytes());
    assertEquals(80_000_000L, e1.indexOverheadBytes());
    assertEquals(640_000_000L, e1.metadataBytes());
    assertEquals(e1.vectorBytes() + e1.indexOverheadBytes() + e1.metadataBytes(), e1.totalBytes());
    assertEquals(e1.totalBytes(), e1.perReplicaBytes());

    Estimate e3 = model.estimate(one.withReplicas(3));
    assertEquals(e1.totalBytes(), e3.perReplicaBytes());
    assertEquals(3 * e1.totalBytes(), e3.totalBytes());
    assertEquals(e3.vectorBytes() + e3.indexOverheadBytes() + e3.metadataBytes(), e3.totalBytes());
  }

  @Test
  void assumptionsChangeTheEstimate() {
    Workload w = Workload.of(1_000_000, 128, IndexType.IVF_FLAT, Quantization.NONE);
    CapacityModel lean = new CapacityModel(new Assumptions(0, 0, 1.0));
    assertEquals(1_000_000L * (512 + 8), lean.estimate(w).totalBytes());
    CapacityModel fat = new CapacityModel(new Assumptions(1024, 0, 1.0));
    assertEquals(1_000_000L * (512 + 8 + 1024), fat.estimate(w).totalBytes());
  }

  @Test
  void humanReadableNamesTheShapeAndTheParts() {
    Estimate e = model.estimate(Workload.of(1_000_000_000, 768, IndexType.HNSW, Quantization.NONE));
    assertEquals(
        "1B x 768-dim HNSW(M=16) float32 x 1 replica needs 3066.2 GiB"
            + " (vectors 2861.0 GiB, index 145.5 GiB, metadata 59.6 GiB)",
        e.humanReadable());
    assertEquals(
        "250M x 1536-dim IVF_PQ PQ(m=192) x 2 replicas",
        Workload.of(250_000_000, 1536, IndexType.IVF_PQ, Quantization.PQ)
            .withReplicas(2)
            .describe());
  }

  @Test
  void verdictMessageCarriesTheNumbersInGib() {
    Verdict v =
        model.check(
            Workload.of(1_000_000_000, 768, IndexType.HNSW, Quantization.NONE), "r6i.xlarge", 3);
    assertFalse(v.fits());
    assertEquals(
        "QueryNode pool 3 x r6i.xlarge holds 74.5 GiB at 80% but 1B x 768-dim HNSW(M=16) float32"
            + " x 1 replica needs 3072.2 GiB (incl. 6.0 GiB QueryNode overhead); short by 2997.7 GiB,"
            + " the pool holds at most 22.3M vectors of this shape",
        v.message());
    assertEquals(v.usableBytes() - v.neededBytes(), v.headroomBytes());
    assertEquals(-v.headroomBytes(), v.shortfallBytes());

    Verdict ok =
        model.check(
            Workload.of(10_000_000, 768, IndexType.HNSW, Quantization.NONE), "r6i.xlarge", 2);
    assertTrue(ok.fits());
    assertEquals(0, ok.shortfallBytes());
    assertTrue(
        ok.message().contains(" and 10M x 768-dim") && ok.message().contains("; headroom 15.0 GiB"),
        ok.message());
  }

  @Test
  void countsReadLikeTheGuide() {
    assertEquals("999", Units.count(999));
    assertEquals("12.5K", Units.count(12_500));
    assertEquals("100M", Units.count(100_000_000));
    assertEquals("14.8M", Units.count(14_887_808));
    assertEquals("2.5B", Units.count(2_500_000_000L));
    assertEquals("1.5 GiB", Units.gib(3 * Units.GIB / 2));
  }

  private double perVector(IndexType index, Quantization q) {
    return model.bytesPerVector(Workload.of(1, 768, index, q));
  }
}
