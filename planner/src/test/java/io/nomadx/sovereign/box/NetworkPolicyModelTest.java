package io.nomadx.sovereign.box;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkPolicyModelTest {

  static JsonNode json(String s) throws Exception {
    return BoxPlan.JSON.readTree(s.replace('\'', '"'));
  }

  static ClusterState state(JsonNode... policies) throws Exception {
    return new ClusterState(
        Map.of(
            "networkpolicies",
            List.of(policies),
            "namespaces",
            List.of(
                json(
                    "{'metadata':{'name':'rag-api','labels':{'kubernetes.io/metadata.name':'rag-api'}}}"))));
  }

  static final String PROXY =
      "{'metadata':{'namespace':'milvus','labels':{'app.kubernetes.io/component':'proxy'}},"
          + "'spec':{'containers':[{'ports':[{'name':'milvus','containerPort':19530}]}]}}";

  @Test
  void unselectedPodsAcceptEverything() throws Exception {
    var model = new NetworkPolicyModel(state());
    assertTrue(model.allows("anywhere", json("{}"), json(PROXY), 19530));
  }

  @Test
  void defaultDenyThenNamespaceAndNamedPortRules() throws Exception {
    var model =
        new NetworkPolicyModel(
            state(
                json(
                    "{'metadata':{'namespace':'milvus','name':'deny'},'spec':{'podSelector':{},'policyTypes':['Ingress']}}"),
                json(
                    "{'metadata':{'namespace':'milvus','name':'clients'},'spec':{'podSelector':{'matchLabels':"
                        + "{'app.kubernetes.io/component':'proxy'}},'ingress':[{'from':[{'namespaceSelector':{'matchLabels':"
                        + "{'kubernetes.io/metadata.name':'rag-api'}}}],'ports':[{'port':'milvus'}]}]}}")));
    assertTrue(model.allows("rag-api", json("{}"), json(PROXY), 19530));
    assertFalse(model.allows("rag-api", json("{}"), json(PROXY), 9091));
    assertFalse(model.allows("default", json("{}"), json(PROXY), 19530));
  }

  @Test
  void aPodSelectorAlonePeersOnlyInThePolicysNamespace() throws Exception {
    var model =
        new NetworkPolicyModel(
            state(
                json(
                    "{'metadata':{'namespace':'milvus','name':'within'},'spec':"
                        + "{'podSelector':{},'ingress':[{'from':[{'podSelector':{}}]}]}}")));
    assertTrue(model.allows("milvus", json("{}"), json(PROXY), 2379));
    assertFalse(model.allows("rag-api", json("{}"), json(PROXY), 2379));
  }
}
