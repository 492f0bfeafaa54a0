package io.nomadx.sovereign.box;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Ingress decisions of Kubernetes NetworkPolicy (networking.k8s.io/v1) as the API documents them: a
 * pod selected by no Ingress policy accepts everything; a selected pod accepts a connection when
 * some rule of some selecting policy allows both the peer (namespaceSelector and/or podSelector; a
 * podSelector alone means the policy's own namespace) and the port (number, or a named
 * containerPort of the destination; endPort for ranges). ipBlock peers match no pod traffic here.
 */
public final class NetworkPolicyModel {
  private final ClusterState state;

  public NetworkPolicyModel(ClusterState state) {
    this.state = state;
  }

  /** Labels of a namespace; one the box has not got still carries kubernetes.io/metadata.name. */
  JsonNode namespaceLabels(String ns) {
    return state.all("namespaces").stream()
        .filter(n -> ClusterState.name(n).equals(ns))
        .findFirst()
        .map(n -> n.path("metadata").path("labels"))
        .orElseGet(
            () -> {
              ObjectNode l = BoxPlan.JSON.createObjectNode();
              l.put("kubernetes.io/metadata.name", ns);
              return l;
            });
  }

  static boolean isIngressPolicy(JsonNode np) {
    return hasPolicyType(np, "Ingress");
  }

  /** Whether a policy applies to `type` (Ingress or Egress) traffic of the pods it selects. */
  static boolean hasPolicyType(JsonNode np, String type) {
    JsonNode types = np.path("spec").path("policyTypes");
    if (!types.isArray() || types.isEmpty()) {
      // the API defaults policyTypes to [Ingress], plus Egress if egress rules are given
      return type.equals("Ingress") || np.path("spec").has("egress");
    }
    for (JsonNode t : types) {
      if (t.asText().equals(type)) {
        return true;
      }
    }
    return false;
  }

  /** Policies that select `pod` for ingress. */
  public List<JsonNode> selecting(JsonNode pod) {
    JsonNode labels = pod.path("metadata").path("labels");
    return state.in("networkpolicies", ClusterState.ns(pod)).stream()
        .filter(NetworkPolicyModel::isIngressPolicy)
        .filter(np -> selects(np.path("spec").path("podSelector"), labels))
        .toList();
  }

  /** An empty selector ({}) selects every pod. */
  static boolean selects(JsonNode selector, JsonNode labels) {
    if (selector.isMissingNode()
        || selector.isNull()
        || (selector.path("matchLabels").isEmpty()
            && selector.path("matchExpressions").isEmpty())) {
      return true;
    }
    return ClusterState.matches(selector, labels);
  }

  /** Whether a pod with `sourceLabels` in `sourceNs` may open `port` on `destination`. */
  public boolean allows(String sourceNs, JsonNode sourceLabels, JsonNode destination, int port) {
    List<JsonNode> policies = selecting(destination);
    if (policies.isEmpty()) {
      return true;
    }
    for (JsonNode np : policies) {
      for (JsonNode rule : np.path("spec").path("ingress")) {
        if (portAllowed(rule.path("ports"), destination, port)
            && peerAllowed(rule.path("from"), ClusterState.ns(np), sourceNs, sourceLabels)) {
          return true;
        }
      }
    }
    return false;
  }

  boolean peerAllowed(JsonNode from, String policyNs, String sourceNs, JsonNode sourceLabels) {
    if (!from.isArray() || from.isEmpty()) {
      return true;
    }
    for (JsonNode peer : from) {
      boolean hasNs = peer.has("namespaceSelector");
      boolean hasPod = peer.has("podSelector");
      if (!hasNs && !hasPod) {
        continue; // ipBlock
      }
      boolean nsOk =
          hasNs
              ? selects(peer.path("namespaceSelector"), namespaceLabels(sourceNs))
              : policyNs.equals(sourceNs);
      boolean podOk = !hasPod || selects(peer.path("podSelector"), sourceLabels);
      if (nsOk && podOk) {
        return true;
      }
    }
    return false;
  }

  static boolean portAllowed(JsonNode ports, JsonNode destination, int port) {
    if (!ports.isArray() || ports.isEmpty()) {
      return true;
    }
    for (JsonNode p : ports) {
      JsonNode value = p.path("port");
      if (value.isMissingNode() || value.isNull()) {
        return true;
      }
      if (value.isInt() || value.asText().matches("\\d+")) {
        int from = value.asInt();
        int to = p.path("endPort").asInt(from);
        if (port >= from && port <= to) {
          return true;
        }
      } else if (namedPort(destination, value.asText()) == port) {
        return true;
      }
    }
    return false;
  }

  static int namedPort(JsonNode pod, String name) {
    for (JsonNode c : pod.path("spec").path("containers")) {
      for (JsonNode p : c.path("ports")) {
        if (name.equals(p.path("name").asText())) {
          return p.path("containerPort").asInt();
        }
      }
    }
    return -1;
  }
}
