package io.nomadx.sovereign.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nomadx.sovereign.support.PlanView;
import io.nomadx.sovereign.support.Plans;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RolesTest {
  private static List<String> attached(String roleResource) {
    return Plans.prod().ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").stream()
        .filter(a -> a.name().startsWith(roleResource + "-"))
        .map(a -> a.input("policyArn").asText())
        .sorted()
        .toList();
  }

  @Test
  void clusterAndNodeRolesCarryOnlyTheManagedPoliciesTheyNeed() {
    assertEquals(List.of(Actions.EKS_CLUSTER_POLICY), attached("roles-cluster"));
    assertEquals(
        List.of(Actions.ECR_READ_ONLY_POLICY, Actions.EKS_WORKER_NODE_POLICY),
        attached("roles-node"));
    assertEquals(
        List.of(Actions.EKS_CNI_POLICY),
        attached("vpc-cni-irsa"),
        "the CNI policy is on its own IRSA role, not the nodes");
  }

  @ParameterizedTest
  @CsvSource({
    "milvus-irsa, milvus-prod-milvus, system:serviceaccount:milvus:milvus",
    "milvus-backup-irsa, milvus-prod-milvus-backup, system:serviceaccount:milvus:milvus-backup",
    "ebs-csi-irsa, milvus-prod-ebs-csi, system:serviceaccount:kube-system:ebs-csi-controller-sa",
    "vpc-cni-irsa, milvus-prod-vpc-cni, system:serviceaccount:kube-system:aws-node"
  })
  void irsaTrustIsBoundToOneServiceAccountAndTheStsAudience(
      String resource, String roleName, String subject) {
    var plan = Plans.prod();
    var role = plan.one("aws:iam/role:Role", resource);
    assertEquals(roleName, role.input("name").asText());
    JsonNode trust = PlanView.json(role.input("assumeRolePolicy"));
    assertEquals(1, trust.path("Statement").size());
    JsonNode st = trust.path("Statement").get(0);
    assertEquals("sts:AssumeRoleWithWebIdentity", st.path("Action").asText());
    String oidcArn =
        plan.only("aws:iam/openIdConnectProvider:OpenIdConnectProvider").output("arn").asText();
    assertEquals(oidcArn, st.path("Principal").path("Federated").asText());
    String host = oidcArn.substring(oidcArn.indexOf("oidc-provider/") + "oidc-provider/".length());
    assertEquals(subject, st.path("Condition").path("StringEquals").path(host + ":sub").asText());
    assertEquals(
        "sts.amazonaws.com",
        st.path("Condition").path("StringEquals").path(host + ":aud").asText());
  }

  @Test
  void milvusWritesOnlyItsPrefixAndItsAccessLogAndUsesTheDataKey() {
    // What AWS decides with this policy is the permission contract's job (policies/permissions);
    // here: no wildcard resource, and the only deletable objects are under Milvus's own prefix.
    var plan = Plans.prod();
    JsonNode policy =
        PlanView.json(plan.one("aws:iam/rolePolicy:RolePolicy", "milvus-irsa").input("policy"));
    String bucketArn = "arn:aws:s3:::milvus-prod-111111111111-me-central-1";
    String dataKey = plan.one("aws:kms/key:Key", "keys-data").output("arn").asText();
    var deletable = new java.util.ArrayList<String>();
    for (JsonNode st : policy.path("Statement")) {
      assertFalse(st.toString().contains("\"*\""), "no wildcard resource: " + st);
      if (st.path("Action").toString().contains("s3:DeleteObject")) {
        deletable.add(st.path("Resource").asText());
      }
    }
    assertEquals(List.of(bucketArn + "/milvus/*"), deletable);
    assertTrue(policy.toString().contains(bucketArn + "/access-logs/*"));
    assertTrue(policy.toString().contains(dataKey));
  }

  @Test
  void backupReadsDataAndWritesOnlyBackups() {
    JsonNode policy =
        PlanView.json(
            Plans.prod()
                .one("aws:iam/rolePolicy:RolePolicy", "milvus-backup-irsa")
                .input("policy"));
    String bucketArn = "arn:aws:s3:::milvus-prod-111111111111-me-central-1";
    for (JsonNode st : policy.path("Statement")) {
      if (st.path("Resource").asText().equals(bucketArn + "/milvus/*")) {
        assertFalse(
            st.toString().contains("s3:PutObject"), "backup must not write Milvus data: " + st);
        assertFalse(
            st.toString().contains("s3:DeleteObject"), "backup must not delete Milvus data: " + st);
      }
    }
    assertTrue(policy.toString().contains(bucketArn + "/backups/*"));
    assertTrue(policy.toString().contains("s3:PutObject"));
  }
}
