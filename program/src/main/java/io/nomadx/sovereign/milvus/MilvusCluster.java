package io.nomadx.sovereign.milvus;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomTimeouts;
import com.pulumi.resources.Resource;
import io.nomadx.sovereign.config.MilvusSettings;
import io.nomadx.sovereign.config.Settings.MilvusPlacement;
import io.nomadx.sovereign.identity.ServiceAccountRole;
import io.nomadx.sovereign.support.Children;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Milvus namespace, the root-password Secret and the Milvus custom resource. `pulumi up` waits
 * until the resource reports ready. Milvus's service account comes with its IAM role
 * (identity/ServiceAccountRole), in this namespace.
 */
public final class MilvusCluster extends ComponentResource {
  public static final String PASSWORD_SECRET = "milvus-root";

  /**
   * Readiness: the operator sets condition MilvusReady when every component is up (operator source,
   * api/v1beta1). The provider honours `pulumi.com/waitFor` from pulumi-kubernetes 4.18.
   */
  public static final String WAIT_FOR = "condition=MilvusReady";

  public final Output<String> namespace;
  public final Output<String> serviceName;
  public final Output<String> passwordSecretName;

  /** Milvus's IRSA identity: its role and the ServiceAccount its pods run as. */
  public final ServiceAccountRole identity;

  /**
   * Makes Milvus's IRSA identity (Foundation.addServiceAccount) once its namespace exists, so that
   * the Milvus resource can wait for the ServiceAccount its pods run as (see the resource below).
   */
  @FunctionalInterface
  public interface IdentityMaker {
    /**
     * @param namespace what the ServiceAccount waits for
     * @param formerParent this component, where earlier versions registered the ServiceAccount (its
     *     alias)
     */
    ServiceAccountRole make(Namespace namespace, Resource formerParent);
  }

  /**
   * @param milvus Milvus's own settings
   * @param placement its namespace, service account, region, zones and bucket prefixes
   * @param certificateIssuance what issuing Milvus's certificate waits for (cert-manager's
   *     release), if anything
   * @param kindsTheOperatorMakes releases whose CRDs the operator needs when it first reconciles
   *     (the Prometheus Operator's, for its PodMonitor), if any
   * @param identity makes the identity Milvus runs as
   */
  public record Args(
      MilvusSettings milvus,
      MilvusPlacement placement,
      Resource operatorRelease,
      List<Resource> certificateIssuance,
      List<Resource> kindsTheOperatorMakes,
      IdentityMaker identity) {}

  public MilvusCluster(String name, Args args, ComponentResourceOptions options) {
    super("sovereign:milvus:MilvusCluster", name, options);
    var m = args.milvus();
    String nsName = args.placement().workloads().milvusNamespace();
    var opts = Children.of(this);

    var ns = Namespaces.create(name + "-namespace", nsName, opts);
    var nsOnly = Children.of(this, ns);
    this.identity = args.identity().make(ns, this);

    Output<String> password = Output.of(m.security().rootPassword().reveal()).asSecret();
    var passwordSecret =
        new Secret(
            name + "-root-password",
            SecretArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(PASSWORD_SECRET).namespace(nsName).build())
                .type("Opaque")
                .stringData(password.applyValue(p -> Map.of("username", "root", "password", p)))
                .build(),
            nsOnly);

    String service = MilvusSpec.CR_NAME + "-milvus";
    var issuance = new java.util.ArrayList<Resource>(args.certificateIssuance());
    issuance.add(ns);
    var certificates =
        new Certificates(
            name + "-tls",
            new Certificates.Args(
                nsName,
                m.security().tlsSecretName(),
                List.of(
                    service,
                    service + "." + nsName,
                    service + "." + nsName + ".svc",
                    service + "." + nsName + ".svc.cluster.local"),
                m.platform().tlsIssuer().map(i -> new Certificates.IssuerRef(i.kind(), i.name())),
                io.nomadx.sovereign.platform.CertManager.NAMESPACE,
                issuance),
            Children.component(this));

    var metadata = new LinkedHashMap<String, Object>();
    metadata.put("name", MilvusSpec.CR_NAME);
    metadata.put("namespace", nsName);
    metadata.put(
        "annotations",
        Map.of(
            "pulumi.com/waitFor",
            WAIT_FOR,
            "pulumi.com/timeoutSeconds",
            String.valueOf(m.readyTimeoutMinutes() * 60)));
    var spec = new MilvusSpec(m, args.placement());
    Output<Map<String, Object>> specOutput = Output.of(spec.build(PASSWORD_SECRET));
    new KubernetesObject(
        name,
        "milvus.io/v1beta1",
        "Milvus",
        metadata,
        specOutput,
        Children.builder(this)
            // A custom resource applied before its CRD exists fails: wait for the operator.
            // Its pods read the root password, mount the certificate's Secret and run as the
            // IRSA ServiceAccount: all three exist first. The API server refuses a pod whose
            // ServiceAccount does not exist (kubernetes plugin/pkg/admission/serviceaccount,
            // NewServiceAccount), and EKS's pod identity webhook gives a pod the role's token
            // only when it admits the pod, from its ServiceAccount's annotation then
            // (aws/amazon-eks-pod-identity-webhook README: a mutating webhook for pods).
            .dependsOn(
                Stream.concat(
                        Stream.of(
                            ns,
                            args.operatorRelease(),
                            passwordSecret,
                            certificates.serving,
                            identity.serviceAccount.orElseThrow()),
                        args.kindsTheOperatorMakes().stream())
                    .toList())
            .customTimeouts(
                CustomTimeouts.builder()
                    .create(Duration.ofMinutes(m.readyTimeoutMinutes()))
                    .update(Duration.ofMinutes(m.readyTimeoutMinutes()))
                    .build())
            // etcd and Pulsar data live behind this object (Retain, no PVC deletion):
            // it is never deleted by accident.
            .protect(true)
            .build());

    this.namespace = Output.of(nsName);
    this.serviceName = Output.of(service);
    this.passwordSecretName = Output.of(PASSWORD_SECRET);
    registerOutputs(Map.of("namespace", namespace, "serviceName", serviceName));
  }
}
