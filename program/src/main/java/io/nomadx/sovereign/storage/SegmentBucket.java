package io.nomadx.sovereign.storage;

import static io.nomadx.sovereign.support.PolicyDocument.condition;

import com.pulumi.aws.s3.BucketLifecycleConfigurationV2;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2Args;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleFilterArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleTransitionArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import io.nomadx.sovereign.config.Settings;
import io.nomadx.sovereign.identity.Actions;
import io.nomadx.sovereign.identity.Grantee;
import io.nomadx.sovereign.support.Children;
import io.nomadx.sovereign.support.PolicyDocument.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The in-region bucket that is Milvus's source of truth: SSE-KMS under the data key with a bucket
 * key, versioned, never public, owner-enforced, TLS-only, writes only under the data key, no
 * replication of any kind. The bucket and the settings that guard it are protected and retained.
 * Access is granted by prefix through its grant methods (grantReadWrite, grantRead, grantAppend,
 * grantListing), which write the statements about this bucket for the role being granted.
 */
public final class SegmentBucket extends ComponentResource {
  /**
   * Glacier Instant Retrieval: archived backups stay readable by milvus-backup without a restore
   * request.
   */
  public static final String ARCHIVE_STORAGE_CLASS = "GLACIER_IR";

  /** Parts of an abandoned multipart upload are billed until aborted. */
  public static final int ABORT_INCOMPLETE_UPLOAD_DAYS = 7;

  public final Output<String> bucketName;
  public final Output<String> bucketArn;

  public record Args(Settings.StorageSettings settings, Output<String> dataKeyArn) {}

  public SegmentBucket(String name, Args args, ComponentResourceOptions options) {
    super("sovereign:storage:SegmentBucket", name, options);
    var s = args.settings();

    var bucket =
        new BucketV2(
            name,
            BucketV2Args.builder()
                .bucket(s.bucketName())
                .forceDestroy(false) // a delete must never take segments with it
                .objectLockEnabled(false)
                .tags(Map.of("Name", s.bucketName()))
                .build(),
            Children.stateful(this));

    BucketGuards.apply(this, name, bucket, args.dataKeyArn(), (bucketArn, keyArn) -> List.of());

    new BucketLifecycleConfigurationV2(
        name + "-lifecycle",
        BucketLifecycleConfigurationV2Args.builder()
            .bucket(bucket.id())
            .rules(
                BucketLifecycleConfigurationV2RuleArgs.builder()
                    .id("archive-backups")
                    .status("Enabled")
                    .filter(
                        BucketLifecycleConfigurationV2RuleFilterArgs.builder()
                            .prefix(s.backupPrefix() + "/")
                            .build())
                    .transitions(
                        BucketLifecycleConfigurationV2RuleTransitionArgs.builder()
                            .days(s.backupArchiveAfterDays())
                            .storageClass(ARCHIVE_STORAGE_CLASS)
                            .build())
                    .build(),
                BucketLifecycleConfigurationV2RuleArgs.builder()
                    .id("expire-access-logs")
                    .status("Enabled")
                    .filter(
                        BucketLifecycleConfigurationV2RuleFilterArgs.builder()
                            .prefix(s.accessLogPrefix() + "/")
                            .build())
                    .expiration(
                        BucketLifecycleConfigurationV2RuleExpirationArgs.builder()
                            .days(s.accessLogRetentionDays())
                            .build())
                    .build(),
                BucketLifecycleConfigurationV2RuleArgs.builder()
                    .id("expire-old-versions")
                    .status("Enabled")
                    .filter(
                        BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix("").build())
                    .noncurrentVersionExpiration(
                        BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs.builder()
                            .noncurrentDays(s.noncurrentVersionDays())
                            .build())
                    .abortIncompleteMultipartUpload(
                        BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs
                            .builder()
                            .daysAfterInitiation(ABORT_INCOMPLETE_UPLOAD_DAYS)
                            .build())
                    .build())
            .build(),
        Children.of(this));

    this.bucketName = bucket.bucket();
    this.bucketArn = bucket.arn();
    registerOutputs(Map.of("bucketName", bucketName, "bucketArn", bucketArn));
  }

  /** Read, write and delete objects under {@code prefix} (and list it). */
  public void grantReadWrite(Grantee who, String prefix) {
    grants(who).under(prefix, "ReadWrite", concat(Actions.S3_READ, Actions.S3_WRITE));
  }

  /** Read objects under {@code prefix} (and list it); never write or delete them. */
  public void grantRead(Grantee who, String prefix) {
    grants(who).under(prefix, "Read", Actions.S3_READ);
  }

  /**
   * Add objects under {@code prefix} (and list it); never read or delete them (an overwrite keeps
   * the old version).
   */
  public void grantAppend(Grantee who, String prefix) {
    grants(who).under(prefix, "Append", Actions.S3_APPEND);
  }

  /** List one exact prefix, which names keys but reads no object ("" is the bucket's root). */
  public void grantListing(Grantee who, String literalPrefix) {
    grants(who).literals.add(literalPrefix);
  }

  private BucketGrants grants(Grantee who) {
    return who.grantsOf(this, () -> new BucketGrants(bucketArn));
  }

  /**
   * One grantee's access to this bucket: one listing statement, then a statement per granted
   * prefix.
   */
  private static final class BucketGrants implements Grantee.Grants {
    private final Output<String> bucketArn;
    private final List<String> prefixes = new ArrayList<>();
    private final List<String> literals = new ArrayList<>();
    private final List<Function<String, Statement>> objectStatements = new ArrayList<>();

    BucketGrants(Output<String> bucketArn) {
      this.bucketArn = bucketArn;
    }

    void under(String prefix, String verb, List<String> actions) {
      prefixes.add(prefix);
      objectStatements.add(
          arn ->
              new Statement(
                  verb + sid(prefix), "Allow", null, actions, List.of(objects(arn, prefix)), null));
    }

    @Override
    public Output<List<Statement>> statements() {
      var listed = List.copyOf(prefixes);
      var exact = List.copyOf(literals);
      var each = List.copyOf(objectStatements);
      return bucketArn.applyValue(
          arn -> {
            var out = new ArrayList<Statement>();
            out.add(listUnder(arn, listed, exact));
            each.forEach(f -> out.add(f.apply(arn)));
            return out;
          });
    }
  }

  private static String objects(String bucketArn, String prefix) {
    return bucketArn + "/" + prefix + "/*";
  }

  /**
   * Listing only under the granted prefixes. Every Milvus component and milvus-backup first calls
   * HeadBucket (minio-go BucketExists), which S3 authorises as s3:ListBucket with no s3:prefix in
   * the request: with a plain StringLike it would be denied and nothing would start. IfExists lets
   * a prefix-less request through (HeadBucket, and a list without a prefix, which names keys but
   * reads no object) while a list under any other prefix stays denied.
   */
  private static Statement listUnder(
      String bucketArn, List<String> prefixes, List<String> literals) {
    var allowed =
        java.util.stream.Stream.concat(
                prefixes.stream().flatMap(p -> java.util.stream.Stream.of(p + "/*", p)),
                literals.stream())
            .toList();
    return new Statement(
        "ListOwnPrefixes",
        "Allow",
        null,
        Actions.S3_LIST,
        List.of(bucketArn),
        condition("StringLikeIfExists", "s3:prefix", allowed));
  }

  private static String sid(String prefix) {
    return Character.toUpperCase(prefix.charAt(0)) + prefix.substring(1).replace("-", "");
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
