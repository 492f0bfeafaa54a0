package io.nomadx.sovereign.evolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nomadx.sovereign.plan.PlanDiff;
import io.nomadx.sovereign.plan.PlanDiff.Op;
import io.nomadx.sovereign.plan.StackExport;
import io.nomadx.sovereign.support.PlanView;
import io.nomadx.sovereign.support.Plans;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Plan a stack, change one setting, plan again, diff: exactly the expected resources change and no
 * stateful resource is replaced, deleted or loses protect / retainOnDelete.
 */
class SafeEvolutionTest {
  private static JsonNode export(PlanView plan) {
    assertTrue(plan.ok(), () -> "plan failed: " + plan.result().errors());
    return StackExport.of(plan.result().registrations(), plan.result().componentOutputs());
  }

  private static PlanDiff.Result evolve(String stack, Map<String, String> change) {
    return PlanDiff.diff(export(Plans.of(stack, Map.of())), export(Plans.of(stack, change)));
  }

  private static List<String> names(PlanDiff.Result diff, Op op) {
    return diff.of(op).stream()
        .map(c -> c.type().substring(c.type().lastIndexOf(':') + 1) + " " + c.name())
        .sorted()
        .toList();
  }

  private static void assertNothingStatefulAtRisk(PlanDiff.Result diff) {
    assertEquals(List.of(), diff.blocked(Set.of()), diff.render(Set.of()));
  }

  @Test
  void tierSmallToMediumResizesAndReplacesOnlyTheQueryNodePool() {
    var diff = evolve(Plans.PROD, Map.of("tier", "medium"));
    // The medium tier's larger Pulsar volumes need the in-place growth steps first (issue 13).
    var blocked = diff.blocked(Set.of());
    assertEquals(List.of("milvus"), blocked.stream().map(PlanDiff.Change::name).toList());
    assertTrue(
        blocked.get(0).blocked().stream().allMatch(b -> b.startsWith("changes a Pulsar volume")),
        blocked.get(0).blocked()::toString);
    assertEquals(
        List.of("NodeGroup milvus-prod-querynode"),
        names(diff, Op.REPLACE),
        "instance types are immutable on a node group");
    assertEquals(List.of("Milvus milvus", "NodeGroup milvus-prod-general"), names(diff, Op.UPDATE));
    assertEquals(List.of(), names(diff, Op.DELETE));
  }

  @Test
  void removingTheFirstAdminDeletesOnlyThatAdminsAccess() {
    // Entries keyed by list position would re-point admin-0 at the second admin, whose entry
    // already exists: EKS allows one per principal, and the `up` fails (issue 13).
    var diff =
        evolve(
            Plans.PROD,
            Map.of("adminPrincipalArns", "[\"arn:aws:iam::111111111111:role/pulumi-deployer\"]"));
    assertNothingStatefulAtRisk(diff);
    assertEquals(
        List.of(
            "AccessEntry eks-admin-111111111111-role-platform-admin",
            "AccessPolicyAssociation eks-admin-111111111111-role-platform-admin"),
        names(diff, Op.DELETE));
    assertEquals(List.of(), names(diff, Op.UPDATE));
    assertEquals(List.of(), names(diff, Op.REPLACE));
    assertEquals(List.of(), names(diff, Op.CREATE));
  }

  @Test
  void raisingAPoolChangesTheRunningCountInTheSameUp() {
    var diff =
        evolve(
            Plans.PROD,
            Map.of("nodePools", "{\"queryNode\":{\"minSize\":4,\"desiredSize\":4,\"maxSize\":6}}"));
    assertNothingStatefulAtRisk(diff);
    assertEquals(List.of("NodeGroup milvus-prod-querynode"), names(diff, Op.UPDATE));
    assertEquals(
        List.of("scalingConfig.desiredSize", "scalingConfig.minSize"),
        diff.of(Op.UPDATE).get(0).changedPaths().stream().sorted().toList());
    assertEquals(List.of(), names(diff, Op.REPLACE));
    var group =
        Plans.of(
                Plans.PROD,
                Map.of(
                    "nodePools", "{\"queryNode\":{\"minSize\":4,\"desiredSize\":4,\"maxSize\":6}}"))
            .one("aws:eks/nodeGroup:NodeGroup", "milvus-prod-querynode");
    assertEquals(
        List.of(),
        group.ignoreChanges(),
        "no autoscaler runs: the stack owns the count, nothing may hide a change of it");
  }

