package io.nomadx.sovereign.evolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nomadx.sovereign.plan.PlanRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `bin/plan --against` as a user runs it when an existing stack's network is switched to a landing
 * zone's VPC: the cluster cannot move to another VPC, so the diff must show it replaced and stop.
 */
class LandingZoneSwitchTest {
  private static final String STACK = "prod-me-central-1";
  private static final String LZ_VPC = "vpc-0a1b2c3d4e5f60718";
  private static final String PREFIX =
      "urn:pulumi:prod-me-central-1::sovereign-milvus::pulumi:pulumi:Stack$";
  private static final String CLUSTER_URN =
      PREFIX + "sovereign:cluster:EksCluster$aws:eks/cluster:Cluster::eks";
  private static final String OIDC_URN =
      PREFIX
          + "sovereign:cluster:EksCluster$aws:iam/openIdConnectProvider:OpenIdConnectProvider::eks-oidc";
  private static final String FLOW_LOGS_URN =
      PREFIX + "sovereign:network:Network$aws:cloudwatch/logGroup:LogGroup::network-flow-logs";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int plan(String... args) {
    out.reset();
    err.reset();
    return PlanRunner.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  /**
   * The shipped prod stack file with its created network swapped for a landing zone's, as a user
   * would edit it.
   */
  private static Path landingZoneProject(Path dir) throws IOException {
    Files.copy(Path.of("Pulumi.yaml"), dir.resolve("Pulumi.yaml"));
    String shipped = Files.readString(Path.of("Pulumi." + STACK + ".yaml"));
    String edited =
        shipped.replace(
            "  sovereign-milvus:vpcCidr: 10.40.0.0/16\n",
            "  sovereign-milvus:existingVpcId: "
                + LZ_VPC
                + "\n"
                + "  sovereign-milvus:existingPrivateSubnetIds:\n"
                + "    mec1-az1: subnet-0aaa1111aaaa1111a\n    mec1-az2: subnet-0bbb2222bbbb2222b\n    mec1-az3: subnet-0ccc3333cccc3333c\n"
                + "  sovereign-milvus:awsEndpointCidrs: [\"10.1.250.0/26\"]\n");
    assertFalse(
        edited.equals(shipped),
        "the shipped stack file no longer sets vpcCidr as this test expects");
    Files.writeString(dir.resolve("Pulumi." + STACK + ".yaml"), edited);
    return dir;
  }

  @Test
  void switchingAnExistingStackToALandingZoneVpcIsBlockedAsAStatefulReplace(
      @TempDir Path base, @TempDir Path project) throws IOException {
    assertEquals(0, plan(STACK, "--out", base.toString()), err::toString);
    Path earlier = base.resolve(STACK + ".json");
    landingZoneProject(project);

    int code =
        plan(
            STACK,
            "--project-dir",
            project.toString(),
            "--out",
            project.resolve("out").toString(),
            "--against",
            earlier.toString());
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(3, code, () -> "exit code; output:\n" + text + err);
    assertTrue(
        text.contains(
            "+- aws:eks/cluster:Cluster eks replace: vpcConfig.subnetIds move it from VPC vpc-"),
        text);
    assertTrue(
        text.contains(" to " + LZ_VPC + ", and a cluster stays in the VPC it was created in"),
        text);
    assertTrue(
        text.contains(
            "!! BLOCKED: aws:eks/cluster:Cluster eks would be REPLACED (vpcConfig.subnetIds move it from VPC vpc-"),
        text);
    assertTrue(
        text.contains(
            "!! BLOCKED: aws:iam/openIdConnectProvider:OpenIdConnectProvider eks-oidc would be REPLACED (url comes from eks, "
                + "which is replaced)"),
        text);
    assertTrue(
        text.contains(
            "!! BLOCKED: aws:cloudwatch/logGroup:LogGroup network-flow-logs would be DELETED"),
        text);
    for (String nodePool : new String[] {"general", "querynode", "system"}) {
      assertTrue(
          text.contains(
              "+- aws:eks/nodeGroup:NodeGroup milvus-prod-"
                  + nodePool
                  + " replace: subnetIds[0] forces replacement"),
          text);
    }
    assertTrue(text.contains("-  aws:ec2/vpc:Vpc network-vpc"), text);
    assertTrue(
        err.toString(StandardCharsets.UTF_8)
            .contains("plan: 3 stateful change(s) blocked; see BLOCKED above"),
        err::toString);
    assertFalse(
        err.toString(StandardCharsets.UTF_8).contains("mandatory policy"),
        "the diff blocked it, not a policy: " + err);

    // Only naming each of them lets it through: the user has decided to rebuild the cluster.
    assertEquals(
        3,
        plan(
            STACK,
            "--project-dir",
            project.toString(),
            "--out",
            project.resolve("out").toString(),
            "--against",
            earlier.toString(),
            "--allow-replace",
            CLUSTER_URN,
            "--allow-replace",
            OIDC_URN));
    assertEquals(
        0,
        plan(
            STACK,
            "--project-dir",
            project.toString(),
            "--out",
            project.resolve("out").toString(),
            "--against",
            earlier.toString(),
            "--allow-replace",
            CLUSTER_URN,
            "--allow-replace",
            OIDC_URN,
            "--allow-replace",
            FLOW_LOGS_URN),
        out::toString);
    assertTrue(
        out.toString(StandardCharsets.UTF_8)
            .contains("  allowed: aws:eks/cluster:Cluster eks would be REPLACED"),
        out::toString);
  }
}
