package io.nomadx.sovereign.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nomadx.sovereign.config.ConfigError;
import io.nomadx.sovereign.config.ConfigSource;
import io.nomadx.sovereign.config.Defaults;
import io.nomadx.sovereign.config.SettingsParser;
import io.nomadx.sovereign.plan.ProgramRun;
import io.nomadx.sovereign.support.ExplicitProviders;
import io.nomadx.sovereign.support.PlanView;
import io.nomadx.sovereign.support.Plans;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deploying onto a cluster the platform team already runs (config existingCluster*). */
class ExistingClusterTest {
  private static final String KUBECONFIG =
      """
            apiVersion: v1
            kind: Config
            current-context: bank
            clusters: [{name: bank, cluster: {server: "https://10.40.0.10", certificate-authority-data: "Q0E="}}]
            contexts: [{name: bank, context: {cluster: bank, user: bank}}]
            users: [{name: bank, user: {token: "t0ken-not-to-print"}}]
            """;
  private static final String ISSUER_PATH =
      "oidc.eks.me-central-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF";

  @TempDir static Path charts;
  private static PlanView plan;

  private static String providerArn(String account, String path) {
    return "arn:aws:iam::" + account + ":oidc-provider/" + path;
  }

  private static String account() {
    return Plans.config(Plans.DEV, Map.of()).values().get(Defaults.PROJECT + ":accountId");
  }

  /**
   * Dev's config onto an existing cluster, the kubeconfig set as a secret like `pulumi config set
   * --secret`.
   */
  private static ConfigSource existing(Map<String, String> more, boolean kubeconfigSecret) {
    var overrides = new HashMap<String, String>();
    overrides.put("existingClusterKubeconfig", KUBECONFIG);
    overrides.put("existingClusterOidcProviderArn", providerArn(account(), ISSUER_PATH));
    overrides.put("awsEndpointCidrs", "[\"10.1.250.0/26\"]");
    overrides.put("internetEgress", null);
    overrides.put("natGatewayPerZone", null);
    overrides.put("adminPrincipalArns", null);
    overrides.put("endpointPublicAccess", null);
    overrides.put("publicAccessCidrs", null);
    overrides.put("apiAccessCidrs", null);
    overrides.put("vpcCidr", null);
    overrides.put("eksVersion", null);
    overrides.put("addonVersions", null);
    overrides.putAll(more);
    var base = Plans.config(Plans.DEV, overrides);
    var secrets = new HashSet<>(base.secretKeys());
    if (kubeconfigSecret) {
      secrets.add(Defaults.PROJECT + ":existingClusterKubeconfig");
    }
    return new ConfigSource(base.stack(), base.values(), secrets);
  }

  private static String problems(Map<String, String> more, boolean kubeconfigSecret) {
    return assertThrows(
            ConfigError.class, () -> SettingsParser.parse(existing(more, kubeconfigSecret)))
        .getMessage();
  }

  @BeforeAll
  static void plan() throws IOException {
    Files.writeString(
        charts.resolve("milvus-operator-" + Defaults.OPERATOR_CHART_VERSION + ".tgz"), "archive");
    Files.writeString(
        charts.resolve("cert-manager-" + Defaults.CERT_MANAGER_CHART_VERSION + ".tgz"), "archive");
    Files.writeString(
        charts.resolve(
            "prometheus-operator-crds-" + Defaults.PROMETHEUS_CRDS_CHART_VERSION + ".tgz"),
        "archive");
    var dir = "file://" + charts.toAbsolutePath();
    plan =
        new PlanView(
            ProgramRun.run(
                Defaults.PROJECT,
                existing(
                    Map.of(
                        "operatorChartRepository",
                        dir,
                        "certManagerChartRepository",
                        dir,
                        "prometheusChartRepository",
                        dir),
                    true),
                "me-central-1",
                account()));
    assertTrue(plan.ok(), () -> "the program failed: " + plan.result());
  }

