package io.nomadx.sovereign.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nomadx.sovereign.plan.ProgramRun;
import io.nomadx.sovereign.support.Plans;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each bad stack config is rejected with a message naming the key, the bad value and what is
 * allowed, and the program registers nothing but the stack itself.
 */
class BadConfigTest {
  private static final String P = "sovereign-milvus:";

  static Stream<Arguments> badConfigs() {
    return Stream.of(
        bad(
            "unknown region",
            Plans.PROD,
            Map.of("region", "eu-west-1"),
            "region",
            "'eu-west-1'",
            "me-central-1"),
        bad(
            "aws:region disagrees",
            Plans.PROD,
            Map.of("aws:region", "us-east-1"),
            "aws:region",
            "'us-east-1'",
            "equal to"),
        bad(
            "two AZs in prod",
            Plans.PROD,
            Map.of("availabilityZoneIds", "[\"mec1-az1\",\"mec1-az2\"]"),
            "availabilityZoneIds",
            "[mec1-az1, mec1-az2]",
            "3 zones in prod, so etcd and Pulsar keep quorum when any one zone is lost; or set acknowledgeTwoZones: true"),
        bad(
            "acknowledging two zones with three",
            Plans.PROD,
            Map.of("acknowledgeTwoZones", "true"),
            "acknowledgeTwoZones",
            "true",
            "false with 3 zones"),
        bad(
            "prod collection that does not survive a zone loss",
            Plans.PROD,
            Map.of("collection", "{\"vectors\": 45000000}"),
            "collection.vectors",
            "45000000",
            "what prod holds after losing the zone with the most QueryNodes (2 of 3 left)"),
        bad(
            "AZ name instead of ID",
            Plans.DEV,
            Map.of("availabilityZoneIds", "[\"me-central-1a\",\"mec1-az2\"]"),
            "availabilityZoneIds",
            "'me-central-1a'",
            "AZ IDs of me-central-1"),
        bad(
            "one AZ",
            Plans.DEV,
            Map.of("availabilityZoneIds", "[\"mec1-az1\"]"),
            "availabilityZoneIds",
            "[mec1-az1]",
            "at least 2 zones"),
        bad(
            "duplicate AZ",
            Plans.DEV,
            Map.of("availabilityZoneIds", "[\"mec1-az1\",\"mec1-az1\",\"mec1-az2\"]"),
            "availabilityZoneIds",
            "'mec1-az1' twice",
            "each zone once"),
        bad(
            "malformed CIDR",
            Plans.PROD,
            Map.of("vpcCidr", "10.40.0.0/33"),
            "vpcCidr",
            "'10.40.0.0/33'",
            "an IPv4 CIDR"),
        bad(
            "public CIDR",
            Plans.PROD,
            Map.of("vpcCidr", "8.8.0.0/16"),
            "vpcCidr",
            "'8.8.0.0/16'",
            "a private range"),
        bad(
            "CIDR too small",
            Plans.PROD,
            Map.of("vpcCidr", "10.40.0.0/24"),
            "vpcCidr",
            "'10.40.0.0/24'",
            "/16 to /20"),
        bad(
            "CIDR with host bits",
            Plans.PROD,
            Map.of("vpcCidr", "10.40.1.0/16"),
            "vpcCidr",
            "'10.40.1.0/16'",
            "10.40.0.0/16"),
        bad(
            "unsupported EKS version",
            Plans.PROD,
            Map.of("eksVersion", "1.27"),
            "eksVersion",
            "'1.27'",
            "1.34"),
        bad(
            "public endpoint in prod",
            Plans.PROD,
            Map.of("endpointPublicAccess", "true", "publicAccessCidrs", "[\"203.0.113.0/24\"]"),
            "endpointPublicAccess",
            "true",
            "false in prod"),
        bad(
            "public endpoint open to the world",
            Plans.DEV,
            Map.of("publicAccessCidrs", "[\"0.0.0.0/0\"]"),
            "publicAccessCidrs",
            "'0.0.0.0/0'",
            "/8 or narrower"),
        bad(
            "public endpoint without CIDRs",
            Plans.DEV,
            Map.of("endpointPublicAccess", "true", "publicAccessCidrs", "[]"),
            "publicAccessCidrs",
            "[]",
            "at least one CIDR"),
        bad(
            "API access from a public range",
            Plans.PROD,
            Map.of("apiAccessCidrs", "[\"198.51.100.0/24\"]"),
            "apiAccessCidrs",
            "'198.51.100.0/24'",
            "private ranges only"),
        bad(
            "API access CIDR with host bits",
            Plans.PROD,
            Map.of("apiAccessCidrs", "[\"10.99.0.1/24\"]"),
            "apiAccessCidrs",
            "'10.99.0.1/24'",
            "IPv4 network CIDRs"),
        bad(
            "no admin principal in prod",
            Plans.PROD,
            Map.of("adminPrincipalArns", "[]"),
            "adminPrincipalArns",
            "[]",
            "at least one IAM role or user ARN"),
        bad(
            "malformed admin principal",
            Plans.DEV,
            Map.of("adminPrincipalArns", "[\"platform-admin\"]"),
            "adminPrincipalArns",
            "'platform-admin'",
            "arn:aws:iam::123456789012:role/"),
        bad(
            "zero pool size",
            Plans.PROD,
            Map.of("nodePools", "{\"general\":{\"maxSize\":0}}"),
            "nodePools.general.maxSize",
            "0",
            "a whole number >= 1"),
        bad(
            "negative pool size",
            Plans.DEV,
            Map.of("nodePools", "{\"system\":{\"minSize\":-1}}"),
            "nodePools.system.minSize",
            "-1",
            "a whole number >= 0"),
        bad(
            "min above max",
            Plans.DEV,
            Map.of("nodePools", "{\"general\":{\"minSize\":5,\"desiredSize\":5,\"maxSize\":4}}"),
            "nodePools.general.minSize/desiredSize/maxSize",
            "5/5/4",
            "minSize <= desiredSize <= maxSize"),
        bad(
            "QueryNode pool not memory-optimized",
            Plans.PROD,
            Map.of("nodePools", "{\"queryNode\":{\"instanceTypes\":[\"m6i.4xlarge\"]}}"),
            "nodePools.queryNode.instanceTypes",
            "'m6i.4xlarge'",
            "memory-optimized"),
        bad(
            "pool smaller than zones in prod",
            Plans.PROD,
            Map.of("nodePools", "{\"queryNode\":{\"minSize\":2,\"desiredSize\":2}}"),
            "nodePools.queryNode.minSize",
            "2",
            "at least 3 in prod"),
        bad(
            "mixed CPU architectures",
            Plans.DEV,
            Map.of(
                "nodePools", "{\"queryNode\":{\"instanceTypes\":[\"r6i.large\",\"r7g.large\"]}}"),
            "nodePools.queryNode.instanceTypes",
            "[r6i.large, r7g.large]",
            "one CPU architecture"),
        bad(
            "malformed instance type",
            Plans.DEV,
            Map.of("nodePools", "{\"general\":{\"instanceTypes\":[\"big-box\"]}}"),
            "nodePools.general.instanceTypes",
            "'big-box'",
            "EC2 instance types"),
        bad(
            "unknown pool",
            Plans.DEV,
            Map.of("nodePools", "{\"gpu\":{\"minSize\":1}}"),
            "nodePools.gpu",
            "an unknown pool",
            "system, general, queryNode"),
        bad(
            "non-numeric size",
            Plans.DEV,
            Map.of("nodePools", "{\"general\":{\"maxSize\":\"many\"}}"),
            "nodePools.general.maxSize",
            "'many'",
            "a whole number"),
        bad(
            "missing owner tag",
            Plans.PROD,
            Map.of("tags", "{\"data-classification\":\"confidential\"}"),
            "tags.owner",
            "nothing",
            "a team name or e-mail address"),
        bad(
            "unknown data classification",
            Plans.PROD,
            Map.of("tags", "{\"owner\":\"team\",\"data-classification\":\"secret-ish\"}"),
            "tags.data-classification",
            "'secret-ish'",
            "restricted"),
        bad(
            "reserved tag key",
            Plans.PROD,
            Map.of(
                "tags",
                "{\"owner\":\"team\",\"data-classification\":\"internal\",\"aws:owner\":\"x\"}"),
            "tags.aws:owner",
            "'aws:owner'",
            "not starting with aws:"),
        bad(
            "malformed tag value",
            Plans.PROD,
            Map.of(
                "tags",
                "{\"owner\":\"team\",\"data-classification\":\"internal\",\"cost-centre\":\"<script>\"}"),
            "tags.cost-centre",
            "'<script>'",
            "tag values"),
        bad(
            "residency tag contradicts region",
            Plans.PROD,
            Map.of(
                "tags",
                "{\"owner\":\"team\",\"data-classification\":\"internal\",\"residency\":\"US\"}"),
            "tags.residency",
            "'US'",
            "'AE'"),
        bad(
            "log retention CloudWatch refuses",
            Plans.PROD,
            Map.of("logRetentionDays", "100"),
            "logRetentionDays",
            "100",
            "one of [1, 3"),
        bad(
            "unknown tier",
            Plans.PROD,
            Map.of("tier", "huge"),
            "tier",
            "'huge'",
            "small, medium, large, xl"),
        bad(
            "endpoint subnets for a network the stack creates",
            Plans.PROD,
            Map.of("awsEndpointCidrs", "[\"10.40.232.0/24\"]"),
            "awsEndpointCidrs",
            "'[\"10.40.232.0/24\"]'",
            "no value when the stack creates its network"),
        bad(
            "missing account",
            Plans.PROD,
            mapWithNull("accountId"),
            "accountId",
            "nothing",
            "12-digit"),
        bad(
            "malformed account",
            Plans.PROD,
            Map.of("accountId", "1234"),
            "accountId",
            "'1234'",
            "exactly 12 digits"),
        bad(
            "single NAT in prod",
            Plans.PROD,
            Map.of("internetEgress", "nat", "natGatewayPerZone", "false"),
            "natGatewayPerZone",
            "false",
            "true in prod"),
        bad(
            "unknown internet egress",
            Plans.PROD,
            Map.of("internetEgress", "proxy"),
            "internetEgress",
            "'proxy'",
            "none, nat"),
        bad(
            "misspelt key",
            Plans.PROD,
            Map.of("eksVersoin", "1.34"),
            "eksVersoin",
            "an unknown key (did you mean eksVersion?)",
            "README"),
        bad(
            "bad bucket name",
            Plans.PROD,
            Map.of("bucketName", "Milvus_Segments"),
            "bucketName",
            "'Milvus_Segments'",
            "lowercase letters"),
        bad(
            "backup prefix equals data prefix",
            Plans.PROD,
            Map.of("backupPrefix", "milvus"),
            "backupPrefix",
            "'milvus'",
            "other than dataPrefix"),
        bad(
            "a VPC CNI without the network-policy agent",
            Plans.PROD,
            Map.of("addonVersions", "{\"vpc-cni\":\"v1.13.4-eksbuild.1\"}"),
            "addonVersions.vpc-cni",
            "'v1.13.4-eksbuild.1'",
            "v1.14.0-eksbuild.1 or later"),
        bad(
            "unknown cert-manager mode",
            Plans.PROD,
            Map.of("certManager", "maybe"),
            "certManager",
            "'maybe'",
            "install, existing"),
        bad(
            "issuer without its kind",
            Plans.PROD,
            Map.of("tlsIssuer", "bank-pki"),
            "tlsIssuer",
            "'bank-pki'",
            "ClusterIssuer/<name> or Issuer/<name>"),
        bad(
            "unknown monitoring stack",
            Plans.PROD,
            Map.of("monitoringStack", "prometheus"),
            "monitoringStack",
            "'prometheus'",
            "crds, full, existing"),
        bad(
            "monitoring stack with monitoring off",
            Plans.DEV,
            Map.of("monitoringStack", "full"),
            "monitoringStack",
            "'full'",
            "no value with monitoring: false"),
        bad(
            "chart repository without a scheme",
            Plans.PROD,
            Map.of("certManagerChartRepository", "charts.jetstack.io"),
            "certManagerChartRepository",
            "'charts.jetstack.io'",
            "an https:// or oci:// Helm repository"),
        bad(
            "data prefix on the access log",
            Plans.PROD,
            Map.of("dataPrefix", "access-logs"),
            "dataPrefix",
            "'access-logs'",
            "Milvus's access log lives there"),
        bad(
            "unknown object audit mode",
            Plans.PROD,
            Map.of("objectAudit", "none"),
            "objectAudit",
            "'none'",
            "stack, organization"),
        bad(
            "audit bucket with an organisation trail",
            Plans.PROD,
            Map.of("objectAudit", "organization", "auditBucketName", "audit-x"),
            "auditBucketName",
            "'audit-x'",
            "no value with objectAudit: organization"),
        bad(
            "audit bucket is the segment bucket",
            Plans.PROD,
            Map.of("auditBucketName", "milvus-prod-111111111111-me-central-1"),
            "auditBucketName",
            "'milvus-prod-111111111111-me-central-1'",
            "a bucket other than bucketName"),
        bad(
            "malformed audit bucket",
            Plans.PROD,
            Map.of("auditBucketName", "Audit_Logs"),
            "auditBucketName",
            "'Audit_Logs'",
            "3-63 lowercase letters"),
        bad(
            "unpinned add-on version",
            Plans.PROD,
            Map.of("addonVersions", "{\"coredns\":\"latest\"}"),
            "addonVersions.coredns",
            "'latest'",
            "a pinned add-on version"),
        bad(
            "unknown environment",
            Plans.PROD,
            Map.of("environment", "staging"),
            "environment",
            "'staging'",
            "prod, dev"),
        // The Milvus half.
        bad(
            "woodpecker on Milvus 2.5",
            Plans.PROD,
            Map.of("messageQueue", "woodpecker"),
            "messageQueue",
            "'woodpecker'",
            "pulsar with Milvus v2.5.14 (woodpecker needs a v2.6.x milvusVersion"),
        bad(
            "Milvus 2.4",
            Plans.PROD,
            Map.of("milvusVersion", "v2.4.9"),
            "milvusVersion",
            "'v2.4.9'",
            "a pinned v2.5.x or v2.6.x tag"),
        bad(
            "unpinned Milvus",
            Plans.PROD,
            Map.of("milvusVersion", "latest"),
            "milvusVersion",
            "'latest'",
            "a pinned v2.5.x or v2.6.x tag"),
        bad(
            "unknown message queue",
            Plans.PROD,
            Map.of("messageQueue", "kafka"),
            "messageQueue",
            "'kafka'",
            "pulsar, woodpecker"),
        bad(
            "QueryNode pool too small for the collection",
            Plans.PROD,
            Map.of("collection", "{\"vectors\": 2000000000}"),
            "collection.vectors",
            "2000000000",
            "QueryNode pool 3 x r6i.xlarge holds"),
        bad(
            "QueryNode pod larger than its node",
            Plans.PROD,
            Map.of("milvusComponents", "{\"queryNode\":{\"memory\":\"64Gi\"}}"),
            "milvusComponents.queryNode.memory",
            "'64Gi'",
            "what one r6i.xlarge can allocate"),
        bad(
            "no client namespace",
            Plans.PROD,
            Map.of("clientNamespaces", "[]"),
            "clientNamespaces",
            "[]",
            "at least one namespace"),
        bad(
            "bad client namespace",
            Plans.PROD,
            Map.of("clientNamespaces", "[\"RAG_API\"]"),
            "clientNamespaces",
            "'RAG_API'",
            "Kubernetes names"),
        bad(
            "bad cron",
            Plans.PROD,
            Map.of("backupSchedule", "0 25 * * *"),
            "backupSchedule",
            "'0 25 * * *'",
            "five-field cron"),
        bad(
            "unpinned backup image",
            Plans.PROD,
            Map.of("backupImageTag", "latest"),
            "backupImageTag",
            "'latest'",
            "a pinned v0.x.y"),
        bad(
            "backup too old for Milvus 2.6",
            Plans.DEV,
            Map.of("backupImageTag", "v0.4.20"),
            "backupImageTag",
            "'v0.4.20'",
            "v0.5.7 or later with Milvus v2.6.4"),
        bad(
            "IndexNode on Milvus 2.6",
            Plans.DEV,
            Map.of("milvusComponents", "{\"indexNode\":{\"replicas\":2}}"),
            "milvusComponents.indexNode",
            "a component Milvus v2.6.4 does not run",
            "mixCoord"),
        bad(
            "unknown component",
            Plans.PROD,
            Map.of("milvusComponents", "{\"coordinator\":{\"replicas\":1}}"),
            "milvusComponents.coordinator",
            "an unknown component",
            "proxy"),
        bad(
            "bad memory quantity",
            Plans.PROD,
            Map.of("milvusComponents", "{\"proxy\":{\"memory\":\"4GB\"}}"),
            "milvusComponents.proxy.memory",
            "'4GB'",
            "memory quantities"),
        bad(
            "even etcd members",
            Plans.PROD,
            Map.of("etcd", "{\"replicas\": 4}"),
            "etcd.replicas",
            "4",
            "an odd number"),
        bad(
            "one bookie in prod",
            Plans.PROD,
            Map.of("pulsar", "{\"bookies\": 1}"),
            "pulsar.bookies",
            "'1'",
            "a whole number >= 3"),
        bad(
            "journal too small for the journal fix",
            Plans.PROD,
            Map.of("pulsar", "{\"journalGi\": 4}"),
            "pulsar.journalGi",
            "4",
            "at least 8"),
        bad(
            "registry as a URL",
            Plans.PROD,
            Map.of("imageRegistry", "https://docker.io"),
            "imageRegistry",
            "'https://docker.io'",
            "a registry host"),
        bad(
            "operator chart 0.x",
            Plans.PROD,
            Map.of("operatorChartVersion", "0.9.0"),
            "operatorChartVersion",
            "'0.9.0'",
            "a pinned 1.x.y"),
        bad(
            "plain-http chart repository",
            Plans.PROD,
            Map.of("operatorChartRepository", "http://charts.example.com"),
            "operatorChartRepository",
            "'http://charts.example.com'",
            "https:// or oci://"),
        bad(
            "OTLP endpoint as a URL",
            Plans.PROD,
            Map.of("otelEndpoint", "http://collector"),
            "otelEndpoint",
            "'http://collector'",
            "host:port"),
        bad(
            "unknown log level",
            Plans.PROD,
            Map.of("logLevel", "verbose"),
            "logLevel",
            "'verbose'",
            "debug, info, warn, error"),
        bad(
            "readiness timeout shorter than a bring-up",
            Plans.PROD,
            Map.of("readyTimeoutMinutes", "5"),
            "readyTimeoutMinutes",
            "5",
            "20 to 120"),
        bad(
            "negative log volume for the cost estimate",
            Plans.PROD,
            Map.of("costAssumptions", "{\"flowLogGiBPerDay\": -2}"),
            "costAssumptions.flowLogGiBPerDay",
            "-2",
            "a number >= 0"),
        bad(
            "fractional request count for the cost estimate",
            Plans.DEV,
            Map.of("costAssumptions", "{\"objectReadsPerMonth\": 2.5}"),
            "costAssumptions.objectReadsPerMonth",
            "2.5",
            "a whole number from 0 to 1000000000000"),
        bad(
            "more backups kept than ten years of nights",
            Plans.PROD,
            Map.of("costAssumptions", "{\"backupsRetained\": 5000}"),
            "costAssumptions.backupsRetained",
            "5000",
            "0 to 3650"),
        bad(
            "unknown cost assumption",
            Plans.PROD,
            Map.of("costAssumptions", "{\"egressGiB\": 5}"),
            "costAssumptions.egressGiB",
            "an unknown field",
            "backupsRetained"),
        bad(
            "unknown quantization",
            Plans.PROD,
            Map.of("collection", "{\"quantization\": \"FP8\"}"),
            "collection.quantization",
            "'FP8'",
            "NONE, INT8, PQ"));
  }

