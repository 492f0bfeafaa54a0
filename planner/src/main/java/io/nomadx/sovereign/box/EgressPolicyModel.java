package io.nomadx.sovereign.box;

import com.fasterxml.jackson.databind.JsonNode;
import io.nomadx.sovereign.config.Cidr;
import java.util.List;

/**
 * Egress decisions of Kubernetes NetworkPolicy (networking.k8s.io/v1) the way EKS enforces them
 * (VPC CNI with enableNetworkPolicy). A pod selected by no Egress policy may connect anywhere; a
 * selected pod may connect when some rule of some selecting policy allows the destination and port.
 * The network policy controller resolves a rule's peers to addresses
 * (aws/amazon-network-policy-controller-k8s, pkg/resolvers/endpoints.go, computeEgressEndpoints):
 *
 * <ul>
 *   <li>an ipBlock is its CIDR minus its exceptions, and also matches pods whose address is in it
 *       (under the VPC CNI pods have VPC addresses);
 *   <li>a namespace/pod selector is the IPs of the matching pods, plus the ClusterIP of every
 *       non-headless Service in those namespaces whose own spec.selector the peer's podSelector
 *       matches, read as labels (getMatchingServiceClusterIPs): the node agent sees a connection to
 *       a Service before kube-proxy rewrites it, so a selector that picks the right pods but not
 *       the Service's selector does not open the Service;
 *   <li>a rule without peers allows every destination (buildAllowAllEgress).
 * </ul>
 *
 * Ports: a rule's numeric port must equal the destination port (a Service's port, whose target the
 * controller follows; the box checks Services whose port and target agree); a named port resolves
 * on the destination pod.
 */
public final class EgressPolicyModel {
  private final ClusterState state;
  private final NetworkPolicyModel ingress;

  public EgressPolicyModel(ClusterState state) {
    this.state = state;
    this.ingress = new NetworkPolicyModel(state);
  }

  static boolean isEgressPolicy(JsonNode np) {
    return NetworkPolicyModel.hasPolicyType(np, "Egress");
  }

  /** Policies that select `pod` for egress. */
  public List<JsonNode> selecting(JsonNode pod) {
    JsonNode labels = pod.path("metadata").path("labels");
    return state.in("networkpolicies", ClusterState.ns(pod)).stream()
        .filter(EgressPolicyModel::isEgressPolicy)
        .filter(np -> NetworkPolicyModel.selects(np.path("spec").path("podSelector"), labels))
        .toList();
  }

  /**
   * Whether `source` may open `port` on pod `destination` (its egress, then the destination's
   * ingress).
   */
  public boolean allowsToPod(JsonNode source, JsonNode destination, int port) {
    String ip = destination.path("status").path("podIP").asText("");
    boolean out =
        allowed(
            source,
            (rule, peer) -> {
              if (peer.has("ipBlock")) {
                return inBlock(peer.path("ipBlock"), ip);
              }
              return peerSelects(
                  peer,
                  ClusterState.ns(source),
                  ClusterState.ns(destination),
                  destination.path("metadata").path("labels"));
            },
            ports -> NetworkPolicyModel.portAllowed(ports, destination, port));
    return out
        && ingress.allows(
            ClusterState.ns(source), source.path("metadata").path("labels"), destination, port);
  }

  /**
   * Whether `source` may open `port` on `service`'s ClusterIP, as the EKS controller resolves it.
   */
  public boolean allowsToService(JsonNode source, JsonNode service, int port) {
    if (service.path("spec").path("clusterIP").asText("None").equals("None")) {
      return selecting(source).isEmpty(); // headless: only pod addresses are ever allowed
    }
    String ip = service.path("spec").path("clusterIP").asText();
    JsonNode serviceSelector = service.path("spec").path("selector");
    return allowed(
        source,
        (rule, peer) -> {
          if (peer.has("ipBlock")) {
            return inBlock(peer.path("ipBlock"), ip);
          }
          return peerSelects(
              peer, ClusterState.ns(source), ClusterState.ns(service), serviceSelector);
        },
        ports -> NetworkPolicyModel.portAllowed(ports, BoxPlan.JSON.createObjectNode(), port));
  }

  /** Whether `source` may open `port` on an address outside the cluster's pods and Services. */
  public boolean allowsToAddress(JsonNode source, String ip, int port) {
    return allowed(
        source,
        (rule, peer) -> peer.has("ipBlock") && inBlock(peer.path("ipBlock"), ip),
        ports -> NetworkPolicyModel.portAllowed(ports, BoxPlan.JSON.createObjectNode(), port));
  }

  private interface PeerTest {
    boolean matches(JsonNode rule, JsonNode peer);
  }

  private interface PortTest {
    boolean matches(JsonNode ports);
  }

  private boolean allowed(JsonNode source, PeerTest peerTest, PortTest portTest) {
    List<JsonNode> policies = selecting(source);
    if (policies.isEmpty()) {
      return true;
    }
    for (JsonNode np : policies) {
      for (JsonNode rule : np.path("spec").path("egress")) {
        if (!portTest.matches(rule.path("ports"))) {
          continue;
        }
        JsonNode to = rule.path("to");
        if (!to.isArray() || to.isEmpty()) {
          return true;
        }
        for (JsonNode peer : to) {
          if (peerTest.matches(rule, peer)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * A selector peer: its namespaces (the policy's own without a namespaceSelector) and its pod
   * selector.
   */
  private boolean peerSelects(
      JsonNode peer, String policyNs, String targetNs, JsonNode targetLabels) {
    boolean hasNs = peer.has("namespaceSelector");
    boolean nsOk =
        hasNs
            ? NetworkPolicyModel.selects(
                peer.path("namespaceSelector"), ingress.namespaceLabels(targetNs))
            : policyNs.equals(targetNs);
    return nsOk && NetworkPolicyModel.selects(peer.path("podSelector"), targetLabels);
  }

  static boolean inBlock(JsonNode block, String ip) {
    if (ip.isEmpty()
        || !Cidr.parse(block.path("cidr").asText()).map(c -> c.containsAddress(ip)).orElse(false)) {
      return false;
    }
    for (JsonNode except : block.path("except")) {
      if (Cidr.parse(except.asText()).map(c -> c.containsAddress(ip)).orElse(false)) {
        return false;
      }
    }
    return true;
  }
}
