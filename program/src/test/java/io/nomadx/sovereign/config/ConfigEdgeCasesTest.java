package io.nomadx.sovereign.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nomadx.sovereign.support.StackConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading raw config: value types, stack-file forms, cron schedules, CIDR arithmetic. */
class ConfigEdgeCasesTest {
  private static ConfigError error(String stack, Map<String, String> overrides) {
    return assertThrows(
        ConfigError.class, () -> SettingsParser.parse(StackConfigs.config(stack, overrides)));
  }

  private static void assertProblem(ConfigError e, String text) {
    assertTrue(
        e.getMessage().contains(text), () -> "expected '" + text + "' in:\n" + e.getMessage());
  }

  /**
   * What robfig/cron v3 ParseStandard accepts (Kubernetes validates CronJob schedules with it; see
   * Cron).
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "0 2 * * *",
        "*/15 * * * *",
        "0 2 1-15 * 1,3,5",
        "0-30/5 0-23/2 * 1-12 0",
        "59 23 31 12 6",
        "@daily",
        "@midnight",
        "@hourly",
        "@weekly",
        "@monthly",
        "@yearly",
        "@annually",
        "@every 1h30m",
        "@every 90s",
        "0 2 * * mon-fri",
        "0 2 * JAN,jul *",
        "0 2 * * Sun",
        "0 2 ? * *",
        "? ? ? ? ?",
        "5/10 * * * *",
        "0 2 * jan-mar/2 *",
        "*/61 * * * *",
        "0 */24 * * *",
        "0 0 */32 * *",
        "0 0 * * */7",
        " 0 2 * * * "
      })
  void cronSchedulesKubernetesAccepts(String schedule) {
    assertTrue(Cron.valid(schedule), schedule);
  }

  /**
   * What it refuses: robfig's errors, plus any "TZ" (kubernetes batch validation,
   * validateScheduleFormat).
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "*/0 * * * *",
        "5-3 * * * *",
        "1-2-3 * * * *",
        "a * * * *",
        "60 * * * *",
        "0 2 * * 8",
        "0 2 * *",
        "0 2 * * * *",
        "0 2 0 * *",
        "0 2 * 13 *",
        "*/x * * * *",
        "0 24 * * *",
        ", * * * *",
        "59 23 31 12 7",
        "0 2 * * 0-7",
        "@reboot",
        "@Daily",
        "@every",
        "@every 5x",
        "@every 1d",
        "0 2 * * mon#2",
        "0 2 L * *",
        "TZ=UTC 0 2 * * *",
        "CRON_TZ=Asia/Dubai 0 2 * * *",
        "0 2 * * mon-fry"
      })
  void cronSchedulesItRejects(String schedule) {
    assertFalse(Cron.valid(schedule), schedule);
  }

  @Test
  void aTimeZoneInTheScheduleIsRefusedSayingWhy() {
    assertProblem(
        error(StackConfigs.PROD, Map.of("backupSchedule", "CRON_TZ=Asia/Dubai 0 2 * * *")),
        "sovereign-milvus:backupSchedule: got 'CRON_TZ=Asia/Dubai 0 2 * * *'; allowed: no TZ= or CRON_TZ= prefix");
    assertEquals(
        "0 2 * * *",
        SettingsParser.parse(StackConfigs.config(StackConfigs.PROD, Map.of()))
            .milvus()
            .backup()
            .schedule());
    assertEquals(
        "@daily",
        SettingsParser.parse(
                StackConfigs.config(StackConfigs.PROD, Map.of("backupSchedule", "@daily")))
            .milvus()
            .backup()
            .schedule());
  }

  @ParameterizedTest
  @CsvSource({
    "10.40.0.0/16, 3, 0, 10.40.0.0/19",
    "10.40.0.0/16, 3, 2, 10.40.64.0/19",
    "10.40.0.0/16, 8, 224, 10.40.224.0/24",
    "172.20.0.0/20, 3, 7, 172.20.14.0/23",
    "192.168.0.0/16, 8, 255, 192.168.255.0/24"
  })
  void subnetArithmetic(String vpc, int bits, int n, String expected) {
    assertEquals(expected, Cidr.parse(vpc).orElseThrow().subnet(bits, n).toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.0.0.0",
        "10.0.0/16",
        "10.0.0.256/16",
        "10.0.0.0/33",
        "10.0.0.0/x",
        "1.2.3.4.5/8",
        "10..0.0/16",
        "1000.0.0.0/8",
        "10.0.0.0/16/",
        "10.0.0.0/16//"
      })
  void malformedCidrs(String text) {
    assertTrue(Cidr.parse(text).isEmpty(), text);
  }

  @Test
  void cidrFacts() {
    assertTrue(Cidr.parse("172.16.0.0/12").orElseThrow().isPrivate());
    assertFalse(Cidr.parse("172.32.0.0/16").orElseThrow().isPrivate());
    assertTrue(Cidr.parse("192.168.4.0/24").orElseThrow().isPrivate());
    assertFalse(Cidr.parse("10.40.0.1/16").orElseThrow().isNetworkAddress());
    assertEquals("10.40.0.0/16", Cidr.parse("10.40.0.1/16").orElseThrow().network().toString());
    assertThrows(
        IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/16").orElseThrow().subnet(3, 8));
    assertThrows(
        IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/30").orElseThrow().subnet(3, 0));
  }

  @Test
  void wrongValueTypesNameTheKey() {
    assertProblem(
        error(StackConfigs.DEV, Map.of("availabilityZoneIds", "\"mec1-az1\"")),
        "sovereign-milvus:availabilityZoneIds: got '\"mec1-az1\"'; allowed: a list");
    assertProblem(
        error(StackConfigs.DEV, Map.of("publicAccessCidrs", "[{\"cidr\":\"1.2.3.0/24\"}]")),
        "sovereign-milvus:publicAccessCidrs: got {\"cidr\":\"1.2.3.0/24\"}; allowed: a list of strings");
    assertProblem(
        error(StackConfigs.DEV, Map.of("tags", "[\"owner\"]")),
        "sovereign-milvus:tags: got '[\"owner\"]'; allowed: a map of keys to values");
    assertProblem(
        error(StackConfigs.DEV, Map.of("nodePools", "{not json")),
        "sovereign-milvus:nodePools: got '{not json'; allowed: a YAML list or map");
    assertProblem(
        error(StackConfigs.DEV, Map.of("monitoring", "yes")),
        "sovereign-milvus:monitoring: got 'yes'; allowed: true or false");
    assertProblem(
        error(StackConfigs.DEV, Map.of("logRetentionDays", "a year")),
        "sovereign-milvus:logRetentionDays: got 'a year'; allowed: a whole number");
    assertProblem(
        error(StackConfigs.DEV, Map.of("nodePools", "{\"general\": 3}")),
        "sovereign-milvus:nodePools.general: got 3; allowed: an object with");
    assertProblem(
        error(StackConfigs.DEV, Map.of("nodePools", "{\"general\": {\"instanceTypes\": []}}")),
        "nodePools.general.instanceTypes: got []; allowed: a non-empty list");
    assertProblem(
        error(StackConfigs.DEV, Map.of("nodePools", "{\"general\": {\"disk\": 100}}")),
        "nodePools.general.disk: got an unknown field");
    assertProblem(
        error(StackConfigs.DEV, Map.of("nodePools", "{\"general\": {\"diskSizeGiB\": 20000}}")),
        "nodePools.general.diskSizeGiB: got 20000; allowed: 20 to 16384");
  }

  @Test
  void milvusSectionsRejectUnknownAndBadFields() {
    assertProblem(
        error(StackConfigs.PROD, Map.of("quotas", "{\"maxCollection\": 5}")),
        "quotas.maxCollection: got an unknown field");
    assertProblem(
        error(StackConfigs.PROD, Map.of("quotas", "{\"deleteRateMBps\": 0}")),
        "quotas.deleteRateMBps: got 0; allowed: a number > 0");
    assertProblem(
        error(StackConfigs.PROD, Map.of("compaction", "{\"autoCompaction\": \"on\"}")),
        "compaction.autoCompaction: got 'on'; allowed: true or false");
    assertProblem(
        error(StackConfigs.PROD, Map.of("compaction", "{\"mode\": 1}")),
        "compaction.mode: got an unknown field");
    assertProblem(
        error(StackConfigs.PROD, Map.of("milvusComponents", "{\"proxy\": {\"cores\": 2}}")),
        "milvusComponents.proxy.cores: got an unknown field");
    assertProblem(
        error(StackConfigs.PROD, Map.of("milvusComponents", "{\"proxy\": {\"cpu\": \"two\"}}")),
        "milvusComponents.proxy.cpu: got 'two'; allowed: CPU quantities");
    assertProblem(
        error(StackConfigs.PROD, Map.of("pulsar", "{\"zookeepers\": 4}")),
        "pulsar.zookeepers: got 4; allowed: an odd number");
    assertProblem(
        error(StackConfigs.PROD, Map.of("collection", "{\"indexType\": \"FLAT\"}")),
        "collection.indexType: got 'FLAT'; allowed: HNSW, IVF_FLAT, IVF_PQ, DISKANN");
    assertProblem(
        error(
            StackConfigs.PROD,
            Map.of("collection", "{\"indexType\": \"DISKANN\", \"quantization\": \"PQ\"}")),
        "sovereign-milvus:collection: got an impossible collection shape");
    assertProblem(
        error(StackConfigs.PROD, Map.of("collection", "{\"vectors\": -5}")),
        "collection.vectors: got -5; allowed: a whole number >= 1");
    assertProblem(
        error(StackConfigs.PROD, Map.of("tlsSecretName", "TLS")),
        "tlsSecretName: got 'TLS'; allowed: Kubernetes names");
    assertProblem(
        error(
            StackConfigs.PROD,
            Map.of(
                "nodePools",
                "{\"queryNode\":{\"maxSize\":3}}",
                "milvusComponents",
                "{\"queryNode\":{\"replicas\":4}}")),
        "nodePools.queryNode.maxSize: got 3; allowed: at least 4 (one node per QueryNode replica)");
    assertProblem(
        error(
            StackConfigs.PROD,
            Map.of("nodePools", "{\"queryNode\":{\"instanceTypes\":[\"r5b.24xlarge\"]}}")),
        "nodePools.queryNode.instanceTypes: got 'r5b.24xlarge'; allowed: a type the capacity model knows");
  }

  @Test
  void stackFilesReadAsTheEngineDoes(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("Pulumi.yaml"),
        "name: p\nconfig:\n  p:fromProject:\n    default: 7\n  p:fixed:\n    value: [a, b]\n");
    Files.writeString(
        dir.resolve("Pulumi.s.yaml"),
        "config:\n  p:secret:\n    secure: v1:abc\n  p:map: {x: 1}\n  p:plain: text\n  p:fromProject: 9\n");
    var source = ConfigSource.fromStackFile(dir, "s");
    assertEquals("[secret]", source.values().get("p:secret"));
    assertTrue(source.secretKeys().contains("p:secret"));
    assertEquals("{\"x\":1}", source.values().get("p:map"));
    assertEquals("text", source.values().get("p:plain"));
    assertEquals(
        "9", source.values().get("p:fromProject"), "the stack overrides the project default");
    assertEquals("[\"a\",\"b\"]", source.values().get("p:fixed"));
    assertFalse(source.secretKeys().contains("p:plain"));
  }

  @Test
  void unreadableStackFilesAreConfigErrors(@TempDir Path dir) throws IOException {
    var missing = assertThrows(ConfigError.class, () -> ConfigSource.fromStackFile(dir, "nope"));
    assertTrue(
        missing
            .getMessage()
            .contains("stack: got nope; allowed: a stack with a file Pulumi.nope.yaml"),
        missing::getMessage);
    Files.writeString(dir.resolve("Pulumi.bad.yaml"), "config: [unclosed\n");
    var bad = assertThrows(ConfigError.class, () -> ConfigSource.fromStackFile(dir, "bad"));
    assertTrue(bad.getMessage().contains("Pulumi.bad.yaml: got unparseable YAML"), bad::getMessage);
    Files.writeString(dir.resolve("Pulumi.empty.yaml"), "description: no config here\n");
    assertTrue(ConfigSource.fromStackFile(dir, "empty").values().isEmpty());
  }

  @Test
  void environmentAndStackNames() {
    assertEquals(Environment.PROD, Environment.fromStackName("prod").orElseThrow());
    assertEquals(Environment.DEV, Environment.fromStackName("dev-me-south-1").orElseThrow());
    assertTrue(Environment.fromStackName("staging-x").isEmpty());
    assertEquals("prod, dev", Environment.allowed());
  }

  @Test
  void secretsPrintMasked() {
    var secret = new MilvusSettings.Secret("hunter2-hunter2");
    assertEquals("[secret]", secret.toString());
    assertEquals("hunter2-hunter2", secret.reveal());
    assertEquals(2L << 30, Quantities.bytes("2Gi"));
    assertEquals(512L << 20, Quantities.bytes("512Mi"));
    assertEquals(1L << 40, Quantities.bytes("1Ti"));
    assertThrows(IllegalArgumentException.class, () -> Quantities.bytes("5GB"));
  }

  @Test
  void configErrorsCountTheirProblems() {
    var one = ConfigError.of("k", "v", "a");
    assertTrue(
        one.getMessage()
            .startsWith("invalid stack configuration (1 problem)\n  - k: got v; allowed: a"));
    assertEquals(0, one.getStackTrace().length, "a user error carries no stack trace");
    assertThrows(IllegalArgumentException.class, () -> new ConfigError(java.util.List.of()));
  }
}
