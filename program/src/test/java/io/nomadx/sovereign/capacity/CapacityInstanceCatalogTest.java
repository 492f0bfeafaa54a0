package io.nomadx.sovereign.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CapacityInstanceCatalogTest {

  @ParameterizedTest(name = "{0}: {1} vCPU, {2} GiB, max pods {3}")
  @CsvSource({
    "r5.large,        2,   16,   29",
    "r5.24xlarge,    96,  768,  737",
    "r6i.xlarge,      4,   32,   58",
    "r6i.2xlarge,     8,   64,   58",
    "r6i.4xlarge,    16,  128,  234",
    "r6i.8xlarge,    32,  256,  234",
    "r6i.32xlarge,  128, 1024,  737",
    "r6a.12xlarge,   48,  384,  234",
    "r7i.16xlarge,   64,  512,  737",
    "r7a.32xlarge,  128, 1024,  737",
    "r8i.2xlarge,     8,   64,  118",
    "r8i.32xlarge,  128, 1024, 1514",
    "x2idn.16xlarge, 64, 1024,  737",
    "x2idn.32xlarge,128, 2048,  737",
    "m6i.large,       2,    8,   29",
    "m7i.24xlarge,   96,  384,  737",
  })
  void knownTypes(String name, int vcpus, int gib, int maxPods) {
    InstanceSpec spec = InstanceCatalog.lookup(name).orElseThrow();
    assertEquals(new InstanceSpec(name, vcpus, gib, maxPods), spec);
  }

  @Test
  void allocatableSubtractsKubeReservedAndEviction() {
    // r6i.xlarge: 32768 MiB - (11 x 58 + 255) MiB kube-reserved - 100 MiB eviction = 31775 MiB
    assertEquals(
        31_775L * Units.MIB, InstanceCatalog.lookup("r6i.xlarge").orElseThrow().allocatableBytes());
    // r8i reserves more per node because its ENIs allow more pods: 11 x 1514 + 255 + 100 MiB
    assertEquals(
        (1024L * 1024 - 17_009) * Units.MIB,
        InstanceCatalog.lookup("r8i.32xlarge").orElseThrow().allocatableBytes());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "r6i.mega",
        "r5.32xlarge",
        "r7i.32xlarge",
        "x2idn.xlarge",
        "t3.large",
        "R6I.XLARGE",
        "",
        "r6i",
        "c6i.xlarge"
      })
  void unknownTypesAreEmpty(String name) {
    assertTrue(InstanceCatalog.lookup(name).isEmpty(), name);
  }

  @Test
  void nullAndWhitespace() {
    assertTrue(InstanceCatalog.lookup(null).isEmpty());
    assertTrue(InstanceCatalog.lookup(" r6i.xlarge ").isPresent());
  }

  @Test
  void catalogCoversTheFamiliesAndSizes() {
    // r5 8, r6i 9, r6a 9, r7i 8, r7a 9, r8i 9, x2idn 3, m6i 9, m7i 8
    assertEquals(72, InstanceCatalog.names().size());
    for (String name : InstanceCatalog.names()) {
      InstanceSpec s = InstanceCatalog.lookup(name).orElseThrow();
      assertTrue(
          s.allocatableBytes() > 0.9 * s.memoryGiB() * Units.GIB,
          name + " keeps most of its memory");
    }
  }

  @Test
  void checkRejectsAnUnknownTypeByName() {
    CapacityModel model = new CapacityModel();
    Workload w = Workload.of(1_000, 128, IndexType.HNSW, Quantization.NONE);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> model.check(w, "r6i.mega", 2));
    assertTrue(
        e.getMessage()
            .startsWith("instance type 'r6i.mega' is not in the capacity catalog (allowed: r5,"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> model.maxVectors(w, "c6i.xlarge", 2));
    assertThrows(IllegalArgumentException.class, () -> model.check(w, null, 2));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1})
  void checkRejectsANodeCountBelowOne(int nodes) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new CapacityModel()
                    .check(
                        Workload.of(1_000, 128, IndexType.HNSW, Quantization.NONE),
                        "r6i.xlarge",
                        nodes));
    assertEquals("nodeCount = " + nodes + " is not allowed (allowed: 1 or more)", e.getMessage());
  }
}
