package io.nomadx.sovereign.milvus;

import com.pulumi.core.Either;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorRequirementArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.networking.v1.NetworkPolicy;
import com.pulumi.kubernetes.networking.v1.NetworkPolicyArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IPBlockArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyEgressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyIngressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPeerArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPortArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicySpecArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.nomadx.sovereign.support.Children;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Milvus namespace's network rules, default deny both ways.
 *
 * <p>Ingress: the proxy's 19530 (gRPC and, with proxy.http.enabled, the REST API, both over TLS)
 * only from the configured client namespaces; 9091, which serves metrics and /healthz over plain
 * HTTP (the operator probes it there), only from monitoring and the operator; etcd's metrics-only
 * listener only from monitoring; etcd, Pulsar and internal ports only from pods in the namespace
 * (Milvus, its dependencies, the backup job) and the operator.
 *
 * <p>Egress: DNS to the cluster's CoreDNS, anything inside the namespace, and HTTPS to the subnets
 * holding the VPC interface endpoints (S3, STS) for Milvus and milvus-backup only. Nothing else:
 * not the internet, not the instance metadata service (169.254.169.254: the node role's
 * credentials), not another namespace. Pods that hold the bucket's and data key's rights thus have
 * no path out of the region's AWS endpoints even where the VPC has a NAT.
 *
 * <p>How EKS enforces this (VPC CNI with enableNetworkPolicy, cluster/Addons): the network policy
 * controller turns each egress peer into addresses: the IPs of matching pods, plus the ClusterIP of
 * every non-headless Service in that namespace whose own selector is matched by the peer's
 * podSelector (aws/amazon-network-policy-controller-k8s, pkg/resolvers/endpoints.go,
 * getMatchingServiceClusterIPs), because the node agent sees a connection before kube-proxy
 * rewrites the ClusterIP. So the DNS peer selects exactly the kube-dns Service's selector, and the
 * in-namespace peer selects every pod ({} matches every Service's selector).
 */
public final class NetworkPolicies extends ComponentResource {
  public static final int GRPC_PORT = 19530;
  public static final int HTTP_PORT = 9091;
  public static final int ETCD_CLIENT_PORT = 2379;

  /**
   * etcd's metrics-only listener (--listen-metrics-urls, set through ETCD_LISTEN_METRICS_URLS in
   * MilvusSpec): /metrics and /health, no key-value API, so monitoring can scrape etcd without
   * being able to read or write Milvus's metadata on 2379.
   */
  public static final int ETCD_METRICS_PORT = 2381;

  public static final int PULSAR_PORT = 6650;
  public static final int HTTPS_PORT = 443;
  public static final int DNS_PORT = 53;

  /** Namespaces are selected by the label Kubernetes sets on every namespace (1.22+). */
  public static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

  /**
   * CoreDNS as EKS runs it: pods and the kube-dns Service's selector {@code k8s-app: kube-dns} in
   * kube-system (EKS User Guide, "Manage CoreDNS for DNS in Amazon EKS clusters"; the add-on keeps
   * the upstream kube-dns Service name and selector).
   */
  public static final String DNS_NAMESPACE = "kube-system";

  public static final Map<String, String> DNS_SELECTOR = Map.of("k8s-app", "kube-dns");

  /** The pods that call AWS: Milvus's components and milvus-backup's jobs (Backups). */
  public static final List<String> AWS_CALLERS = List.of("milvus", Backups.APP_NAME);

  /**
   * @param monitoringNamespace where Prometheus runs; empty when monitoring is off
   * @param pulsar whether in-cluster Pulsar runs (the operator health-checks it on 6650)
   * @param awsEndpointCidrs the subnets of the VPC interface endpoints (Foundation)
   */
  public record Args(
      String namespace,
      List<String> clientNamespaces,
      Optional<String> monitoringNamespace,
      String operatorNamespace,
      boolean pulsar,
      List<String> awsEndpointCidrs,
      List<Resource> dependsOn) {
    public Args {
      clientNamespaces = List.copyOf(clientNamespaces);
      awsEndpointCidrs = List.copyOf(awsEndpointCidrs);
      dependsOn = List.copyOf(dependsOn);
    }
  }

  public NetworkPolicies(String name, Args args, ComponentResourceOptions options) {
    super("sovereign:milvus:NetworkPolicies", name, options);
    var opts = Children.builder(this).dependsOn(args.dependsOn()).build();
    var everyPod = LabelSelectorArgs.builder().build();
    var inNamespace =
        NetworkPolicyPeerArgs.builder().podSelector(LabelSelectorArgs.builder().build()).build();

    ingress(name + "-default-deny", "default-deny-ingress", args, everyPod, List.of(), opts);
    ingress(
        name + "-clients",
        "allow-clients-to-proxy",
        args,
        LabelSelectorArgs.builder().matchLabels(MilvusSpec.podLabels("proxy")).build(),
        List.of(
            NetworkPolicyIngressRuleArgs.builder()
                .from(namespaces(args.clientNamespaces()))
                .ports(tcp(GRPC_PORT))
                .build()),
        opts);
    args.monitoringNamespace()
        .ifPresent(
            monitoring -> {
              ingress(
                  name + "-monitoring",
                  "allow-monitoring-scrape",
                  args,
                  LabelSelectorArgs.builder().matchLabels(MilvusSpec.podLabels(null)).build(),
                  List.of(
                      NetworkPolicyIngressRuleArgs.builder()
                          .from(namespaces(List.of(monitoring)))
                          .ports(tcp(HTTP_PORT))
                          .build()),
                  opts);
              ingress(
                  name + "-monitoring-etcd",
                  "allow-monitoring-etcd-metrics",
                  args,
                  LabelSelectorArgs.builder().matchLabels(MilvusSpec.ETCD_POD_LABELS).build(),
                  List.of(
                      NetworkPolicyIngressRuleArgs.builder()
                          .from(namespaces(List.of(monitoring)))
                          .ports(tcp(ETCD_METRICS_PORT))
                          .build()),
                  opts);
            });
    ingress(
        name + "-internal",
        "allow-within-namespace",
        args,
        everyPod,
        List.of(NetworkPolicyIngressRuleArgs.builder().from(inNamespace).build()),
        opts);
    // The operator health-checks etcd (2379), Pulsar (6650) and Milvus (9091) before it
    // reports the resource ready (operator source, pkg/controllers); nothing else.
    ingress(
        name + "-operator",
        "allow-operator-health-checks",
        args,
        everyPod,
        List.of(
            NetworkPolicyIngressRuleArgs.builder()
                .from(namespaces(List.of(args.operatorNamespace())))
                .ports(
                    args.pulsar()
                        ? List.of(tcp(ETCD_CLIENT_PORT), tcp(PULSAR_PORT), tcp(HTTP_PORT))
                        : List.of(tcp(ETCD_CLIENT_PORT), tcp(HTTP_PORT)))
                .build()),
        opts);

    egress(name + "-default-deny-egress", "default-deny-egress", args, everyPod, List.of(), opts);
    egress(
        name + "-dns",
        "allow-dns",
        args,
        everyPod,
        List.of(
            NetworkPolicyEgressRuleArgs.builder()
                .to(
                    NetworkPolicyPeerArgs.builder()
                        .namespaceSelector(
                            LabelSelectorArgs.builder()
                                .matchLabels(Map.of(NAMESPACE_NAME_LABEL, DNS_NAMESPACE))
                                .build())
                        .podSelector(LabelSelectorArgs.builder().matchLabels(DNS_SELECTOR).build())
                        .build())
                .ports(port("UDP", DNS_PORT), port("TCP", DNS_PORT))
                .build()),
        opts);
    egress(
        name + "-internal-egress",
        "allow-within-namespace-egress",
        args,
        everyPod,
        List.of(NetworkPolicyEgressRuleArgs.builder().to(inNamespace).build()),
        opts);
    egress(
        name + "-aws-endpoints",
        "allow-aws-endpoints",
        args,
        LabelSelectorArgs.builder()
            .matchExpressions(
                LabelSelectorRequirementArgs.builder()
                    .key("app.kubernetes.io/name")
                    .operator("In")
                    .values(AWS_CALLERS)
                    .build())
            .build(),
        List.of(
            NetworkPolicyEgressRuleArgs.builder()
                .to(
                    args.awsEndpointCidrs().stream()
                        .map(
                            cidr ->
                                NetworkPolicyPeerArgs.builder()
                                    .ipBlock(IPBlockArgs.builder().cidr(cidr).build())
                                    .build())
                        .toList())
                .ports(tcp(HTTPS_PORT))
                .build()),
        opts);
    registerOutputs(Map.of());
  }

  private void ingress(
      String resourceName,
      String policyName,
      Args args,
      LabelSelectorArgs selector,
      List<NetworkPolicyIngressRuleArgs> rules,
      CustomResourceOptions opts) {
    register(
        resourceName,
        policyName,
        args,
        NetworkPolicySpecArgs.builder()
            .podSelector(selector)
            .policyTypes("Ingress")
            .ingress(rules)
            .build(),
        opts);
  }

  private void egress(
      String resourceName,
      String policyName,
      Args args,
      LabelSelectorArgs selector,
      List<NetworkPolicyEgressRuleArgs> rules,
      CustomResourceOptions opts) {
    register(
        resourceName,
        policyName,
        args,
        NetworkPolicySpecArgs.builder()
            .podSelector(selector)
            .policyTypes("Egress")
            .egress(rules)
            .build(),
        opts);
  }

  private void register(
      String resourceName,
      String policyName,
      Args args,
      NetworkPolicySpecArgs spec,
      CustomResourceOptions opts) {
    new NetworkPolicy(
        resourceName,
        NetworkPolicyArgs.builder()
            .metadata(ObjectMetaArgs.builder().name(policyName).namespace(args.namespace()).build())
            .spec(spec)
            .build(),
        opts);
  }

  private static NetworkPolicyPeerArgs namespaces(List<String> names) {
    return NetworkPolicyPeerArgs.builder()
        .namespaceSelector(
            LabelSelectorArgs.builder()
                .matchExpressions(
                    LabelSelectorRequirementArgs.builder()
                        .key(NAMESPACE_NAME_LABEL)
                        .operator("In")
                        .values(names)
                        .build())
                .build())
        .build();
  }

  private static NetworkPolicyPortArgs tcp(int port) {
    return port("TCP", port);
  }

  private static NetworkPolicyPortArgs port(String protocol, int port) {
    return NetworkPolicyPortArgs.builder().protocol(protocol).port(Either.ofLeft(port)).build();
  }
}
