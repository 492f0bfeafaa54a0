package io.nomadx.sovereign.config;

import static io.nomadx.sovereign.config.ConfigReader.quote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.nomadx.sovereign.config.ConfigError.Problem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a stack's raw config once into {@link Settings}. Every problem is collected and reported
 * together in one {@link ConfigError}, each naming the key, the bad value and what is allowed.
 */
public final class SettingsParser {
  private static final Pattern INSTANCE_TYPE =
      Pattern.compile("([a-z][a-z0-9-]*)\\.(\\d*x?large|medium|small|micro|nano|metal(-\\d+xl)?)");
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  /** Characters AWS accepts in tag keys and values (Tagging API, Tag). */
  private static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

  private final ConfigSource source;
  private final String ns;
  private final ConfigReader r;

  private SettingsParser(ConfigSource source, String project) {
    this.source = source;
    this.ns = project + ":";
    this.r = new ConfigReader(source, project);
  }

  /** Parses and validates; throws a {@link ConfigError} listing every problem found. */
  public static Settings parse(ConfigSource source, String project) {
    return new SettingsParser(source, project).run();
  }

  public static Settings parse(ConfigSource source) {
    return parse(source, Defaults.PROJECT);
  }

  private Settings run() {
    String stack = source.stack();

    Environment environment = parseEnvironment(stack);
    Region region = parseRegion();
    String accountId = parseAccountId();
    List<String> zones = parseZones(region, environment);
    var existingNetwork = parseExistingNetwork(region, zones);
    String vpcCidr = "";
    boolean internetEgress = false;
    boolean natPerZone = false;
    if (existingNetwork.isPresent()) {
      for (ConfigKey key : CREATED_NETWORK_ONLY) {
        r.raw(key)
            .ifPresent(
                v ->
                    r.problem(
                        key,
                        quote(v),
                        "no value with existingVpcId (the stack creates no network: "
                            + "the landing zone's VPC has its own range, routes and NAT)"));
      }
    } else {
      vpcCidr = parseVpcCidr();
      String egress = r.string(ConfigKey.INTERNET_EGRESS, environment.isProd() ? "none" : "nat");
      internetEgress = egress.equals("nat");
      natPerZone = r.bool(ConfigKey.NAT_GATEWAY_PER_ZONE, environment.isProd());
      if (!internetEgress && r.raw(ConfigKey.NAT_GATEWAY_PER_ZONE).isPresent()) {
        r.problem(
            ConfigKey.NAT_GATEWAY_PER_ZONE,
            String.valueOf(natPerZone),
            "no value with internetEgress: none (there is no NAT gateway)");
      } else if (internetEgress && environment.isProd() && !natPerZone) {
        r.problem(
            ConfigKey.NAT_GATEWAY_PER_ZONE,
            "false",
            "true in prod (a single NAT gateway is lost with its zone)");
      }
    }
    boolean networkOnly = r.bool(ConfigKey.BOOTSTRAP_NETWORK_ONLY, false);
    if (networkOnly && existingNetwork.isPresent()) {
      r.problem(
          ConfigKey.BOOTSTRAP_NETWORK_ONLY,
          "true",
          "false with existingVpcId (the landing zone's network exists: "
              + "there is nothing to create before the cluster)");
    }
    int retention = parseRetention();
    var existing = parseExistingCluster(region, accountId);
    var cluster = parseCluster(environment, retention, existing);
    var endpointCidrs = parseAwsEndpointCidrs(existingNetwork.isPresent() || existing.isPresent());
    // A tier the schema rejected reads as the default one, so one typo is one problem, not twenty.
    String tier = r.string(ConfigKey.TIER, Defaults.TIER);
    JsonNode preset =
        Json.tier(tier)
            .orElseThrow(
                () -> new IllegalStateException("no preset stacks/tiers/" + tier + ".yaml"));
    var pools = parseNodePools(environment, zones.size(), preset.path("nodePools"));
    var storage = parseStorage(environment, accountId, region, retention);
    String namespace = r.string(ConfigKey.MILVUS_NAMESPACE, Defaults.MILVUS_NAMESPACE);
    var tags = parseTags(environment, region);
    String packConfig = r.string(ConfigKey.POLICY_PACK_CONFIG, Defaults.policyPackConfig(stack));
    var milvus =
        new MilvusSettingsParser(r, preset)
            .parse(environment, region, accountId, pools, zones.size());
    var costAssumptions = new CostAssumptionsParser(r).parse();

    r.throwIfAny();
    return new Settings(
        ns.substring(0, ns.length() - 1),
        stack,
        environment,
        region,
        accountId,
        zones,
        new Settings.NetworkSettings(
            vpcCidr,
            internetEgress,
            natPerZone,
            retention,
            existingNetwork,
            networkOnly,
            endpointCidrs),
        cluster,
        pools,
        storage,
        new Settings.WorkloadSettings(
            namespace, Defaults.MILVUS_SERVICE_ACCOUNT, Defaults.BACKUP_SERVICE_ACCOUNT),
        tags,
        tier,
        packConfig,
        milvus,
        costAssumptions);
  }

