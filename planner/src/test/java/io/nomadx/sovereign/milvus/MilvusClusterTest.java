package io.nomadx.sovereign.milvus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nomadx.sovereign.plan.Registration;
import io.nomadx.sovereign.plan.Values;
import io.nomadx.sovereign.support.PlanView;
import io.nomadx.sovereign.support.Plans;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MilvusClusterTest {
  private static final String MILVUS = "kubernetes:milvus.io/v1beta1:Milvus";

  private static Registration milvus(PlanView plan) {
    return plan.only(MILVUS);
  }

  private static Registration operatorRelease(PlanView plan) {
    return plan.one("kubernetes:helm.sh/v3:Release", "milvus-operator");
  }

  private static JsonNode spec(PlanView plan) {
    return milvus(plan).input("spec");
  }

  @Test
  void waitsForTheServiceAccountItsPodsRunAs() {
    // The API server refuses pods whose ServiceAccount is missing, and IRSA's token is added at
    // admission.
    var plan = Plans.prod();
    var cr = milvus(plan);
    var sa = plan.one("kubernetes:core/v1:ServiceAccount", "milvus-service-account");
    assertEquals(
        sa.input("metadata.name").asText(),
        cr.input("spec.components.serviceAccountName").asText());
    assertTrue(
        cr.dependencies().contains(sa.urn()),
        () -> "the Milvus resource does not wait for " + sa.urn() + ": " + cr.dependencies());
  }

  @Test
  void waitsForTheOperatorAndForReadiness() {
    var plan = Plans.prod();
    var cr = milvus(plan);
    var release = operatorRelease(plan);
    assertTrue(
        cr.dependencies().contains(release.urn()),
        "the CR is applied after the operator (and its CRD)");
    var annotations = cr.input("metadata.annotations");
    assertEquals("condition=MilvusReady", annotations.path("pulumi.com/waitFor").asText());
    assertEquals(
        "1800",
        annotations.path("pulumi.com/timeoutSeconds").asText(),
        "covers the guide's 15-20 minute bring-up");
    assertTrue(
        Integer.parseInt(plan.providerOf(cr).input("version").asText().split("\\.", -1)[1]) >= 18,
        "waitFor needs pulumi-kubernetes 4.18+");
    assertTrue(cr.protect(), "the CR holds etcd and Pulsar behind it");
  }

  @Test
  void clusterModeGuideTopologyOnMilvus25() {
    JsonNode c = spec(Plans.prod()).path("components");
    assertEquals("cluster", spec(Plans.prod()).path("mode").asText());
    for (String name :
        List.of(
            "proxy",
            "rootCoord",
            "queryCoord",
            "dataCoord",
            "indexCoord",
            "queryNode",
            "dataNode",
            "indexNode")) {
      assertTrue(c.has(name), name);
      assertEquals(
          Scheduling.ZONE_KEY,
          c.path(name).path("topologySpreadConstraints").get(0).path("topologyKey").asText(),
          name + " spreads over zones");
    }
    assertFalse(c.has("mixCoord"));
    assertEquals(
        "111111111111.dkr.ecr.me-central-1.amazonaws.com/milvusdb/milvus:v2.5.14",
        c.path("image").asText());
  }

  @Test
  void queryNodesOwnTheMemoryOptimizedPoolWithGuaranteedResources() {
    JsonNode q = spec(Plans.prod()).path("components").path("queryNode");
    assertEquals("memory-optimized", q.path("nodeSelector").path("nomadx.io/pool").asText());
    JsonNode t = q.path("tolerations").get(0);
    assertEquals(
        List.of("nomadx.io/pool", "Equal", "memory-optimized", "NoSchedule"),
        List.of(
            t.path("key").asText(),
            t.path("operator").asText(),
            t.path("value").asText(),
            t.path("effect").asText()));
    assertEquals(
        q.path("resources").path("requests"),
        q.path("resources").path("limits"),
        "requests equal limits");
    assertEquals("24Gi", q.path("resources").path("limits").path("memory").asText());
    assertEquals(3, q.path("replicas").asInt());
    // Nothing else tolerates the taint.
    spec(Plans.prod())
        .path("components")
        .fields()
        .forEachRemaining(
            e -> {
              if (!e.getKey().equals("queryNode") && e.getValue().isObject()) {
                assertTrue(e.getValue().path("tolerations").isMissingNode(), e.getKey());
              }
            });
  }

  @Test
  void etcdIsThreeRetainedIo2MembersSpreadOverZones() {
    JsonNode etcd = spec(Plans.prod()).path("dependencies").path("etcd").path("inCluster");
    assertEquals("Retain", etcd.path("deletionPolicy").asText());
    assertTrue(
        etcd.path("pvcDeletion").isMissingNode(),
        "unset = false; a sent false is dropped by the operator (omitempty) and diffs on every up");
    JsonNode v = etcd.path("values");
    assertEquals(3, v.path("replicaCount").asInt());
    assertEquals(
        "io2-retain",
        v.path("persistence").path("storageClass").asText(),
        "the Bitnami key is storageClass");
    assertTrue(
        v.path("persistence").path("storageClassName").isMissingNode(),
        "the guide's key would be ignored");
    assertEquals(
        "DoNotSchedule",
        v.path("topologySpreadConstraints").get(0).path("whenUnsatisfiable").asText());
    assertEquals(2, v.path("pdb").path("minAvailable").asInt());
    assertEquals(
        "111111111111.dkr.ecr.me-central-1.amazonaws.com",
        v.path("image").path("registry").asText());
  }

  @Test
  void pulsarKeepsItsDataAndHasTheJournalFix() {
    JsonNode pulsar = spec(Plans.prod()).path("dependencies").path("pulsar").path("inCluster");
    assertEquals("Retain", pulsar.path("deletionPolicy").asText());
    assertTrue(pulsar.path("pvcDeletion").isMissingNode(), "unset = false (operator omitempty)");
    JsonNode v = pulsar.path("values");
    assertTrue(
        v.path("components").path("proxy").asBoolean(), "Milvus reaches Pulsar through its proxy");
    for (String member : List.of("zookeeper", "bookkeeper", "broker")) {
      assertEquals(3, v.path(member).path("replicaCount").asInt(), member);
    }
    assertEquals("2048", v.path("bookkeeper").path("configData").path("journalMaxSizeMB").asText());
    for (String volume : List.of("journal", "ledgers")) {
      assertEquals(
          "gp3-retain",
          v.path("bookkeeper").path("volumes").path(volume).path("storageClassName").asText(),
          volume);
    }
    assertEquals(
        "gp3-retain",
        v.path("zookeeper").path("volumes").path("data").path("storageClassName").asText());
    assertEquals("pulsar", spec(Plans.prod()).path("dependencies").path("msgStreamType").asText());
  }

  @Test
  void segmentsGoToTheInRegionBucketThroughIrsaOnly() {
    var plan = Plans.prod();
    JsonNode storage = spec(plan).path("dependencies").path("storage");
    assertTrue(storage.path("external").asBoolean());
    assertEquals("s3.me-central-1.amazonaws.com:443", storage.path("endpoint").asText());
    assertTrue(storage.path("secretRef").isMissingNode(), "no static keys");
    JsonNode minio = spec(plan).path("config").path("minio");
    assertTrue(minio.path("useIAM").asBoolean());
    assertEquals("milvus-prod-111111111111-me-central-1", minio.path("bucketName").asText());
    assertEquals("milvus", minio.path("rootPath").asText());
    var sa = plan.one("kubernetes:core/v1:ServiceAccount", "milvus-service-account");
    assertEquals(
        plan.one("aws:iam/role:Role", "milvus-irsa").output("arn").asText(),
        sa.input("metadata.annotations").path("eks.amazonaws.com/role-arn").asText());
    assertEquals("milvus", spec(plan).path("components").path("serviceAccountName").asText());
  }

  @Test
  void authAndTlsAreOnWithASecretPassword() {
    var plan = Plans.prod();
    JsonNode security = spec(plan).path("config").path("common").path("security");
    assertTrue(security.path("authorizationEnabled").asBoolean());
    assertEquals(1, security.path("tlsMode").asInt());
    assertTrue(
        security.path("defaultRootPassword").isMissingNode(),
        "the operator renders spec.config into a ConfigMap: the password must not be there");
    JsonNode env = spec(plan).path("components").path("env").get(0);
    assertEquals("COMMON_SECURITY_DEFAULTROOTPASSWORD", env.path("name").asText());
    assertEquals("milvus-root", env.path("valueFrom").path("secretKeyRef").path("name").asText());
    assertEquals("password", env.path("valueFrom").path("secretKeyRef").path("key").asText());
    var cr = plan.only("kubernetes:milvus.io/v1beta1:Milvus");
    assertTrue(
        cr.dependencies()
            .contains(plan.one("kubernetes:core/v1:Secret", "milvus-root-password").urn()),
        "the Secret exists before the pods");
    assertEquals(
        "/milvus/tls/tls.crt",
        spec(plan).path("config").path("tls").path("serverPemPath").asText());
    assertEquals(
        "milvus-tls",
        spec(plan)
            .path("components")
            .path("volumes")
            .get(0)
            .path("secret")
            .path("secretName")
            .asText());
    var secret = plan.one("kubernetes:core/v1:Secret", "milvus-root-password");
    assertTrue(Values.isSecret(secret.input("stringData")));
  }

  @Test
  void woodpeckerOnMilvus26RunsTheStreamingTopologyWithoutPulsar() {
    JsonNode s = spec(Plans.dev());
    assertEquals("woodpecker", s.path("dependencies").path("msgStreamType").asText());
    assertTrue(s.path("dependencies").path("pulsar").isMissingNode());
    var names = new ArrayList<String>();
    s.path("components")
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().isObject() && e.getValue().has("replicas")) {
                names.add(e.getKey());
              }
            });
    assertEquals(
        List.of("dataNode", "mixCoord", "proxy", "queryNode", "streamingNode"),
        names.stream().sorted().toList());
  }

  @Test
  void operatorIsAnAtomicPinnedHelmReleaseFromTheConfiguredPlaces() {
    var plan =
        Plans.of(
            Plans.PROD,
            Map.of(
                "operatorChartRepository",
                "https://charts.mirror.example.ae/milvus",
                "imageRegistry",
                "registry.example.ae/mirror"));
    var release = operatorRelease(plan);
    assertEquals("milvus-operator", release.input("chart").asText());
    assertEquals("1.3.8", release.input("version").asText());
    assertEquals(
        "https://charts.mirror.example.ae/milvus", release.input("repositoryOpts.repo").asText());
    assertTrue(release.input("atomic").asBoolean());
    assertEquals(
        "registry.example.ae/mirror/milvusdb/milvus-operator",
        release.input("values.image.repository").asText());
    assertEquals("v1.3.8", release.input("values.image.tag").asText());
    // One setting rewrites every image.
    String all =
        plan.only(MILVUS).inputs().toString()
            + plan.ofType("kubernetes:batch/v1:CronJob").toString();
    assertFalse(all.contains("dkr.ecr"), "no image left on the default registry");
    assertTrue(
        plan.only(MILVUS)
            .input("spec.components.image")
            .asText()
            .startsWith("registry.example.ae/mirror/"));
  }

  @Test
  void namespacesCarryPodSecurityLabels() {
    for (Registration ns : Plans.prod().ofType("kubernetes:core/v1:Namespace")) {
      assertEquals(
          "baseline",
          ns.input("metadata.labels").path("pod-security.kubernetes.io/enforce").asText(),
          ns.name());
      assertEquals(
          "restricted",
          ns.input("metadata.labels").path("pod-security.kubernetes.io/warn").asText(),
          ns.name());
    }
    // Milvus, the operator, cert-manager.
    assertEquals(3, Plans.prod().ofType("kubernetes:core/v1:Namespace").size());
  }
}
