package io.nomadx.sovereign.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nomadx.sovereign.plan.Registration;
import io.nomadx.sovereign.support.PlanView;
import io.nomadx.sovereign.support.Plans;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a fresh cluster lacks and Milvus needs: cert-manager and a certificate for Milvus, and the
 * Prometheus Operator CRDs for the monitors. The cluster box applies these for real; here, what the
 * program asks for and in which order.
 */
class PlatformTest {
  private static final String RELEASE = "kubernetes:helm.sh/v3:Release";
  private static final String CERTIFICATE = "kubernetes:cert-manager.io/v1:Certificate";
  private static final String CLUSTER_ISSUER = "kubernetes:cert-manager.io/v1:ClusterIssuer";

  private static Registration release(PlanView plan, String chart) {
    var matches =
        plan.ofType(RELEASE).stream().filter(r -> r.input("chart").asText().equals(chart)).toList();
    assertEquals(1, matches.size(), "one release of " + chart);
    return matches.get(0);
  }

  @Test
  void certManagerFromTheRegistryIssuesMilvusItsCertificateBeforeMilvusStarts() {
    var plan = Plans.prod();
    var certManager = release(plan, "cert-manager");
    assertEquals("v1.21.1", certManager.input("version").asText());
    JsonNode values = certManager.input("values");
    assertEquals(
        "111111111111.dkr.ecr.me-central-1.amazonaws.com", values.path("imageRegistry").asText());
    assertEquals("jetstack", values.path("imageNamespace").asText());
    assertTrue(
        values.path("crds").path("enabled").asBoolean(),
        "a fresh cluster has no cert-manager CRDs");

    var serving = plan.one(CERTIFICATE, "milvus-tls-serving");
    assertEquals("milvus-tls", serving.input("spec.secretName").asText());
    assertEquals("milvus", serving.input("metadata.namespace").asText());
    assertEquals(
        "milvus-milvus.milvus.svc.cluster.local", serving.input("spec.dnsNames.3").asText());
    assertEquals("ClusterIssuer", serving.input("spec.issuerRef.kind").asText());
    assertEquals("milvus-ca", serving.input("spec.issuerRef.name").asText());
    assertEquals(
        "condition=Ready",
        serving.input("metadata.annotations").path("pulumi.com/waitFor").asText());
    assertTrue(serving.dependencies().contains(certManager.urn()), "issued once cert-manager runs");
    assertTrue(
        plan.only("kubernetes:milvus.io/v1beta1:Milvus").dependencies().contains(serving.urn()),
        "Milvus's pods mount the certificate's Secret");
    assertEquals(
        List.of("milvus-ca", "milvus-selfsigned"),
        plan.ofType(CLUSTER_ISSUER).stream()
            .map(r -> r.input("metadata.name").asText())
            .sorted()
            .toList());
  }

  @Test
  void aBanksOwnIssuerReplacesTheStacksCaAndAnExistingCertManagerIsNotReinstalled() {
    var plan =
        Plans.of(
            Plans.PROD, Map.of("tlsIssuer", "ClusterIssuer/bank-pki", "certManager", "existing"));
    assertTrue(plan.ofType(CLUSTER_ISSUER).isEmpty());
    assertEquals(
        "bank-pki",
        plan.one(CERTIFICATE, "milvus-tls-serving").input("spec.issuerRef.name").asText());
    assertTrue(
        plan.ofType(RELEASE).stream()
            .noneMatch(r -> r.input("chart").asText().equals("cert-manager")));
  }

  @Test
  void monitorsWaitForThePrometheusOperatorCrds() {
    var plan = Plans.prod();
    var crds = release(plan, "prometheus-operator-crds");
    assertEquals("31.0.1", crds.input("version").asText());
    var rule = plan.only("kubernetes:monitoring.coreos.com/v1:PrometheusRule");
    assertTrue(rule.dependencies().contains(crds.urn()), "the PrometheusRule needs its CRD");
    assertTrue(
        plan.only("kubernetes:milvus.io/v1beta1:Milvus").dependencies().contains(crds.urn()),
        "the operator makes its PodMonitor on its first reconcile only if the kind exists");
    var full =
        release(Plans.of(Plans.PROD, Map.of("monitoringStack", "full")), "kube-prometheus-stack");
    assertEquals(
        "111111111111.dkr.ecr.me-central-1.amazonaws.com",
        full.input("values").path("global").path("imageRegistry").asText());
    // Otherwise the chart's Prometheus would select only objects labelled release=<its release>:
    // neither the operator's PodMonitor, etcd's nor the Milvus alerts would be scraped or
    // evaluated.
    var spec = full.input("values").path("prometheus").path("prometheusSpec");
    assertFalse(spec.path("podMonitorSelectorNilUsesHelmValues").asBoolean(true));
    assertFalse(spec.path("ruleSelectorNilUsesHelmValues").asBoolean(true));
    assertTrue(
        Plans.of(Plans.PROD, Map.of("monitoringStack", "existing")).ofType(RELEASE).stream()
            .noneMatch(
                r ->
                    r.input("chart").asText().startsWith("prometheus")
                        || r.input("chart").asText().startsWith("kube-prometheus")));
  }
}