  @Test
  void createsNoNetworkClusterAddOnsOrNodes() {
    for (String type :
        new String[] {
          "aws:ec2/vpc:Vpc",
          "aws:eks/cluster:Cluster",
          "aws:eks/nodeGroup:NodeGroup",
          "aws:eks/addon:Addon",
          "aws:eks/accessEntry:AccessEntry",
          "aws:iam/openIdConnectProvider:OpenIdConnectProvider"
        }) {
      assertTrue(plan.ofType(type).isEmpty(), () -> type + " created on an existing cluster");
    }
    assertFalse(
        plan.ofType("aws:s3/bucketV2:BucketV2").isEmpty(), "the bucket is still the stack's own");
  }

  @Test
  void createsNoClusterOrNodeRoleAndNoOutputOrKeyPolicyNamesOne() {
    // The platform team's control plane and nodes run under their own roles: the stack's only
    // roles are the IRSA identities (EBS CSI, Milvus, milvus-backup).
    var roles =
        plan.ofType("aws:iam/role:Role").stream()
            .map(r -> r.input("name").asText())
            .sorted()
            .toList();
    assertEquals(
        List.of("milvus-dev-ebs-csi", "milvus-dev-milvus", "milvus-dev-milvus-backup"), roles);
    assertTrue(
        plan.ofType("sovereign:identity:ClusterRoles").isEmpty(),
        "the ClusterRoles component is registered");
    var outputs = plan.result().componentOutputs().get(plan.only("pulumi:pulumi:Stack").urn());
    var names = new ArrayList<String>();
    outputs.fieldNames().forEachRemaining(names::add);
    assertFalse(names.contains("nodeRoleArn") || names.contains("clusterRoleArn"), names::toString);
    for (String role : List.of(":role/milvus-dev-cluster", ":role/milvus-dev-node")) {
      assertFalse(
          outputs.toString().contains(role), () -> "a stack output names " + role + ": " + outputs);
    }
    // The cluster key (kept for the object-audit trail) names no cluster role either.
    var keyPolicy = PlanView.json(plan.one("aws:kms/key:Key", "keys-cluster").input("policy"));
    for (var statement : keyPolicy.path("Statement")) {
      assertFalse(
          statement.path("Principal").path("AWS").asText().contains(":role/"),
          () -> "a role in the cluster key's policy: " + statement);
    }
    assertEquals("AccountAdministersKey", keyPolicy.path("Statement").get(0).path("Sid").asText());
  }

  @Test
  void everyResourceNamesTheStacksProvider() {
    ExplicitProviders.assertEveryCustomResourceUsesTheStacksProvider(plan);
  }

  @Test
  void milvusRoleTrustsTheGivenProviderForItsServiceAccountOnly() {
    var role =
        plan.all().stream()
            .filter(
                r ->
                    r.type().equals("aws:iam/role:Role")
                        && r.input("name").asText().endsWith("-milvus"))
            .findFirst()
            .orElseThrow();
    var st = PlanView.json(role.input("assumeRolePolicy")).path("Statement").get(0);
    assertEquals(
        providerArn(account(), ISSUER_PATH), st.path("Principal").path("Federated").asText());
    assertEquals(
        "system:serviceaccount:milvus:milvus",
        st.path("Condition").path("StringEquals").path(ISSUER_PATH + ":sub").asText());
    assertEquals(
        "sts.amazonaws.com",
        st.path("Condition").path("StringEquals").path(ISSUER_PATH + ":aud").asText());
  }

  @Test
  void kubernetesProviderUsesTheGivenKubeconfigAsASecret() {
    var provider = plan.only("pulumi:providers:kubernetes");
    assertFalse(
        provider.input("kubeconfig").toString().contains("t0ken"),
        "the token reached the plan: " + provider.input("kubeconfig"));
    assertTrue(
        provider.input("kubeconfig").toString().contains("secret"),
        "not marked secret: " + provider.input("kubeconfig"));
  }