  private static Map<String, String> mapWithNull(String key) {
    var m = new java.util.HashMap<String, String>();
    m.put(key, null);
    return m;
  }

  private static Arguments bad(
      String name,
      String stack,
      Map<String, String> overrides,
      String key,
      String value,
      String allowed) {
    return Arguments.of(
        name,
        stack,
        overrides,
        key.contains(":") && !key.startsWith("tags.") ? key : P + key,
        value,
        allowed);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badConfigs")
  void parserNamesKeyValueAndAllowed(
      String name,
      String stack,
      Map<String, String> overrides,
      String key,
      String value,
      String allowed) {
    var error =
        assertThrows(ConfigError.class, () -> SettingsParser.parse(Plans.config(stack, overrides)));
    assertTrue(
        error.problems().stream()
            .anyMatch(
                p ->
                    p.key().equals(key)
                        && p.value().equals(value)
                        && p.allowed().contains(allowed)),
        () ->
            "expected a problem for "
                + key
                + " = "
                + value
                + " allowing '"
                + allowed
                + "', got:\n"
                + error.getMessage());
    assertTrue(
        error.getMessage().contains(key + ": got " + value + "; allowed: "), error::getMessage);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badConfigs")
  void programRegistersNothing(
      String name,
      String stack,
      Map<String, String> overrides,
      String key,
      String value,
      String allowed) {
    var config = Plans.config(stack, overrides);
    ProgramRun.Result run =
        ProgramRun.run(Defaults.PROJECT, config, "me-central-1", "111111111111");
    assertFalse(run.ok(), "a bad config must fail the program");
    assertTrue(
        run.errors().stream().anyMatch(e -> e.contains(key + ": got " + value)),
        () -> "errors: " + run.errors());
    assertTrue(
        run.errors().stream().noneMatch(e -> e.contains("\tat ")), "no stack trace in the error");
    var registered =
        run.registrations().stream().filter(r -> !r.type().equals("pulumi:pulumi:Stack")).toList();
    assertEquals(
        0,
        registered.size(),
        () -> "registered despite bad config: " + registered.stream().map(r -> r.urn()).toList());
  }

  private static ConfigSource withPassword(String password, boolean secret) {
    var base = Plans.config(Plans.PROD, Map.of("rootPassword", password));
    var secrets = new java.util.HashSet<>(base.secretKeys());
    if (!secret) {
      secrets.remove(P + "rootPassword");
    }
    return new ConfigSource(base.stack(), base.values(), secrets);
  }

  /**
   * Every key, set explicitly to nothing, is an error naming it: never a silent default (issue 13).
   */
  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("everyKeyExplicitlyEmpty")
  void anExplicitEmptyValueIsAnErrorNotTheDefault(ConfigKey key, String value, String shown) {
    for (String stack : new String[] {Plans.PROD, Plans.DEV}) {
      var error =
          assertThrows(
              ConfigError.class,
              () -> SettingsParser.parse(Plans.config(stack, Map.of(key.key(), value))),
              () -> stack + ": " + key.key() + " = " + shown + " was accepted");
      assertTrue(
          error
              .getMessage()
              .contains(
                  P
                      + key.key()
                      + ": got "
                      + shown
                      + "; allowed: a value (an explicit empty value is not the default"),
          error::getMessage);
    }
  }

  static Stream<Arguments> everyKeyExplicitlyEmpty() {
    return java.util.Arrays.stream(ConfigKey.values())
        .flatMap(
            k ->
                Stream.of(
                    Arguments.of(k, "", "''"),
                    Arguments.of(k, "  ", "'  '"),
                    Arguments.of(k, ConfigSource.NULL_VALUE, "null")));
  }

  @Test
  void rootPasswordMustBeASecretNeverPrinted() {
    var error =
        assertThrows(
            ConfigError.class,
            () -> SettingsParser.parse(withPassword("Plain-Text-Pass-99", false)));
    assertTrue(
        error.getMessage().contains(P + "rootPassword: got a plain-text value; allowed: a secret"),
        error::getMessage);
    assertFalse(error.getMessage().contains("Plain-Text-Pass-99"), "the value is never echoed");
  }

  @Test
  void rootPasswordIsNeverThePublicDefaultOrShort() {
    var error =
        assertThrows(ConfigError.class, () -> SettingsParser.parse(withPassword("Milvus", true)));
    assertTrue(
        error.getMessage().contains(P + "rootPassword: got Milvus's public default password"),
        error::getMessage);
    error =
        assertThrows(ConfigError.class, () -> SettingsParser.parse(withPassword("short", true)));
    assertTrue(
        error
            .getMessage()
            .contains(P + "rootPassword: got a secret of 5 characters; allowed: 12 or more"),
        error::getMessage);
    assertFalse(error.getMessage().contains("short'"));
  }

  @Test
  void missingRootPasswordIsAnError() {
    var error =
        assertThrows(
            ConfigError.class,
            () -> SettingsParser.parse(Plans.config(Plans.PROD, mapWithNull("rootPassword"))));
    assertTrue(
        error.getMessage().contains(P + "rootPassword: got nothing; allowed: a secret set with"),
        error::getMessage);
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    var error =
        assertThrows(
            ConfigError.class,
            () ->
                SettingsParser.parse(
                    Plans.config(
                        Plans.PROD,
                        Map.of("region", "us-east-1", "vpcCidr", "nope", "tier", "huge"))));
    assertEquals(3, error.problems().size(), error::getMessage);
    assertTrue(
        error.getMessage().startsWith("invalid stack configuration (3 problems)"),
        error::getMessage);
  }

  @Test
  void acceptsEveryShippedStack() {
    var prod = SettingsParser.parse(Plans.config(Plans.PROD, Map.of()));
    assertEquals(Environment.PROD, prod.environment());
    assertEquals(java.util.List.of("mec1-az1", "mec1-az2", "mec1-az3"), prod.zoneIds());
    assertFalse(prod.network().internetEgress(), "prod has no route to the internet by default");
    var dev = SettingsParser.parse(Plans.config(Plans.DEV, Map.of()));
    assertEquals(Environment.DEV, dev.environment());
    assertTrue(
        dev.network().internetEgress() && !dev.network().natPerZone(),
        "dev defaults to one NAT gateway");
    assertEquals(
        Map.of(
            "owner",
            "platform-team@example.ae",
            "data-classification",
            "internal",
            "environment",
            "dev",
            "residency",
            "AE"),
        dev.tags());
  }

  @Test
  void excludingAZoneKeepsTheRegionsOrder() {
    var s =
        SettingsParser.parse(
            Plans.config(
                Plans.DEV,
                Map.of(
                    "availabilityZoneIds",
                    "[\"mec1-az3\",\"mec1-az1\"]",
                    "acknowledgeTwoZones",
                    "true")));
    assertEquals(java.util.List.of("mec1-az1", "mec1-az3"), s.zoneIds());
  }
}
