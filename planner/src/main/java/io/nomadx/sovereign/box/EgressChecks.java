package io.nomadx.sovereign.box;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nomadx.sovereign.config.Cidr;
import io.nomadx.sovereign.config.MilvusSettings.MessageQueue;
import io.nomadx.sovereign.config.Settings;
import io.nomadx.sovereign.milvus.Backups;
import io.nomadx.sovereign.milvus.NetworkPolicies;
import io.nomadx.sovereign.network.SubnetLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Where the pods the real operator and charts made in the Milvus namespace may connect, decided by
 * {@link EgressPolicyModel} over the policies, pods and Services in the box: the flows Milvus needs
 * must be open (DNS through the kube-dns Service, its dependencies through their Services, S3 and
 * STS at the endpoint subnets) and everything else shut (the internet, the instance metadata
 * service, other namespaces, AWS for pods that do not call it).
 */
final class EgressChecks {
  /** Outside the VPC: a documentation address (RFC 5737) standing for any internet host. */
  static final String INTERNET = "198.51.100.10";

  /**
   * The EC2 instance metadata service: the node role's credentials (EC2 User Guide, "Instance
   * metadata").
   */
  static final String INSTANCE_METADATA = "169.254.169.254";

  private final Settings settings;
  private final ClusterState state;
  private final EgressPolicyModel model;
  private final List<String> wrong = new ArrayList<>();
  private int flows;

  EgressChecks(Settings settings, ClusterState state) {
    this.settings = settings;
    this.state = state;
    this.model = new EgressPolicyModel(state);
  }

  /**
   * The endpoint subnets a created network has (the box deploys the stack's own config), or the
   * configured ones.
   */
  List<String> endpointCidrs() {
    var given = settings.network().awsEndpointCidrs();
    if (!given.isEmpty()) {
      return given;
    }
    var layout =
        new SubnetLayout(Cidr.parse(settings.network().vpcCidr()).orElseThrow(), settings.region());
    return settings.zoneIds().stream().map(z -> layout.endpointSubnet(z).toString()).toList();
  }

  /**
   * A host address inside a CIDR (the tenth), where an interface endpoint's network interface would
   * sit.
   */
  static String hostIn(String cidr) {
    var c = Cidr.parse(cidr).orElseThrow();
    long a = c.network().address() + 10;
    return ((a >> 24) & 255) + "." + ((a >> 16) & 255) + "." + ((a >> 8) & 255) + "." + (a & 255);
  }

  List<String> run() {
    String ns = settings.workloads().milvusNamespace();
    var pods = state.in("pods", ns);
    Optional<JsonNode> queryNode =
        pods.stream()
            .filter(p -> ClusterState.label(p, BoxChecks.COMPONENT).equals("querynode"))
            .findFirst();
    Optional<JsonNode> etcd = pods.stream().filter(BoxChecks.member("etcd")).findFirst();
    JsonNode backup = backupPod(ns);
    String endpoint = hostIn(endpointCidrs().get(0));
    var lines = new ArrayList<String>();
    if (queryNode.isEmpty() || etcd.isEmpty()) {
      lines.add(
          "FAIL networkpolicy-egress-matrix: no QueryNode or etcd pod in " + ns + " to judge");
      return lines;
    }
    JsonNode qn = queryNode.get();

    service(qn, "kube-system", "kube-dns", NetworkPolicies.DNS_PORT, true);
    serviceSelecting(qn, ns, BoxChecks.member("etcd"), NetworkPolicies.ETCD_CLIENT_PORT, true);
    pod(qn, etcd.get(), NetworkPolicies.ETCD_CLIENT_PORT, true);
    if (settings.milvus().messageQueue() == MessageQueue.PULSAR) {
      serviceSelecting(qn, ns, BoxChecks.member("proxy"), NetworkPolicies.PULSAR_PORT, true);
    }
    address(qn, endpoint, NetworkPolicies.HTTPS_PORT, "an S3/STS interface endpoint", true);
    address(backup, endpoint, NetworkPolicies.HTTPS_PORT, "an S3/STS interface endpoint", true);
    serviceSelecting(
        backup,
        ns,
        p ->
            ClusterState.label(p, BoxChecks.COMPONENT).equals("proxy")
                && ClusterState.label(p, "app.kubernetes.io/name").equals("milvus"),
        NetworkPolicies.GRPC_PORT,
        true);

    address(qn, INTERNET, NetworkPolicies.HTTPS_PORT, "the internet", false);
    address(qn, INTERNET, NetworkPolicies.DNS_PORT, "a DNS server on the internet", false);
    address(qn, INSTANCE_METADATA, 80, "the instance metadata service", false);
    address(qn, endpoint, 80, "an endpoint subnet on plain HTTP", false);
    address(
        etcd.get(),
        endpoint,
        NetworkPolicies.HTTPS_PORT,
        "an S3/STS interface endpoint (etcd never calls AWS)",
        false);
    service(qn, "default", "kubernetes", NetworkPolicies.HTTPS_PORT, false);
    state.in("pods", settings.milvus().operator().namespace()).stream()
        .findFirst()
        .ifPresent(operator -> pod(qn, operator, 8080, false));

    boolean ok = wrong.isEmpty() && flows > 0;
    lines.add(
        (ok ? "PASS" : "FAIL")
            + " networkpolicy-egress-matrix: "
            + (ok
                ? flows
                    + " egress flows decided as intended (DNS via the kube-dns Service, dependencies via their Services, "
                    + "S3/STS only at "
                    + String.join(" ", endpointCidrs())
                    + " on 443 and only for Milvus and milvus-backup; "
                    + "no internet, instance metadata, Kubernetes API or other namespace)"
                : String.join("; ", wrong)));
    return lines;
  }

