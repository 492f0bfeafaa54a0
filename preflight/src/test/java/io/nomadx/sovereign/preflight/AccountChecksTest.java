package io.nomadx.sovereign.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nomadx.sovereign.config.ConfigSource;
import io.nomadx.sovereign.config.SettingsParser;
import io.nomadx.sovereign.preflight.support.Account;
import io.nomadx.sovereign.preflight.support.AwsStandIn;
import io.nomadx.sovereign.preflight.support.ChartMirror;
import io.nomadx.sovereign.preflight.support.MotoServer;
import io.nomadx.sovereign.preflight.support.StackFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Preflight against an emulated account: moto (moto[server] 5.2.5) for what it implements, recorded
 * responses for the rest (support/AwsStandIn says which). A prepared account passes the shipped
 * prod stack; a fresh one fails it with one finding per problem; then one change per test, each
 * asserting the one decision a user would act on.
 */
class AccountChecksTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String PROD = "prod-me-central-1";

  static MotoServer moto;
  static AwsStandIn aws;
  static ChartMirror charts;
  static Account account;

  @BeforeAll
  static void start() throws Exception {
    moto = MotoServer.shared();
    moto.reset();
    aws = new AwsStandIn(moto.endpoint);
    charts = new ChartMirror();
    account = new Account(moto.endpoint);
  }

  @AfterAll
  static void stop() {
    if (account != null) {
      account.close();
    }
    if (charts != null) {
      charts.close();
    }
    if (aws != null) {
      aws.close();
    }
  }

  @BeforeEach
  void freshAccount() throws Exception {
    moto.reset();
    aws.preparedRegion();
    aws.clearActions();
    charts.clear();
  }

  // ---- fixtures ------------------------------------------------------------------------------

  /**
   * The shipped prod stack with its charts from the test's mirror (the public repositories are out
   * of reach).
   */
  static StackFixture prod() {
    return StackFixture.of(PROD)
        .set("operatorChartRepository", charts.base + "/charts")
        .set("certManagerChartRepository", charts.base + "/charts")
        .set("prometheusChartRepository", charts.base + "/charts");
  }

  static void mirrorCharts() {
    charts.index(
        "/charts",
        Map.of(
            "milvus-operator",
            List.of("1.3.7", "1.3.8"),
            "cert-manager",
            List.of("v1.21.1"),
            "prometheus-operator-crds",
            List.of("31.0.1")));
  }

  /** Everything a platform team does before the first deploy: roles, admins, images, charts. */
  static void prepare(Path dir, String stack) {
    account.serviceLinkedRoles();
    account.role("platform-admin");
    account.role("pulumi-deployer");
    account.mirror(footprint(dir, stack).images());
    mirrorCharts();
  }

  static Footprint footprint(Path dir, String stack) {
    return Footprint.of(SettingsParser.parse(ConfigSource.fromStackFile(dir, stack)));
  }

  record Result(int exit, JsonNode report, String stderr) {
    List<JsonNode> findings() {
      var out = new ArrayList<JsonNode>();
      report.path("findings").forEach(out::add);
      return out;
    }

    List<String> keys() {
      return findings().stream()
          .map(f -> f.path("check").asText() + " | " + f.path("setting").asText())
          .sorted()
          .toList();
    }

    JsonNode only() {
      assertEquals(
          1, findings().size(), () -> "expected one finding, got " + report.toPrettyString());
      return findings().get(0);
    }

    List<String> passed() {
      var out = new ArrayList<String>();
      report.path("passed").forEach(p -> out.add(p.asText()));
      return out;
    }
  }

  static Result run(Path dir, String stack) throws Exception {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int exit =
        Main.run(
            new String[] {
              stack,
              "--json",
              "--project-dir",
              dir.toString(),
              "--endpoint-url",
              aws.endpoint.toString()
            },
            Map.of(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Account.CREDENTIALS,
            charts.client());
    String text = out.toString(StandardCharsets.UTF_8);
    return new Result(
        exit,
        text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text),
        err.toString(StandardCharsets.UTF_8));
  }

  static String text(Path dir, String stack) {
    var out = new ByteArrayOutputStream();
    Main.run(
        new String[] {
          stack, "--project-dir", dir.toString(), "--endpoint-url", aws.endpoint.toString()
        },
        Map.of(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream()),
        Account.CREDENTIALS,
        charts.client());
    return out.toString(StandardCharsets.UTF_8);
  }

  // ---- the two accounts of the issue --------------------------------------------------------

  @Test
  void aPreparedAccountPassesTheShippedProdStack() throws Exception {
    Path dir = prod().write();
    prepare(dir, PROD);

    Result r = run(dir, PROD);

    assertEquals(0, r.exit(), r.report().toPrettyString());
    assertEquals(List.of(), r.findings());
    assertEquals("pass", r.report().path("verdict").asText());
    String passed = String.join("\n", r.passed());
    for (String expected :
        List.of(
            "account: ",
            "quota: ec2/L-1216C47A 640 vCPUs hold 66 at desiredSize and 132 at maxSize",
            "quota: vpc/L-F678F1CE",
            "offerings: nodePools.queryNode.instanceTypes [r6i.xlarge] offered in mec1-az1, mec1-az2, mec1-az3",
            "eks: Kubernetes 1.34 in standard support",
            "eks: add-on vpc-cni v1.20.4-eksbuild.1",
            "eks: AL2023 x86_64 node AMI",
            "images: 9 image(s) present",
            "charts: milvus-operator 1.3.8 listed",
            "iam: service-linked role AWSServiceRoleForAutoScaling exists",
            "iam: adminPrincipalArns[1] arn:aws:iam::111111111111:role/pulumi-deployer exists")) {
      assertTrue(passed.contains(expected), () -> "missing '" + expected + "' in\n" + passed);
    }
  }

  @Test
  void aFreshAccountGetsOneFindingPerProblemAndExit1() throws Exception {
    Path dir = prod().write();
    // New account in a newly opted-in region: a low vCPU quota, nothing created, an empty mirror.
    aws.ec2Quota(
        "L-1216C47A", "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances", 16);
    charts.index("/charts", Map.of());

    Result r = run(dir, PROD);

    assertEquals(1, r.exit());
    assertEquals(
        List.of(
            "charts | certManagerChartRepository",
            "charts | operatorChartRepository",
            "charts | prometheusChartRepository",
            "iam | adminPrincipalArns[0]",
            "iam | adminPrincipalArns[1]",
            "iam | service-linked role AWSServiceRoleForAmazonEKS",
            "iam | service-linked role AWSServiceRoleForAmazonEKSNodegroup",
            "iam | service-linked role AWSServiceRoleForAutoScaling",
            "images | backupImageTag",
            "images | certManager",
            "images | certManager",
            "images | certManager",
            "images | certManager",
            "images | imageRegistry",
            "images | imageRegistry",
            "images | milvusVersion",
            "images | operatorChartVersion",
            "quota | nodePools"),
        r.keys());
    for (JsonNode f : r.findings()) {
      assertEquals("blocking", f.path("severity").asText());
      for (String field : List.of("has", "needs", "fix")) {
        assertFalse(f.path(field).asText().isBlank(), () -> field + " empty in " + f);
      }
    }
    JsonNode quota =
        r.findings().stream()
            .filter(f -> f.path("check").asText().equals("quota"))
            .findFirst()
            .orElseThrow();
    assertTrue(
        quota.path("has").asText().contains("L-1216C47A")
            && quota.path("has").asText().contains(" 16 "),
        quota::toString);
    assertTrue(quota.path("needs").asText().startsWith("66 vCPUs"), quota::toString);
    assertTrue(
        quota
            .path("fix")
            .asText()
            .contains(
                "--service-code ec2 --quota-code L-1216C47A --desired-value 132 --region me-central-1"),
        quota::toString);
    assertTrue(
        r.findings().stream()
            .anyMatch(
                f ->
                    f.path("fix")
                        .asText()
                        .equals(
                            "aws iam create-service-linked-role --aws-service-name eks-nodegroup.amazonaws.com")));
    assertTrue(
        r.findings().stream()
            .anyMatch(
                f ->
                    f.path("fix")
                        .asText()
                        .contains(
                            "crane copy docker.io/milvusdb/milvus:v2.5.14 111111111111.dkr.ecr.me-central-1.amazonaws.com/milvusdb/milvus:v2.5.14")));

    String text = text(dir, PROD);
    assertTrue(text.contains("  FAIL  quota - nodePools\n        has:   ec2/L-1216C47A"), text);
    assertTrue(
        text.strip().endsWith("preflight: 18 blocking, 0 warnings - `pulumi up` would fail"), text);
  }

  // ---- quotas ---------------------------------------------------------------------------------

  @Test
  void vCpusAlreadyRunningCountAgainstTheQuota() throws Exception {
    Path dir = prod().write();
    prepare(dir, PROD);
    aws.ec2Quota(
        "L-1216C47A", "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances", 100);
    account.running("m6i.2xlarge", 5); // 40 vCPUs of other workloads: 66 + 40 > 100

    JsonNode f = run(dir, PROD).only();

    assertEquals(
        "quota | nodePools", f.path("check").asText() + " | " + f.path("setting").asText());
    assertTrue(f.path("has").asText().contains("40 already running"), f::toString);
    assertTrue(f.path("needs").asText().startsWith("106 vCPUs"), f::toString);
  }

  @Test
  void roomForDesiredButNotMaxSizeOnlyWarns() throws Exception {
    Path dir = prod().write();
    prepare(dir, PROD);
    aws.ec2Quota(
        "L-1216C47A", "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances", 100);

    Result r = run(dir, PROD);

    assertEquals(0, r.exit());
    assertEquals("warning", r.only().path("severity").asText());
    assertTrue(
        r.only().path("needs").asText().startsWith("132 vCPUs to grow the pools to maxSize"),
        r.only()::toString);
  }

  @Test
  void aRegionFullOfVpcsBlocksTheStacksVpc() throws Exception {
    Path dir = prod().write();
    prepare(dir, PROD);
    account.vpcs(4); // with the default VPC: 5, the default quota

    JsonNode f = run(dir, PROD).only();

    assertEquals("vpcCidr", f.path("setting").asText());
    assertTrue(
        f.path("has").asText().startsWith("vpc/L-F678F1CE (VPCs per Region) 5"), f::toString);
    assertTrue(
        f.path("fix")
            .asText()
            .contains("--service-code vpc --quota-code L-F678F1CE --desired-value 6"),
        f::toString);
  }

  @Test
  void natEgressNeedsAnElasticIpPerZone() throws Exception {
    Path dir = prod().set("internetEgress", "nat").write();
    prepare(dir, PROD);
    account.elasticIps(3); // 3 in use + 3 NAT gateways > 5

    JsonNode f = run(dir, PROD).only();

    assertEquals("natGatewayPerZone", f.path("setting").asText());
    assertTrue(
        f.path("has")
            .asText()
            .startsWith("ec2/L-0263D0A3 (EC2-VPC Elastic IPs) 5 (AWS default); 3 in use"),
        f::toString);
    assertTrue(
        f.path("needs").asText().startsWith("6: 3 for one Elastic IP per NAT gateway"),
        f::toString);
  }

  // ---- offerings ------------------------------------------------------------------------------

  @Test
  void aQueryNodeTypeMissingFromOneZoneBlocks() throws Exception {
    // moto's me-central-1 offerings list r8i.xlarge in mec1-az2 and mec1-az3 only.
    Path dir =
        prod()
            .set("nodePools", Map.of("queryNode", Map.of("instanceTypes", List.of("r8i.xlarge"))))
            .write();
    prepare(dir, PROD);

    JsonNode f = run(dir, PROD).only();

    assertEquals(
        "offerings | nodePools.queryNode.instanceTypes",
        f.path("check").asText() + " | " + f.path("setting").asText());
    assertEquals("[r8i.xlarge] not offered in mec1-az1", f.path("has").asText());
  }

  @Test
  void aSecondTypeOfferedInThatZoneOnlyWarns() throws Exception {
    Path dir =
        prod()
            .set(
                "nodePools",
                Map.of("queryNode", Map.of("instanceTypes", List.of("r8i.xlarge", "r6i.xlarge"))))
            .write();
    prepare(dir, PROD);

    Result r = run(dir, PROD);

    assertEquals(0, r.exit());
    assertEquals("warning", r.only().path("severity").asText());
    assertEquals("mec1-az1 lacks [r8i.xlarge]", r.only().path("has").asText());
  }

  // ---- EKS ------------------------------------------------------------------------------------

  @Test
  void anAddonBuildNotPublishedForTheClusterVersionBlocks() throws Exception {
    Path dir = prod().set("addonVersions", Map.of("vpc-cni", "v1.19.6-eksbuild.7")).write();
    prepare(dir, PROD);

    JsonNode f = run(dir, PROD).only();

    assertEquals("addonVersions.vpc-cni", f.path("setting").asText());
    assertEquals(
        "set addonVersions.vpc-cni to v1.20.4-eksbuild.1 (EKS's default for 1.34)",
        f.path("fix").asText());
  }

  @Test
  void aVersionInExtendedSupportWarnsButPasses() throws Exception {
    Path dir =
        prod()
            .set("eksVersion", "1.32")
            .set(
                "addonVersions",
                Map.of("coredns", "v1.11.4-eksbuild.14", "kube-proxy", "v1.32.6-eksbuild.8"))
            .write();
    prepare(dir, PROD);

    Result r = run(dir, PROD);

    assertEquals(0, r.exit(), r.report().toPrettyString());
    assertEquals("eks | eksVersion", r.keys().get(0));
    assertEquals("warning", r.only().path("severity").asText());
  }

  @Test
  void aVersionEksDoesNotOfferIsOneFindingNotOnePerAddon() throws Exception {
    Path dir = prod().set("eksVersion", "1.35").write();
    prepare(dir, PROD);

    JsonNode f = run(dir, PROD).only();

    assertEquals("eksVersion", f.path("setting").asText());
    assertEquals("EKS in me-central-1 offers no Kubernetes 1.35", f.path("has").asText());
  }

  @Test
  void aMissingNodeAmiBlocks() throws Exception {
    Path dir = prod().write();
    prepare(dir, PROD);
    aws.unpublish(
        "/aws/service/eks/optimized-ami/1.34/amazon-linux-2023/x86_64/standard/recommended/release_version");

    JsonNode f = run(dir, PROD).only();

    assertEquals("eksVersion", f.path("setting").asText());
    assertTrue(f.path("has").asText().startsWith("no AL2023 x86_64 EKS AMI for 1.34"), f::toString);
  }

  // ---- charts ---------------------------------------------------------------------------------

  @Test
  void aFileMirrorArchiveOfAnotherVersionBlocks() throws Exception {
    Path mirror = Files.createTempDirectory("charts-");
    archive(mirror, "milvus-operator", "1.3.8", "1.3.8");
    archive(mirror, "cert-manager", "v1.21.1", "v1.20.0"); // named right, holds another release
    archive(mirror, "prometheus-operator-crds", "31.0.1", "31.0.1");
    Path dir =
        StackFixture.of(PROD)
            .set("operatorChartRepository", "file://" + mirror)
            .set("certManagerChartRepository", "file://" + mirror)
            .set("prometheusChartRepository", "file://" + mirror)
            .write();
    prepare(dir, PROD);

    JsonNode f = run(dir, PROD).only();

    assertEquals(
        "charts | certManagerChartRepository",
        f.path("check").asText() + " | " + f.path("setting").asText());
    assertTrue(
        f.path("has")
            .asText()
            .endsWith("cert-manager-v1.21.1.tgz holds chart cert-manager v1.20.0"),
        f::toString);
  }

  /** A chart archive as `helm package` lays it out: `<name>/Chart.yaml` in a gzip tar. */
  static void archive(Path mirror, String name, String fileVersion, String chartVersion)
      throws Exception {
    Path work = Files.createTempDirectory("chart-");
    Files.createDirectories(work.resolve(name + "/templates"));
    Files.writeString(
        work.resolve(name + "/Chart.yaml"),
        "apiVersion: v2\nname: " + name + "\nversion: " + chartVersion + "\n");
    Files.writeString(work.resolve(name + "/values.yaml"), "{}\n");
    Process p =
        new ProcessBuilder(
                "tar",
                "-czf",
                mirror.resolve(name + "-" + fileVersion + ".tgz").toString(),
                "-C",
                work.toString(),
                name)
            .inheritIO()
            .start();
    assertEquals(0, p.waitFor());
  }

  @Test
  void anOciChartMirrorInEcrIsAskedForTheChartTag() throws Exception {
    String oci = "oci://111111111111.dkr.ecr.me-central-1.amazonaws.com/helm";
    Path dir = prod().set("operatorChartRepository", oci).write();
    prepare(dir, PROD);

    JsonNode f = run(dir, PROD).only();
    assertEquals("operatorChartRepository", f.path("setting").asText());
    assertEquals(
        "no repository helm/milvus-operator in registry 111111111111", f.path("has").asText());

    account.push("helm/milvus-operator", "1.3.8");
    Result r = run(dir, PROD);
    assertEquals(0, r.exit(), r.report().toPrettyString());
    assertTrue(r.passed().contains("charts: milvus-operator 1.3.8 in " + oci));
  }

  @Test
  void theFullMonitoringStacksImagesAreSaidToBeUncheckedNotPassed() throws Exception {
    Path dir = prod().set("monitoringStack", "full").write();
    prepare(dir, PROD);
    charts.index(
        "/charts",
        Map.of(
            "milvus-operator",
            List.of("1.3.8"),
            "cert-manager",
            List.of("v1.21.1"),
            "kube-prometheus-stack",
            List.of("88.5.3")));

    Result r = run(dir, PROD);

    assertEquals(0, r.exit(), r.report().toPrettyString());
    assertTrue(
        r.passed()
            .contains(
                "charts: kube-prometheus-stack 88.5.3 listed in "
                    + charts.base
                    + "/charts/index.yaml"),
        r.passed()::toString);
    assertTrue(
        r.report()
            .path("notChecked")
            .toString()
            .contains("images of kube-prometheus-stack (monitoringStack: full)"),
        r.report()::toPrettyString);
  }

  // ---- an existing cluster --------------------------------------------------------------------

  static final String ISSUER =
      "oidc.eks.me-central-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF";

  static StackFixture existing() {
    return prod()
        .remove("vpcCidr")
        .remove("eksVersion")
        .remove("adminPrincipalArns")
        .remove("availabilityZoneIds")
        .set("existingClusterKubeconfig", Map.of("secure", "v1:ZXhpc3Rpbmc=:a3ViZWNvbmZpZw=="))
        .set("existingClusterOidcProviderArn", "arn:aws:iam::111111111111:oidc-provider/" + ISSUER)
        .set("awsEndpointCidrs", List.of("10.1.250.0/26"));
  }

  @Test
  void anExistingClusterNeedsOnlyItsOidcProviderImagesAndCharts() throws Exception {
    Path dir = existing().write();
    account.mirror(footprint(dir, PROD).images());
    mirrorCharts();
    account.oidcProvider("https://" + ISSUER, "sts.amazonaws.com");

    Result r = run(dir, PROD);

    assertEquals(0, r.exit(), r.report().toPrettyString());
    assertTrue(
        r.passed()
                .contains(
                    "iam: OIDC provider " + ISSUER + " exists with audience sts.amazonaws.com")
            || r.passed()
                .contains(
                    "iam: OIDC provider https://"
                        + ISSUER
                        + " exists with audience sts.amazonaws.com"),
        r.passed()::toString);
    assertTrue(
        r.passed().stream()
            .noneMatch(
                p ->
                    p.startsWith("quota:")
                        || p.startsWith("offerings:")
                        || p.startsWith("eks:")
                        || p.contains("service-linked")),
        r.passed()::toString);
  }

  @Test
  void anExistingClusterWithoutItsOidcProviderBlocks() throws Exception {
    Path dir = existing().write();
    account.mirror(footprint(dir, PROD).images());
    mirrorCharts();

    JsonNode f = run(dir, PROD).only();

    assertEquals("existingClusterOidcProviderArn", f.path("setting").asText());
    assertTrue(
        f.path("has")
            .asText()
            .startsWith("no OIDC provider arn:aws:iam::111111111111:oidc-provider/"),
        f::toString);
  }

  @Test
  void anOidcProviderWithoutTheStsAudienceBlocks() throws Exception {
    Path dir = existing().write();
    account.mirror(footprint(dir, PROD).images());
    mirrorCharts();
    account.oidcProvider("https://" + ISSUER, "kubernetes");

    JsonNode f = run(dir, PROD).only();

    assertEquals("existingClusterOidcProviderArn", f.path("setting").asText());
    assertTrue(
        f.path("fix").asText().startsWith("aws iam add-client-id-to-open-id-connect-provider"),
        f::toString);
  }

  // ---- preflight's own failures ---------------------------------------------------------------

  @Test
  void aRefusedServiceIsOneFindingThatPointsAtThePolicy() throws Exception {
    Path dir = prod().write();
    prepare(dir, PROD);
    aws.deny("servicequotas");

    Result r = run(dir, PROD);

    assertEquals(1, r.exit());
    JsonNode f = r.only();
    assertTrue(f.path("has").asText().contains("AccessDeniedException"), f::toString);
    assertEquals(
        "run preflight as a role with preflight/iam-policy.json attached", f.path("fix").asText());
  }

  @Test
  void credentialsOfAnotherAccountStopEverythingElse() throws Exception {
    // The dev stack names account 222222222222; the emulated credentials are 111111111111's.
    Result r = run(StackFixture.repo(), "dev-me-central-1");

    assertEquals(1, r.exit());
    assertEquals("account | accountId", r.keys().get(0));
    assertEquals(1, r.findings().size());
    assertEquals(Set.of("sts:GetCallerIdentity"), aws.actions());
  }

  @Test
  void badConfigExits2BeforeAskingAnything() throws Exception {
    Path dir = prod().set("tier", "huge").write();

    Result r = run(dir, PROD);

    assertEquals(2, r.exit());
    assertEquals("bad-config", r.report().path("verdict").asText());
    assertEquals(
        "sovereign-milvus:tier", r.report().path("problems").get(0).path("setting").asText());
    assertEquals(Set.of(), aws.actions());
  }

  // ---- the policy it documents ----------------------------------------------------------------

  @Test
  void theDocumentedPolicyGrantsExactlyTheActionsPreflightAsks() throws Exception {
    var asked = new TreeSet<String>();
    Path created =
        prod()
            .set("internetEgress", "nat")
            .set(
                "operatorChartRepository",
                "oci://111111111111.dkr.ecr.me-central-1.amazonaws.com/helm")
            .set(
                "adminPrincipalArns",
                List.of(
                    "arn:aws:iam::111111111111:role/platform-admin",
                    "arn:aws:iam::111111111111:user/break-glass"))
            .write();
    prepare(created, PROD);
    account.iam.createUser(b -> b.userName("break-glass"));
    account.running("m6i.large", 1);
    var vpc = account.ec2.createVpc(b -> b.cidrBlock("10.200.0.0/16")).vpc().vpcId();
    var subnet =
        account
            .ec2
            .createSubnet(
                b -> b.vpcId(vpc).cidrBlock("10.200.0.0/24").availabilityZoneId("mec1-az1"))
            .subnet()
            .subnetId();
    var eip =
        account
            .ec2
            .allocateAddress(
                b -> b.domain(software.amazon.awssdk.services.ec2.model.DomainType.VPC))
            .allocationId();
    account.ec2.createNatGateway(b -> b.subnetId(subnet).allocationId(eip));
    run(created, PROD);
    asked.addAll(aws.actions());
    moto.reset();
    Path adopted = existing().write();
    account.oidcProvider("https://" + ISSUER, "sts.amazonaws.com");
    run(adopted, PROD);
    asked.addAll(aws.actions());
    // GetCallerIdentity needs no permission (STS API reference: "No permissions are required").
    asked.remove("sts:GetCallerIdentity");

    JsonNode policy =
        JSON.readTree(StackFixture.repo().resolve("preflight/iam-policy.json").toFile());
    var granted = new TreeSet<String>();
    policy
        .path("Statement")
        .forEach(
            s -> {
              JsonNode a = s.path("Action");
              if (a.isArray()) {
                a.forEach(x -> granted.add(x.asText()));
              } else {
                granted.add(a.asText());
              }
            });
    assertEquals(granted, asked);
  }
}
