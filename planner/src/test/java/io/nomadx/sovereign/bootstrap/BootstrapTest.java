package io.nomadx.sovereign.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nomadx.sovereign.plan.PlanDiff;
import io.nomadx.sovereign.plan.StackExport;
import io.nomadx.sovereign.support.PlanView;
import io.nomadx.sovereign.support.Plans;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `bin/bootstrap`, the scripted first-ever deploy: without --apply it prints the ordered steps for
 * a stack and touches nothing (no aws, pulumi or gh); and the program's network-only first `up`
 * that its fifth step runs.
 */
class BootstrapTest {
  private static final String REPO = "nomadx/sovereign-milvus";

  /** Stand-ins for the cloud and GitHub CLIs: each records that it was called, and fails. */
  @TempDir static Path fakes;

  private static Path calls;

  @BeforeAll
  static void fakeTools() throws IOException {
    calls = fakes.resolve("calls.log");
    Files.writeString(calls, "");
    for (String tool : List.of("aws", "pulumi", "gh")) {
      Path p = fakes.resolve(tool);
      Files.writeString(p, "#!/bin/sh\necho \"" + tool + " $*\" >> '" + calls + "'\nexit 1\n");
      assertTrue(p.toFile().setExecutable(true));
    }
  }

  private record Run(int code, String out, String err) {
    /** The printed steps: title and body, in order. */
    List<Map.Entry<String, String>> steps() {
      var out = new ArrayList<Map.Entry<String, String>>();
      var m = Pattern.compile("(?m)^Step (\\d+)/8: (.*)$").matcher(this.out);
      var starts = new ArrayList<int[]>();
      var titles = new ArrayList<String>();
      while (m.find()) {
        starts.add(new int[] {m.start(), m.end()});
        titles.add(m.group(2));
      }
      for (int i = 0; i < titles.size(); i++) {
        int end = i + 1 < starts.size() ? starts.get(i + 1)[0] : this.out.length();
        out.add(Map.entry(titles.get(i), this.out.substring(starts.get(i)[1], end)));
      }
      return out;
    }

    String body(String titleStart) {
      return steps().stream()
          .filter(e -> e.getKey().startsWith(titleStart))
          .map(Map.Entry::getValue)
          .findFirst()
          .orElseThrow(() -> new AssertionError("no step '" + titleStart + "' in:\n" + out));
    }
  }

