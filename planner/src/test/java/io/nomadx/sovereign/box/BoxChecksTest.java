package io.nomadx.sovereign.box;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nomadx.sovereign.config.Defaults;
import io.nomadx.sovereign.config.Settings;
import io.nomadx.sovereign.config.SettingsParser;
import io.nomadx.sovereign.support.Plans;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each check on a small hand-made cluster state: one pod or object changed per case. */
class BoxChecksTest {
  static final Settings PROD =
      SettingsParser.parse(Plans.config(Plans.PROD, Map.of()), Defaults.PROJECT);
  static final String REGISTRY = PROD.milvus().images().registry();

  static JsonNode json(String s) throws Exception {
    return BoxPlan.JSON.readTree(s.replace('\'', '"'));
  }

  static JsonNode pod(String name, String image, String memoryLimit, String env) throws Exception {
    return json(
        "{'metadata':{'namespace':'milvus','name':'"
            + name
            + "','labels':{'app':'pulsar','component':'broker'}},"
            + "'spec':{'nodeName':'n1','containers':[{'name':'"
            + name
            + "','image':'"
            + image
            + "',"
            + "'resources':{'limits':{'memory':'"
            + memoryLimit
            + "'}},'env':["
            + env
            + "]}]},'status':{'phase':'Running'}}");
  }

  static List<String> run(
      java.util.function.Consumer<BoxChecks> check, Map<String, List<JsonNode>> items) {
    var checks = new BoxChecks(PROD, new BoxPlan(List.of()), new ClusterState(items));
    check.accept(checks);
    return checks.lines();
  }

  @Test
  void jvmHeapPlusDirectMemoryMustFitTheLimit() throws Exception {
    String env =
        "{'name':'PULSAR_MEM','value':'-Xms4096m -Xmx4096m -XX:MaxDirectMemorySize=8192m'}";
    var lines =
        run(
            BoxChecks::jvmMemory,
            Map.of("pods", List.of(pod("broker", REGISTRY + "/x:1", "4Gi", env))));
    assertTrue(
        lines
            .get(0)
            .startsWith(
                "FAIL jvm-memory-fits-limits: broker: -Xmx 4096Mi + MaxDirectMemorySize 8192Mi > limit 4096Mi"),
        lines.get(0));
    String small = "{'name':'PULSAR_MEM','value':'-Xmx1g -XX:MaxDirectMemorySize=1g'}";
    lines =
        run(
            BoxChecks::jvmMemory,
            Map.of("pods", List.of(pod("broker", REGISTRY + "/x:1", "4Gi", small))));
    assertTrue(lines.get(0).startsWith("PASS jvm-memory-fits-limits"), lines.get(0));
  }

  @Test
  void imagesMustComeFromTheRegistryWithATag() throws Exception {
    var lines =
        run(
            BoxChecks::images,
            Map.of(
                "pods",
                List.of(
                    pod("a", REGISTRY + "/milvusdb/milvus:v2.5.14", "1Gi", ""),
                    pod("b", "apachepulsar/pulsar:3.0.7", "1Gi", ""),
                    pod("c", REGISTRY + "/milvusdb/milvus", "1Gi", ""))));
    assertTrue(
        lines.get(0).startsWith("FAIL images-from-registry")
            && lines.get(0).contains("apachepulsar/pulsar:3.0.7")
            && !lines.get(0).contains("v2.5.14"),
        lines.get(0));
    assertEquals(
        "FAIL images-pinned: no tag or :latest: " + REGISTRY + "/milvusdb/milvus", lines.get(1));
  }

  @Test
  void mountedSecretsMustExist() throws Exception {
    JsonNode p =
        json(
            "{'metadata':{'namespace':'milvus','name':'proxy'},'spec':{'volumes':[{'name':'tls','secret':"
                + "{'secretName':'milvus-tls'}}],'containers':[]}}");
    var lines = run(BoxChecks::mounts, Map.of("pods", List.of(p)));
    assertEquals(
        "FAIL mounted-secrets-and-configmaps-exist: missing: secret milvus/milvus-tls (needed by 1 pods and "
            + "templates, e.g. pod milvus/proxy)",
        lines.get(0));
    lines =
        run(
            BoxChecks::mounts,
            Map.of(
                "pods",
                List.of(p),
                "secrets",
                List.of(json("{'metadata':{'namespace':'milvus','name':'milvus-tls'}}"))));
    assertTrue(lines.get(0).startsWith("PASS"), lines.get(0));
  }

  @Test
  void membersInOneZoneFail() throws Exception {
    var nodes = new ArrayList<JsonNode>();
    var pods = new ArrayList<JsonNode>();
    for (int i = 0; i < 3; i++) {
      nodes.add(
          json(
              "{'metadata':{'name':'n"
                  + i
                  + "','labels':{'topology.kubernetes.io/zone':'me-central-1"
                  + (i < 2 ? "a" : "b")
                  + "'}}}"));
      pods.add(
          json(
              "{'metadata':{'namespace':'milvus','name':'milvus-etcd-"
                  + i
                  + "','labels':{'app.kubernetes.io/name':'etcd'}},"
                  + "'spec':{'nodeName':'n"
                  + i
                  + "'},'status':{'phase':'Running'}}"));
    }
    var lines = run(c -> c.distinctZones("etcd"), Map.of("nodes", nodes, "pods", pods));
    assertTrue(lines.get(0).startsWith("FAIL distinct-zones-etcd"), lines.get(0));
  }

  @Test
  void quantities() {
    assertEquals(4L << 30, BoxChecks.quantity("4Gi"));
    assertEquals(512L << 20, BoxChecks.quantity("512Mi"));
    assertEquals(2_000_000_000L, BoxChecks.quantity("2G"));
    assertEquals(8L << 30, BoxChecks.bytes("8", "g"));
  }
}