  // ---- sections -------------------------------------------------------------------------

  private Environment parseEnvironment(String stack) {
    Optional<String> raw = r.raw(ConfigKey.ENVIRONMENT);
    if (raw.isPresent()) {
      return Environment.parse(raw.get()).orElse(Environment.DEV); // else the schema reported it
    }
    return Environment.fromStackName(stack)
        .orElseGet(
            () -> {
              r.problem(
                  ConfigKey.ENVIRONMENT,
                  "unset, and stack name " + quote(stack) + " has no prod-/dev- prefix",
                  Environment.allowed() + " (set it, or name the stack <environment>-<region>)");
              return Environment.DEV;
            });
  }

  private Region parseRegion() {
    String name = r.string(ConfigKey.REGION, Defaults.REGION);
    Optional<Region> region = Region.find(name);
    String awsRegion = source.values().get("aws:region");
    if (awsRegion != null && !awsRegion.equals(name)) {
      r.add(
          new Problem(
              "aws:region",
              quote(awsRegion),
              "unset, or equal to "
                  + ns
                  + "region ("
                  + quote(name)
                  + "); the program's explicit provider uses the latter"));
    }
    return region.orElse(Region.KNOWN.get(Defaults.REGION));
  }

  /**
   * Required and 12 digits, by the schema; a placeholder when it is missing, so the rest can still
   * be judged.
   */
  private String parseAccountId() {
    return r.raw(ConfigKey.ACCOUNT_ID).orElse("000000000000");
  }

  private List<String> parseZones(Region region, Environment env) {
    List<String> zones = r.stringList(ConfigKey.AVAILABILITY_ZONE_IDS, region.zoneIds());
    String allowed = "AZ IDs of " + region.name() + ": " + String.join(", ", region.zoneIds());
    var seen = new LinkedHashSet<String>();
    for (String z : zones) {
      if (!region.zoneIds().contains(z)) {
        r.problem(
            ConfigKey.AVAILABILITY_ZONE_IDS,
            quote(z),
            allowed + " (IDs, not names like me-central-1a)");
      } else if (!seen.add(z)) {
        r.problem(ConfigKey.AVAILABILITY_ZONE_IDS, quote(z) + " twice", "each zone once");
      }
    }
    boolean acknowledged = r.bool(ConfigKey.ACKNOWLEDGE_TWO_ZONES, false);
    if (seen.size() < 2) {
      r.problem(
          ConfigKey.AVAILABILITY_ZONE_IDS,
          zones.toString(),
          "at least 2 zones (EKS needs subnets in two)");
    } else if (seen.size() == 2 && !acknowledged) {
      r.problem(
          ConfigKey.AVAILABILITY_ZONE_IDS,
          zones.toString(),
          (env.isProd() ? "3 zones in prod" : "3 zones")
              + ", so etcd and Pulsar keep quorum when any one zone is lost; or set acknowledgeTwoZones: true"
              + " to accept that losing one of two zones can stop Milvus");
    } else if (seen.size() > 2 && acknowledged) {
      r.problem(
          ConfigKey.ACKNOWLEDGE_TWO_ZONES,
          "true",
          "false with " + seen.size() + " zones (nothing to acknowledge)");
    }
    // Keep the region's order so names and subnet ranges do not depend on how the list was written.
    return seen.stream().sorted(Comparator.comparingInt(z -> region.zoneIds().indexOf(z))).toList();
  }

  private String parseVpcCidr() {
    String cidr = r.string(ConfigKey.VPC_CIDR, Defaults.VPC_CIDR);
    Optional<Cidr> parsed = Cidr.parse(cidr);
    if (parsed.isEmpty()) {
      r.problem(ConfigKey.VPC_CIDR, quote(cidr), "an IPv4 CIDR such as 10.40.0.0/16");
    } else if (!parsed.get().isPrivate()) {
      r.problem(
          ConfigKey.VPC_CIDR,
          quote(cidr),
          "a private range inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16");
    } else if (parsed.get().prefix() < 16 || parsed.get().prefix() > 20) {
      r.problem(
          ConfigKey.VPC_CIDR,
          quote(cidr),
          "a prefix from /16 to /20 (AWS allows /16 at most; /20 is the least that holds the subnets)");
    } else if (!parsed.get().isNetworkAddress()) {
      r.problem(
          ConfigKey.VPC_CIDR,
          quote(cidr),
          "a network address with no host bits set (" + parsed.get().network() + ")");
    }
    return cidr;
  }