  @Test
  void chartsInstallFromTheDirectory() {
    var operator =
        plan.all().stream()
            .filter(
                r ->
                    r.type().equals("kubernetes:helm.sh/v3:Release")
                        && r.input("name").asText().equals("milvus-operator"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        charts.toAbsolutePath() + "/milvus-operator-" + Defaults.OPERATOR_CHART_VERSION + ".tgz",
        operator.input("chart").asText());
    assertTrue(
        operator.input("repositoryOpts").isMissingNode()
            || operator.input("repositoryOpts.repo").isMissingNode(),
        "a local archive needs no repository: " + operator.input("repositoryOpts"));
  }

  @Test
  void keysOfACreatedClusterAreRefusedNamingTheKey() {
    String text =
        problems(
            Map.of(
                "vpcCidr",
                "10.50.0.0/16",
                "adminPrincipalArns",
                "[\"arn:aws:iam::" + account() + ":role/admin\"]"),
            true);
    assertTrue(
        text.contains(
            "sovereign-milvus:vpcCidr: got '10.50.0.0/16'; allowed: no value with existingClusterKubeconfig"),
        text);
    assertTrue(text.contains("sovereign-milvus:adminPrincipalArns: got"), text);
  }

  @Test
  void aPlainTextKubeconfigIsRefusedWithoutEchoingIt() {
    String text = problems(Map.of(), false);
    assertTrue(
        text.contains(
            "sovereign-milvus:existingClusterKubeconfig: got a plain-text value; allowed: a secret"),
        text);
    assertFalse(text.contains("t0ken"), text);
  }

  @Test
  void aKubeconfigWithoutAServerIsRefused() {
    String text =
        problems(
            Map.of("existingClusterKubeconfig", "current-context: x\ncontexts: []\nclusters: []\n"),
            true);
    assertTrue(
        text.contains(
            "existingClusterKubeconfig: got a kubeconfig whose current-context 'x' names no cluster in it"),
        text);
    assertTrue(
        problems(Map.of("existingClusterKubeconfig", "{not: [yaml"), true)
            .contains("got a secret that is not YAML or JSON"));
  }

  @Test
  void theOidcProviderMustBeInTheStacksAccountAndRegion() {
    String otherRegion = providerArn(account(), ISSUER_PATH.replace("me-central-1", "eu-west-1"));
    assertTrue(
        problems(Map.of("existingClusterOidcProviderArn", otherRegion), true)
            .contains(
                "existingClusterOidcProviderArn: got '"
                    + otherRegion
                    + "'; allowed: a cluster in the stack's region me-central-1"));
    String otherAccount = providerArn("999999999999", ISSUER_PATH);
    assertTrue(
        problems(Map.of("existingClusterOidcProviderArn", otherAccount), true)
            .contains("allowed: a provider in the stack's account " + account()));
    assertTrue(
        problems(
                Map.of(
                    "existingClusterOidcProviderArn",
                    "arn:aws:iam::" + account() + ":oidc-provider/example.com"),
                true)
            .contains(
                "allowed: arn:aws:iam::<accountId>:oidc-provider/oidc.eks.<region>.amazonaws.com/id/<32 hex digits>"));
  }

  @Test
  void aProviderArnWithoutAKubeconfigIsRefused() {
    String text =
        assertThrows(
                ConfigError.class,
                () ->
                    SettingsParser.parse(
                        Plans.config(
                            Plans.DEV,
                            Map.of(
                                "existingClusterOidcProviderArn",
                                providerArn(account(), ISSUER_PATH)))))
            .getMessage();
    assertTrue(
        text.contains(
            "existingClusterOidcProviderArn: got '"
                + providerArn(account(), ISSUER_PATH)
                + "'; allowed: no value unless existingClusterKubeconfig"),
        text);
  }

  @Test
  void aChartDirectoryMustHoldTheArchive(@TempDir Path empty) {
    String dir = "file://" + empty.toAbsolutePath();
    String text =
        problems(
            Map.of(
                "operatorChartRepository",
                dir,
                "certManagerChartRepository",
                "file://relative/dir"),
            true);
    assertTrue(
        text.contains(
            "operatorChartRepository: got '"
                + dir
                + "'; allowed: a directory holding milvus-operator-"
                + Defaults.OPERATOR_CHART_VERSION
                + ".tgz"),
        text);
    assertTrue(
        text.contains(
            "certManagerChartRepository: got 'file://relative/dir'; allowed: file:// and the absolute path"),
        text);
  }
}
