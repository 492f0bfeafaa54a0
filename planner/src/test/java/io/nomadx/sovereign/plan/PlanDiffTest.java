package io.nomadx.sovereign.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The diff's decisions on small hand-made exports, one rule at a time. */
class PlanDiffTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String P = "urn:pulumi:s::p::pulumi:providers:aws::aws";

  private static ObjectNode export(ObjectNode... resources) {
    ObjectNode doc = JSON.createObjectNode();
    ArrayNode list = doc.putObject("deployment").putArray("resources");
    for (ObjectNode r : resources) {
      list.add(r);
    }
    return doc;
  }

  private static ObjectNode resource(String type, String name, String inputs, boolean protect) {
    try {
      ObjectNode r = JSON.createObjectNode();
      r.put("urn", "urn:pulumi:s::p::" + type + "::" + name);
      r.put("type", type);
      r.set("inputs", JSON.readTree(inputs));
      r.put("protect", protect);
      r.put("retainOnDelete", protect);
      r.put("provider", P + "::id1");
      return r;
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode provider(String region) {
    ObjectNode r =
        resource("pulumi:providers:aws", "aws", "{\"region\":\"" + region + "\"}", false);
    r.remove("provider");
    r.put("urn", P);
    return r;
  }

  @Test
  void unchangedResourcesAreSame() {
    var a =
        export(
            provider("me-central-1"),
            resource("aws:ec2/vpc:Vpc", "vpc", "{\"cidrBlock\":\"10.0.0.0/16\"}", false));
    var diff = PlanDiff.diff(a, a.deepCopy());
    assertEquals(2, diff.of(PlanDiff.Op.SAME).size());
    assertTrue(
        diff.render(Set.of())
            .startsWith("Diff: 0 to create, 0 to update, 0 to replace, 0 to delete, 2 unchanged"));
  }

  @Test
  void aMutableInputIsAnUpdateWithItsPath() {
    var a =
        export(
            provider("me-central-1"),
            resource(
                "aws:ec2/vpc:Vpc",
                "vpc",
                "{\"cidrBlock\":\"10.0.0.0/16\",\"tags\":{\"a\":\"1\"}}",
                false));
    var b =
        export(
            provider("me-central-1"),
            resource(
                "aws:ec2/vpc:Vpc",
                "vpc",
                "{\"cidrBlock\":\"10.0.0.0/16\",\"tags\":{\"a\":\"2\"}}",
                false));
    var change = PlanDiff.diff(a, b).of(PlanDiff.Op.UPDATE).get(0);
    assertEquals(List.of("tags.a"), change.changedPaths());
    assertTrue(PlanDiff.diff(a, b).render(Set.of()).contains("~  aws:ec2/vpc:Vpc vpc [tags.a]"));
  }

  @Test
  void aReplaceOnChangeInputIsAReplaceWithTheReason() {
    var a =
        export(
            provider("me-central-1"),
            resource("aws:ec2/vpc:Vpc", "vpc", "{\"cidrBlock\":\"10.0.0.0/16\"}", false));
    var b =
        export(
            provider("me-central-1"),
            resource("aws:ec2/vpc:Vpc", "vpc", "{\"cidrBlock\":\"10.1.0.0/16\"}", false));
    var change = PlanDiff.diff(a, b).of(PlanDiff.Op.REPLACE).get(0);
    assertEquals(List.of("cidrBlock forces replacement"), change.reasons());
    assertEquals(List.of(), change.blocked(), "a VPC holds no data");
  }

  @Test
  void listElementsAndNestedRulesCount() {
    var a =
        export(
            provider("me-central-1"),
            resource(
                "aws:eks/nodeGroup:NodeGroup",
                "g",
                "{\"subnetIds\":[\"a\",\"b\"],\"scalingConfig\":{\"maxSize\":3}}",
                false));
    var b =
        export(
            provider("me-central-1"),
            resource(
                "aws:eks/nodeGroup:NodeGroup",
                "g",
                "{\"subnetIds\":[\"a\"],\"scalingConfig\":{\"maxSize\":3}}",
                false));
    var change = PlanDiff.diff(a, b).of(PlanDiff.Op.REPLACE).get(0);
    assertEquals(List.of("subnetIds[1]"), change.changedPaths());
    assertEquals(List.of("subnetIds[1] forces replacement"), change.reasons());
  }

  @Test
  void numbersCompareByValueNotRepresentation() {
    var a =
        export(provider("me-central-1"), resource("aws:ec2/vpc:Vpc", "vpc", "{\"n\":365}", false));
    var b =
        export(
            provider("me-central-1"), resource("aws:ec2/vpc:Vpc", "vpc", "{\"n\":365.0}", false));
    assertEquals(2, PlanDiff.diff(a, b).of(PlanDiff.Op.SAME).size());
  }

  @Test
  void replacingAStatefulResourceIsBlockedUntilAllowed() {
    var a =
        export(
            provider("me-central-1"),
            resource("aws:s3/bucketV2:BucketV2", "b", "{\"bucket\":\"one\"}", true));
    var b =
        export(
            provider("me-central-1"),
            resource("aws:s3/bucketV2:BucketV2", "b", "{\"bucket\":\"two\"}", true));
    var diff = PlanDiff.diff(a, b);
    String urn = "urn:pulumi:s::p::aws:s3/bucketV2:BucketV2::b";
    assertEquals(List.of(urn), diff.blocked(Set.of()).stream().map(PlanDiff.Change::urn).toList());
    assertTrue(
        diff.render(Set.of())
            .contains(
                "!! BLOCKED: aws:s3/bucketV2:BucketV2 b would be REPLACED (bucket forces replacement); pass --allow-replace "
                    + urn));
    assertEquals(List.of(), diff.blocked(Set.of(urn)));
    assertTrue(
        diff.render(Set.of(urn))
            .contains("  allowed: aws:s3/bucketV2:BucketV2 b would be REPLACED"));
  }

  @Test
  void deletingAStatefulResourceIsBlockedAndSaysWhetherItIsRetained() {
    var a =
        export(
            provider("me-central-1"),
            resource("aws:kms/key:Key", "k", "{}", true),
            resource("aws:ec2/vpc:Vpc", "vpc", "{}", false));
    var b = export(provider("me-central-1"));
    var diff = PlanDiff.diff(a, b);
    assertEquals(2, diff.of(PlanDiff.Op.DELETE).size());
    assertEquals(1, diff.blocked(Set.of()).size(), "only the key is stateful");
    assertTrue(
        diff.render(Set.of())
            .contains(
                "aws:kms/key:Key k would be DELETED (retained in the cloud, but no longer managed)"));
  }

  @Test
  void losingProtectionIsBlockedEvenWithoutAReplace() {
    var a = export(provider("me-central-1"), resource("aws:ec2/vpc:Vpc", "vpc", "{}", true));
    var b = export(provider("me-central-1"), resource("aws:ec2/vpc:Vpc", "vpc", "{}", false));
    var blocked = PlanDiff.diff(a, b).blocked(Set.of());
    assertEquals(List.of("loses protect", "loses retainOnDelete"), blocked.get(0).blocked());
  }

  @Test
  void aNewRegionReplacesTheProviderAndEverythingItManages() {
    var a =
        export(
            provider("me-central-1"),
            resource("aws:ec2/vpc:Vpc", "vpc", "{}", false),
            resource("aws:s3/bucketV2:BucketV2", "b", "{\"bucket\":\"x\"}", true));
    var b =
        export(
            provider("eu-west-1"),
            resource("aws:ec2/vpc:Vpc", "vpc", "{}", false),
            resource("aws:s3/bucketV2:BucketV2", "b", "{\"bucket\":\"x\"}", true));
    var diff = PlanDiff.diff(a, b);
    assertEquals(3, diff.of(PlanDiff.Op.REPLACE).size());
    var vpc =
        diff.of(PlanDiff.Op.REPLACE).stream()
            .filter(c -> c.name().equals("vpc"))
            .findFirst()
            .orElseThrow();
    assertEquals(List.of("its provider is replaced"), vpc.reasons());
    assertEquals(1, diff.blocked(Set.of()).size(), "the bucket may not move region");
  }

  @Test
  void aTypeWithoutTableIsReplaceWhenItChangesAndSameWhenNot() {
    var a =
        export(
            provider("me-central-1"),
            resource("aws:rds/instance:Instance", "db", "{\"x\":1}", false));
    var b =
        export(
            provider("me-central-1"),
            resource("aws:rds/instance:Instance", "db", "{\"x\":2}", false));
    assertTrue(
        PlanDiff.diff(a, b)
            .of(PlanDiff.Op.REPLACE)
            .get(0)
            .reasons()
            .get(0)
            .startsWith("unknown: treat as replace"));
    assertEquals(2, PlanDiff.diff(a, a.deepCopy()).of(PlanDiff.Op.SAME).size());
  }

  @Test
  void retainStorageClassesAreStatefulDeleteOnesAreNot() throws Exception {
    JsonNode retain =
        JSON.readTree(
            "{\"type\":\"kubernetes:storage.k8s.io/v1:StorageClass\",\"inputs\":{\"reclaimPolicy\":\"Retain\"}}");
    JsonNode delete =
        JSON.readTree(
            "{\"type\":\"kubernetes:storage.k8s.io/v1:StorageClass\",\"inputs\":{\"reclaimPolicy\":\"Delete\"}}");
    assertTrue(PlanDiff.isStateful(retain));
    assertFalse(PlanDiff.isStateful(delete));
  }

  // ---- a cluster stays in the VPC it was created in --------------------------------------------

  private static final String CLUSTER = "aws:eks/cluster:Cluster";
  private static final String CLUSTER_URN = "urn:pulumi:s::p::" + CLUSTER + "::eks";

  private static ObjectNode withId(ObjectNode r, String id) {
    r.put("id", id);
    return r;
  }

  private static ObjectNode vpc(String name, String id, String cidr) {
    return withId(resource("aws:ec2/vpc:Vpc", name, "{\"cidrBlock\":\"" + cidr + "\"}", false), id);
  }

  private static ObjectNode subnet(String name, String id, String vpcId) {
    return withId(
        resource("aws:ec2/subnet:Subnet", name, "{\"vpcId\":\"" + vpcId + "\"}", false), id);
  }

  private static ObjectNode cluster(String... subnets) {
    return resource(
        CLUSTER,
        "eks",
        "{\"name\":\"c\",\"vpcConfig\":{\"subnetIds\":[\""
            + String.join("\",\"", subnets)
            + "\"]}}",
        true);
  }

  /**
   * What the program's network components (and the stack) record: a VPC and its private subnets.
   */
  private static ObjectNode landingZone(String vpcId, String... subnets) {
    ObjectNode r = resource("sovereign:network:ExistingNetwork", "network", "{}", false);
    ObjectNode out = r.putObject("outputs");
    out.put("vpcId", vpcId);
    ArrayNode ids = out.putArray("privateSubnetIds");
    for (String id : subnets) {
      ids.add(id);
    }
    return r;
  }

  private static PlanDiff.Change clusterChange(PlanDiff.Result diff) {
    return diff.changes().stream()
        .filter(c -> c.urn().equals(CLUSTER_URN))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void clusterSubnetsMovingToAnotherVpcReplaceTheClusterAndAreBlocked() {
    var a =
        export(
            provider("me-central-1"),
            vpc("vpc", "vpc-1", "10.0.0.0/16"),
            subnet("a", "subnet-a", "vpc-1"),
            cluster("subnet-a"));
    var b =
        export(provider("me-central-1"), landingZone("vpc-lz", "subnet-lz"), cluster("subnet-lz"));
    var diff = PlanDiff.diff(a, b);
    var change = clusterChange(diff);
    assertEquals(PlanDiff.Op.REPLACE, change.op());
    assertEquals(
        List.of(
            "vpcConfig.subnetIds move it from VPC vpc-1 to vpc-lz, and a cluster stays in the VPC it was created in"),
        change.reasons());
    assertTrue(
        diff.render(Set.of())
            .contains(
                "!! BLOCKED: aws:eks/cluster:Cluster eks would be REPLACED (vpcConfig.subnetIds move it from VPC vpc-1 to vpc-lz"),
        diff.render(Set.of()));
  }

  @Test
  void clusterSubnetsChangingWithinTheirVpcUpdateInPlace() {
    var a =
        export(
            provider("me-central-1"),
            vpc("vpc", "vpc-1", "10.0.0.0/16"),
            subnet("a", "subnet-a", "vpc-1"),
            subnet("b", "subnet-b", "vpc-1"),
            cluster("subnet-a", "subnet-b"));
    var b =
        export(
            provider("me-central-1"),
            vpc("vpc", "vpc-1", "10.0.0.0/16"),
            subnet("a", "subnet-a", "vpc-1"),
            cluster("subnet-a"));
    assertEquals(PlanDiff.Op.UPDATE, clusterChange(PlanDiff.diff(a, b)).op());
    // A landing zone's VPC, recorded by the program in both plans: one subnet swapped for another
    // in it.
    var c =
        export(
            provider("me-central-1"),
            landingZone("vpc-lz", "subnet-1", "subnet-2"),
            cluster("subnet-1", "subnet-2"));
    var d =
        export(
            provider("me-central-1"),
            landingZone("vpc-lz", "subnet-1", "subnet-3"),
            cluster("subnet-1", "subnet-3"));
    var diff = PlanDiff.diff(c, d);
    assertEquals(PlanDiff.Op.UPDATE, clusterChange(diff).op(), diff.render(Set.of()));
    assertEquals(List.of(), diff.blocked(Set.of()));
  }

  @Test
  void clusterSubnetsWhoseVpcNoPlanShowsAreTreatedAsReplace() {
    var a = export(provider("me-central-1"), cluster("subnet-a"));
    var b = export(provider("me-central-1"), cluster("subnet-b"));
    var change = clusterChange(PlanDiff.diff(a, b));
    assertEquals(PlanDiff.Op.REPLACE, change.op());
    assertTrue(
        change
            .reasons()
            .get(0)
            .startsWith(
                "vpcConfig.subnetIds change to subnets the plans do not place in the cluster's VPC"),
        change.reasons()::toString);
    // A live cluster reports its VPC itself.
    var live = export(provider("me-central-1"), cluster("subnet-a"));
    ((ObjectNode) live.path("deployment").path("resources").get(1))
        .putObject("outputs")
        .putObject("vpcConfig")
        .put("vpcId", "vpc-1");
    var same =
        export(provider("me-central-1"), landingZone("vpc-1", "subnet-b"), cluster("subnet-b"));
    assertEquals(PlanDiff.Op.UPDATE, clusterChange(PlanDiff.diff(live, same)).op());
  }

  @Test
  void aReplacedVpcReplacesTheClusterInItEvenWhenSubnetIdsLookTheSame() {
    // Offline ids derive from names, so a new VPC range leaves the mocked subnet ids as they were.
    var a =
        export(
            provider("me-central-1"),
            vpc("vpc", "vpc-1", "10.0.0.0/16"),
            subnet("a", "subnet-a", "vpc-1"),
            cluster("subnet-a"));
    var b =
        export(
            provider("me-central-1"),
            vpc("vpc", "vpc-1", "10.9.0.0/16"),
            subnet("a", "subnet-a", "vpc-1"),
            cluster("subnet-a"));
    var change = clusterChange(PlanDiff.diff(a, b));
    assertEquals(PlanDiff.Op.REPLACE, change.op());
    assertTrue(
        change
            .reasons()
            .contains(
                "its VPC vpc-1 is replaced, and a cluster stays in the VPC it was created in"),
        change.reasons()::toString);
    assertEquals(1, change.blocked().size());
  }

  @Test
  void whatIsBuiltOnAReplacedResourceFollowsIt() {
    var oidcProvider =
        resource(
            "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
            "oidc",
            "{\"url\":\"https://issuer\"}",
            true);
    oidcProvider.putObject("propertyDependencies").putArray("url").add(CLUSTER_URN);
    var role =
        resource(
            "aws:iam/role:Role",
            "milvus",
            "{\"name\":\"milvus\",\"assumeRolePolicy\":\"{}\"}",
            false);
    role.putObject("propertyDependencies")
        .putArray("assumeRolePolicy")
        .add("urn:pulumi:s::p::aws:iam/openIdConnectProvider:OpenIdConnectProvider::oidc");
    var a =
        export(
            provider("me-central-1"),
            resource(CLUSTER, "eks", "{\"name\":\"c\",\"roleArn\":\"r1\"}", true),
            oidcProvider.deepCopy(),
            role.deepCopy());
    var b =
        export(
            provider("me-central-1"),
            resource(CLUSTER, "eks", "{\"name\":\"c\",\"roleArn\":\"r2\"}", true),
            oidcProvider,
            role);
    var diff = PlanDiff.diff(a, b);
    var oidc =
        diff.changes().stream().filter(c -> c.name().equals("oidc")).findFirst().orElseThrow();
    assertEquals(PlanDiff.Op.REPLACE, oidc.op());
    assertEquals(
        List.of("would be REPLACED (url comes from eks, which is replaced)"), oidc.blocked());
    var trust =
        diff.changes().stream().filter(c -> c.name().equals("milvus")).findFirst().orElseThrow();
    assertEquals(PlanDiff.Op.UPDATE, trust.op(), "a role's trust policy updates in place");
    assertEquals(List.of("assumeRolePolicy"), trust.changedPaths());
    // Nothing follows a resource that is only updated.
    var c =
        export(
            provider("me-central-1"),
            resource(CLUSTER, "eks", "{\"name\":\"c\",\"version\":\"1.33\"}", true),
            oidcProvider.deepCopy());
    var d =
        export(
            provider("me-central-1"),
            resource(CLUSTER, "eks", "{\"name\":\"c\",\"version\":\"1.34\"}", true),
            oidcProvider.deepCopy());
    assertEquals(
        PlanDiff.Op.SAME,
        PlanDiff.diff(c, d).changes().stream()
            .filter(x -> x.name().equals("oidc"))
            .findFirst()
            .orElseThrow()
            .op());
  }

  @Test
  void rulesCoverPathsInsideThem() {
    assertTrue(ReplaceRules.covers("subnetIds", "subnetIds"));
    assertTrue(ReplaceRules.covers("subnetIds", "subnetIds[3]"));
    assertTrue(ReplaceRules.covers("encryptionConfig", "encryptionConfig.provider.keyArn"));
    assertFalse(ReplaceRules.covers("name", "namePrefix"));
    assertFalse(ReplaceRules.covers("subnetIds", "subnet"));
    assertEquals(List.of(), ReplaceRules.forType("sovereign:network:Network").orElseThrow());
    assertTrue(ReplaceRules.forType("aws:rds/instance:Instance").isEmpty());
  }
}