  /**
   * The private CIDRs of the subnets holding the VPC interface endpoints that pods reach S3 and STS
   * through: given for a VPC the stack does not create, refused for one it does (its own endpoint
   * subnets are known from the layout).
   */
  private List<String> parseAwsEndpointCidrs(boolean vpcNotOurs) {
    if (!vpcNotOurs) {
      r.raw(ConfigKey.AWS_ENDPOINT_CIDRS)
          .ifPresent(
              v ->
                  r.problem(
                      ConfigKey.AWS_ENDPOINT_CIDRS,
                      quote(v),
                      "no value when the stack creates its network (its interface endpoints sit in the endpoint subnets it creates)"));
      return List.of();
    }
    if (r.raw(ConfigKey.AWS_ENDPOINT_CIDRS).isEmpty()) {
      r.problem(
          ConfigKey.AWS_ENDPOINT_CIDRS,
          "nothing",
          "the private CIDRs of the subnets that hold the VPC's S3 and STS "
              + "interface endpoints, e.g. [\"10.1.250.0/26\"] (required with existingVpcId or existingClusterKubeconfig)");
      return List.of();
    }
    List<String> cidrs = r.stringList(ConfigKey.AWS_ENDPOINT_CIDRS, List.of());
    if (cidrs.isEmpty()) {
      r.problem(
          ConfigKey.AWS_ENDPOINT_CIDRS,
          quote("[]"),
          "at least one CIDR (pods must reach S3 and STS somewhere)");
    }
    for (String c : cidrs) {
      Optional<Cidr> parsed = Cidr.parse(c);
      if (parsed.isEmpty() || !parsed.get().isNetworkAddress()) {
        r.problem(
            ConfigKey.AWS_ENDPOINT_CIDRS, quote(c), "IPv4 network CIDRs such as 10.1.250.0/26");
      } else if (!parsed.get().isPrivate()) {
        r.problem(
            ConfigKey.AWS_ENDPOINT_CIDRS,
            quote(c),
            "private ranges only (10/8, 172.16/12, 192.168/16): a public range would let pods reach the internet");
      }
    }
    if (new LinkedHashSet<>(cidrs).size() != cidrs.size()) {
      r.problem(ConfigKey.AWS_ENDPOINT_CIDRS, cidrs.toString(), "each CIDR once");
    }
    return cidrs;
  }

  /**
   * EC2 resource ids: the type's prefix, a hyphen and 8 or (the longer format) 17 lowercase hex
   * digits (Amazon EC2 User Guide, "Resource IDs").
   */
  private static final Pattern SUBNET_ID = Pattern.compile("subnet-([0-9a-f]{8}|[0-9a-f]{17})");

  /**
   * Keys that shape a network the stack creates: meaningless, so refused, in a landing zone's VPC.
   */
  private static final List<ConfigKey> CREATED_NETWORK_ONLY =
      List.of(ConfigKey.VPC_CIDR, ConfigKey.INTERNET_EGRESS, ConfigKey.NAT_GATEWAY_PER_ZONE);

