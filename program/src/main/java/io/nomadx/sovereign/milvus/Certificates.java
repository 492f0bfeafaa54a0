package io.nomadx.sovereign.milvus;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.nomadx.sovereign.support.Children;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Milvus's serving certificate, issued by cert-manager into the Secret the Milvus pods and the
 * backup jobs mount (without it they never leave ContainerCreating). The issuer is the bank's own
 * (a ClusterIssuer or an Issuer in the Milvus namespace, named in config) or, by default, a private
 * CA the stack owns: a self-signed ClusterIssuer signs the CA certificate, and the ClusterIssuer
 * `milvus-ca` signs with it. Client teams get the CA by requesting a Certificate of their own from
 * `milvus-ca` in their namespace: its Secret carries `ca.crt` (README, "TLS"). Kinds and fields:
 * cert-manager v1.21.1 CRDs (cert-manager.io/v1 ClusterIssuer, Certificate).
 */
public final class Certificates extends ComponentResource {
  public static final String CA_ISSUER = "milvus-ca";
  static final String SELF_SIGNED_ISSUER = "milvus-selfsigned";
  static final String API = "cert-manager.io/v1";

  /** The serving certificate: Milvus waits for it (issued and Ready). */
  public final Resource serving;

  /** An issuer by kind (ClusterIssuer or Issuer) and name. */
  public record IssuerRef(String kind, String name) {}

  /**
   * @param issuer the bank's issuer; empty for the stack's own CA
   * @param caNamespace where the stack's CA key lives (cert-manager's cluster resource namespace)
   */
  public record Args(
      String namespace,
      String secretName,
      List<String> dnsNames,
      Optional<IssuerRef> issuer,
      String caNamespace,
      List<Resource> dependsOn) {
    public Args {
      dnsNames = List.copyOf(dnsNames);
      dependsOn = List.copyOf(dependsOn);
    }
  }

  public Certificates(String name, Args args, ComponentResourceOptions options) {
    super("sovereign:milvus:Certificates", name, options);
    var opts = Children.builder(this).dependsOn(args.dependsOn()).build();
    IssuerRef issuer =
        args.issuer()
            .orElseGet(
                () -> {
                  var selfSigned =
                      object(
                          name + "-selfsigned",
                          "ClusterIssuer",
                          SELF_SIGNED_ISSUER,
                          null,
                          Map.of("selfSigned", Map.of()),
                          opts);
                  var caSpec = new LinkedHashMap<String, Object>();
                  caSpec.put("isCA", true);
                  caSpec.put("commonName", "Milvus private CA");
                  caSpec.put("secretName", CA_ISSUER);
                  caSpec.put(
                      "duration",
                      "87600h"); // ten years; the serving certificate rotates every 90 days
                  caSpec.put("privateKey", Map.of("algorithm", "ECDSA", "size", 256));
                  caSpec.put("issuerRef", ref(new IssuerRef("ClusterIssuer", SELF_SIGNED_ISSUER)));
                  var ca =
                      object(
                          name + "-ca-certificate",
                          "Certificate",
                          CA_ISSUER,
                          args.caNamespace(),
                          caSpec,
                          CustomResourceOptions.merge(
                              opts, CustomResourceOptions.builder().dependsOn(selfSigned).build()));
                  object(
                      name + "-ca-issuer",
                      "ClusterIssuer",
                      CA_ISSUER,
                      null,
                      Map.of("ca", Map.of("secretName", CA_ISSUER)),
                      CustomResourceOptions.merge(
                          opts, CustomResourceOptions.builder().dependsOn(ca).build()));
                  return new IssuerRef("ClusterIssuer", CA_ISSUER);
                });
    var spec = new LinkedHashMap<String, Object>();
    spec.put("secretName", args.secretName());
    spec.put("dnsNames", args.dnsNames());
    spec.put("duration", "2160h");
    spec.put("renewBefore", "720h");
    spec.put("privateKey", Map.of("algorithm", "ECDSA", "size", 256, "rotationPolicy", "Always"));
    spec.put("usages", List.of("server auth", "digital signature"));
    spec.put("issuerRef", ref(issuer));
    var metadata = new LinkedHashMap<String, Object>();
    metadata.put("name", args.secretName());
    metadata.put("namespace", args.namespace());
    // Pulumi waits until cert-manager has issued it (the Secret exists) before Milvus is applied.
    metadata.put("annotations", Map.of("pulumi.com/waitFor", "condition=Ready"));
    this.serving =
        new KubernetesObject(
            name + "-serving", API, "Certificate", metadata, Output.of(spec), opts);
    registerOutputs(Map.of());
  }

  private static Map<String, Object> ref(IssuerRef issuer) {
    return Map.of("kind", issuer.kind(), "name", issuer.name(), "group", "cert-manager.io");
  }

  private KubernetesObject object(
      String resourceName,
      String kind,
      String objectName,
      String namespace,
      Map<String, Object> spec,
      CustomResourceOptions opts) {
    var metadata = new LinkedHashMap<String, Object>();
    metadata.put("name", objectName);
    if (namespace != null) {
      metadata.put("namespace", namespace);
    }
    return new KubernetesObject(resourceName, API, kind, metadata, Output.of(spec), opts);
  }
}
