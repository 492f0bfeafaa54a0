package io.nomadx.sovereign.audit;

import static io.nomadx.sovereign.support.PolicyDocument.condition;
import static io.nomadx.sovereign.support.PolicyDocument.conditions;

import com.pulumi.aws.cloudtrail.Trail;
import com.pulumi.aws.cloudtrail.TrailArgs;
import com.pulumi.aws.cloudtrail.inputs.TrailAdvancedEventSelectorArgs;
import com.pulumi.aws.cloudtrail.inputs.TrailAdvancedEventSelectorFieldSelectorArgs;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2Args;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleFilterArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import io.nomadx.sovereign.storage.BucketGuards;
import io.nomadx.sovereign.support.Children;
import io.nomadx.sovereign.support.PolicyDocument.Statement;
import java.util.List;
import java.util.Map;

/**
 * Object-level audit of the segment bucket: a CloudTrail trail in this region recording every
 * object read and write of that bucket (data events), delivered to a bucket of its own in the same
 * region, encrypted with a key of the stack, with log-file validation so a tampered file shows. The
 * trail and its bucket are protected and retained. Management events are left to the account's own
 * (usually organisation) trail.
 */
public final class ObjectAuditTrail extends ComponentResource {
  private static final String CLOUDTRAIL = "cloudtrail.amazonaws.com";

  public final Output<String> trailArn;
  public final Output<String> bucketName;

  /**
   * @param auditedBucketArn the bucket whose object events are recorded
   * @param keyArn the key the log files are encrypted with (its policy admits CloudTrail for this
   *     trail)
   * @param retentionDays how long log files are kept
   */
  public record Args(
      String trailName,
      String bucketName,
      String region,
      String accountId,
      Output<String> auditedBucketArn,
      Output<String> keyArn,
      int retentionDays) {}

  /**
   * The trail's ARN, known before it exists: bucket and key policies pin CloudTrail's writes to it.
   */
  public static String arnOf(String region, String accountId, String trailName) {
    return "arn:aws:cloudtrail:" + region + ":" + accountId + ":trail/" + trailName;
  }

  public ObjectAuditTrail(String name, Args args, ComponentResourceOptions options) {
    super("sovereign:audit:ObjectAuditTrail", name, options);
    String trail = arnOf(args.region(), args.accountId(), args.trailName());

    var bucket =
        new BucketV2(
            name,
            BucketV2Args.builder()
                .bucket(args.bucketName())
                .forceDestroy(false)
                .tags(Map.of("Name", args.bucketName()))
                .build(),
            Children.stateful(this));
    // CloudTrail checks the bucket ACL, then writes under AWSLogs/<account>/, for this trail only
    // (AWS CloudTrail User Guide, "Amazon S3 bucket policy for CloudTrail": aws:SourceArn).
    var policy =
        BucketGuards.apply(
            this,
            name,
            bucket,
            args.keyArn(),
            (bucketArn, keyArn) ->
                List.of(
                    new Statement(
                        "CloudTrailAclCheck",
                        "Allow",
                        Map.of("Service", CLOUDTRAIL),
                        List.of("s3:GetBucketAcl"),
                        List.of(bucketArn),
                        condition("StringEquals", "aws:SourceArn", trail)),
                    new Statement(
                        "CloudTrailWrite",
                        "Allow",
                        Map.of("Service", CLOUDTRAIL),
                        List.of("s3:PutObject"),
                        List.of(bucketArn + "/AWSLogs/" + args.accountId() + "/*"),
                        conditions(
                            condition("StringEquals", "s3:x-amz-acl", "bucket-owner-full-control"),
                            condition("StringEquals", "aws:SourceArn", trail)))));
    new BucketLifecycleConfigurationV2(
        name + "-lifecycle",
        BucketLifecycleConfigurationV2Args.builder()
            .bucket(bucket.id())
            .rules(
                BucketLifecycleConfigurationV2RuleArgs.builder()
                    .id("expire-audit-logs")
                    .status("Enabled")
                    .filter(
                        BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix("").build())
                    .expiration(
                        BucketLifecycleConfigurationV2RuleExpirationArgs.builder()
                            .days(args.retentionDays())
                            .build())
                    .noncurrentVersionExpiration(
                        BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs.builder()
                            .noncurrentDays(args.retentionDays())
                            .build())
                    .build())
            .build(),
        Children.of(this));

    // CreateTrail fails unless the bucket policy and the key policy already admit CloudTrail
    // (InsufficientS3BucketPolicyException, InsufficientEncryptionPolicyException): it waits for
    // both.
    var auditTrail =
        new Trail(
            name,
            TrailArgs.builder()
                .name(args.trailName())
                .s3BucketName(bucket.bucket())
                .kmsKeyId(args.keyArn())
                .enableLogFileValidation(true)
                .enableLogging(true)
                .isMultiRegionTrail(
                    false) // this region's events only: nothing is delivered from elsewhere
                .includeGlobalServiceEvents(false)
                .isOrganizationTrail(false)
                .advancedEventSelectors(
                    TrailAdvancedEventSelectorArgs.builder()
                        .name("Object reads and writes of the segment bucket")
                        .fieldSelectors(
                            field("eventCategory", Output.of(List.of("Data"))),
                            field("resources.type", Output.of(List.of("AWS::S3::Object"))),
                            TrailAdvancedEventSelectorFieldSelectorArgs.builder()
                                .field("resources.ARN")
                                .startsWiths(
                                    args.auditedBucketArn().applyValue(arn -> List.of(arn + "/")))
                                .build())
                        .build())
                .build(),
            Children.stateful(this, policy));

    this.trailArn = auditTrail.arn();
    this.bucketName = bucket.bucket();
    registerOutputs(Map.of("trailArn", trailArn, "bucketName", bucketName));
  }

  private static TrailAdvancedEventSelectorFieldSelectorArgs field(
      String field, Output<List<String>> equalTo) {
    return TrailAdvancedEventSelectorFieldSelectorArgs.builder()
        .field(field)
        .equals_(equalTo)
        .build();
  }
}