  /**
   * A landing zone's VPC and one private subnet per zone. The subnets are given as a map keyed by
   * AZ ID because the plan cannot ask AWS where a subnet lies: the map states it, the plan checks
   * it against availabilityZoneIds, and `pulumi preview`/`up` check it against AWS ({@code
   * network.ExistingNetwork}) before the cluster is created.
   */
  private Optional<Settings.ExistingNetwork> parseExistingNetwork(
      Region region, List<String> zones) {
    Optional<String> vpc = r.raw(ConfigKey.EXISTING_VPC_ID);
    Optional<String> subnetsText = r.raw(ConfigKey.EXISTING_PRIVATE_SUBNET_IDS);
    String exampleMap =
        "a map of AZ ID to private subnet id, one for each zone of availabilityZoneIds, e.g. {"
            + zones.stream()
                .map(z -> z + ": subnet-0123456789abcdef0")
                .collect(Collectors.joining(", "))
            + "}";
    if (vpc.isEmpty() && subnetsText.isEmpty()) {
      return Optional.empty();
    }
    if (vpc.isEmpty()) {
      r.problem(
          ConfigKey.EXISTING_VPC_ID,
          "nothing",
          "the id of the VPC that holds existingPrivateSubnetIds (required with it), e.g. vpc-0123456789abcdef0");
    }
    var subnets = new LinkedHashMap<String, String>();
    if (subnetsText.isEmpty()) {
      r.problem(
          ConfigKey.EXISTING_PRIVATE_SUBNET_IDS,
          "nothing",
          exampleMap + " (required with existingVpcId)");
      return Optional.of(new Settings.ExistingNetwork(vpc.orElse(""), subnets));
    }
    Optional<JsonNode> map = r.objectField(ConfigKey.EXISTING_PRIVATE_SUBNET_IDS);
    if (map.isEmpty()) {
      return Optional.of(
          new Settings.ExistingNetwork(
              vpc.orElse(""), subnets)); // not a map: the schema reported it
    }
    JsonNode node = map.get();
    String base = ns + ConfigKey.EXISTING_PRIVATE_SUBNET_IDS.key() + ".";
    var given = new LinkedHashMap<String, String>();
    node.fields()
        .forEachRemaining(
            e -> {
              String zone = e.getKey();
              String id =
                  e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString();
              if (!region.zoneIds().contains(zone)) {
                r.add(
                    new Problem(
                        base + zone,
                        "an unknown zone",
                        "AZ IDs of "
                            + region.name()
                            + ": "
                            + String.join(", ", region.zoneIds())
                            + " (IDs, not names like "
                            + region.name()
                            + "a)"));
              } else if (!zones.contains(zone)) {
                r.add(
                    new Problem(
                        base + zone,
                        "a zone not in availabilityZoneIds",
                        "only the stack's zones ("
                            + String.join(", ", zones)
                            + "): remove it, or add the zone to availabilityZoneIds"));
              } else if (!e.getValue().isTextual() || !SUBNET_ID.matcher(id).matches()) {
                r.add(
                    new Problem(
                        base + zone,
                        quote(id),
                        "a subnet id: subnet- and 8 or 17 lowercase hex digits, e.g. subnet-0123456789abcdef0"));
              } else {
                given.put(zone, id);
              }
            });
    var missing = zones.stream().filter(z -> !node.has(z)).toList();
    if (!missing.isEmpty()) {
      r.problem(
          ConfigKey.EXISTING_PRIVATE_SUBNET_IDS,
          "no subnet for " + String.join(", ", missing),
          "one private subnet for each zone of availabilityZoneIds ("
              + String.join(", ", zones)
              + ")");
    }
    var zonesOf = new LinkedHashMap<String, List<String>>();
    given.forEach((zone, id) -> zonesOf.computeIfAbsent(id, k -> new ArrayList<>()).add(zone));
    zonesOf.forEach(
        (id, inZones) -> {
          if (inZones.size() > 1) {
            r.problem(
                ConfigKey.EXISTING_PRIVATE_SUBNET_IDS,
                quote(id) + " for " + String.join(" and ", inZones),
                "a different subnet for each zone (a subnet lies in exactly one AZ)");
          }
        });
    // In the stack's zone order, so the cluster's and node groups' subnet lists do not depend on
    // how the map was written.
    for (String zone : zones) {
      if (given.containsKey(zone)) {
        subnets.put(zone, given.get(zone));
      }
    }
    return Optional.of(new Settings.ExistingNetwork(vpc.orElse(""), subnets));
  }

  /** One of the values CloudWatch accepts, by the schema. */
  private int parseRetention() {
    return r.integer(ConfigKey.LOG_RETENTION_DAYS, Defaults.LOG_RETENTION_DAYS);
  }

  /**
   * What the IAM OIDC provider of an EKS cluster is called (IAM docs, "Create an IAM OIDC provider
   * for your cluster": the provider URL is the cluster's issuer,
   * oidc.eks.<region>.amazonaws.com/id/<ID>).
   */
  private static final Pattern OIDC_PROVIDER_ARN =
      Pattern.compile(
          "arn:aws:iam::(\\d{12}):oidc-provider/(oidc\\.eks\\.([a-z0-9-]+)\\.amazonaws\\.com/id/[0-9A-F]{32})");

  /**
   * Keys that configure what an existing cluster already has: meaningless, so refused, in that
   * mode.
   */
  private static final List<ConfigKey> CREATED_CLUSTER_ONLY =
      List.of(
          ConfigKey.VPC_CIDR,
          ConfigKey.INTERNET_EGRESS,
          ConfigKey.NAT_GATEWAY_PER_ZONE,
          ConfigKey.EXISTING_VPC_ID,
          ConfigKey.EXISTING_PRIVATE_SUBNET_IDS,
          ConfigKey.BOOTSTRAP_NETWORK_ONLY,
          ConfigKey.EKS_VERSION,
          ConfigKey.ENDPOINT_PUBLIC_ACCESS,
          ConfigKey.PUBLIC_ACCESS_CIDRS,
          ConfigKey.API_ACCESS_CIDRS,
          ConfigKey.ADMIN_PRINCIPAL_ARNS,
          ConfigKey.ADDON_VERSIONS);

