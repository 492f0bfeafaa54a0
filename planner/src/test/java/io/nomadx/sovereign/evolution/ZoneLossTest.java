package io.nomadx.sovereign.evolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nomadx.sovereign.plan.PlanRunner;
import io.nomadx.sovereign.support.Plans;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan summary states, per zone, what its loss takes and whether Milvus keeps serving. */
class ZoneLossTest {
  private static String summary(Path project, String stack, Path out) {
    var err = new ByteArrayOutputStream();
    int code =
        PlanRunner.run(
            new String[] {stack, "--project-dir", project.toString(), "--out", out.toString()},
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err));
    assertEquals(0, code, err::toString);
    try {
      return Files.readString(out.resolve(stack + ".summary.txt"));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void prodSurvivesTheLossOfAnyOneZone(@TempDir Path out) {
    String s = summary(Path.of("."), Plans.PROD, out);
    for (String zone : new String[] {"mec1-az1", "mec1-az2", "mec1-az3"}) {
      assertTrue(
          s.contains(
              "  "
                  + zone
                  + ": nodes general 1, memory-optimized 1, system 1; etcd 1/3 (quorum kept); "
                  + "zookeepers 1/3 (quorum kept); bookies 1/3 (ensemble of 2 kept); QueryNodes 1/3"),
          s);
    }
    assertTrue(s.contains("The stack survives the loss of any one zone."), s);
    assertFalse(s.contains("BREAKS"), s);
  }

  @Test
  void aTwoZoneStackSaysWhichLossBreaksQuorum(@TempDir Path dir, @TempDir Path out)
      throws IOException {
    // Keep the etcd and Pulsar sizes, drop a zone (me-central-1 may have one unusable).
    // With two zones, prod must size QueryNodes for the larger zone's loss: a smaller collection.
    String extra =
        "  sovereign-milvus:acknowledgeTwoZones: true\n  sovereign-milvus:collection: {vectors: 10000000}\n";
    String text =
        Files.readString(Path.of("Pulumi." + Plans.PROD + ".yaml")).replace("    - mec1-az3\n", "")
            + extra;
    Files.copy(Path.of("Pulumi.yaml"), dir.resolve("Pulumi.yaml"));
    Files.writeString(dir.resolve("Pulumi.prod-two-zones.yaml"), text);
    String s = summary(dir, "prod-two-zones", out);
    // Which zone the scheduler gives two of the three etcd members is its choice: either loss can
    // break quorum.
    for (String zone : new String[] {"mec1-az1", "mec1-az2"}) {
      String line =
          s.lines().filter(l -> l.startsWith("  " + zone + ": nodes")).findFirst().orElse("");
      assertTrue(line.contains("etcd 2/3 (QUORUM LOST)") && line.endsWith("=> BREAKS"), s);
    }
    assertTrue(s.contains("The stack does NOT survive the loss of every zone"), s);
  }
}
