package io.nomadx.sovereign.milvus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.batch.v1.CronJob;
import com.pulumi.kubernetes.batch.v1.CronJobArgs;
import com.pulumi.kubernetes.batch.v1.inputs.CronJobSpecArgs;
import com.pulumi.kubernetes.batch.v1.inputs.JobSpecArgs;
import com.pulumi.kubernetes.batch.v1.inputs.JobTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.core.v1.inputs.CapabilitiesArgs;
import com.pulumi.kubernetes.core.v1.inputs.ConfigMapKeySelectorArgs;
import com.pulumi.kubernetes.core.v1.inputs.ConfigMapVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.EmptyDirVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ResourceRequirementsArgs;
import com.pulumi.kubernetes.core.v1.inputs.SeccompProfileArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecretKeySelectorArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecretVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeMountArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import io.nomadx.sovereign.config.MilvusSettings;
import io.nomadx.sovereign.config.NodePoolSettings.Role;
import io.nomadx.sovereign.config.Settings.MilvusPlacement;
import io.nomadx.sovereign.support.Children;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * milvus-backup as a nightly CronJob writing to the backup prefix of the in-region bucket through
 * IRSA, and a suspended restore-drill CronJob that the quarterly drill runs on demand (README).
 */
public final class Backups extends ComponentResource {
  /**
   * The pods' app label: network policies let these pods, and Milvus's, reach the AWS endpoints.
   */
  public static final String APP_NAME = "milvus-backup";

  public static final String CONFIG_MAP = "milvus-backup-config";
  public static final String DRILL_CONFIG_MAP = "milvus-restore-drill";