  private Optional<Settings.ExistingCluster> parseExistingCluster(Region region, String accountId) {
    Optional<String> kubeconfig = r.raw(ConfigKey.EXISTING_CLUSTER_KUBECONFIG);
    Optional<String> providerArn = r.raw(ConfigKey.EXISTING_CLUSTER_OIDC_PROVIDER_ARN);
    if (kubeconfig.isEmpty()) {
      providerArn.ifPresent(
          arn ->
              r.problem(
                  ConfigKey.EXISTING_CLUSTER_OIDC_PROVIDER_ARN,
                  quote(arn),
                  "no value unless existingClusterKubeconfig names the cluster to deploy onto"));
      return Optional.empty();
    }
    for (ConfigKey key : CREATED_CLUSTER_ONLY) {
      r.raw(key)
          .ifPresent(
              v ->
                  r.problem(
                      key,
                      quote(v),
                      "no value with existingClusterKubeconfig (the stack creates no VPC or cluster; the existing cluster has its own)"));
    }
    if (!r.isSecret(ConfigKey.EXISTING_CLUSTER_KUBECONFIG)) {
      // Never echo it: it may hold a token.
      r.problem(
          ConfigKey.EXISTING_CLUSTER_KUBECONFIG,
          "a plain-text value",
          "a secret (`pulumi config set --secret existingClusterKubeconfig < kubeconfig`)");
    } else if (!kubeconfig.get().equals(ConfigSource.UNDECRYPTED_SECRET)) {
      kubeconfigProblem(kubeconfig.get())
          .ifPresent(
              p ->
                  r.problem(
                      ConfigKey.EXISTING_CLUSTER_KUBECONFIG,
                      p,
                      "a kubeconfig whose current context names a cluster with an https:// server"));
    }
    String issuer = "";
    if (providerArn.isEmpty()) {
      r.problem(
          ConfigKey.EXISTING_CLUSTER_OIDC_PROVIDER_ARN,
          "nothing",
          "the cluster's IAM OIDC provider ARN (required with existingClusterKubeconfig; the IRSA roles trust it)");
    } else {
      var m = OIDC_PROVIDER_ARN.matcher(providerArn.get());
      if (!m.matches()) {
        r.problem(
            ConfigKey.EXISTING_CLUSTER_OIDC_PROVIDER_ARN,
            quote(providerArn.get()),
            "arn:aws:iam::<accountId>:oidc-provider/oidc.eks.<region>.amazonaws.com/id/<32 hex digits>");
      } else if (!m.group(1).equals(accountId)) {
        r.problem(
            ConfigKey.EXISTING_CLUSTER_OIDC_PROVIDER_ARN,
            quote(providerArn.get()),
            "a provider in the stack's account " + accountId);
      } else if (!m.group(3).equals(region.name())) {
        r.problem(
            ConfigKey.EXISTING_CLUSTER_OIDC_PROVIDER_ARN,
            quote(providerArn.get()),
            "a cluster in the stack's region " + region.name() + " (data stays in region)");
      } else {
        issuer = "https://" + m.group(2);
      }
    }
    return Optional.of(
        new Settings.ExistingCluster(
            new MilvusSettings.Secret(kubeconfig.get()), providerArn.orElse(""), issuer));
  }

