package io.nomadx.sovereign.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nomadx.sovereign.plan.Registration;
import io.nomadx.sovereign.support.PlanView;
import io.nomadx.sovereign.support.Plans;
import org.junit.jupiter.api.Test;

class SegmentBucketTest {
  /** The segment bucket's own resource of a type (the audit trail's bucket has the same parts). */
  static Registration part(String type) {
    var plan = Plans.prod();
    String component = plan.only("sovereign:storage:SegmentBucket").urn();
    var parts = plan.ofType(type).stream().filter(r -> component.equals(r.parent())).toList();
    assertEquals(1, parts.size(), "expected one " + type + " in the segment bucket");
    return parts.get(0);
  }

  @Test
  void bucketIsInRegionProtectedAndNeverForceDestroyed() {
    var b = part("aws:s3/bucketV2:BucketV2");
    assertEquals("milvus-prod-111111111111-me-central-1", b.input("bucket").asText());
    assertFalse(b.input("forceDestroy").asBoolean());
    assertTrue(b.protect() && b.retainOnDelete());
    assertEquals("me-central-1", Plans.prod().providerOf(b).input("region").asText());
  }

  @Test
  void encryptedWithTheDataKeyAndABucketKey() {
    var sse =
        part(
            "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2");
    assertEquals(
        "aws:kms", sse.input("rules.0.applyServerSideEncryptionByDefault.sseAlgorithm").asText());
    assertEquals(
        Plans.prod().one("aws:kms/key:Key", "keys-data").output("arn").asText(),
        sse.input("rules.0.applyServerSideEncryptionByDefault.kmsMasterKeyId").asText());
    assertTrue(sse.input("rules.0.bucketKeyEnabled").asBoolean());
    assertTrue(
        sse.protect() && sse.retainOnDelete(),
        "removing the config would silently downgrade encryption");
  }

  @Test
  void versionedNeverPublicOwnerEnforcedAndNotReplicated() {
    assertEquals(
        "Enabled",
        part("aws:s3/bucketVersioningV2:BucketVersioningV2")
            .input("versioningConfiguration.status")
            .asText());
    var pab = part("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock");
    for (String k :
        new String[] {
          "blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"
        }) {
      assertTrue(pab.input(k).asBoolean(), k);
    }
    assertEquals(
        "BucketOwnerEnforced",
        part("aws:s3/bucketOwnershipControls:BucketOwnershipControls")
            .input("rule.objectOwnership")
            .asText());
    assertTrue(
        Plans.prod().ofType("aws:s3/bucketReplicationConfig:BucketReplicationConfig").isEmpty());
    assertTrue(part("aws:s3/bucketV2:BucketV2").input("replicationConfiguration").isMissingNode());
  }

  @Test
  void policyDeniesPlainHttpAndWritesUnderAnyOtherKey() {
    JsonNode policy = PlanView.json(part("aws:s3/bucketPolicy:BucketPolicy").input("policy"));
    String dataKey = Plans.prod().one("aws:kms/key:Key", "keys-data").output("arn").asText();
    var tls = policy.path("Statement").get(0);
    assertEquals("Deny", tls.path("Effect").asText());
    assertEquals("false", tls.path("Condition").path("Bool").path("aws:SecureTransport").asText());
    var otherKey = policy.path("Statement").get(2);
    assertEquals("Deny", otherKey.path("Effect").asText());
    assertEquals(
        dataKey,
        otherKey
            .path("Condition")
            .path("StringNotEquals")
            .path("s3:x-amz-server-side-encryption-aws-kms-key-id")
            .asText());
    assertEquals(
        "false",
        otherKey
            .path("Condition")
            .path("Null")
            .path("s3:x-amz-server-side-encryption-aws-kms-key-id")
            .asText(),
        "only a header that is present and wrong is denied");
  }

  @Test
  void lifecycleArchivesBackupsExpiresOldVersionsAbortsUploads() {
    var rules =
        part("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2").input("rules");
    assertEquals("backups/", rules.get(0).path("filter").path("prefix").asText());
    assertEquals(30, rules.get(0).path("transitions").get(0).path("days").asInt());
    assertEquals(
        "GLACIER_IR", rules.get(0).path("transitions").get(0).path("storageClass").asText());
    assertEquals("access-logs/", rules.get(1).path("filter").path("prefix").asText());
    assertEquals(
        365,
        rules.get(1).path("expiration").path("days").asInt(),
        "access logs kept for the stack's log retention");
    assertEquals(
        90, rules.get(2).path("noncurrentVersionExpiration").path("noncurrentDays").asInt());
    assertEquals(
        7, rules.get(2).path("abortIncompleteMultipartUpload").path("daysAfterInitiation").asInt());
    rules.forEach(r -> assertEquals("Enabled", r.path("status").asText()));
  }
}
