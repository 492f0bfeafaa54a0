package io.nomadx.sovereign.storage;

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
import com.pulumi.resources.ProviderResource;
import io.nomadx.sovereign.config.Settings;
import io.nomadx.sovereign.identity.Actions;
import io.nomadx.sovereign.support.Children;
import io.nomadx.sovereign.support.PolicyDocument;
import io.nomadx.sovereign.support.PolicyDocument.Statement;

import java.util.List;
import java.util.Map;

import static io.nomadx.sovereign.support.PolicyDocument.condition;

/**
 * The in-region bucket that is Milvus's source of truth: SSE-KMS under the data key with a bucket
 * key, versioned, never public, owner-enforced, TLS-only, writes only under the data key, no
 * replication of any kind. The bucket and the settings that guard it are protected and retained.
 */
public final class SegmentBucket extends ComponentResource {
    /** Glacier Instant Retrieval: archived backups stay readable by milvus-backup without a restore request. */
    public static final String ARCHIVE_STORAGE_CLASS = "GLACIER_IR";
    /** Parts of an abandoned multipart upload are billed until aborted. */
    public static final int ABORT_INCOMPLETE_UPLOAD_DAYS = 7;

    public final Output<String> bucketName;
    public final Output<String> bucketArn;
    private final Output<String> keyArn;

    public record Args(Settings.StorageSettings settings, Output<String> dataKeyArn, ProviderResource aws) {
    }

