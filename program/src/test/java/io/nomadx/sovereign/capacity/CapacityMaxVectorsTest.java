package io.nomadx.sovereign.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** maxVectors and check agree on the boundary, for random (seeded, reproducible) workloads. */
class CapacityMaxVectorsTest {

  private static final CapacityModel MODEL = new CapacityModel();
  private static final List<String> TYPES = InstanceCatalog.names();

  /** One seed per case, so a failure names the seed that reproduces it. */
  static Stream<Long> seeds() {
    return LongStream.range(0, 200).boxed();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void maxVectorsFitsAndOneMoreDoesNot(long seed) {
    Random r = new Random(seed);
    Workload shape = randomShape(r);
    String type = TYPES.get(r.nextInt(TYPES.size()));
    int nodes = 1 + r.nextInt(40);
    long max = MODEL.maxVectors(shape, type, nodes);
    String where = shape.shape() + " on " + nodes + " x " + type;

    assertTrue(max >= 1, where);
    Verdict atMax = MODEL.check(shape.withVectors(max), type, nodes);
    assertTrue(atMax.fits(), atMax.message());
    assertTrue(atMax.headroomBytes() >= 0, where);
    assertEquals(max, atMax.maxVectors(), where);
    if (max < Workload.MAX_VECTORS) {
      assertFalse(MODEL.check(shape.withVectors(max + 1), type, nodes).fits(), where + " at max+1");
      long more = Math.min(Workload.MAX_VECTORS, max + 1 + r.nextInt(1_000_000));
      Verdict over = MODEL.check(shape.withVectors(more), type, nodes);
      assertFalse(over.fits(), over.message());
      assertTrue(over.shortfallBytes() > 0, where);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void moreNodesNeverHoldLess(long seed) {
    Random r = new Random(seed);
    Workload shape = randomShape(r);
    String type = TYPES.get(r.nextInt(TYPES.size()));
    int nodes = 1 + r.nextInt(20);
    assertTrue(MODEL.maxVectors(shape, type, nodes + 1) >= MODEL.maxVectors(shape, type, nodes));
  }

  @Test
  void zeroWhenTheOverheadAloneFillsThePool() {
    CapacityModel heavy = new CapacityModel(new Assumptions(64, 40 * Units.GIB, 0.8));
    Workload w = Workload.of(1, 768, IndexType.HNSW, Quantization.NONE);
    assertEquals(0, heavy.maxVectors(w, "r6i.xlarge", 2));
    Verdict v = heavy.check(w, "r6i.xlarge", 2);
    assertFalse(v.fits());
    assertTrue(v.message().contains("holds at most 0 vectors"), v.message());
  }

  @Test
  void cappedAtTheWorkloadLimit() {
    // 64 x x2idn.32xlarge at 100% with IVF_PQ 8-dim, m=1: ~110 TiB for 17 B/vector exceeds a
    // trillion rows.
    CapacityModel lean = new CapacityModel(new Assumptions(8, 0, 1.0));
    Workload tiny = Workload.of(1, 8, IndexType.IVF_PQ, Quantization.PQ);
    assertEquals(Workload.MAX_VECTORS, lean.maxVectors(tiny, "x2idn.32xlarge", 64));
  }

  private static Workload randomShape(Random r) {
    IndexType index = IndexType.values()[r.nextInt(IndexType.values().length)];
    Quantization q =
        switch (index) {
          case DISKANN -> Quantization.NONE;
          case IVF_PQ -> Quantization.PQ;
          case IVF_FLAT -> r.nextBoolean() ? Quantization.NONE : Quantization.INT8;
          case HNSW -> Quantization.values()[r.nextInt(3)];
        };
    int dim = 8 * (1 + r.nextInt(512));
    Workload w = Workload.of(1, dim, index, q).withReplicas(1 + r.nextInt(3));
    return index == IndexType.HNSW ? w.withHnswM(4 + r.nextInt(61)) : w;
  }
}
