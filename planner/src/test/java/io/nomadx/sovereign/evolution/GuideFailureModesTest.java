package io.nomadx.sovereign.evolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nomadx.sovereign.config.ConfigError;
import io.nomadx.sovereign.config.SettingsParser;
import io.nomadx.sovereign.plan.Registration;
import io.nomadx.sovereign.support.Plans;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The guide's "Common failure modes", each guarded by the program and named here. */
class GuideFailureModesTest {
  private static JsonNode spec() {
    return Plans.prod().only("kubernetes:milvus.io/v1beta1:Milvus").input("spec");
  }

  @Test
  void emptyResultsAfterReload_upWaitsForMilvusReady() {
    var cr = Plans.prod().only("kubernetes:milvus.io/v1beta1:Milvus");
    assertEquals(
        "condition=MilvusReady",
        cr.input("metadata.annotations").path("pulumi.com/waitFor").asText());
    assertTrue(
        cr.input("metadata.annotations").path("pulumi.com/timeoutSeconds").asInt() >= 20 * 60);
    var error =
        assertThrows(
            ConfigError.class,
            () ->
                SettingsParser.parse(
                    Plans.config(Plans.PROD, Map.of("readyTimeoutMinutes", "10"))));
    assertTrue(
        error.getMessage().contains("readyTimeoutMinutes: got 10; allowed: 20 to 120"),
        error::getMessage);
  }

  @Test
  void bookieOomUnderWriteBursts_journalFilesAreTwoGiBOnAVolumeThatHoldsThem() {
    JsonNode bookie =
        spec()
            .path("dependencies")
            .path("pulsar")
            .path("inCluster")
            .path("values")
            .path("bookkeeper");
    assertEquals("2048", bookie.path("configData").path("journalMaxSizeMB").asText());
    int journalGi =
        Integer.parseInt(
            bookie.path("volumes").path("journal").path("size").asText().replace("Gi", ""));
    assertTrue(
        journalGi * 1024 >= 4 * 2048, "the journal volume holds at least four journal files");
    assertEquals(
        bookie.path("resources").path("requests").path("memory"),
        bookie.path("resources").path("limits").path("memory"));
    var error =
        assertThrows(
            ConfigError.class,
            () ->
                SettingsParser.parse(
                    Plans.config(Plans.PROD, Map.of("pulsar", "{\"journalGi\": 6}"))));
    assertTrue(
        error.getMessage().contains("pulsar.journalGi: got 6; allowed: at least 8"),
        error::getMessage);
  }

  @Test
  void etcdWriteLatencySpikes_etcdRunsOnProvisionedIopsIo2() {
    JsonNode persistence =
        spec()
            .path("dependencies")
            .path("etcd")
            .path("inCluster")
            .path("values")
            .path("persistence");
    assertEquals("io2-retain", persistence.path("storageClass").asText());
    Registration io2 =
        Plans.prod().one("kubernetes:storage.k8s.io/v1:StorageClass", "storage-classes-io2-retain");
    assertEquals("io2", io2.input("parameters.type").asText());
    assertEquals("50", io2.input("parameters.iopsPerGB").asText());
  }

  @Test
  void queryNodeSegmentBloat_compactionAndRetentionAreConfigured() {
    JsonNode config = spec().path("config");
    assertTrue(config.path("dataCoord").path("enableCompaction").asBoolean());
    assertTrue(
        config.path("dataCoord").path("compaction").path("enableAutoCompaction").asBoolean());
    assertEquals(432000, config.path("common").path("retentionDuration").asInt());
    var tuned = Plans.of(Plans.PROD, Map.of("compaction", "{\"retentionDurationSeconds\": 86400}"));
    assertEquals(
        86400,
        tuned
            .only("kubernetes:milvus.io/v1beta1:Milvus")
            .input("spec.config.common.retentionDuration")
            .asInt());
    var error =
        assertThrows(
            ConfigError.class,
            () ->
                SettingsParser.parse(
                    Plans.config(
                        Plans.PROD, Map.of("compaction", "{\"retentionDurationSeconds\": 60}"))));
    assertTrue(
        error
            .getMessage()
            .contains("compaction.retentionDurationSeconds: got 60; allowed: 3600 to 2592000"),
        error::getMessage);
  }

  @Test
  void collectionsLostAfterRestart_everyPlaceStateLivesIsRetained() {
    JsonNode deps = spec().path("dependencies");
    for (String dep : new String[] {"etcd", "pulsar"}) {
      assertEquals("Retain", deps.path(dep).path("inCluster").path("deletionPolicy").asText(), dep);
      assertFalse(deps.path(dep).path("inCluster").path("pvcDeletion").asBoolean(), dep);
    }
    var plan = Plans.prod();
    for (String cls : new String[] {"io2-retain", "gp3-retain"}) {
      var sc = plan.one("kubernetes:storage.k8s.io/v1:StorageClass", "storage-classes-" + cls);
      assertEquals("Retain", sc.input("reclaimPolicy").asText(), cls);
      assertTrue(sc.protect() && sc.retainOnDelete(), cls);
    }
    var bucket = plan.one("aws:s3/bucketV2:BucketV2", "segments");
    assertTrue(bucket.protect() && bucket.retainOnDelete());
    assertTrue(plan.only("kubernetes:milvus.io/v1beta1:Milvus").protect());
  }
}
