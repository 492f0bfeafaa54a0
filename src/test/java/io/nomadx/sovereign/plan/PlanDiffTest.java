package io.nomadx.sovereign.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        ObjectNode r = resource("pulumi:providers:aws", "aws", "{\"region\":\"" + region + "\"}", false);
        r.remove("provider");
        r.put("urn", P);
        return r;
    }

    @Test
    void unchangedResourcesAreSame() {
        var a = export(provider("me-central-1"), resource("aws:ec2/vpc:Vpc", "vpc", "{\"cidrBlock\":\"10.0.0.0/16\"}", false));
        var diff = PlanDiff.diff(a, a.deepCopy());
        assertEquals(2, diff.of(PlanDiff.Op.SAME).size());
        assertTrue(diff.render(Set.of()).startsWith("Diff: 0 to create, 0 to update, 0 to replace, 0 to delete, 2 unchanged"));
    }

    @Test
    void aMutableInputIsAnUpdateWithItsPath() {
        var a = export(provider("me-central-1"), resource("aws:ec2/vpc:Vpc", "vpc", "{\"cidrBlock\":\"10.0.0.0/16\",\"tags\":{\"a\":\"1\"}}", false));
        var b = export(provider("me-central-1"), resource("aws:ec2/vpc:Vpc", "vpc", "{\"cidrBlock\":\"10.0.0.0/16\",\"tags\":{\"a\":\"2\"}}", false));
        var change = PlanDiff.diff(a, b).of(PlanDiff.Op.UPDATE).get(0);
        assertEquals(List.of("tags.a"), change.changedPaths());
        assertTrue(PlanDiff.diff(a, b).render(Set.of()).contains("~  aws:ec2/vpc:Vpc vpc [tags.a]"));
    }

    @Test
    void aReplaceOnChangeInputIsAReplaceWithTheReason() {
        var a = export(provider("me-central-1"), resource("aws:ec2/vpc:Vpc", "vpc", "{\"cidrBlock\":\"10.0.0.0/16\"}", false));
        var b = export(provider("me-central-1"), resource("aws:ec2/vpc:Vpc", "vpc", "{\"cidrBlock\":\"10.1.0.0/16\"}", false));
        var change = PlanDiff.diff(a, b).of(PlanDiff.Op.REPLACE).get(0);
        assertEquals(List.of("cidrBlock forces replacement"), change.reasons());
        assertEquals(List.of(), change.blocked(), "a VPC holds no data");
    }

    @Test
    void listElementsAndNestedRulesCount() {
        var a = export(provider("me-central-1"), resource("aws:eks/nodeGroup:NodeGroup", "g", "{\"subnetIds\":[\"a\",\"b\"],\"scalingConfig\":{\"maxSize\":3}}", false));
        var b = export(provider("me-central-1"), resource("aws:eks/nodeGroup:NodeGroup", "g", "{\"subnetIds\":[\"a\"],\"scalingConfig\":{\"maxSize\":3}}", false));
        var change = PlanDiff.diff(a, b).of(PlanDiff.Op.REPLACE).get(0);
        assertEquals(List.of("subnetIds[1]"), change.changedPaths());
        assertEquals(List.of("subnetIds[1] forces replacement"), change.reasons());
    }

    @Test
    void numbersCompareByValueNotRepresentation() {
        var a = export(provider("me-central-1"), resource("aws:ec2/vpc:Vpc", "vpc", "{\"n\":365}", false));
        var b = export(provider("me-central-1"), resource("aws:ec2/vpc:Vpc", "vpc", "{\"n\":365.0}", false));
        assertEquals(2, PlanDiff.diff(a, b).of(PlanDiff.Op.SAME).size());
    }

    @Test
    void replacingAStatefulResourceIsBlockedUntilAllowed() {
        var a = export(provider("me-central-1"), resource("aws:s3/bucketV2:BucketV2", "b", "{\"bucket\":\"one\"}", true));
        var b = export(provider("me-central-1"), resource("aws:s3/bucketV2:BucketV2", "b", "{\"bucket\":\"two\"}", true));
        var diff = PlanDiff.diff(a, b);
        String urn = "urn:pulumi:s::p::aws:s3/bucketV2:BucketV2::b";
        assertEquals(List.of(urn), diff.blocked(Set.of()).stream().map(PlanDiff.Change::urn).toList());
        assertTrue(diff.render(Set.of()).contains("!! BLOCKED: aws:s3/bucketV2:BucketV2 b would be REPLACED (bucket forces replacement); pass --allow-replace " + urn));
        assertEquals(List.of(), diff.blocked(Set.of(urn)));
        assertTrue(diff.render(Set.of(urn)).contains("  allowed: aws:s3/bucketV2:BucketV2 b would be REPLACED"));
    }

    @Test
    void deletingAStatefulResourceIsBlockedAndSaysWhetherItIsRetained() {
        var a = export(provider("me-central-1"), resource("aws:kms/key:Key", "k", "{}", true),
                resource("aws:ec2/vpc:Vpc", "vpc", "{}", false));
        var b = export(provider("me-central-1"));
        var diff = PlanDiff.diff(a, b);
        assertEquals(2, diff.of(PlanDiff.Op.DELETE).size());
        assertEquals(1, diff.blocked(Set.of()).size(), "only the key is stateful");
        assertTrue(diff.render(Set.of()).contains("aws:kms/key:Key k would be DELETED (retained in the cloud, but no longer managed)"));
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
        var a = export(provider("me-central-1"), resource("aws:ec2/vpc:Vpc", "vpc", "{}", false),
                resource("aws:s3/bucketV2:BucketV2", "b", "{\"bucket\":\"x\"}", true));
        var b = export(provider("eu-west-1"), resource("aws:ec2/vpc:Vpc", "vpc", "{}", false),
                resource("aws:s3/bucketV2:BucketV2", "b", "{\"bucket\":\"x\"}", true));
        var diff = PlanDiff.diff(a, b);
        assertEquals(3, diff.of(PlanDiff.Op.REPLACE).size());
        var vpc = diff.of(PlanDiff.Op.REPLACE).stream().filter(c -> c.name().equals("vpc")).findFirst().orElseThrow();
        assertEquals(List.of("its provider is replaced"), vpc.reasons());
        assertEquals(1, diff.blocked(Set.of()).size(), "the bucket may not move region");
    }

    @Test
    void aTypeWithoutTableIsReplaceWhenItChangesAndSameWhenNot() {
        var a = export(provider("me-central-1"), resource("aws:rds/instance:Instance", "db", "{\"x\":1}", false));
        var b = export(provider("me-central-1"), resource("aws:rds/instance:Instance", "db", "{\"x\":2}", false));
        assertTrue(PlanDiff.diff(a, b).of(PlanDiff.Op.REPLACE).get(0).reasons().get(0).startsWith("unknown: treat as replace"));
        assertEquals(2, PlanDiff.diff(a, a.deepCopy()).of(PlanDiff.Op.SAME).size());
    }

    @Test
    void retainStorageClassesAreStatefulDeleteOnesAreNot() throws Exception {
        JsonNode retain = JSON.readTree("{\"type\":\"kubernetes:storage.k8s.io/v1:StorageClass\",\"inputs\":{\"reclaimPolicy\":\"Retain\"}}");
        JsonNode delete = JSON.readTree("{\"type\":\"kubernetes:storage.k8s.io/v1:StorageClass\",\"inputs\":{\"reclaimPolicy\":\"Delete\"}}");
        assertTrue(PlanDiff.isStateful(retain));
        assertFalse(PlanDiff.isStateful(delete));
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
