package io.nomadx.sovereign.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nomadx.sovereign.config.ConfigSource;
import io.nomadx.sovereign.config.SettingsParser;
import io.nomadx.sovereign.preflight.support.Account;
import io.nomadx.sovereign.preflight.support.AwsStandIn;
import io.nomadx.sovereign.preflight.support.MotoServer;
import io.nomadx.sovereign.preflight.support.StackFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The process as a deploy workflow runs it: its own JVM, credentials and endpoint from the
 * environment (AWS_ACCESS_KEY_ID, AWS_ENDPOINT_URL), a region variable that must not matter (the
 * stack's region wins), the verdict as the exit code.
 */
class CommandLineTest {
  static MotoServer moto;
  static AwsStandIn aws;
  static Account account;

  @BeforeAll
  static void start() throws Exception {
    moto = MotoServer.shared();
    moto.reset();
    aws = new AwsStandIn(moto.endpoint);
    account = new Account(moto.endpoint);
  }

  @AfterAll
  static void stop() {
    if (account != null) {
      account.close();
    }
    if (aws != null) {
      aws.close();
    }
  }

  record Run(int exit, String out, String err, long millis) {}

  static Run preflight(Path dir, String stack) throws Exception {
    // The JVM flags bin/preflight uses: a short run, so no optimising compiler.
    var pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            stack,
            "--project-dir",
            dir.toString());
    pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
    pb.environment().put("AWS_ENDPOINT_URL", aws.endpoint.toString());
    pb.environment().put("AWS_ACCESS_KEY_ID", "AKIAPREFLIGHTTEST");
    pb.environment().put("AWS_SECRET_ACCESS_KEY", "preflight-test-secret");
    pb.environment().put("AWS_REGION", "us-east-1");
    long start = System.nanoTime();
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = p.waitFor();
    return new Run(exit, out, err, (System.nanoTime() - start) / 1_000_000);
  }

  @Test
  void exitsZeroOnAPreparedAccountAndOneOnAFreshOne() throws Exception {
    Path mirror = Files.createTempDirectory("charts-");
    AccountChecksTest.archive(mirror, "milvus-operator", "1.3.8", "1.3.8");
    AccountChecksTest.archive(mirror, "cert-manager", "v1.21.1", "v1.21.1");
    AccountChecksTest.archive(mirror, "prometheus-operator-crds", "31.0.1", "31.0.1");
    Path dir =
        StackFixture.of(AccountChecksTest.PROD)
            .set("operatorChartRepository", "file://" + mirror)
            .set("certManagerChartRepository", "file://" + mirror)
            .set("prometheusChartRepository", "file://" + mirror)
            .write();

    moto.reset();
    aws.preparedRegion();
    account.serviceLinkedRoles();
    account.role("platform-admin");
    account.role("pulumi-deployer");
    account.mirror(
        Footprint.of(SettingsParser.parse(ConfigSource.fromStackFile(dir, AccountChecksTest.PROD)))
            .images());
    Run ready = preflight(dir, AccountChecksTest.PROD);
    System.out.println(
        "preflight process against the emulator, prepared account: " + ready.millis() + " ms");
    assertEquals(0, ready.exit(), ready.out() + ready.err());
    List<String> lines = ready.out().strip().lines().toList();
    assertEquals(
        "preflight prod-me-central-1: account 111111111111, region me-central-1", lines.get(0));
    assertEquals(
        "preflight: 0 blocking, 0 warnings - the account is ready for `pulumi up`",
        lines.get(lines.size() - 1));

    moto.reset();
    Run fresh = preflight(dir, AccountChecksTest.PROD);
    assertEquals(1, fresh.exit(), fresh.out() + fresh.err());
    assertTrue(
        fresh.out().contains("FAIL  iam - service-linked role AWSServiceRoleForAmazonEKS"),
        fresh.out());
  }

  @Test
  void aMissingStackIsBadConfiguration() throws Exception {
    Run r = preflight(StackFixture.repo(), "prod-nowhere-1");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("stack: got prod-nowhere-1"), r.err());
  }
}
