package io.nomadx.sovereign.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nomadx.sovereign.plan.Registration;
import io.nomadx.sovereign.support.Plans;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NodePoolTest {
  private static final String GROUP = "aws:eks/nodeGroup:NodeGroup";
  private static final String TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";

  @ParameterizedTest
  @ValueSource(strings = {"milvus-prod-system", "milvus-prod-general", "milvus-prod-querynode"})
  void everyPoolIsImdsV2EncryptedAl2023AcrossAllZones(String pool) {
    var plan = Plans.prod();
    Registration lt = plan.one(TEMPLATE, pool);
    assertEquals("required", lt.input("metadataOptions.httpTokens").asText());
    assertEquals(1, lt.input("metadataOptions.httpPutResponseHopLimit").asInt());
    var ebs = lt.input("blockDeviceMappings.0.ebs");
    assertEquals("true", ebs.path("encrypted").asText());
    assertEquals(
        plan.one("aws:kms/key:Key", "keys-data").output("arn").asText(),
        ebs.path("kmsKeyId").asText());
    assertEquals("gp3", ebs.path("volumeType").asText());

    Registration group = plan.one(GROUP, pool);
    assertEquals("AL2023_x86_64_STANDARD", group.input("amiType").asText());
    assertEquals(lt.id(), group.input("launchTemplate.id").asText());
    assertEquals(3, group.input("subnetIds").size(), "spans every configured zone");
    assertEquals("1.34", group.input("version").asText());
    assertFalse(
        group.ignoreChanges().contains("scalingConfig.desiredSize"),
        "the stack owns the node count (no autoscaler)");
    var vpcCni = plan.one("aws:eks/addon:Addon", "addons-vpc-cni");
    assertTrue(group.dependencies().contains(vpcCni.urn()), "nodes join after the CNI exists");
  }

  @Test
  void queryNodePoolIsMemoryOptimizedLabelledAndTainted() {
    var group = Plans.prod().one(GROUP, "milvus-prod-querynode");
    assertEquals("r6i.xlarge", group.input("instanceTypes.0").asText());
    assertEquals("memory-optimized", group.input("labels").path("nomadx.io/pool").asText());
    var taint = group.input("taints.0");
    assertEquals(
        Map.of("key", "nomadx.io/pool", "value", "memory-optimized", "effect", "NO_SCHEDULE"),
        Map.of(
            "key",
            taint.path("key").asText(),
            "value",
            taint.path("value").asText(),
            "effect",
            taint.path("effect").asText()));
    assertEquals(1, group.input("taints").size());
  }

  @Test
  void otherPoolsAreNotTainted() {
    var plan = Plans.prod();
    assertTrue(plan.one(GROUP, "milvus-prod-general").input("taints").isMissingNode());
    assertEquals(
        "general",
        plan.one(GROUP, "milvus-prod-general").input("labels").path("nomadx.io/pool").asText());
  }

  @Test
  void sizesComeFromConfig() {
    var group = Plans.dev().one(GROUP, "milvus-dev-querynode");
    assertEquals(1, group.input("scalingConfig.minSize").asInt());
    assertEquals(2, group.input("scalingConfig.desiredSize").asInt());
    assertEquals(3, group.input("scalingConfig.maxSize").asInt());
    assertEquals("r6i.large", group.input("instanceTypes.0").asText());
  }

  @Test
  void gravitonTypesGetTheArmAmi() {
    var plan =
        Plans.of(
            Plans.DEV, Map.of("nodePools", "{\"general\":{\"instanceTypes\":[\"m7g.2xlarge\"]}}"));
    assertEquals(
        "AL2023_ARM_64_STANDARD", plan.one(GROUP, "milvus-dev-general").input("amiType").asText());
    assertEquals(
        "AL2023_x86_64_STANDARD",
        plan.one(GROUP, "milvus-dev-querynode").input("amiType").asText());
  }
}
