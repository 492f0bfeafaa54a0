package io.nomadx.sovereign.plan;

import com.pulumi.test.Mocks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A stand-in for the AWS and Kubernetes providers: echoes inputs and adds the outputs AWS would
 * compute (ids, ARNs, the cluster endpoint and OIDC issuer) in the stack's own region and account.
 * Every value derives from the resource's type and name, so two plans of one stack are identical.
 */
public final class PlanMocks implements Mocks {
  private final String region;
  private final String account;

  /**
   * What AWS answers when the program reads an existing VPC or subnet, by {@link
   * LandingZoneReads#key}.
   */
  private final Map<String, Map<String, Object>> reads;

  public PlanMocks(String region, String account) {
    this(region, account, Map.of());
  }

  public PlanMocks(String region, String account, Map<String, Map<String, Object>> reads) {
    this.region = region;
    this.account = account;
    this.reads = Map.copyOf(reads);
  }

  @Override
  public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
    var state = new LinkedHashMap<String, Object>(args.inputs);
    String hash = hash(args.type + "/" + args.name);
    String id = idFor(args.type, args.name, args.inputs, hash);
    computed(args.type, args.inputs, hash, id).forEach(state::putIfAbsent);
    return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(id), state));
  }

  @Override
  public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
    if (LandingZoneReads.TOKENS.contains(args.token)) {
      String id = String.valueOf(invokeArgs(args).get("id"));
      var answer = reads.get(LandingZoneReads.key(args.token, id));
      // As AWS answers a read of something that is not there (in this account and region).
      return answer != null
          ? CompletableFuture.completedFuture(answer)
          : CompletableFuture.failedFuture(
              new IllegalStateException(
                  args.token + ": no " + id + " in account " + account + ", region " + region));
    }
    return CompletableFuture.completedFuture(Map.of());
  }

  /**
   * The invoke's arguments: a Guava map, and Guava is not on the compile classpath, so read through
   * the field.
   */
  private static Map<?, ?> invokeArgs(CallArgs args) {
    try {
      return (Map<?, ?>) CallArgs.class.getField("args").get(args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the mock engine's CallArgs has no args field", e);
    }
  }

  private String idFor(String type, String name, Map<String, Object> inputs, String hash) {
    String prefix =
        switch (type) {
          case "aws:ec2/vpc:Vpc" -> "vpc-";
          case "aws:ec2/subnet:Subnet" -> "subnet-";
          case "aws:ec2/internetGateway:InternetGateway" -> "igw-";
          case "aws:ec2/routeTable:RouteTable" -> "rtb-";
          case "aws:ec2/natGateway:NatGateway" -> "nat-";
          case "aws:ec2/eip:Eip" -> "eipalloc-";
          case "aws:ec2/vpcEndpoint:VpcEndpoint" -> "vpce-";
          case "aws:ec2/securityGroup:SecurityGroup" -> "sg-";
          case "aws:ec2/flowLog:FlowLog" -> "fl-";
          case "aws:ec2/launchTemplate:LaunchTemplate" -> "lt-";
          case "aws:ec2/route:Route" -> "r-";
          case "aws:ec2/routeTableAssociation:RouteTableAssociation" -> "rtbassoc-";
          default -> "";
        };
    if (!prefix.isEmpty()) {
      return prefix + hash.substring(0, 17);
    }
    if (type.equals("aws:kms/key:Key")) {
      return uuid(hash);
    }
    Object n = inputs.get("name");
    if (n == null) {
      n = inputs.get("bucket");
    }
    if (type.startsWith("kubernetes:") && inputs.get("metadata") instanceof Map<?, ?> meta) {
      Object ns = meta.get("namespace");
      Object mn = meta.get("name");
      return (ns == null ? "" : ns + "/") + (mn == null ? name : mn);
    }
    if (type.startsWith("pulumi:providers:")) {
      return hash.substring(0, 8) + "-" + hash.substring(8, 12) + "-" + hash.substring(12, 16);
    }
    return n instanceof String s ? s : name + "-" + hash.substring(0, 8);
  }

  private Map<String, Object> computed(
      String type, Map<String, Object> inputs, String hash, String id) {
    var out = new LinkedHashMap<String, Object>();
    String service = type.startsWith("aws:") ? type.substring(4, type.indexOf('/')) : "";
    switch (type) {
      case "aws:kms/key:Key" -> {
        out.put("arn", arn("kms", "key/" + id));
        out.put("keyId", id);
      }
      case "aws:kms/alias:Alias" -> out.put("arn", arn("kms", String.valueOf(inputs.get("name"))));
      case "aws:iam/role:Role" -> {
        out.put("arn", "arn:aws:iam::" + account + ":role/" + inputs.get("name"));
        out.put("uniqueId", "AROA" + hash.substring(0, 17).toUpperCase(Locale.ROOT));
      }
      case "aws:iam/openIdConnectProvider:OpenIdConnectProvider" ->
          out.put(
              "arn",
              "arn:aws:iam::"
                  + account
                  + ":oidc-provider/"
                  + String.valueOf(inputs.get("url")).replaceFirst("^https://", ""));
      case "aws:eks/cluster:Cluster" -> {
        String upper = hash.substring(0, 32).toUpperCase(Locale.ROOT);
        out.put("arn", arn("eks", "cluster/" + inputs.get("name")));
        out.put("endpoint", "https://" + upper + ".gr7." + region + ".eks.amazonaws.com");
        out.put(
            "identities",
            List.of(
                Map.of(
                    "oidcs",
                    List.of(
                        Map.of(
                            "issuer",
                            "https://oidc.eks." + region + ".amazonaws.com/id/" + upper)))));
        out.put(
            "certificateAuthority",
            Map.of(
                "data",
                Base64.getEncoder()
                    .encodeToString(("offline-plan-ca-" + hash).getBytes(StandardCharsets.UTF_8))));
        out.put("status", "ACTIVE");
        var vpc = new LinkedHashMap<String, Object>();
        if (inputs.get("vpcConfig") instanceof Map<?, ?> m) {
          m.forEach((k, v) -> vpc.put(String.valueOf(k), v));
        }
        vpc.put("clusterSecurityGroupId", "sg-" + hash.substring(17, 34));
        out.put("vpcConfig", vpc);
      }
      case "aws:s3/bucketV2:BucketV2" -> {
        out.put("arn", "arn:aws:s3:::" + inputs.get("bucket"));
        out.put("region", region);
        out.put(
            "bucketRegionalDomainName", inputs.get("bucket") + ".s3." + region + ".amazonaws.com");
      }
      case "aws:cloudwatch/logGroup:LogGroup" ->
          out.put("arn", arn("logs", "log-group:" + inputs.get("name")));
      case "aws:ec2/launchTemplate:LaunchTemplate" -> {
        out.put("arn", arn("ec2", "launch-template/" + id));
        out.put("latestVersion", 1);
      }
      case "aws:eks/nodeGroup:NodeGroup" -> {
        String groupName = inputs.get("nodeGroupNamePrefix") + hash.substring(0, 8);
        out.put("nodeGroupName", groupName);
        out.put(
            "arn",
            arn(
                "eks",
                "nodegroup/" + inputs.get("clusterName") + "/" + groupName + "/" + uuid(hash)));
        out.put("status", "ACTIVE");
      }
      case "aws:eks/addon:Addon" ->
          out.put(
              "arn",
              arn("eks", "addon/" + inputs.get("clusterName") + "/" + inputs.get("addonName")));
      case "aws:eks/accessEntry:AccessEntry" ->
          out.put(
              "accessEntryArn",
              arn(
                  "eks",
                  "access-entry/" + inputs.get("clusterName") + "/" + hash.substring(0, 12)));
      default -> {
        if (type.startsWith("aws:") && !service.isEmpty()) {
          out.put("arn", arn(service, id));
        } else if (CUSTOM_KIND.matcher(type).matches()) {
          // The provider answers with the live object, status included (the Milvus
          // operator's conditions, cert-manager's Ready), so the program must read one.
          out.put(
              "status", Map.of("conditions", List.of(Map.of("type", "Ready", "status", "True"))));
        }
      }
    }
    return out;
  }

  /**
   * A kind of a custom resource definition (a dotted API group outside Kubernetes' own *.k8s.io).
   */
  private static final java.util.regex.Pattern CUSTOM_KIND =
      java.util.regex.Pattern.compile(
          "kubernetes:(?![^/]*k8s\\.io/)[a-z0-9-]+(\\.[a-z0-9-]+)+/v[0-9a-z]+:[A-Za-z]+");

  private String arn(String service, String resource) {
    return "arn:aws:" + service + ":" + region + ":" + account + ":" + resource;
  }

  private static String uuid(String hash) {
    return hash.substring(0, 8)
        + "-"
        + hash.substring(8, 12)
        + "-"
        + hash.substring(12, 16)
        + "-"
        + hash.substring(16, 20)
        + "-"
        + hash.substring(20, 32);
  }

  static String hash(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