    public SegmentBucket(String name, Args args, ComponentResourceOptions options) {
        super("sovereign:storage:SegmentBucket", name, options);
        var s = args.settings();
        var aws = args.aws();

        var bucket = new BucketV2(name, BucketV2Args.builder()
                .bucket(s.bucketName())
                .forceDestroy(false) // a delete must never take segments with it
                .objectLockEnabled(false)
                .tags(Map.of("Name", s.bucketName()))
                .build(), Children.stateful(this, aws));

        BucketGuards.apply(this, name, bucket, args.dataKeyArn(), aws, (bucketArn, keyArn) -> List.of());

        new BucketLifecycleConfigurationV2(name + "-lifecycle", BucketLifecycleConfigurationV2Args.builder()
                .bucket(bucket.id())
                .rules(
                        BucketLifecycleConfigurationV2RuleArgs.builder()
                                .id("archive-backups")
                                .status("Enabled")
                                .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix(s.backupPrefix() + "/").build())
                                .transitions(BucketLifecycleConfigurationV2RuleTransitionArgs.builder()
                                        .days(s.backupArchiveAfterDays()).storageClass(ARCHIVE_STORAGE_CLASS).build())
                                .build(),
                        BucketLifecycleConfigurationV2RuleArgs.builder()
                                .id("expire-access-logs")
                                .status("Enabled")
                                .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix(s.accessLogPrefix() + "/").build())
                                .expiration(BucketLifecycleConfigurationV2RuleExpirationArgs.builder()
                                        .days(s.accessLogRetentionDays()).build())
                                .build(),
                        BucketLifecycleConfigurationV2RuleArgs.builder()
                                .id("expire-old-versions")
                                .status("Enabled")
                                .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix("").build())
                                .noncurrentVersionExpiration(BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs.builder()
                                        .noncurrentDays(s.noncurrentVersionDays()).build())
                                .abortIncompleteMultipartUpload(BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs.builder()
                                        .daysAfterInitiation(ABORT_INCOMPLETE_UPLOAD_DAYS).build())
                                .build())
                .build(), Children.of(this, aws));

        this.bucketName = bucket.bucket();
        this.bucketArn = bucket.arn();
        this.keyArn = args.dataKeyArn();
        registerOutputs(Map.of("bucketName", bucketName, "bucketArn", bucketArn));
    }

    /**
     * What Milvus does with the bucket (CDK-style grant), from its source at v2.5.14:
     * <ul>
     *   <li>read, write and delete segments under the data prefix (internal/storage/minio_object_storage.go;
     *       multipart above 16 MiB, minio-go api-put-object.go);</li>
     *   <li>read and list backups: a restore from the same bucket copies nothing and Milvus's import
     *       reads the backup's binlogs where they lie (milvus-backup v0.5.16 core/restore/coll_task.go
     *       copyAndRewriteDir), but never write or delete them;</li>
     *   <li>add to its access log, never read, change or delete it (internal/proxy/accesslog/minio_handler.go
     *       uploads to proxy.accessLog.remotePath at the bucket root, not under minio.rootPath);</li>
     *   <li>list the prefix "justforconnectioncheck" at the bucket root: segcore's start-up check on
     *       QueryNodes and IndexNodes (internal/core/src/storage/MinioChunkManager.cpp PreCheck).</li>
     * </ul>
     */
    public Output<String> milvusAccessPolicy(Settings.StorageSettings s) {
        return Output.tuple(bucketArn, keyArn).applyValue(t -> PolicyDocument.create()
                .add(listUnder(t.t1, List.of(s.dataPrefix(), s.backupPrefix(), s.accessLogPrefix()), List.of(SEGCORE_CONNECTION_CHECK)))
                .allow("ReadWrite" + sid(s.dataPrefix()), concat(Actions.S3_READ, Actions.S3_WRITE), List.of(objects(t.t1, s.dataPrefix())))
                .allow("Read" + sid(s.backupPrefix()), Actions.S3_READ, List.of(objects(t.t1, s.backupPrefix())))
                .allow("Append" + sid(s.accessLogPrefix()), Actions.S3_APPEND, List.of(objects(t.t1, s.accessLogPrefix())))
                .allow("UseDataKey", Actions.KMS_FOR_S3, List.of(t.t2))
                .toJson());
    }

    /**
     * What milvus-backup v0.5.16 does: read Milvus's segments (core/backup/coll_dml_task.go), copy
     * them server-side into the backup prefix and write, list and delete there (internal/storage/minio.go;
     * CopyObject needs s3:GetObject on the source and s3:PutObject on the target). Its bucket check
     * lists the backup bucket at its root with an empty prefix (internal/storage/factory.go
     * CreateBucketIfNotExist). It never writes or deletes under the data prefix.
     */
    public Output<String> backupAccessPolicy(Settings.StorageSettings s) {
        return Output.tuple(bucketArn, keyArn).applyValue(t -> PolicyDocument.create()
                .add(listUnder(t.t1, List.of(s.dataPrefix(), s.backupPrefix()), List.of("")))
                .allow("Read" + sid(s.dataPrefix()), Actions.S3_READ, List.of(objects(t.t1, s.dataPrefix())))
                .allow("ReadWrite" + sid(s.backupPrefix()), concat(Actions.S3_READ, Actions.S3_WRITE), List.of(objects(t.t1, s.backupPrefix())))
                .allow("UseDataKey", Actions.KMS_FOR_S3, List.of(t.t2))
                .toJson());
    }

    /** The literal prefix segcore lists at start-up to check its connection (see milvusAccessPolicy). */
    static final String SEGCORE_CONNECTION_CHECK = "justforconnectioncheck";

    private static String objects(String bucketArn, String prefix) {
        return bucketArn + "/" + prefix + "/*";
    }

    /**
     * Listing only under the given prefixes. Every Milvus component and milvus-backup first calls
     * HeadBucket (minio-go BucketExists), which S3 authorises as s3:ListBucket with no s3:prefix in
     * the request: with a plain StringLike it would be denied and nothing would start. IfExists lets
     * a prefix-less request through (HeadBucket, and a list without a prefix, which names keys but
     * reads no object) while a list under any other prefix stays denied.
     */
    private static Statement listUnder(String bucketArn, List<String> prefixes, List<String> literals) {
        var allowed = java.util.stream.Stream.concat(
                prefixes.stream().flatMap(p -> java.util.stream.Stream.of(p + "/*", p)), literals.stream()).toList();
        return new Statement("ListOwnPrefixes", "Allow", null, Actions.S3_LIST, List.of(bucketArn),
                condition("StringLikeIfExists", "s3:prefix", allowed));
    }

    private static String sid(String prefix) {
        return Character.toUpperCase(prefix.charAt(0)) + prefix.substring(1).replace("-", "");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
