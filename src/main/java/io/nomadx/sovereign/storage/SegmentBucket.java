package io.nomadx.sovereign.storage;

import com.pulumi.aws.s3.BucketLifecycleConfigurationV2;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2Args;
import com.pulumi.aws.s3.BucketOwnershipControls;
import com.pulumi.aws.s3.BucketOwnershipControlsArgs;
import com.pulumi.aws.s3.BucketPolicy;
import com.pulumi.aws.s3.BucketPolicyArgs;
import com.pulumi.aws.s3.BucketPublicAccessBlock;
import com.pulumi.aws.s3.BucketPublicAccessBlockArgs;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2Args;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.aws.s3.BucketVersioningV2;
import com.pulumi.aws.s3.BucketVersioningV2Args;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleFilterArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleTransitionArgs;
import com.pulumi.aws.s3.inputs.BucketOwnershipControlsRuleArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketVersioningV2VersioningConfigurationArgs;
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

        new BucketServerSideEncryptionConfigurationV2(name + "-encryption",
                BucketServerSideEncryptionConfigurationV2Args.builder()
                        .bucket(bucket.id())
                        .rules(BucketServerSideEncryptionConfigurationV2RuleArgs.builder()
                                .applyServerSideEncryptionByDefault(
                                        BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs.builder()
                                                .sseAlgorithm("aws:kms")
                                                .kmsMasterKeyId(args.dataKeyArn())
                                                .build())
                                // One data key per bucket, not per object: far fewer KMS calls.
                                .bucketKeyEnabled(true)
                                .build())
                        .build(), Children.stateful(this, aws));

        new BucketVersioningV2(name + "-versioning", BucketVersioningV2Args.builder()
                .bucket(bucket.id())
                .versioningConfiguration(BucketVersioningV2VersioningConfigurationArgs.builder().status("Enabled").build())
                .build(), Children.stateful(this, aws));

        var publicBlock = new BucketPublicAccessBlock(name + "-public-access-block", BucketPublicAccessBlockArgs.builder()
                .bucket(bucket.id())
                .blockPublicAcls(true)
                .blockPublicPolicy(true)
                .ignorePublicAcls(true)
                .restrictPublicBuckets(true)
                .build(), Children.stateful(this, aws));

        new BucketOwnershipControls(name + "-ownership", BucketOwnershipControlsArgs.builder()
                .bucket(bucket.id())
                .rule(BucketOwnershipControlsRuleArgs.builder().objectOwnership("BucketOwnerEnforced").build())
                .build(), Children.stateful(this, aws));

        new BucketPolicy(name + "-policy", BucketPolicyArgs.builder()
                .bucket(bucket.id())
                .policy(Output.tuple(bucket.arn(), args.dataKeyArn()).applyValue(t -> policy(t.t1, t.t2)))
                .build(), Children.stateful(this, aws, publicBlock));

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

    /** Deny plain HTTP, and deny any write that names an encryption other than the data key. */
    static String policy(String bucketArn, String keyArn) {
        var everyone = Map.of("AWS", "*");
        return PolicyDocument.create()
                .add(new Statement("DenyInsecureTransport", "Deny", everyone, List.of("s3:*"),
                        List.of(bucketArn, bucketArn + "/*"), condition("Bool", "aws:SecureTransport", "false")))
                .add(new Statement("DenyOtherEncryption", "Deny", everyone, List.of("s3:PutObject"),
                        List.of(bucketArn + "/*"),
                        condition("StringNotEqualsIfExists", "s3:x-amz-server-side-encryption", "aws:kms")))
                .add(new Statement("DenyOtherKey", "Deny", everyone, List.of("s3:PutObject"),
                        List.of(bucketArn + "/*"),
                        condition("StringNotEqualsIfExists", "s3:x-amz-server-side-encryption-aws-kms-key-id", keyArn)))
                .toJson();
    }

    /** Read and write under one prefix, and use the data key: what Milvus needs (CDK-style grant). */
    public Output<String> readWritePolicy(String prefix) {
        return Output.tuple(bucketArn, keyArn).applyValue(t -> PolicyDocument.create()
                .add(listUnder(t.t1, List.of(prefix)))
                .allow("ReadWrite" + sid(prefix), concat(Actions.S3_READ, Actions.S3_WRITE), List.of(t.t1 + "/" + prefix + "/*"))
                .allow("UseDataKey", Actions.KMS_FOR_S3, List.of(t.t2))
                .toJson());
    }

    /** Read one prefix and write another: what milvus-backup needs. */
    public Output<String> readThenWritePolicy(String readPrefix, String writePrefix) {
        return Output.tuple(bucketArn, keyArn).applyValue(t -> PolicyDocument.create()
                .add(listUnder(t.t1, List.of(readPrefix, writePrefix)))
                .allow("Read" + sid(readPrefix), Actions.S3_READ, List.of(t.t1 + "/" + readPrefix + "/*"))
                .allow("ReadWrite" + sid(writePrefix), concat(Actions.S3_READ, Actions.S3_WRITE), List.of(t.t1 + "/" + writePrefix + "/*"))
                .allow("UseDataKey", Actions.KMS_FOR_S3, List.of(t.t2))
                .toJson());
    }

    private static Statement listUnder(String bucketArn, List<String> prefixes) {
        var allowed = prefixes.stream().flatMap(p -> java.util.stream.Stream.of(p + "/*", p)).toList();
        return new Statement("ListOwnPrefixes", "Allow", null, Actions.S3_LIST, List.of(bucketArn),
                condition("StringLike", "s3:prefix", allowed));
    }

    private static String sid(String prefix) {
        return Character.toUpperCase(prefix.charAt(0)) + prefix.substring(1).replace("-", "");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
