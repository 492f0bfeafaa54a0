package io.nomadx.sovereign.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nomadx.sovereign.support.PlanView;
import io.nomadx.sovereign.support.Plans;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Grants written by the bucket and the key (SegmentBucket, Keys grant methods) make each role's
 * policy.
 */
class GrantsTest {
  private static JsonNode policy(String role) {
    return PlanView.json(Plans.prod().one("aws:iam/rolePolicy:RolePolicy", role).input("policy"));
  }

  private static List<String> sids(JsonNode policy) {
    var out = new ArrayList<String>();
    policy.path("Statement").forEach(st -> out.add(st.path("Sid").asText()));
    return out;
  }

  private static List<String> listedPrefixes(JsonNode policy) {
    var out = new ArrayList<String>();
    policy
        .path("Statement")
        .get(0)
        .path("Condition")
        .path("StringLikeIfExists")
        .path("s3:prefix")
        .forEach(p -> out.add(p.asText()));
    return out;
  }

  @Test
  void eachResourcesGrantsFormOneGroupListingFirstThenPrefixesInGrantOrderThenTheKey() {
    var milvus = policy("milvus-irsa");
    assertEquals(
        List.of(
            "ListOwnPrefixes", "ReadWriteMilvus", "ReadBackups", "AppendAccesslogs", "UseDataKey"),
        sids(milvus));
    assertEquals(
        List.of(
            "milvus/*",
            "milvus",
            "backups/*",
            "backups",
            "access-logs/*",
            "access-logs",
            "justforconnectioncheck"),
        listedPrefixes(milvus));
    var backup = policy("milvus-backup-irsa");
    assertEquals(
        List.of("ListOwnPrefixes", "ReadMilvus", "ReadWriteBackups", "UseDataKey"), sids(backup));
    assertEquals(List.of("milvus/*", "milvus", "backups/*", "backups", ""), listedPrefixes(backup));
  }

  @Test
  void theEbsCsiRoleGetsTheDataKeyForVolumesOnly() {
    var policy = policy("ebs-csi-irsa");
    assertEquals(List.of("UseDataKeyForVolumes", "GrantDataKeyToVolumesOnly"), sids(policy));
    String dataKey = Plans.prod().one("aws:kms/key:Key", "keys-data").output("arn").asText();
    policy.path("Statement").forEach(st -> assertEquals(dataKey, st.path("Resource").asText()));
    assertEquals(
        "true",
        policy
            .path("Statement")
            .get(1)
            .path("Condition")
            .path("Bool")
            .path("kms:GrantIsForAWSResource")
            .asText());
  }

  @Test
  void aGrantAfterThePolicyWasRenderedIsRefusedRatherThanLost() {
    var who = new Grantee();
    who.policy();
    var e = assertThrows(IllegalStateException.class, () -> who.grantsOf(this, () -> null));
    assertTrue(e.getMessage().contains("would be lost"), e.getMessage());
  }
}
