package io.nomadx.sovereign.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nomadx.sovereign.identity.Actions;
import io.nomadx.sovereign.support.Plans;
import java.util.List;
import org.junit.jupiter.api.Test;

class EksClusterTest {
  private static final String CLUSTER = "aws:eks/cluster:Cluster";

  @Test
  void pinnedPrivateEncryptedAndFullyLogged() {
    var plan = Plans.prod();
    var c = plan.only(CLUSTER);
    assertEquals("1.34", c.input("version").asText());
    assertTrue(c.input("vpcConfig.endpointPrivateAccess").asBoolean());
    assertFalse(c.input("vpcConfig.endpointPublicAccess").asBoolean());
    assertEquals(0, c.input("vpcConfig.publicAccessCidrs").size());
    assertEquals(
        3, c.input("vpcConfig.subnetIds").size(), "control plane ENIs in every private subnet");
    assertEquals("secrets", c.input("encryptionConfig.resources.0").asText());
    assertEquals(
        plan.one("aws:kms/key:Key", "keys-cluster").output("arn").asText(),
        c.input("encryptionConfig.provider.keyArn").asText());
    assertEquals(
        List.of("api", "audit", "authenticator", "controllerManager", "scheduler"),
        List.of(
            c.input("enabledClusterLogTypes").get(0).asText(),
            c.input("enabledClusterLogTypes").get(1).asText(),
            c.input("enabledClusterLogTypes").get(2).asText(),
            c.input("enabledClusterLogTypes").get(3).asText(),
            c.input("enabledClusterLogTypes").get(4).asText()));
    assertEquals("API", c.input("accessConfig.authenticationMode").asText());
    assertFalse(
        c.input("accessConfig.bootstrapClusterCreatorAdminPermissions").asBoolean(),
        "no hidden creator admin");
    assertTrue(c.protect() && c.retainOnDelete());
  }

  @Test
  void controlPlaneLogGroupExistsEncryptedBeforeTheCluster() {
    var plan = Plans.prod();
    var c = plan.only(CLUSTER);
    var logs = plan.one("aws:cloudwatch/logGroup:LogGroup", "eks-control-plane-logs");
    assertEquals("/aws/eks/milvus-prod/cluster", logs.input("name").asText());
    assertTrue(c.dependencies().contains(logs.urn()), "the cluster must wait for its log group");
    assertEquals(
        plan.one("aws:kms/key:Key", "keys-cluster").output("arn").asText(),
        logs.input("kmsKeyId").asText());
    assertEquals(365, logs.input("retentionInDays").asInt());
    assertTrue(logs.protect() && logs.retainOnDelete());
  }

  @Test
  void namedPrivateRangesReachThePrivateApiThroughTheClusterSecurityGroup() {
    var plan =
        Plans.of(
            Plans.PROD, java.util.Map.of("apiAccessCidrs", "[\"10.99.0.0/24\",\"172.20.8.0/22\"]"));
    var cluster = plan.only(CLUSTER);
    assertFalse(cluster.input("vpcConfig.endpointPublicAccess").asBoolean());
    var rules = plan.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
    assertEquals(
        List.of("10.99.0.0/24", "172.20.8.0/22"),
        rules.stream().map(r -> r.input("cidrIpv4").asText()).sorted().toList());
    for (var rule : rules) {
      assertEquals(
          cluster.output("vpcConfig.clusterSecurityGroupId").asText(),
          rule.input("securityGroupId").asText());
      assertEquals(443, rule.input("fromPort").asInt());
      assertEquals(443, rule.input("toPort").asInt());
    }
    assertTrue(
        Plans.prod().ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").isEmpty(),
        "none unless named");
  }

  @Test
  void devIsPrivateByDefault() {
    var c = Plans.dev().only(CLUSTER);
    assertFalse(c.input("vpcConfig.endpointPublicAccess").asBoolean());
    assertTrue(c.input("vpcConfig.endpointPrivateAccess").asBoolean());
  }

  @Test
  void devMayOpenTheEndpointToListedCidrsOnly() {
    var c =
        Plans.of(
                Plans.DEV,
                java.util.Map.of(
                    "endpointPublicAccess", "true", "publicAccessCidrs", "[\"203.0.113.0/24\"]"))
            .only(CLUSTER);
    assertTrue(c.input("vpcConfig.endpointPublicAccess").asBoolean());
    assertEquals("203.0.113.0/24", c.input("vpcConfig.publicAccessCidrs.0").asText());
    assertEquals(1, c.input("vpcConfig.publicAccessCidrs").size());
  }

  @Test
  void eachAdminGetsAnAccessEntryWithClusterAdmin() {
    var plan = Plans.prod();
    var entries =
        plan.ofType("aws:eks/accessEntry:AccessEntry").stream()
            .map(e -> e.input("principalArn").asText())
            .sorted()
            .toList();
    assertEquals(
        List.of(
            "arn:aws:iam::111111111111:role/platform-admin",
            "arn:aws:iam::111111111111:role/pulumi-deployer"),
        entries);
    var associations = plan.ofType("aws:eks/accessPolicyAssociation:AccessPolicyAssociation");
    assertEquals(2, associations.size());
    associations.forEach(
        a -> {
          assertEquals(Actions.EKS_CLUSTER_ADMIN_ACCESS, a.input("policyArn").asText());
          assertEquals("cluster", a.input("accessScope.type").asText());
        });
  }

  @Test
  void oidcProviderTrustsTheClusterIssuerForSts() {
    var plan = Plans.prod();
    var oidc = plan.only("aws:iam/openIdConnectProvider:OpenIdConnectProvider");
    var issuer = plan.only(CLUSTER).output("identities.0.oidcs.0.issuer").asText();
    assertEquals(issuer, oidc.input("url").asText());
    assertEquals("sts.amazonaws.com", oidc.input("clientIdLists.0").asText());
    assertTrue(oidc.protect(), "replacing the OIDC provider breaks every IRSA role");
  }
}