  @Test
  void growingPulsarLedgersIsBlockedWithTheStepsThatWork() {
    var diff = evolve(Plans.PROD, Map.of("pulsar", "{\"ledgersGi\": 800}"));
    var blocked = diff.blocked(Set.of());
    assertEquals(
        List.of("Milvus milvus"),
        blocked.stream()
            .map(c -> c.type().substring(c.type().lastIndexOf(':') + 1) + " " + c.name())
            .toList());
    String why = String.join(" ", blocked.get(0).blocked());
    assertTrue(
        why.contains("spec.dependencies.pulsar.inCluster.values.bookkeeper.volumes.ledgers.size"),
        why);
    assertTrue(why.contains("--cascade=orphan"), why);
    assertEquals(
        List.of(),
        PlanDiff.diff(
                export(Plans.of(Plans.PROD, Map.of())),
                export(Plans.of(Plans.PROD, Map.of("pulsar", "{\"ledgersGi\": 800}"))))
            .blocked(Set.of(blocked.get(0).urn())),
        "--allow-replace names the Milvus resource once the volumes are grown");
  }

  @Test
  void milvusPatchBumpUpdatesOnlyTheMilvusResource() {
    var diff = evolve(Plans.PROD, Map.of("milvusVersion", "v2.5.15"));
    assertNothingStatefulAtRisk(diff);
    assertEquals(List.of("Milvus milvus"), names(diff, Op.UPDATE));
    var change = diff.of(Op.UPDATE).get(0);
    assertEquals(List.of("spec.components.image"), change.changedPaths());
    assertEquals(List.of(), names(diff, Op.REPLACE));
  }

  @Test
  void operatorChartBumpUpdatesTheReleaseInPlace() {
    var diff = evolve(Plans.PROD, Map.of("operatorChartVersion", "1.3.9"));
    assertNothingStatefulAtRisk(diff);
    assertEquals(List.of("Milvus milvus", "Release milvus-operator"), names(diff, Op.UPDATE));
    // The Milvus resource follows only in the operator images it names: the standby Deployment's
    // (never runs) and the config-merging init container's.
    assertEquals(
        List.of("spec.components.dummyImage", "spec.components.toolImage"),
        diff.of(Op.UPDATE).stream()
            .filter(c -> c.name().equals("milvus"))
            .findFirst()
            .orElseThrow()
            .changedPaths());
    assertEquals(List.of(), names(diff, Op.REPLACE));
  }

  @Test
  void nodePoolResizeUpdatesOneNodeGroup() {
    var diff = evolve(Plans.PROD, Map.of("nodePools", "{\"system\":{\"maxSize\":9}}"));
    assertNothingStatefulAtRisk(diff);
    assertEquals(List.of("NodeGroup milvus-prod-system"), names(diff, Op.UPDATE));
    assertEquals(List.of("scalingConfig.maxSize"), diff.of(Op.UPDATE).get(0).changedPaths());
  }

  @Test
  void anAddedClientNamespaceChangesOneNetworkPolicy() {
    var diff =
        evolve(Plans.PROD, Map.of("clientNamespaces", "[\"rag-api\",\"ingestion\",\"search\"]"));
    assertNothingStatefulAtRisk(diff);
    assertEquals(List.of("NetworkPolicy milvus-network-clients"), names(diff, Op.UPDATE));
  }

