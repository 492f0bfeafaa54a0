package io.nomadx.sovereign.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nomadx.sovereign.support.Plans;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The audit trail exists unless the stack says an organisation trail covers the account. What AWS
 * decides with its bucket and key policies is the permission contract's job (policies/permissions).
 */
class ObjectAuditTrailTest {
  @Test
  void prodRecordsObjectEventsWithItsOwnTrailWaitingForItsPolicies() {
    var plan = Plans.prod();
    var trail = plan.only("aws:cloudtrail/trail:Trail");
    assertEquals("milvus-prod-segments-audit", trail.input("name").asText());
    assertEquals(
        "milvus-prod-audit-111111111111-me-central-1", trail.input("s3BucketName").asText());
    var bucketPolicy = plan.one("aws:s3/bucketPolicy:BucketPolicy", "segments-audit-policy");
    assertTrue(
        trail.dependencies().contains(bucketPolicy.urn()),
        "CreateTrail checks the bucket policy first");
    assertTrue(
        trail.dependencies().contains(plan.one("aws:kms/key:Key", "keys-cluster").urn()),
        "and the key policy");
    assertTrue(trail.protect(), "an audit trail is not deleted by a destroy");
    assertTrue(
        plan.one("aws:kms/key:Key", "keys-cluster")
            .input("policy")
            .asText()
            .contains(
                "arn:aws:cloudtrail:me-central-1:111111111111:trail/milvus-prod-segments-audit"));
  }

  @Test
  void anOrganisationTrailMeansNoTrailNoAuditBucketAndNoCloudTrailInTheKeyPolicy() {
    var plan = Plans.of(Plans.PROD, Map.of("objectAudit", "organization"));
    assertTrue(plan.ofType("aws:cloudtrail/trail:Trail").isEmpty());
    assertEquals(1, plan.ofType("aws:s3/bucketV2:BucketV2").size());
    assertFalse(
        plan.one("aws:kms/key:Key", "keys-cluster")
            .input("policy")
            .asText()
            .contains("cloudtrail"));
  }
}