  /** What is wrong with a kubeconfig, without quoting it (it is secret); empty when usable. */
  static Optional<String> kubeconfigProblem(String text) {
    JsonNode doc;
    try {
      doc =
          new com.fasterxml.jackson.databind.ObjectMapper(
                  new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
              .readTree(text);
    } catch (java.io.IOException | RuntimeException e) {
      return Optional.of("a secret that is not YAML or JSON");
    }
    if (doc == null || !doc.isObject()) {
      return Optional.of("a secret that is not a kubeconfig document");
    }
    String context = doc.path("current-context").asText("");
    String clusterName = "";
    for (JsonNode c : doc.path("contexts")) {
      if (c.path("name").asText().equals(context)) {
        clusterName = c.path("context").path("cluster").asText("");
      }
    }
    for (JsonNode c : doc.path("clusters")) {
      if (!clusterName.isEmpty() && c.path("name").asText().equals(clusterName)) {
        return c.path("cluster").path("server").asText("").startsWith("https://")
            ? Optional.empty()
            : Optional.of(
                "a kubeconfig whose cluster " + quote(clusterName) + " has no https:// server");
      }
    }
    return Optional.of(
        context.isEmpty()
            ? "a kubeconfig without a current-context"
            : "a kubeconfig whose current-context " + quote(context) + " names no cluster in it");
  }

  private Settings.ClusterSettings parseCluster(
      Environment env, int retention, Optional<Settings.ExistingCluster> existing) {
    String name = r.string(ConfigKey.CLUSTER_NAME, Defaults.clusterName(env));
    String version = r.string(ConfigKey.EKS_VERSION, Defaults.EKS_VERSION);
    boolean isPublic = r.bool(ConfigKey.ENDPOINT_PUBLIC_ACCESS, false);
    List<String> cidrs = r.stringList(ConfigKey.PUBLIC_ACCESS_CIDRS, List.of());
    if (isPublic && env.isProd()) {
      r.problem(
          ConfigKey.ENDPOINT_PUBLIC_ACCESS,
          "true",
          "false in prod (reach the API from inside the VPC)");
    }
    if (isPublic && cidrs.isEmpty()) {
      r.problem(
          ConfigKey.PUBLIC_ACCESS_CIDRS,
          "[]",
          "at least one CIDR when endpointPublicAccess is true");
    }
    if (!isPublic && !cidrs.isEmpty()) {
      r.problem(
          ConfigKey.PUBLIC_ACCESS_CIDRS,
          cidrs.toString(),
          "[] while endpointPublicAccess is false");
    }
    for (String c : cidrs) {
      Optional<Cidr> parsed = Cidr.parse(c);
      if (parsed.isEmpty()) {
        r.problem(ConfigKey.PUBLIC_ACCESS_CIDRS, quote(c), "IPv4 CIDRs such as 203.0.113.0/24");
      } else if (parsed.get().prefix() < 8) {
        r.problem(
            ConfigKey.PUBLIC_ACCESS_CIDRS,
            quote(c),
            "CIDRs of /8 or narrower (never the whole internet)");
      }
    }
    List<String> apiCidrs = r.stringList(ConfigKey.API_ACCESS_CIDRS, List.of());
    for (String c : apiCidrs) {
      Optional<Cidr> parsed = Cidr.parse(c);
      if (parsed.isEmpty() || !parsed.get().isNetworkAddress()) {
        r.problem(ConfigKey.API_ACCESS_CIDRS, quote(c), "IPv4 network CIDRs such as 10.99.0.0/24");
      } else if (!parsed.get().isPrivate()) {
        r.problem(
            ConfigKey.API_ACCESS_CIDRS,
            quote(c),
            "private ranges only (10/8, 172.16/12, 192.168/16): the API stays private");
      }
    }
    if (new LinkedHashSet<>(apiCidrs).size() != apiCidrs.size()) {
      r.problem(ConfigKey.API_ACCESS_CIDRS, apiCidrs.toString(), "each CIDR once");
    }
    List<String> admins = r.stringList(ConfigKey.ADMIN_PRINCIPAL_ARNS, List.of());
    if (admins.isEmpty() && env.isProd() && existing.isEmpty()) {
      r.problem(
          ConfigKey.ADMIN_PRINCIPAL_ARNS,
          "[]",
          "at least one IAM role or user ARN in prod (nobody could administer the cluster)");
    }
    if (new LinkedHashSet<>(admins).size() != admins.size()) {
      r.problem(ConfigKey.ADMIN_PRINCIPAL_ARNS, admins.toString(), "each principal once");
    }
    // Known add-ons with pinned versions, by the schema.
    Map<String, String> addons = new LinkedHashMap<>(Defaults.ADDON_VERSIONS);
    r.objectField(ConfigKey.ADDON_VERSIONS)
        .ifPresent(
            node ->
                node.fields()
                    .forEachRemaining(
                        e -> {
                          String key = ConfigKey.ADDON_VERSIONS.key() + "." + e.getKey();
                          if (e.getKey().equals("vpc-cni")
                              && olderThan(e.getValue().asText(), 1, 14)) {
                            // The stack turns on the CNI's network-policy agent, which the add-on
                            // has from v1.14.
                            r.add(
                                new Problem(
                                    ns + key,
                                    quote(e.getValue().asText()),
                                    "v1.14.0-eksbuild.1 or later (enforces NetworkPolicies)"));
                          } else {
                            addons.put(e.getKey(), e.getValue().asText());
                          }
                        }));
    return new Settings.ClusterSettings(
        name, version, isPublic, cidrs, apiCidrs, admins, retention, addons, existing);
  }

  private static boolean olderThan(String version, int major, int minor) {
    String[] parts = version.substring(1).split("[.-]", -1);
    int ma = Integer.parseInt(parts[0]);
    int mi = Integer.parseInt(parts[1]);
    return ma < major || (ma == major && mi < minor);
  }

  private Settings.NodePools parseNodePools(Environment env, int zoneCount, JsonNode preset) {
    Optional<JsonNode> own =
        r.objectField(ConfigKey.NODE_POOLS); // pools and their fields by the schema
    JsonNode layered = Json.merge(preset, own.orElse(MissingNode.getInstance()));
    Optional<JsonNode> node = layered.isObject() ? Optional.of(layered) : Optional.empty();
    var defaults = List.of(Defaults.SYSTEM_POOL, Defaults.GENERAL_POOL, Defaults.QUERY_NODE_POOL);
    var pools = new ArrayList<NodePoolSettings>();
    for (NodePoolSettings d : defaults) {
      JsonNode pool = node.map(n -> n.get(d.role().configKey())).orElse(null);
      pools.add(parsePool(d, pool, env, zoneCount));
    }
    return new Settings.NodePools(pools.get(0), pools.get(1), pools.get(2));
  }

  private NodePoolSettings parsePool(
      NodePoolSettings d, JsonNode pool, Environment env, int zoneCount) {
    String base = ns + "nodePools." + d.role().configKey() + ".";
    List<String> types = d.instanceTypes();
    if (pool != null && pool.has("instanceTypes")) {
      types = new ArrayList<>();
      for (JsonNode e : pool.get("instanceTypes")) {
        types.add(e.asText());
      }
    }
    var arches = new LinkedHashSet<String>();
    for (String type : types) {
      var m = INSTANCE_TYPE.matcher(type);
      if (!m.matches()) {
        r.add(
            new Problem(
                base + "instanceTypes", quote(type), "EC2 instance types such as m6i.large"));
        continue;
      }
      String family = m.group(1);
      arches.add(InstanceFamily.architecture(type));
      if (d.role() == NodePoolSettings.Role.QUERY_NODE
          && !InstanceFamily.isMemoryOptimized(family)) {
        r.add(
            new Problem(
                base + "instanceTypes",
                quote(type),
                "memory-optimized families (r5, r6i, r6a, r7i, r7a, r8i, x2idn, ...): QueryNodes hold indexes in memory"));
      }
    }
    if (arches.size() > 1) {
      r.add(
          new Problem(
              base + "instanceTypes",
              types.toString(),
              "one CPU architecture per pool (one AMI type)"));
    }
    int min = poolInt(pool, "minSize", d.minSize());
    int desired = poolInt(pool, "desiredSize", d.desiredSize());
    int max = poolInt(pool, "maxSize", d.maxSize());
    int disk = poolInt(pool, "diskSizeGiB", d.diskSizeGiB());
    if (min > desired || desired > max) {
      r.add(
          new Problem(
              base + "minSize/desiredSize/maxSize",
              min + "/" + desired + "/" + max,
              "minSize <= desiredSize <= maxSize"));
    }
    if (env.isProd() && min < zoneCount) {
      r.add(
          new Problem(
              base + "minSize",
              String.valueOf(min),
              "at least " + zoneCount + " in prod: one node in each configured zone"));
    }
    return new NodePoolSettings(d.role(), types, min, desired, max, disk);
  }

  /**
   * A pool size: whole and in range by the schema (stack values) and the tier preset test (preset
   * values).
   */
  private static int poolInt(JsonNode pool, String field, int fallback) {
    return pool != null && pool.has(field) ? pool.get(field).asInt() : fallback;
  }

  private Settings.StorageSettings parseStorage(
      Environment env, String accountId, Region region, int logRetentionDays) {
    String bucket =
        r.string(ConfigKey.BUCKET_NAME, Defaults.bucketName(env, accountId, region.name()));
    checkBucketName(ConfigKey.BUCKET_NAME, bucket);
    String data = r.string(ConfigKey.DATA_PREFIX, Defaults.DATA_PREFIX);
    String backup = r.string(ConfigKey.BACKUP_PREFIX, Defaults.BACKUP_PREFIX);
    if (data.equals(backup)) {
      r.problem(
          ConfigKey.BACKUP_PREFIX,
          quote(backup),
          "a prefix other than dataPrefix (backups must not be writable by Milvus)");
    }
    if (data.equals(Defaults.ACCESS_LOG_PREFIX)) {
      r.problem(
          ConfigKey.DATA_PREFIX,
          quote(data),
          "a prefix other than "
              + quote(Defaults.ACCESS_LOG_PREFIX)
              + " (Milvus's access log lives there)");
    }
    if (backup.equals(Defaults.ACCESS_LOG_PREFIX)) {
      r.problem(
          ConfigKey.BACKUP_PREFIX,
          quote(backup),
          "a prefix other than "
              + quote(Defaults.ACCESS_LOG_PREFIX)
              + " (Milvus's access log lives there)");
    }
    int noncurrent = r.integer(ConfigKey.NONCURRENT_VERSION_DAYS, Defaults.NONCURRENT_VERSION_DAYS);
    return new Settings.StorageSettings(
        bucket,
        data,
        backup,
        Defaults.ACCESS_LOG_PREFIX,
        Defaults.BACKUP_ARCHIVE_AFTER_DAYS,
        noncurrent,
        logRetentionDays,
        parseObjectAudit(env, accountId, region, bucket, logRetentionDays));
  }

  private Settings.ObjectAudit parseObjectAudit(
      Environment env, String accountId, Region region, String segmentBucket, int retentionDays) {
    String mode = r.string(ConfigKey.OBJECT_AUDIT, Defaults.OBJECT_AUDIT);
    boolean stackTrail = !mode.equals("organization");
    String auditBucket =
        r.string(
            ConfigKey.AUDIT_BUCKET_NAME, Defaults.auditBucketName(env, accountId, region.name()));
    if (!stackTrail && r.raw(ConfigKey.AUDIT_BUCKET_NAME).isPresent()) {
      r.problem(
          ConfigKey.AUDIT_BUCKET_NAME,
          quote(auditBucket),
          "no value with objectAudit: organization (the organisation trail has its own bucket)");
    }
    checkBucketName(ConfigKey.AUDIT_BUCKET_NAME, auditBucket);
    if (auditBucket.equals(segmentBucket)) {
      r.problem(
          ConfigKey.AUDIT_BUCKET_NAME,
          quote(auditBucket),
          "a bucket other than bucketName (audit logs never share the data's bucket)");
    }
    return new Settings.ObjectAudit(
        stackTrail ? Optional.of(auditBucket) : Optional.empty(), retentionDays);
  }

  private void checkBucketName(ConfigKey key, String bucket) {
    if (!BUCKET.matcher(bucket).matches()
        || bucket.contains("..")
        || bucket.matches("\\d+\\.\\d+\\.\\d+\\.\\d+")
        || bucket.startsWith("xn--")
        || bucket.endsWith("-s3alias")) {
      r.problem(
          key,
          quote(bucket),
          "3-63 lowercase letters, digits, '.' or '-', starting and ending with a letter or digit");
    }
  }

  private Map<String, String> parseTags(Environment env, Region region) {
    var tags = new LinkedHashMap<String, String>();
    tags.put("environment", env.id());
    tags.put("residency", region.countryCode());
    if (r.rejected(ConfigKey.TAGS)) {
      return tags; // the schema reported it; judging what is left would only add "owner: nothing"
    }
    r.objectField(ConfigKey.TAGS)
        .ifPresent(
            node ->
                node.fields()
                    .forEachRemaining(
                        e -> {
                          String key = ns + "tags." + e.getKey();
                          String k = e.getKey();
                          String v =
                              e.getValue().isValueNode()
                                  ? e.getValue().asText()
                                  : e.getValue().toString();
                          if (k.isEmpty()
                              || k.length() > 128
                              || !TAG_TEXT.matcher(k).matches()
                              || k.toLowerCase(Locale.ROOT).startsWith("aws:")) {
                            r.add(
                                new Problem(
                                    key,
                                    quote(k),
                                    "tag keys of 1-128 letters, digits, spaces and _.:/=+-@, not starting with aws:"));
                            return;
                          }
                          if (!e.getValue().isValueNode()
                              || v.length() > 256
                              || !TAG_TEXT.matcher(v).matches()) {
                            r.add(
                                new Problem(
                                    key,
                                    quote(v),
                                    "tag values of 0-256 letters, digits, spaces and _.:/=+-@"));
                            return;
                          }
                          tags.put(k, v);
                        }));
    // A tags map the schema accepted has a well-formed owner and a known data-classification.
    if (!tags.containsKey("owner")) {
      r.add(new Problem(ns + "tags.owner", "nothing", "a team name or e-mail address (required)"));
    }
    if (!tags.containsKey("data-classification")) {
      r.add(
          new Problem(
              ns + "tags.data-classification",
              "nothing",
              String.join(", ", Defaults.DATA_CLASSIFICATIONS) + " (required)"));
    }
    if (!tags.get("environment").equals(env.id())) {
      r.add(
          new Problem(
              ns + "tags.environment",
              quote(tags.get("environment")),
              quote(env.id()) + " (the stack's environment)"));
    }
    if (!tags.get("residency").equals(region.countryCode())) {
      r.add(
          new Problem(
              ns + "tags.residency",
              quote(tags.get("residency")),
              quote(region.countryCode()) + " (the country of " + region.name() + ")"));
    }
    return tags;
  }
}
