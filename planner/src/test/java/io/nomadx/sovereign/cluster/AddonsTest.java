package io.nomadx.sovereign.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nomadx.sovereign.support.Plans;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AddonsTest {
  @Test
  void versionsArePinnedFromConfig() {
    var plan =
        Plans.of(Plans.PROD, Map.of("addonVersions", "{\"coredns\":\"v1.11.4-eksbuild.2\"}"));
    var versions = new TreeMap<String, String>();
    plan.ofType("aws:eks/addon:Addon")
        .forEach(
            a -> versions.put(a.input("addonName").asText(), a.input("addonVersion").asText()));
    assertEquals(
        Map.of(
            "coredns",
            "v1.11.4-eksbuild.2",
            "kube-proxy",
            "v1.34.0-eksbuild.2",
            "vpc-cni",
            "v1.20.4-eksbuild.1",
            "aws-ebs-csi-driver",
            "v1.48.0-eksbuild.2"),
        versions);
  }

  @Test
  void ebsCsiDriverStartsOnlyOnceItsRoleMayUseTheDataKey() {
    var plan = Plans.prod();
    var csi = plan.one("aws:eks/addon:Addon", "addons-aws-ebs-csi-driver");
    var role = plan.one("aws:iam/role:Role", "ebs-csi-irsa");
    assertEquals(role.output("arn").asText(), csi.input("serviceAccountRoleArn").asText());
    assertTrue(
        plan.ofType("aws:kms/grant:Grant").isEmpty(),
        "no standing grant: EC2 creates one per volume");
    var keyPolicy = plan.one("aws:iam/rolePolicy:RolePolicy", "ebs-csi-irsa");
    assertTrue(
        keyPolicy
            .input("policy")
            .asText()
            .contains(plan.one("aws:kms/key:Key", "keys-data").output("arn").asText()));
    assertTrue(
        csi.dependencies().contains(keyPolicy.urn()),
        "the driver starts after its key permission is attached");
  }

  @Test
  void theVpcCniEnforcesNetworkPolicies() {
    var cni = Plans.prod().one("aws:eks/addon:Addon", "addons-vpc-cni");
    assertEquals(
        "{\"enableNetworkPolicy\":\"true\"}",
        cni.input("configurationValues").asText(),
        "without the network-policy agent every NetworkPolicy is ignored");
  }

  @Test
  void coreDnsWaitsForNodes() {
    var plan = Plans.prod();
    var coredns = plan.one("aws:eks/addon:Addon", "addons-coredns");
    assertEquals(
        3,
        plan.ofType("aws:eks/nodeGroup:NodeGroup").size(),
        "system, general and QueryNode pools");
    plan.ofType("aws:eks/nodeGroup:NodeGroup")
        .forEach(
            g ->
                assertTrue(
                    coredns.dependencies().contains(g.urn()), "coredns waits for " + g.name()));
  }
}