  @Test
  void excludingAZoneRemovesItsNetworkAndMovesNoOtherSubnet() {
    var diff =
        evolve(
            Plans.DEV,
            Map.of(
                "availabilityZoneIds",
                "[\"mec1-az1\",\"mec1-az2\"]",
                "acknowledgeTwoZones",
                "true"));
    assertNothingStatefulAtRisk(diff);
    assertTrue(
        names(diff, Op.DELETE).contains("Subnet network-private-mec1-az3"),
        names(diff, Op.DELETE).toString());
    assertTrue(
        names(diff, Op.DELETE).stream().noneMatch(n -> n.contains("az1") || n.contains("az2")));
    assertTrue(
        names(diff, Op.UPDATE).contains("Cluster eks"), "control-plane subnets update in place");
    // Node groups move off the zone: replaced (created first, thanks to the name prefix).
    assertEquals(
        List.of(
            "NodeGroup milvus-dev-general",
            "NodeGroup milvus-dev-querynode",
            "NodeGroup milvus-dev-system"),
        names(diff, Op.REPLACE).stream().filter(n -> n.startsWith("NodeGroup")).toList());
  }

  @Test
  void renamingTheBucketIsCaughtAndBlocked() {
    var diff = evolve(Plans.PROD, Map.of("bucketName", "milvus-prod-segments-renamed"));
    var blocked = diff.blocked(Set.of());
    assertTrue(
        blocked.stream().anyMatch(c -> c.type().equals("aws:s3/bucketV2:BucketV2")),
        diff.render(Set.of()));
    assertTrue(
        diff.render(Set.of())
            .contains(
                "!! BLOCKED: aws:s3/bucketV2:BucketV2 segments would be REPLACED (bucket forces replacement)"),
        diff.render(Set.of()));
    String bucketUrn =
        blocked.stream()
            .filter(c -> c.type().equals("aws:s3/bucketV2:BucketV2"))
            .findFirst()
            .orElseThrow()
            .urn();
    var allowed =
        blocked.stream().map(PlanDiff.Change::urn).collect(java.util.stream.Collectors.toSet());
    assertEquals(List.of(), diff.blocked(allowed), "--allow-replace for every named URN unblocks");
    assertTrue(allowed.contains(bucketUrn));
  }

  @Test
  void changingTheDataKeySpecIsBlocked() {
    var old = export(Plans.prod());
    var modified = old.deepCopy();
    for (JsonNode r : modified.path("deployment").path("resources")) {
      if (r.path("type").asText().equals("aws:kms/key:Key")) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) r.path("inputs"))
            .put("multiRegion", true);
        ((com.fasterxml.jackson.databind.node.ObjectNode) r).put("protect", false);
      }
    }
    var diff = PlanDiff.diff(old, modified);
    var render = diff.render(Set.of());
    assertTrue(
        render.contains(
            "aws:kms/key:Key keys-data would be REPLACED (multiRegion forces replacement)"),
        render);
    assertTrue(render.contains("keys-cluster loses protect"), render);
  }

  @Test
  void aTypeWithoutATableIsTreatedAsReplace() {
    var old = export(Plans.dev());
    var modified = old.deepCopy();
    for (JsonNode r : modified.path("deployment").path("resources")) {
      if (r.path("type").asText().equals("aws:ec2/vpc:Vpc")) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) r).put("type", "aws:ec2/vpcIpam:VpcIpam");
        ((com.fasterxml.jackson.databind.node.ObjectNode) r.path("inputs")).put("description", "x");
      }
    }
    var oldCopy = old.deepCopy();
    for (JsonNode r : oldCopy.path("deployment").path("resources")) {
      if (r.path("type").asText().equals("aws:ec2/vpc:Vpc")) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) r).put("type", "aws:ec2/vpcIpam:VpcIpam");
      }
    }
    var diff = PlanDiff.diff(oldCopy, modified);
    var vpc =
        diff.of(Op.REPLACE).stream()
            .filter(c -> c.type().equals("aws:ec2/vpcIpam:VpcIpam"))
            .toList();
    assertEquals(1, vpc.size());
    assertTrue(vpc.get(0).reasons().get(0).startsWith("unknown: treat as replace"));
    // What is built on the replaced resource follows it, as in a preview: its subnets get a new
    // vpcId.
    var subnet =
        diff.of(Op.REPLACE).stream()
            .filter(
                c ->
                    c.name().equals("network-private-mec1-az1")
                        && c.type().equals("aws:ec2/subnet:Subnet"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(diff.render(Set.of())));
    assertEquals(List.of("vpcId comes from network-vpc, which is replaced"), subnet.reasons());
  }
}
