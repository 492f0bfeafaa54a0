package io.nomadx.sovereign.milvus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nomadx.sovereign.config.Settings;
import io.nomadx.sovereign.config.SettingsParser;
import io.nomadx.sovereign.support.Plans;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Milvus resource the program can produce is valid against the operator's published CRD. */
class MilvusCrdSchemaTest {
  private static final CrdSchema SCHEMA = CrdSchema.load("/crd/milvus.io_milvuses.yaml", "v1beta1");

  static Map<String, Object> document(Settings s) {
    var doc = new LinkedHashMap<String, Object>();
    doc.put("apiVersion", "milvus.io/v1beta1");
    doc.put("kind", "Milvus");
    doc.put(
        "metadata",
        Map.of("name", MilvusSpec.CR_NAME, "namespace", s.workloads().milvusNamespace()));
    doc.put("spec", new MilvusSpec(s.milvus(), s.milvusPlacement()).build("a-root-password"));
    return doc;
  }

  static Stream<Arguments> variants() {
    var out = new ArrayList<Arguments>();
    for (String stack : List.of(Plans.PROD, Plans.DEV)) {
      for (String tier : List.of("small", "medium", "large", "xl")) {
        out.add(Arguments.of(stack, tier, "v2.5.14", "pulsar"));
        out.add(Arguments.of(stack, tier, "v2.6.4", "pulsar"));
        out.add(Arguments.of(stack, tier, "v2.6.4", "woodpecker"));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2} {3}")
  @MethodSource("variants")
  void everyTierQueueAndStackValidates(String stack, String tier, String version, String queue) {
    var overrides = new LinkedHashMap<String, String>();
    overrides.put("tier", tier);
    overrides.put("milvusVersion", version);
    overrides.put("messageQueue", queue);
    if (stack.equals(Plans.DEV) && version.startsWith("v2.5")) {
      // dev's own component overrides name the 2.6 components; the 2.5 topology needs its own
      overrides.put(
          "milvusComponents", "{\"queryNode\":{\"replicas\":2,\"cpu\":\"1\",\"memory\":\"12Gi\"}}");
    }
    if (stack.equals(Plans.DEV)) {
      // dev's two general nodes hold its own tier and queue only (capacity.PoolFit): take the
      // tier's pool
      overrides.put("nodePools", "{\"general\":{\"minSize\":2}}");
    }
    Settings s = SettingsParser.parse(Plans.config(stack, overrides));
    var problems = SCHEMA.validate(document(s));
    assertEquals(List.of(), problems);
  }

  @Test
  void theMilvusResourceInThePlanValidates() {
    var cr = Plans.prod().only("kubernetes:milvus.io/v1beta1:Milvus");
    ObjectNode doc = cr.inputs().deepCopy();
    assertEquals(List.of(), SCHEMA.validate(doc));
  }

  @Test
  void theValidatorRejectsWhatTheApiServerWouldDropOrRefuse() {
    Settings s = SettingsParser.parse(Plans.config(Plans.PROD, Map.of()));
    ObjectNode doc = new ObjectMapper().valueToTree(document(s));
    ((ObjectNode) doc.path("spec").path("components")).put("queryNodes", 3);
    ((ObjectNode) doc.path("spec")).put("mode", "distributed");
    ((ObjectNode) doc.path("spec").path("components").path("proxy")).put("replicas", "three");
    ((ObjectNode) doc.path("spec").path("dependencies").path("etcd").path("inCluster"))
        .put("deletionPolicy", "Keep");
    var problems = SCHEMA.validate(doc);
    assertTrue(problems.contains(".spec.components.queryNodes: unknown field"), problems::toString);
    assertTrue(
        problems.stream().anyMatch(p -> p.startsWith(".spec.mode: \"distributed\" is not one of")),
        problems::toString);
    assertTrue(
        problems.contains(".spec.components.proxy.replicas: expected an integer, got \"three\""),
        problems::toString);
    assertTrue(
        problems.stream()
            .anyMatch(
                p -> p.startsWith(".spec.dependencies.etcd.inCluster.deletionPolicy: \"Keep\"")),
        problems::toString);
  }
}
