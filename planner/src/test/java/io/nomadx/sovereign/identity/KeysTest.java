package io.nomadx.sovereign.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nomadx.sovereign.support.PlanView;
import io.nomadx.sovereign.support.Plans;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeysTest {
  private static JsonNode statement(JsonNode policy, String sid) {
    for (JsonNode s : policy.path("Statement")) {
      if (s.path("Sid").asText().equals(sid)) {
        return s;
      }
    }
    throw new AssertionError("no statement " + sid + " in " + policy);
  }

  private static List<String> actions(JsonNode st) {
    var out = new ArrayList<String>();
    if (st.path("Action").isArray()) {
      st.path("Action").forEach(a -> out.add(a.asText()));
    } else {
      out.add(st.path("Action").asText());
    }
    return out;
  }

  @Test
  void bothKeysRotateWaitThirtyDaysAndAreProtected() {
    var keys = Plans.prod().ofType("aws:kms/key:Key");
    assertEquals(2, keys.size());
    keys.forEach(
        k -> {
          assertTrue(k.input("enableKeyRotation").asBoolean(), k.name());
          assertEquals(30, k.input("deletionWindowInDays").asInt(), k.name());
          assertFalse(
              k.input("multiRegion").asBoolean(),
              k.name() + " must not be replicable out of the region");
          assertTrue(
              k.protect() && k.retainOnDelete(), k.name() + " must be protected and retained");
        });
    var aliases =
        Plans.prod().ofType("aws:kms/alias:Alias").stream()
            .map(a -> a.input("name").asText())
            .sorted()
            .toList();
    assertEquals(List.of("alias/milvus-prod-cluster", "alias/milvus-prod-data"), aliases);
  }

  @Test
  void accountAdministersButNeverHoldsKmsStar() {
    assertEquals(2, Plans.prod().ofType("aws:kms/key:Key").size());
    for (var k : Plans.prod().ofType("aws:kms/key:Key")) {
      JsonNode policy = PlanView.json(k.input("policy"));
      for (JsonNode st : policy.path("Statement")) {
        assertFalse(actions(st).contains("kms:*"), k.name() + " grants kms:* in " + st);
      }
      var admin = statement(policy, "AccountAdministersKey");
      assertFalse(actions(admin).contains("kms:Decrypt"), "administration must not include use");
      assertEquals("arn:aws:iam::111111111111:root", admin.path("Principal").path("AWS").asText());
    }
  }

  @Test
  void dataKeyIsUsableOnlyThroughS3AndEc2InTheRegion() {
    var data = PlanView.json(Plans.prod().one("aws:kms/key:Key", "keys-data").input("policy"));
    var use = statement(data, "AccountUseViaS3AndEc2InRegion");
    var via = use.path("Condition").path("StringEquals").path("kms:ViaService");
    assertEquals(
        List.of("s3.me-central-1.amazonaws.com", "ec2.me-central-1.amazonaws.com"),
        List.of(via.get(0).asText(), via.get(1).asText()));
    assertEquals(
        "111111111111",
        use.path("Condition").path("StringEquals").path("kms:CallerAccount").asText());
    // The Auto Scaling service-linked role may not exist yet: named in a condition, never as a
    // Principal.
    var asg = statement(data, "AutoScalingEncryptsRootVolumes");
    assertEquals("*", asg.path("Principal").path("AWS").asText());
    assertEquals(
        Keys.autoScalingRoleArn("111111111111"),
        asg.path("Condition").path("StringEquals").path("aws:PrincipalArn").asText());
  }

  @Test
  void clusterKeyServesTheClusterRoleAndRegionalLogsOnly() {
    var plan = Plans.prod();
    var cluster = PlanView.json(plan.one("aws:kms/key:Key", "keys-cluster").input("policy"));
    var roleArn = plan.one("aws:iam/role:Role", "roles-cluster").output("arn").asText();
    assertEquals(
        roleArn,
        statement(cluster, "ClusterRoleEncryptsSecrets").path("Principal").path("AWS").asText());
    var logs = statement(cluster, "CloudWatchLogsInRegion");
    assertEquals(
        "logs.me-central-1.amazonaws.com", logs.path("Principal").path("Service").asText());
    assertEquals(
        "arn:aws:logs:me-central-1:111111111111:log-group:*",
        logs.path("Condition").path("ArnLike").path("kms:EncryptionContext:aws:logs:arn").asText());
  }
}