  private static Run bootstrap(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    var command = new ArrayList<String>();
    command.add("bin/bootstrap");
    command.addAll(List.of(args));
    var pb = new ProcessBuilder(command);
    pb.environment().put("PATH", fakes + ":" + System.getenv("PATH"));
    pb.environment().remove("MILVUS_ROOT_PASSWORD");
    pb.environment().putAll(env);
    Path out = Files.createTempFile(fakes, "out", ".txt");
    Path err = Files.createTempFile(fakes, "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    int code = pb.start().waitFor();
    return new Run(
        code,
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static void assertNothingCalled() throws IOException {
    assertEquals("", Files.readString(calls), "bin/bootstrap without --apply called a tool");
  }

  private static void assertInOrder(String text, String... parts) {
    int at = -1;
    for (String part : parts) {
      int next = text.indexOf(part, at + 1);
      assertTrue(next > at, () -> "'" + part + "' missing or out of order in:\n" + text);
      at = next;
    }
  }

  @Test
  void printsTheOrderedStepsOfAFirstDeployWithoutCredentials() throws Exception {
    var run = bootstrap(Map.of(), Plans.PROD, "--repo", REPO);
    assertEquals(0, run.code(), run.err());
    assertNothingCalled();
    assertEquals(
        List.of(
            "Build the program and plan the stack offline (no credentials needed)",
            "State backend: a KMS key and a private, versioned, encrypted bucket in me-central-1",
            "GitHub OIDC provider, the deploy role and the preview role (no long-lived keys)",
            "Stack: log in to the bucket, create the stack with the KMS secrets provider, store the root password",
            "First pulumi up, from here: the network only (with the roles and keys it needs), no cluster yet",
            "(manual) The in-VPC runner: a self-hosted GitHub runner that can reach the private API",
            "Workflow variables: the runner's labels, and the roles and state each job uses",
            "The rest: the deploy workflow's full pulumi up on the in-VPC runner"),
        run.steps().stream().map(Map.Entry::getKey).toList());

    assertInOrder(
        run.body("Build"), "./mvnw -B -q -DskipTests package", "bin/plan prod-me-central-1");
    assertInOrder(
        run.body("State backend"),
        "aws kms create-key --region me-central-1",
        "aws kms enable-key-rotation",
        "aws kms create-alias --region me-central-1 --alias-name alias/pulumi-sovereign-milvus",
        "aws s3api create-bucket --bucket pulumi-state-111111111111-me-central-1 --region me-central-1 "
            + "--create-bucket-configuration LocationConstraint=me-central-1",
        "put-public-access-block",
        "put-bucket-versioning",
        "\"SSEAlgorithm\":\"aws:kms\"",
        "\"aws:SecureTransport\":\"false\"");
    String roles = run.body("GitHub OIDC");
    assertInOrder(
        roles,
        "aws iam create-open-id-connect-provider --url https://token.actions.githubusercontent.com",
        "aws iam create-role --role-name pulumi-deployer",
        "\"token.actions.githubusercontent.com:sub\":\"repo:" + REPO + ":environment:production\"",
        "\"aws:RequestedRegion\":\"me-central-1\"",
        "aws iam create-role --role-name pulumi-previewer",
        "repo:" + REPO + ":pull_request");
    assertTrue(
        roles.contains(
            "arn:aws:iam::111111111111:role/pulumi-deployer is in sovereign-milvus:adminPrincipalArns"),
        roles);
    assertInOrder(
        run.body("Stack:"),
        "pulumi login 's3://pulumi-state-111111111111-me-central-1?region=me-central-1&awssdk=v2'",
        "pulumi stack init prod-me-central-1 --secrets-provider 'awskms://alias/pulumi-sovereign-milvus?region=me-central-1'",
        "printf '%s' \"$MILVUS_ROOT_PASSWORD\" | pulumi config set --secret --stack prod-me-central-1 rootPassword");
    assertInOrder(
        run.body("First pulumi up"),
        "bin/preflight prod-me-central-1",
        "pulumi config set --stack prod-me-central-1 bootstrapNetworkOnly true",
        "pulumi up --stack prod-me-central-1 --policy-pack policies/sovereignty --policy-pack-config policies/config/prod-me-central-1.json "
            + "--policy-pack policies/milvus-production",
        "pulumi config rm --stack prod-me-central-1 bootstrapNetworkOnly");
    String runner = run.body("(manual)");
    assertTrue(
        runner.contains("This VPC has no route to the internet")
            && runner.contains("sovereign-milvus:apiAccessCidrs"),
        runner);
    assertTrue(runner.contains("[\"self-hosted\",\"me-central-1\",\"sovereign-milvus\"]"), runner);
    assertInOrder(
        run.body("Workflow variables"),
        "gh variable set PRIVATE_RUNNER_LABELS --repo "
            + REPO
            + " --body '[\"self-hosted\",\"me-central-1\",\"sovereign-milvus\"]'",
        "gh variable set AWS_DEPLOY_ROLE_ARN --repo "
            + REPO
            + " --env production --body arn:aws:iam::111111111111:role/pulumi-deployer",
        "gh variable set PULUMI_BACKEND_URL --repo " + REPO + " --env production");
    assertTrue(
        run.body("The rest").contains("gh workflow run deploy.yml --repo " + REPO + " --ref main"),
        run.out());
  }

  @Test
  void devRunsItsRunnerBehindItsNatAndDeploysFromItsOwnEnvironment() throws Exception {
    var run = bootstrap(Map.of(), Plans.DEV, "--repo", REPO);
    assertEquals(0, run.code(), run.err());
    assertTrue(
        run.out().contains("bootstrap dev-me-central-1: account 222222222222, region me-central-1"),
        run.out());
    assertTrue(
        run.body("GitHub OIDC").contains("repo:" + REPO + ":environment:development"), run.out());
    assertTrue(
        run.body("(manual)").contains("This VPC routes to the internet through NAT"), run.out());
    assertTrue(run.body("Workflow variables").contains("--env development"), run.out());
  }

  @Test
  void aLandingZoneStackChecksTheGivenNetworkInsteadOfCreatingOne(@TempDir Path project)
      throws Exception {
    Files.copy(Path.of("Pulumi.yaml"), project.resolve("Pulumi.yaml"));
    Files.writeString(
        project.resolve("Pulumi.prod-me-central-1.yaml"),
        Files.readString(Path.of("Pulumi.prod-me-central-1.yaml"))
            .replace(
                "  sovereign-milvus:vpcCidr: 10.40.0.0/16\n",
                "  sovereign-milvus:existingVpcId: vpc-0a1b2c3d4e5f60718\n"
                    + "  sovereign-milvus:existingPrivateSubnetIds:\n    mec1-az1: subnet-0aaa1111aaaa1111a\n"
                    + "    mec1-az2: subnet-0bbb2222bbbb2222b\n    mec1-az3: subnet-0ccc3333cccc3333c\n"
                    + "  sovereign-milvus:awsEndpointCidrs: [\"10.1.250.0/26\"]\n"));
    var run = bootstrap(Map.of(), Plans.PROD, "--repo", REPO, "--project-dir", project.toString());
    assertEquals(0, run.code(), run.err());
    assertNothingCalled();
    assertFalse(
        run.out().contains("bootstrapNetworkOnly"),
        "a landing zone's network is not created first");
    String check = run.body("Check the landing zone's VPC and subnets");
    assertInOrder(
        check,
        "bin/preflight prod-me-central-1",
        "aws ec2 describe-subnets --region me-central-1 --subnet-ids subnet-0aaa1111aaaa1111a subnet-0bbb2222bbbb2222b "
            + "subnet-0ccc3333cccc3333c",
        "aws ec2 describe-vpc-attribute --region me-central-1 --vpc-id vpc-0a1b2c3d4e5f60718",
        "pulumi preview --stack prod-me-central-1 --cwd " + project.toRealPath(),
        "landingZoneSubnets");
    assertTrue(run.body("(manual)").contains("Transit Gateway"), run.out());
  }

  @Test
  void aDeployRoleThatIsNotAClusterAdminIsCalledOut() throws Exception {
    var run = bootstrap(Map.of(), Plans.PROD, "--repo", REPO, "--deploy-role", "ci-deployer");
    assertEquals(0, run.code(), run.err());
    assertTrue(
        run.body("GitHub OIDC")
            .contains(
                "WARNING: arn:aws:iam::111111111111:role/ci-deployer is not in "
                    + "sovereign-milvus:adminPrincipalArns"),
        run.out());
  }

  @Test
  void applyRefusesBeforeRunningAnythingWhatWouldFailLater() throws Exception {
    var noPassword = bootstrap(Map.of(), Plans.PROD, "--repo", REPO, "--apply");
    assertEquals(2, noPassword.code(), noPassword.out());
    assertTrue(
        noPassword.err().contains("--apply needs MILVUS_ROOT_PASSWORD (12 or more characters)"),
        noPassword.err());
    var notAdmin =
        bootstrap(
            Map.of("MILVUS_ROOT_PASSWORD", "a-long-enough-secret"),
            Plans.PROD,
            "--repo",
            REPO,
            "--apply",
            "--deploy-role",
            "ci-deployer");
    assertEquals(2, notAdmin.code(), notAdmin.out());
    assertTrue(
        notAdmin
            .err()
            .contains(
                "add arn:aws:iam::111111111111:role/ci-deployer to sovereign-milvus:adminPrincipalArns"),
        notAdmin.err());
    assertNothingCalled();
    assertEquals(2, bootstrap(Map.of(), "staging-me-central-1").code(), "an unknown stack");
  }

  @Test
  void resumingFromAStepPrintsOnlyTheStepsFromIt() throws Exception {
    var run = bootstrap(Map.of(), Plans.PROD, "--repo", REPO, "--from", "7");
    assertEquals(0, run.code(), run.err());
    assertEquals(
        List.of(
            "Workflow variables: the runner's labels, and the roles and state each job uses",
            "The rest: the deploy workflow's full pulumi up on the in-VPC runner"),
        run.steps().stream().map(Map.Entry::getKey).toList());
  }

  // ---- the network-only first `up` (step 5) ---------------------------------------------------

  private static JsonNode export(PlanView plan) {
    assertTrue(plan.ok(), () -> "plan failed: " + plan.result().errors());
    return StackExport.of(plan.result().registrations(), plan.result().componentOutputs());
  }

  @Test
  void theFirstUpCreatesTheNetworkWithItsKeysAndRolesAndNothingPrivate() {
    var plan = Plans.of(Plans.PROD, Map.of("bootstrapNetworkOnly", "true"));
    assertTrue(plan.ok(), () -> "plan failed: " + plan.result().errors());
    for (String type :
        List.of(
            "aws:ec2/vpc:Vpc",
            "aws:ec2/subnet:Subnet",
            "aws:ec2/vpcEndpoint:VpcEndpoint",
            "aws:ec2/flowLog:FlowLog",
            "aws:kms/key:Key",
            "aws:iam/role:Role")) {
      assertFalse(plan.ofType(type).isEmpty(), type + " missing from the first up");
    }
    var types = plan.all().stream().map(r -> r.type()).distinct().toList();
    assertTrue(
        types.stream()
            .noneMatch(
                t ->
                    t.startsWith("kubernetes:")
                        || t.startsWith("aws:eks/")
                        || t.startsWith("aws:s3/")
                        || t.equals("pulumi:providers:kubernetes")
                        || t.startsWith("aws:cloudtrail/")),
        types::toString);
  }

  @Test
  void theFirstUpHasTheClusterRoleItsKeyNamesAndNoNodeRole() {
    var plan = Plans.of(Plans.PROD, Map.of("bootstrapNetworkOnly", "true"));
    assertTrue(plan.ok(), () -> "plan failed: " + plan.result().errors());
    // The cluster key (flow logs) names the cluster role; only node groups use the node role.
    var roles =
        plan.ofType("aws:iam/role:Role").stream()
            .map(r -> r.input("name").asText())
            .sorted()
            .toList();
    assertEquals(List.of("milvus-prod-cluster", "milvus-prod-flow-logs"), roles);
    var outputs = plan.result().componentOutputs().get(plan.only("pulumi:pulumi:Stack").urn());
    var names = new ArrayList<String>();
    outputs.fieldNames().forEachRemaining(names::add);
    assertEquals(
        List.of("clusterKeyArn", "dataKeyArn", "privateSubnetIds", "publicSubnetIds", "vpcId"),
        names.stream().sorted().toList());
  }

  @Test
  void theFullUpAfterTheFirstOnlyCreates() {
    var first = export(Plans.of(Plans.PROD, Map.of("bootstrapNetworkOnly", "true")));
    var full = export(Plans.prod());
    var diff = PlanDiff.diff(first, full);
    assertEquals(List.of(), diff.of(PlanDiff.Op.UPDATE), diff.render(Set.of()));
    assertEquals(List.of(), diff.of(PlanDiff.Op.REPLACE), diff.render(Set.of()));
    assertEquals(List.of(), diff.of(PlanDiff.Op.DELETE), diff.render(Set.of()));
    assertEquals(
        first.path("deployment").path("resources").size(), diff.of(PlanDiff.Op.SAME).size());
    assertTrue(
        diff.of(PlanDiff.Op.CREATE).stream()
            .anyMatch(c -> c.type().equals("aws:eks/cluster:Cluster")));
  }
}
