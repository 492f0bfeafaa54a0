package io.nomadx.sovereign.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The guide's sizing tiers at 768 dims, HNSW M=16, one replica, against their QueryNode pools at
 * 80% use. Findings (docs/capacity.md has the table): - small (<100M, 2 x r6i.xlarge, no
 * quantization named): float32 holds 14.9M; 100M fits only with PQ. - medium (100M-500M, 6 x
 * r6i.2xlarge, int8): int8 holds 316M; 500M needs PQ. - large (500M-2B, 16 x r6i.4xlarge, PQ): PQ
 * holds 5.3B; the whole range fits, even int8 holds 1.7B. - xl (2B+, 32 x r6i.8xlarge, no
 * quantization named): float32 holds 2.09B, so "2B+" needs int8/PQ. Two replicas (to ride out an AZ
 * loss) halve every figure.
 */
class CapacityTierTest {

  private final CapacityModel model = new CapacityModel();

  @ParameterizedTest(name = "{0}: {2} x {1} {3} holds {4}")
  @CsvSource({
    "small,  r6i.xlarge,   2, NONE,    14887808",
    "small,  r6i.xlarge,   2, INT8,    49596569",
    "small,  r6i.xlarge,   2, PQ,     154978825",
    "medium, r6i.2xlarge,  6, NONE,    94758622",
    "medium, r6i.2xlarge,  6, INT8,   315674568",
    "medium, r6i.2xlarge,  6, PQ,     986416485",
    "large,  r6i.4xlarge, 16, NONE,   511971436",
    "large,  r6i.4xlarge, 16, INT8,  1705558378",
    "large,  r6i.4xlarge, 16, PQ,    5329510413",
    "xl,     r6i.8xlarge, 32, NONE,  2092640388",
    "xl,     r6i.8xlarge, 32, INT8,  6971327100",
    "xl,     r6i.8xlarge, 32, PQ,   21783927685",
  })
  void whatEachTierActuallyHolds(
      String tier, String type, int nodes, Quantization q, long expected) {
    Workload shape = Workload.of(1, 768, IndexType.HNSW, q);
    long max = model.maxVectors(shape, type, nodes);
    // 0.1%: room for rounding, not for a change of formula.
    assertEquals(expected, max, expected * 0.001, tier);
    long halved = model.maxVectors(shape.withReplicas(2), type, nodes);
    assertEquals(max / 2.0, halved, 1, tier + " with 2 replicas");
  }

  @ParameterizedTest(name = "{0}: {3} x 768-dim {4} on {2} x {1} fits = {5}")
  @CsvSource({
    // the guide's ranges at each tier's stated quantization (NONE where it names none)
    "small,  r6i.xlarge,   2,   99999999, NONE, false",
    "small,  r6i.xlarge,   2,   99999999, PQ,   true",
    "medium, r6i.2xlarge,  6,  100000000, INT8, true",
    "medium, r6i.2xlarge,  6,  500000000, INT8, false",
    "medium, r6i.2xlarge,  6,  500000000, PQ,   true",
    "large,  r6i.4xlarge, 16,  500000000, PQ,   true",
    "large,  r6i.4xlarge, 16, 2000000000, PQ,   true",
    "xl,     r6i.8xlarge, 32, 2000000000, NONE, true",
    "xl,     r6i.8xlarge, 32, 2500000000, NONE, false",
    "xl,     r6i.8xlarge, 32, 2500000000, INT8, true",
  })
  void theGuidesRangesAgainstTheirPools(
      String tier, String type, int nodes, long vectors, Quantization q, boolean fits) {
    Verdict v = model.check(Workload.of(vectors, 768, IndexType.HNSW, q), type, nodes);
    assertEquals(fits, v.fits(), v.message());
  }

  @ParameterizedTest(name = "small tier, 100M HNSW {0}: largest dimension (multiple of 8) is {1}")
  @CsvSource({"NONE, 64", "INT8, 264", "PQ, 2152"})
  void whatDimensionTheSmallTierNeedsFor100M(Quantization q, int maxDim) {
    // float32 768-dim does not fit; this is what would.
    assertTrue(fits(100_000_000, maxDim, q, "r6i.xlarge", 2));
    assertFalse(fits(100_000_000, maxDim + 8, q, "r6i.xlarge", 2));
  }

  @ParameterizedTest(name = "medium tier, 500M HNSW {0}: largest dimension (multiple of 8) is {1}")
  @CsvSource({"NONE, 96", "INT8, 400", "PQ, 3224"})
  void whatDimensionTheMediumTierNeedsFor500M(Quantization q, int maxDim) {
    assertTrue(fits(500_000_000, maxDim, q, "r6i.2xlarge", 6));
    assertFalse(fits(500_000_000, maxDim + 8, q, "r6i.2xlarge", 6));
  }

  private boolean fits(long vectors, int dim, Quantization q, String type, int nodes) {
    return model.check(Workload.of(vectors, dim, IndexType.HNSW, q), type, nodes).fits();
  }
}
