package io.nomadx.sovereign.milvus;

import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorRequirementArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.networking.v1.NetworkPolicy;
import com.pulumi.kubernetes.networking.v1.NetworkPolicyArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyIngressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPeerArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPortArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicySpecArgs;
import com.pulumi.core.Either;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ProviderResource;
import com.pulumi.resources.Resource;

import java.util.List;
import java.util.Map;

/**
 * Ingress to the Milvus namespace: denied by default; the proxy's 19530 (gRPC and, with
 * proxy.http.enabled, the REST API, both over TLS) only from the configured client namespaces;
 * 9091, which serves metrics and /healthz over plain HTTP (the operator probes it there), only from
 * monitoring and the operator; etcd, Pulsar and internal ports only from pods in the namespace
 * (Milvus, its dependencies, the backup job) and the operator.
 */
public final class NetworkPolicies extends ComponentResource {
    public static final int GRPC_PORT = 19530;
    public static final int HTTP_PORT = 9091;
    public static final int ETCD_CLIENT_PORT = 2379;
    public static final int PULSAR_PORT = 6650;
    /** Namespaces are selected by the label Kubernetes sets on every namespace (1.22+). */
    public static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    /**
     * @param monitoringNamespace where Prometheus runs; empty when monitoring is off
     * @param pulsar whether in-cluster Pulsar runs (the operator health-checks it on 6650)
     */
    public record Args(String namespace, List<String> clientNamespaces, java.util.Optional<String> monitoringNamespace,
                       String operatorNamespace, boolean pulsar, List<Resource> dependsOn, ProviderResource kubernetes) {
        public Args {
            clientNamespaces = List.copyOf(clientNamespaces);
            dependsOn = List.copyOf(dependsOn);
        }
    }

    public NetworkPolicies(String name, Args args, ComponentResourceOptions options) {
        super("sovereign:milvus:NetworkPolicies", name, options);
        var opts = CustomResourceOptions.builder().parent(this).provider(args.kubernetes()).dependsOn(args.dependsOn()).build();
        var everyPod = LabelSelectorArgs.builder().build();

        policy(name + "-default-deny", "default-deny-ingress", args, everyPod, List.of(), opts);
        policy(name + "-clients", "allow-clients-to-proxy", args,
                LabelSelectorArgs.builder().matchLabels(MilvusSpec.podLabels("proxy")).build(),
                List.of(NetworkPolicyIngressRuleArgs.builder()
                        .from(namespaces(args.clientNamespaces()))
                        .ports(tcp(GRPC_PORT))
                        .build()), opts);
        args.monitoringNamespace().ifPresent(monitoring -> policy(name + "-monitoring", "allow-monitoring-scrape", args,
                LabelSelectorArgs.builder().matchLabels(MilvusSpec.podLabels(null)).build(),
                List.of(NetworkPolicyIngressRuleArgs.builder()
                        .from(namespaces(List.of(monitoring)))
                        .ports(tcp(HTTP_PORT))
                        .build()), opts));
        policy(name + "-internal", "allow-within-namespace", args, everyPod,
                List.of(NetworkPolicyIngressRuleArgs.builder()
                        .from(NetworkPolicyPeerArgs.builder().podSelector(LabelSelectorArgs.builder().build()).build())
                        .build()), opts);
        // The operator health-checks etcd (2379), Pulsar (6650) and Milvus (9091) before it
        // reports the resource ready (operator source, pkg/controllers); nothing else.
        policy(name + "-operator", "allow-operator-health-checks", args, everyPod,
                List.of(NetworkPolicyIngressRuleArgs.builder()
                        .from(namespaces(List.of(args.operatorNamespace())))
                        .ports(args.pulsar() ? List.of(tcp(ETCD_CLIENT_PORT), tcp(PULSAR_PORT), tcp(HTTP_PORT))
                                : List.of(tcp(ETCD_CLIENT_PORT), tcp(HTTP_PORT)))
                        .build()), opts);
        registerOutputs(Map.of());
    }

    private void policy(String resourceName, String policyName, Args args, LabelSelectorArgs selector,
                        List<NetworkPolicyIngressRuleArgs> ingress, CustomResourceOptions opts) {
        new NetworkPolicy(resourceName, NetworkPolicyArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(policyName).namespace(args.namespace()).build())
                .spec(NetworkPolicySpecArgs.builder()
                        .podSelector(selector)
                        .policyTypes("Ingress")
                        .ingress(ingress)
                        .build())
                .build(), opts);
    }

    private static NetworkPolicyPeerArgs namespaces(List<String> names) {
        return NetworkPolicyPeerArgs.builder()
                .namespaceSelector(LabelSelectorArgs.builder()
                        .matchExpressions(LabelSelectorRequirementArgs.builder()
                                .key(NAMESPACE_NAME_LABEL).operator("In").values(names).build())
                        .build())
                .build();
    }

    private static NetworkPolicyPortArgs tcp(int port) {
        return NetworkPolicyPortArgs.builder().protocol("TCP").port(Either.ofLeft(port)).build();
    }
}
