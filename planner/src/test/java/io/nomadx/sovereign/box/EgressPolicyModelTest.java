package io.nomadx.sovereign.box;

import static io.nomadx.sovereign.box.NetworkPolicyModelTest.json;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The EKS network policy controller's egress semantics, each against a case that tells them apart.
 */
class EgressPolicyModelTest {
  static final String DENY =
      "{'metadata':{'namespace':'milvus','name':'deny'},'spec':{'podSelector':{},'policyTypes':['Egress']}}";
  static final String QUERY_NODE =
      "{'metadata':{'namespace':'milvus','name':'qn','labels':{'app.kubernetes.io/name':'milvus'}},"
          + "'status':{'podIP':'10.40.1.5'}}";
  static final String KUBE_DNS =
      "{'metadata':{'namespace':'kube-system','name':'kube-dns'},'spec':{'clusterIP':'172.20.0.10',"
          + "'selector':{'k8s-app':'kube-dns'},'ports':[{'port':53,'protocol':'UDP'}]}}";

  static EgressPolicyModel model(String... policies) throws Exception {
    var items = new java.util.ArrayList<JsonNode>();
    for (String p : policies) {
      items.add(json(p));
    }
    return new EgressPolicyModel(
        new ClusterState(
            Map.of(
                "networkpolicies",
                items,
                "namespaces",
                List.of(
                    json(
                        "{'metadata':{'name':'kube-system','labels':{'kubernetes.io/metadata.name':'kube-system'}}}")))));
  }

  @Test
  void unselectedPodsMayConnectAnywhere() throws Exception {
    assertTrue(model().allowsToAddress(json(QUERY_NODE), "198.51.100.10", 443));
  }

  @Test
  void aServiceOpensOnlyWhenThePeersPodSelectorMatchesTheServicesOwnSelector() throws Exception {
    String dnsByServiceSelector =
        "{'metadata':{'namespace':'milvus','name':'dns'},'spec':{'podSelector':{},'policyTypes':['Egress'],"
            + "'egress':[{'to':[{'namespaceSelector':{'matchLabels':{'kubernetes.io/metadata.name':'kube-system'}},"
            + "'podSelector':{'matchLabels':{'k8s-app':'kube-dns'}}}],'ports':[{'protocol':'UDP','port':53}]}]}}";
    assertTrue(
        model(DENY, dnsByServiceSelector).allowsToService(json(QUERY_NODE), json(KUBE_DNS), 53));
    // The same CoreDNS pods picked by another label of theirs: pods open, the Service does not.
    String dnsByOtherLabel =
        dnsByServiceSelector.replace(
            "'k8s-app':'kube-dns'", "'eks.amazonaws.com/component':'coredns'");
    assertFalse(model(DENY, dnsByOtherLabel).allowsToService(json(QUERY_NODE), json(KUBE_DNS), 53));
    assertFalse(
        model(DENY, dnsByServiceSelector).allowsToService(json(QUERY_NODE), json(KUBE_DNS), 5353));
  }

  @Test
  void ipBlocksHonourTheirExceptionsAndPorts() throws Exception {
    String endpoints =
        "{'metadata':{'namespace':'milvus','name':'aws'},'spec':{'podSelector':{'matchLabels':{'app.kubernetes.io/name':'milvus'}},"
            + "'policyTypes':['Egress'],'egress':[{'to':[{'ipBlock':{'cidr':'10.40.232.0/22','except':['10.40.235.0/24']}}],"
            + "'ports':[{'protocol':'TCP','port':443}]}]}}";
    var m = model(DENY, endpoints);
    assertTrue(m.allowsToAddress(json(QUERY_NODE), "10.40.232.10", 443));
    assertFalse(m.allowsToAddress(json(QUERY_NODE), "10.40.235.10", 443));
    assertFalse(m.allowsToAddress(json(QUERY_NODE), "10.40.232.10", 80));
    assertFalse(m.allowsToAddress(json(QUERY_NODE), "169.254.169.254", 80));
    assertFalse(
        m.allowsToAddress(
            json("{'metadata':{'namespace':'milvus','labels':{'app.kubernetes.io/name':'etcd'}}}"),
            "10.40.232.10",
            443));
  }

  @Test
  void aRuleWithoutPeersAllowsEveryDestinationOnItsPorts() throws Exception {
    String anyOn53 =
        "{'metadata':{'namespace':'milvus','name':'any'},'spec':{'podSelector':{},'policyTypes':['Egress'],"
            + "'egress':[{'ports':[{'protocol':'UDP','port':53}]}]}}";
    assertTrue(model(DENY, anyOn53).allowsToAddress(json(QUERY_NODE), "198.51.100.10", 53));
    assertFalse(model(DENY, anyOn53).allowsToAddress(json(QUERY_NODE), "198.51.100.10", 443));
  }
}
