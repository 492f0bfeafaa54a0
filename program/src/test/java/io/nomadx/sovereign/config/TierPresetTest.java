package io.nomadx.sovereign.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nomadx.sovereign.support.StackConfigs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A stack picks a tier from stacks/tiers and may override any single value of it. */
class TierPresetTest {
  @ParameterizedTest
  @CsvSource({
    "small, r6i.xlarge, 3, 3, 24Gi, INT8",
    "medium, r6i.2xlarge, 6, 6, 52Gi, INT8",
    "large, r6i.4xlarge, 16, 16, 110Gi, PQ",
    "xl, r6i.8xlarge, 32, 32, 220Gi, PQ"
  })
  void eachTierSizesTheQueryNodePoolAndComponents(
      String tier, String type, int nodes, int replicas, String memory, String quantization) {
    var s = SettingsParser.parse(StackConfigs.config(StackConfigs.PROD, Map.of("tier", tier)));
    assertEquals(List.of(type), s.nodePools().queryNode().instanceTypes());
    assertEquals(nodes, s.nodePools().queryNode().minSize());
    assertEquals(replicas, s.milvus().components().get("queryNode").replicas());
    assertEquals(memory, s.milvus().components().get("queryNode").memory());
    assertEquals(quantization, s.milvus().collection().quantization());
  }

  @Test
  void largeTiersRunFiveEtcdMembers() {
    assertEquals(
        5,
        SettingsParser.parse(StackConfigs.config(StackConfigs.PROD, Map.of("tier", "large")))
            .milvus()
            .etcd()
            .replicas());
    assertEquals(
        3,
        SettingsParser.parse(StackConfigs.config(StackConfigs.PROD, Map.of("tier", "medium")))
            .milvus()
            .etcd()
            .replicas());
  }

  @Test
  void aStackOverridesOneValueAndKeepsTheRestOfTheTier() {
    var s =
        SettingsParser.parse(
            StackConfigs.config(
                StackConfigs.PROD,
                Map.of(
                    "tier",
                    "medium",
                    "milvusComponents",
                    "{\"queryNode\":{\"replicas\":8}}",
                    "nodePools",
                    "{\"queryNode\":{\"maxSize\":12}}")));
    var q = s.milvus().components().get("queryNode");
    assertEquals(8, q.replicas());
    assertEquals("52Gi", q.memory(), "memory still from the medium tier");
    assertEquals(12, s.nodePools().queryNode().maxSize());
    assertEquals(6, s.nodePools().queryNode().minSize(), "minSize still from the medium tier");
    assertEquals(List.of("r6i.2xlarge"), s.nodePools().queryNode().instanceTypes());
  }
}
