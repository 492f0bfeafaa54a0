package io.nomadx.sovereign.milvus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.nomadx.sovereign.support.Plans;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackupsTest {
  /**
   * Pod Security "restricted", plus a read-only root and no API token (issue 11); the cluster box
   * admits them for real.
   */
  @Test
  void bothJobsRunRestrictedWithoutRootOrAnApiToken() {
    var plan = Plans.prod();
    for (String job : new String[] {"milvus-backup-nightly", "milvus-backup-restore-drill"}) {
      JsonNode pod =
          plan.one("kubernetes:batch/v1:CronJob", job).input("spec.jobTemplate.spec.template.spec");
      assertFalse(
          pod.path("automountServiceAccountToken").asBoolean(true),
          job + ": IRSA needs no API token");
      assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean(), job);
      assertEquals(
          "RuntimeDefault",
          pod.path("securityContext").path("seccompProfile").path("type").asText(),
          job);
      JsonNode c = pod.path("containers").get(0).path("securityContext");
      assertFalse(c.path("allowPrivilegeEscalation").asBoolean(true), job);
      assertEquals("[\"ALL\"]", c.path("capabilities").path("drop").toString(), job);
      assertTrue(c.path("readOnlyRootFilesystem").asBoolean(), job);
    }
  }

  @Test
  void nightlyBackupAtTwoWithNoOverlapAndAPinnedImage() {
    var plan = Plans.prod();
    var cron = plan.one("kubernetes:batch/v1:CronJob", "milvus-backup-nightly");
    assertEquals("0 2 * * *", cron.input("spec.schedule").asText());
    assertEquals("Forbid", cron.input("spec.concurrencyPolicy").asText());
    JsonNode pod = cron.input("spec.jobTemplate.spec.template.spec");
    assertEquals("milvus-backup", pod.path("serviceAccountName").asText());
    JsonNode container = pod.path("containers").get(0);
    assertEquals(
        "111111111111.dkr.ecr.me-central-1.amazonaws.com/milvusdb/milvus-backup:v0.5.16",
        container.path("image").asText());
    assertFalse(container.toString().contains("$(date"), "Kubernetes does not run a shell on args");
    assertEquals(
        "milvus-root",
        container.path("env").get(1).path("valueFrom").path("secretKeyRef").path("name").asText());
    var sa = plan.one("kubernetes:core/v1:ServiceAccount", "milvus-backup-service-account");
    assertEquals(
        plan.one("aws:iam/role:Role", "milvus-backup-irsa").output("arn").asText(),
        sa.input("metadata.annotations").path("eks.amazonaws.com/role-arn").asText());
  }

  @Test
  void backupConfigUsesIrsaAndTheBackupPrefixInTheSameRegion() throws IOException {
    var map = Plans.prod().one("kubernetes:core/v1:ConfigMap", "milvus-backup-config");
    JsonNode yaml =
        new ObjectMapper(new YAMLFactory())
            .readTree(map.input("data").path("backup.yaml").asText());
    JsonNode minio = yaml.path("minio");
    assertTrue(minio.path("useIAM").asBoolean());
    assertTrue(minio.path("backupUseIAM").asBoolean());
    assertEquals("s3.me-central-1.amazonaws.com", minio.path("address").asText());
    assertEquals("s3.me-central-1.amazonaws.com", minio.path("backupAddress").asText());
    assertEquals("me-central-1", minio.path("backupRegion").asText());
    assertEquals("backups", minio.path("backupRootPath").asText());
    assertEquals("milvus", minio.path("rootPath").asText());
    assertFalse(yaml.toString().contains("accessKey"), "no static keys");
    assertFalse(yaml.toString().contains("password"), "the password comes from the environment");
  }

  @Test
  void restoreDrillIsSuspendedAndRestoresUnderASuffix() {
    var drill = Plans.prod().one("kubernetes:batch/v1:CronJob", "milvus-backup-restore-drill");
    assertTrue(drill.input("spec.suspend").asBoolean());
    String args = drill.input("spec.jobTemplate.spec.template.spec.containers.0.args").toString();
    assertTrue(
        args.contains("\"restore\"")
            && args.contains("\"_drill\"")
            && args.contains("$(BACKUP_NAME)"),
        args);
  }

  @Test
  void scheduleComesFromConfig() {
    var plan = Plans.of(Plans.PROD, Map.of("backupSchedule", "30 1 * * 1-5"));
    assertEquals(
        "30 1 * * 1-5",
        plan.one("kubernetes:batch/v1:CronJob", "milvus-backup-nightly")
            .input("spec.schedule")
            .asText());
  }
}