  /** A milvus-backup pod as its CronJob would make it (the box never runs the schedule). */
  JsonNode backupPod(String ns) {
    ObjectNode pod = BoxPlan.JSON.createObjectNode();
    pod.putObject("metadata")
        .put("namespace", ns)
        .putObject("labels")
        .put("app.kubernetes.io/name", Backups.APP_NAME);
    return pod;
  }

  private String who(JsonNode pod) {
    String component = ClusterState.label(pod, BoxChecks.COMPONENT);
    return component.isEmpty() ? ClusterState.label(pod, "app.kubernetes.io/name") : component;
  }

  private void record(JsonNode from, String to, int port, boolean allowed, boolean intended) {
    flows++;
    if (allowed != intended) {
      wrong.add(
          who(from)
              + "→"
              + to
              + ":"
              + port
              + " "
              + (allowed ? "allowed" : "denied")
              + ", intended "
              + (intended ? "allowed" : "denied"));
    }
  }

  private void service(JsonNode from, String ns, String name, int port, boolean intended) {
    var svc = state.get("services", ns, name);
    if (svc.isEmpty()) {
      wrong.add("no Service " + ns + "/" + name + " in the box to judge " + who(from) + "→" + name);
      return;
    }
    record(
        from,
        "Service " + ns + "/" + name,
        port,
        model.allowsToService(from, svc.get(), port),
        intended);
  }

  /** The non-headless Service in `ns` whose selector picks the pods `target` describes. */
  private void serviceSelecting(
      JsonNode from, String ns, Predicate<JsonNode> target, int port, boolean intended) {
    var pods = state.in("pods", ns).stream().filter(target).toList();
    var svc =
        state.in("services", ns).stream()
            .filter(s -> !s.path("spec").path("clusterIP").asText("None").equals("None"))
            .filter(s -> s.path("spec").path("selector").size() > 0)
            .filter(
                s ->
                    pods.stream()
                        .anyMatch(
                            p ->
                                ClusterState.matches(
                                    BoxPlan.JSON
                                        .createObjectNode()
                                        .set("matchLabels", s.path("spec").path("selector")),
                                    p.path("metadata").path("labels"))))
            .filter(
                s -> {
                  for (JsonNode p : s.path("spec").path("ports")) {
                    if (p.path("port").asInt() == port) {
                      return true;
                    }
                  }
                  return false;
                })
            .findFirst();
    if (svc.isEmpty()) {
      wrong.add(
          "no Service in "
              + ns
              + " on port "
              + port
              + " for the pods "
              + who(from)
              + " must reach");
      return;
    }
    record(
        from,
        "Service " + ClusterState.name(svc.get()),
        port,
        model.allowsToService(from, svc.get(), port),
        intended);
  }

  private void pod(JsonNode from, JsonNode to, int port, boolean intended) {
    record(
        from,
        "pod " + ClusterState.ns(to) + "/" + ClusterState.name(to),
        port,
        model.allowsToPod(from, to, port),
        intended);
  }

  private void address(JsonNode from, String ip, int port, String what, boolean intended) {
    record(from, what + " " + ip, port, model.allowsToAddress(from, ip, port), intended);
  }
}