  /** Restored collections get this suffix, so a drill never overwrites a live collection. */
  public static final String DRILL_SUFFIX = "_drill";

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER))
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  public final Output<String> cronJobName;

  /**
   * @param milvus Milvus's settings: the backup schedule and image, and the TLS Secret to trust
   * @param placement the namespace and service account, and the bucket's region and prefixes
   */
  public record Args(MilvusSettings milvus, MilvusPlacement placement, List<Resource> dependsOn) {
    public Args {
      dependsOn = List.copyOf(dependsOn);
    }
  }

  public Backups(String name, Args args, ComponentResourceOptions options) {
    super("sovereign:milvus:Backups", name, options);
    var milvus = args.milvus();
    var placement = args.placement();
    String ns = placement.workloads().milvusNamespace();
    var opts = Children.builder(this).dependsOn(args.dependsOn()).build();

    new ConfigMap(
        name + "-config",
        ConfigMapArgs.builder()
            .metadata(ObjectMetaArgs.builder().name(CONFIG_MAP).namespace(ns).build())
            .data(Map.of("backup.yaml", backupYaml(placement)))
            .build(),
        opts);
    new ConfigMap(
        name + "-drill-config",
        ConfigMapArgs.builder()
            .metadata(ObjectMetaArgs.builder().name(DRILL_CONFIG_MAP).namespace(ns).build())
            .data(Map.of("backup-name", "set-before-the-drill"))
            .build(),
        Children.builder(this)
            .dependsOn(args.dependsOn())
            // The drill operator sets the backup to restore; a later `pulumi up` must not undo it.
            .ignoreChanges("data")
            .build());

    var nightly =
        new CronJob(
            name + "-nightly",
            CronJobArgs.builder()
                .metadata(ObjectMetaArgs.builder().name("milvus-backup").namespace(ns).build())
                .spec(
                    CronJobSpecArgs.builder()
                        .schedule(milvus.backup().schedule())
                        .concurrencyPolicy(
                            "Forbid") // two backups at once would race on the same prefix
                        .startingDeadlineSeconds(3600)
                        .successfulJobsHistoryLimit(7)
                        .failedJobsHistoryLimit(7)
                        .jobTemplate(
                            job(
                                milvus,
                                placement,
                                List.of("--config", "/config/backup.yaml", "create"),
                                false))
                        .build())
                .build(),
            opts);
    new CronJob(
        name + "-restore-drill",
        CronJobArgs.builder()
            .metadata(ObjectMetaArgs.builder().name("milvus-restore-drill").namespace(ns).build())
            .spec(
                CronJobSpecArgs.builder()
                    .schedule("0 3 1 */3 *") // quarterly, but suspended: run on demand (README)
                    .suspend(true)
                    .concurrencyPolicy("Forbid")
                    .jobTemplate(
                        job(
                            milvus,
                            placement,
                            List.of(
                                "--config",
                                "/config/backup.yaml",
                                "restore",
                                "-n",
                                "$(BACKUP_NAME)",
                                "-s",
                                DRILL_SUFFIX,
                                "--restore_index"),
                            true))
                    .build())
            .build(),
        opts);
    this.cronJobName = nightly.metadata().applyValue(m -> m.name().orElse("milvus-backup"));
    registerOutputs(Map.of("cronJobName", cronJobName));
  }

  /**
   * The guide's CronJob passed "daily-$(date +%Y%m%d)" as an argument: Kubernetes expands only
   * $(ENV_VAR) references there, never shell, so every backup got that literal name. Here
   * milvus-backup names each backup itself (backup_<timestamp>).
   */
  /** The unprivileged user the backup jobs run as (nobody-style; the image needs no root). */
  static final int NON_ROOT_UID = 65532;

  private JobTemplateSpecArgs job(
      MilvusSettings milvus, MilvusPlacement placement, List<String> args, boolean drill) {
    var env = new java.util.ArrayList<EnvVarArgs>();
    env.add(EnvVarArgs.builder().name("MILVUS_USER").value("root").build());
    env.add(
        EnvVarArgs.builder()
            .name("MILVUS_PASSWORD")
            .valueFrom(
                EnvVarSourceArgs.builder()
                    .secretKeyRef(
                        SecretKeySelectorArgs.builder()
                            .name(MilvusCluster.PASSWORD_SECRET)
                            .key("password")
                            .build())
                    .build())
            .build());
    if (drill) {
      env.add(
          EnvVarArgs.builder()
              .name("BACKUP_NAME")
              .valueFrom(
                  EnvVarSourceArgs.builder()
                      .configMapKeyRef(
                          ConfigMapKeySelectorArgs.builder()
                              .name(DRILL_CONFIG_MAP)
                              .key("backup-name")
                              .build())
                      .build())
              .build());
    }
    var container =
        ContainerArgs.builder()
            .name(drill ? "restore" : "backup")
            .image(milvus.images().backup())
            .args(args)
            .env(env)
            .resources(
                ResourceRequirementsArgs.builder()
                    .requests(Map.of("cpu", "1", "memory", "2Gi"))
                    .limits(Map.of("cpu", "1", "memory", "2Gi"))
                    .build())
            // Pod Security "restricted"
            // (kubernetes.io/docs/concepts/security/pod-security-standards):
            // non-root, no privilege escalation, every capability dropped, RuntimeDefault seccomp;
            // and a read-only root filesystem, with scratch space only where the tool writes.
            .securityContext(
                SecurityContextArgs.builder()
                    .allowPrivilegeEscalation(false)
                    .readOnlyRootFilesystem(true)
                    .runAsNonRoot(true)
                    .capabilities(CapabilitiesArgs.builder().drop("ALL").build())
                    .build())
            .volumeMounts(
                VolumeMountArgs.builder()
                    .name("config")
                    .mountPath("/config")
                    .readOnly(true)
                    .build(),
                VolumeMountArgs.builder()
                    .name("tls")
                    .mountPath(MilvusSpec.TLS_DIR)
                    .readOnly(true)
                    .build(),
                VolumeMountArgs.builder().name("scratch").mountPath("/tmp").build(),
                // milvus-backup's file log (log.file.rootPath, relative to its working directory
                // /app)
                VolumeMountArgs.builder().name("logs").mountPath("/app/logs").build())
            .build();
    return JobTemplateSpecArgs.builder()
        .spec(
            JobSpecArgs.builder()
                .backoffLimit(2)
                .activeDeadlineSeconds(6 * 3600)
                .template(
                    PodTemplateSpecArgs.builder()
                        .metadata(
                            ObjectMetaArgs.builder()
                                .labels(Map.of("app.kubernetes.io/name", APP_NAME))
                                .build())
                        .spec(
                            PodSpecArgs.builder()
                                .serviceAccountName(placement.workloads().backupServiceAccount())
                                // It never calls the Kubernetes API. IRSA needs no service-account
                                // token
                                // mount: EKS's pod identity webhook projects its own web-identity
                                // token.
                                .automountServiceAccountToken(false)
                                .securityContext(
                                    PodSecurityContextArgs.builder()
                                        .runAsNonRoot(true)
                                        .runAsUser(NON_ROOT_UID)
                                        .runAsGroup(NON_ROOT_UID)
                                        .fsGroup(NON_ROOT_UID)
                                        .seccompProfile(
                                            SeccompProfileArgs.builder()
                                                .type("RuntimeDefault")
                                                .build())
                                        .build())
                                .restartPolicy("OnFailure")
                                .nodeSelector(
                                    Map.of(
                                        io.nomadx.sovereign.cluster.NodePool.POOL_LABEL,
                                        Role.GENERAL.poolLabel()))
                                .containers(container)
                                .volumes(
                                    VolumeArgs.builder()
                                        .name("config")
                                        .configMap(
                                            ConfigMapVolumeSourceArgs.builder()
                                                .name(CONFIG_MAP)
                                                .build())
                                        .build(),
                                    VolumeArgs.builder()
                                        .name("tls")
                                        .secret(
                                            SecretVolumeSourceArgs.builder()
                                                .secretName(milvus.security().tlsSecretName())
                                                .build())
                                        .build(),
                                    VolumeArgs.builder()
                                        .name("scratch")
                                        .emptyDir(
                                            EmptyDirVolumeSourceArgs.builder()
                                                .sizeLimit("1Gi")
                                                .build())
                                        .build(),
                                    VolumeArgs.builder()
                                        .name("logs")
                                        .emptyDir(
                                            EmptyDirVolumeSourceArgs.builder()
                                                .sizeLimit("1Gi")
                                                .build())
                                        .build())
                                .build())
                        .build())
                .build())
        .build();
  }

  /** milvus-backup names the destination's keys like the source's, with a `backup` prefix. */
  private static void putStorage(
      Map<String, Object> minio,
      String prefix,
      String endpoint,
      String region,
      String bucket,
      String rootPath) {
    java.util.function.Function<String, String> key =
        k -> prefix.isEmpty() ? k : prefix + Character.toUpperCase(k.charAt(0)) + k.substring(1);
    minio.put(key.apply("storageType"), "aws");
    minio.put(key.apply("address"), endpoint);
    minio.put(key.apply("port"), 443);
    minio.put(key.apply("useSSL"), true);
    minio.put(key.apply("useIAM"), true); // IRSA: no access keys anywhere
    minio.put(key.apply("region"), region);
    minio.put(key.apply("bucketName"), bucket);
    minio.put(key.apply("rootPath"), rootPath);
  }

  /**
   * milvus-backup's config: read segments from the data prefix, write to the backup prefix of the
   * same bucket, both through IRSA (useIAM) at the regional endpoint over TLS. The password comes
   * from the environment (MILVUS_PASSWORD), never from this file.
   */
  static String backupYaml(MilvusPlacement placement) {
    String region = placement.region();
    String endpoint = "s3." + region + ".amazonaws.com";
    String milvusHost =
        MilvusSpec.CR_NAME
            + "-milvus."
            + placement.workloads().milvusNamespace()
            + ".svc.cluster.local";
    var milvus = new LinkedHashMap<String, Object>();
    milvus.put("address", milvusHost);
    milvus.put("port", 19530);
    milvus.put("authorizationEnabled", true);
    milvus.put("tlsMode", 1);
    milvus.put("caCertPath", MilvusSpec.TLS_DIR + "/ca.crt");
    milvus.put("serverName", milvusHost);
    var minio = new LinkedHashMap<String, Object>();
    // Source (Milvus's segments) and destination (backups): same bucket, same regional endpoint.
    var storage = placement.storage();
    putStorage(minio, "", endpoint, region, storage.bucketName(), storage.dataPrefix());
    putStorage(minio, "backup", endpoint, region, storage.bucketName(), storage.backupPrefix());
    minio.put("crossStorage", false);
    var doc = new LinkedHashMap<String, Object>();
    doc.put("log", Map.of("level", "info", "console", true));
    doc.put("milvus", milvus);
    doc.put("minio", minio);
    doc.put("backup", Map.of("maxSegmentGroupSize", "2G", "keepTempFiles", false));
    try {
      return YAML.writeValueAsString(doc);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
