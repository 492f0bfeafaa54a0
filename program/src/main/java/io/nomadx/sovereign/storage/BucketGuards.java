package io.nomadx.sovereign.storage;

import static io.nomadx.sovereign.support.PolicyDocument.condition;

import com.pulumi.aws.s3.BucketOwnershipControls;
import com.pulumi.aws.s3.BucketOwnershipControlsArgs;
import com.pulumi.aws.s3.BucketPolicy;
import com.pulumi.aws.s3.BucketPolicyArgs;
import com.pulumi.aws.s3.BucketPublicAccessBlock;
import com.pulumi.aws.s3.BucketPublicAccessBlockArgs;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2Args;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketVersioningV2;
import com.pulumi.aws.s3.BucketVersioningV2Args;
import com.pulumi.aws.s3.inputs.BucketOwnershipControlsRuleArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketVersioningV2VersioningConfigurationArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.Resource;
import io.nomadx.sovereign.support.Children;
import io.nomadx.sovereign.support.PolicyDocument;
import io.nomadx.sovereign.support.PolicyDocument.Statement;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * What every bucket of this stack has, whatever it holds: default SSE-KMS under a key of the stack
 * with a bucket key, versioning, all four public access blocks, owner-enforced objects, and a
 * policy that denies plain HTTP and any write naming another encryption. Each guard is a protected,
 * retained child of the bucket's component, named {@code <name>-<guard>}.
 */
public final class BucketGuards {
  static final String SSE_HEADER = "s3:x-amz-server-side-encryption";
  static final String SSE_KEY_HEADER = "s3:x-amz-server-side-encryption-aws-kms-key-id";
  static final String SSE_C_HEADER = "s3:x-amz-server-side-encryption-customer-algorithm";

  private BucketGuards() {}

  /**
   * @param extraStatements statements the bucket's own users need (bucket ARN, key ARN →
   *     statements)
   * @return the bucket policy, which grants nothing until the public access block is in place
   */
  public static BucketPolicy apply(
      ComponentResource owner,
      String name,
      BucketV2 bucket,
      Output<String> keyArn,
      BiFunction<String, String, List<Statement>> extraStatements) {
    new BucketServerSideEncryptionConfigurationV2(
        name + "-encryption",
        BucketServerSideEncryptionConfigurationV2Args.builder()
            .bucket(bucket.id())
            .rules(
                BucketServerSideEncryptionConfigurationV2RuleArgs.builder()
                    .applyServerSideEncryptionByDefault(
                        BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs
                            .builder()
                            .sseAlgorithm("aws:kms")
                            .kmsMasterKeyId(keyArn)
                            .build())
                    // One data key per bucket, not per object: far fewer KMS calls.
                    .bucketKeyEnabled(true)
                    .build())
            .build(),
        Children.stateful(owner));

    new BucketVersioningV2(
        name + "-versioning",
        BucketVersioningV2Args.builder()
            .bucket(bucket.id())
            .versioningConfiguration(
                BucketVersioningV2VersioningConfigurationArgs.builder().status("Enabled").build())
            .build(),
        Children.stateful(owner));

    Resource publicBlock =
        new BucketPublicAccessBlock(
            name + "-public-access-block",
            BucketPublicAccessBlockArgs.builder()
                .bucket(bucket.id())
                .blockPublicAcls(true)
                .blockPublicPolicy(true)
                .ignorePublicAcls(true)
                .restrictPublicBuckets(true)
                .build(),
            Children.stateful(owner));

    new BucketOwnershipControls(
        name + "-ownership",
        BucketOwnershipControlsArgs.builder()
            .bucket(bucket.id())
            .rule(
                BucketOwnershipControlsRuleArgs.builder()
                    .objectOwnership("BucketOwnerEnforced")
                    .build())
            .build(),
        Children.stateful(owner));

    return new BucketPolicy(
        name + "-policy",
        BucketPolicyArgs.builder()
            .bucket(bucket.id())
            .policy(
                Output.tuple(bucket.arn(), keyArn)
                    .applyValue(t -> policy(t.t1, t.t2, extraStatements.apply(t.t1, t.t2))))
            .build(),
        Children.stateful(owner, publicBlock));
  }

  /**
   * Deny plain HTTP, and deny any write that names an encryption other than the bucket's key.
   * Correct clients send no encryption headers at all: Milvus and milvus-backup rely on the
   * bucket's default SSE-KMS, and multipart parts and server-side copies cannot carry them. So each
   * rule denies only a header that is present and wrong: the negated operator alone is true when
   * the key is absent (AWS IAM User Guide, "Condition operators": negated operators match a missing
   * key), hence the Null check beside it. Default encryption then puts every header-less write
   * under the key. Customer-provided keys (SSE-C) carry their own header and are denied outright:
   * S3 would encrypt with a key this stack does not hold.
   */
  static String policy(String bucketArn, String keyArn, List<Statement> extra) {
    var everyone = Map.of("AWS", "*");
    var objects = List.of(bucketArn + "/*");
    var doc =
        PolicyDocument.create()
            .add(
                new Statement(
                    "DenyInsecureTransport",
                    "Deny",
                    everyone,
                    List.of("s3:*"),
                    List.of(bucketArn, bucketArn + "/*"),
                    condition("Bool", "aws:SecureTransport", "false")))
            .add(
                new Statement(
                    "DenyOtherEncryption",
                    "Deny",
                    everyone,
                    List.of("s3:PutObject"),
                    objects,
                    presentAndNot(SSE_HEADER, "aws:kms")))
            .add(
                new Statement(
                    "DenyOtherKey",
                    "Deny",
                    everyone,
                    List.of("s3:PutObject"),
                    objects,
                    presentAndNot(SSE_KEY_HEADER, keyArn)))
            .add(
                new Statement(
                    "DenyCustomerProvidedKeys",
                    "Deny",
                    everyone,
                    List.of("s3:PutObject"),
                    objects,
                    condition("Null", SSE_C_HEADER, "false")));
    extra.forEach(doc::add);
    return doc.toJson();
  }

  private static Map<String, Map<String, Object>> presentAndNot(String key, String value) {
    return PolicyDocument.conditions(
        condition("StringNotEquals", key, value), condition("Null", key, "false"));
  }
}
