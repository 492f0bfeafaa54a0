package io.nomadx.sovereign.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

/**
 * The ten-second read of a plan (or of a live stack's export): what kinds of resources, the node
 * pools per zone, the storage classes, the bucket and the keys. Built from the export document
 * alone, so it describes a live stack just as well as an offline plan.
 */
public final class Summary {
  private final ExportView export;
  private final List<JsonNode> resources;
  private final java.util.function.IntFunction<io.nomadx.sovereign.capacity.Verdict> queryNodesHold;

  /**
   * An export alone: the zone-loss lines judge no QueryNode fit (that needs the stack's settings).
   */
  public Summary(JsonNode export) {
    this(export, null);
  }

  /**
   * A plan of a stack whose settings are known: zone loss asks the capacity model ({@link
   * ZoneLoss#queryNodesHold}).
   */
  public Summary(
      JsonNode export,
      java.util.function.IntFunction<io.nomadx.sovereign.capacity.Verdict> queryNodesHold) {
    this.export = ExportView.of(export);
    this.resources = this.export.resources();
    this.queryNodesHold = queryNodesHold;
  }

  public String render(String stack) {
    var out = new ArrayList<String>();
    List<String> zones = zones();
    JsonNode provider = first(r -> r.path("type").asText().equals("pulumi:providers:aws"));
    out.add(
        "Plan of "
            + stack
            + ": region "
            + provider.path("inputs").path("region").asText("?")
            + ", account "
            + text(provider.path("inputs").path("allowedAccountIds"))
            + ", zones "
            + String.join(" ", zones));

    var kinds = new TreeMap<String, Integer>();
    resources.forEach(r -> kinds.merge(kind(r.path("type").asText()), 1, Integer::sum));
    out.add(
        "Resources: "
            + resources.size()
            + " ("
            + String.join(
                ", ", kinds.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList())
            + ")");

    cluster(out);
    network(out);
    nodePools(out, zones.size());
    storageClasses(out);
    bucket(out);
    keys(out);
    milvus(out);
    out.addAll(new ZoneLoss(resources, queryNodesHold).render(zones));
    long stateful = resources.stream().filter(r -> r.path("protect").asBoolean()).count();
    out.add(
        "Protected: "
            + stateful
            + " resources ("
            + String.join(
                ", ",
                resources.stream()
                    .filter(r -> r.path("protect").asBoolean())
                    .map(r -> shortType(r.path("type").asText()))
                    .distinct()
                    .sorted()
                    .toList())
            + ")");
    out.addAll(
        CostSection.render(
            first(r -> r.path("type").asText().equals("pulumi:pulumi:Stack"))
                .path("outputs")
                .path(CostSection.OUTPUT)));
    return String.join("\n", out) + "\n";
  }

  private void cluster(List<String> out) {
    JsonNode c = first(r -> r.path("type").asText().equals("aws:eks/cluster:Cluster"));
    if (c.isMissingNode()) {
      return;
    }
    JsonNode in = c.path("inputs");
    JsonNode vpc = in.path("vpcConfig");
    out.add(
        "EKS "
            + in.path("name").asText()
            + " v"
            + in.path("version").asText()
            + ": endpoint private="
            + vpc.path("endpointPrivateAccess").asBoolean()
            + " public="
            + vpc.path("endpointPublicAccess").asBoolean()
            + (vpc.path("publicAccessCidrs").isEmpty()
                ? ""
                : " " + text(vpc.path("publicAccessCidrs")))
            + ", secrets encrypted="
            + !in.path("encryptionConfig").path("provider").path("keyArn").asText().isEmpty()
            + ", auth "
            + in.path("accessConfig").path("authenticationMode").asText()
            + ", logs "
            + text(in.path("enabledClusterLogTypes")));
    ofType("aws:cloudwatch/logGroup:LogGroup")
        .forEach(
            g ->
                out.add(
                    "  log group "
                        + g.path("inputs").path("name").asText()
                        + ": retention "
                        + g.path("inputs").path("retentionInDays").asText()
                        + "d, kms="
                        + !g.path("inputs").path("kmsKeyId").asText().isEmpty()));
    out.add(
        "  admins: "
            + ofType("aws:eks/accessEntry:AccessEntry").size()
            + " access entries; add-ons: "
            + String.join(
                ", ",
                ofType("aws:eks/addon:Addon").stream()
                    .map(
                        a ->
                            a.path("inputs").path("addonName").asText()
                                + "@"
                                + a.path("inputs").path("addonVersion").asText())
                    .sorted()
                    .toList()));
  }

  private static final String EXISTING_NETWORK = "sovereign:network:ExistingNetwork";

  /**
   * The stack's zones: those of the private subnets it creates, or those a landing zone's subnets
   * are given for.
   */
  private List<String> zones() {
    var created =
        ofType("aws:ec2/subnet:Subnet").stream()
            .filter(r -> r.path("urn").asText().contains("-private-"))
            .map(r -> r.path("inputs").path("availabilityZoneId").asText())
            .sorted()
            .toList();
    if (!created.isEmpty()) {
      return created;
    }
    var given = new ArrayList<String>();
    first(r -> r.path("type").asText().equals(EXISTING_NETWORK))
        .path("outputs")
        .path("subnetsByZone")
        .fieldNames()
        .forEachRemaining(given::add);
    return given.stream().sorted().toList();
  }

  /** Whether anything routes to the internet, and the in-region endpoints everything else uses. */
  private void network(List<String> out) {
    JsonNode given = first(r -> r.path("type").asText().equals(EXISTING_NETWORK));
    if (!given.isMissingNode()) {
      var subnets = new ArrayList<String>();
      given
          .path("outputs")
          .path("subnetsByZone")
          .fields()
          .forEachRemaining(e -> subnets.add(e.getKey() + " " + e.getValue().asText()));
      out.add(
          "Network: existing VPC "
              + given.path("outputs").path("vpcId").asText()
              + ", private subnets "
              + String.join(", ", subnets)
              + "; its routes, egress, VPC endpoints and flow logs are the landing zone's (none created here)");
      return;
    }
    JsonNode vpc = first(r -> r.path("type").asText().equals("aws:ec2/vpc:Vpc"));
    if (vpc.isMissingNode()) {
      out.add("Network: none created (the existing cluster's own)");
      return;
    }
    int gateways = ofType("aws:ec2/internetGateway:InternetGateway").size();
    int nats = ofType("aws:ec2/natGateway:NatGateway").size();
    String egress =
        gateways == 0 && nats == 0
            ? "internet egress none (no internet gateway, NAT or public subnet)"
            : "internet egress through "
                + nats
                + " NAT gateway"
                + (nats == 1 ? "" : "s")
                + " (internet gateways: "
                + gateways
                + ")";
    var endpoints =
        ofType("aws:ec2/vpcEndpoint:VpcEndpoint").stream()
            .map(
                e -> {
                  String service = e.path("inputs").path("serviceName").asText();
                  String shortName =
                      service
                          .substring(service.lastIndexOf(':') + 1)
                          .replaceFirst("^com\\.amazonaws\\.[a-z0-9-]+\\.", "");
                  return shortName
                      + (e.path("inputs").path("vpcEndpointType").asText().equals("Gateway")
                          ? " (gateway)"
                          : "");
                })
            .sorted()
            .toList();
    out.add(
        "Network "
            + vpc.path("inputs").path("cidrBlock").asText()
            + ": "
            + egress
            + "; VPC endpoints "
            + String.join(", ", endpoints));
  }

  /**
   * Where pods of the Milvus namespace may connect, read from its Egress policies: "unrestricted"
   * unless some policy selects every pod for Egress; then each rule's peers (namespaces, ipBlocks).
   */
  private String podEgress() {
    var egress =
        ofType("kubernetes:networking.k8s.io/v1:NetworkPolicy").stream()
            .filter(
                p ->
                    p.path("inputs")
                        .path("spec")
                        .path("policyTypes")
                        .toString()
                        .contains("\"Egress\""))
            .toList();
    boolean denyAll =
        egress.stream().anyMatch(p -> p.path("inputs").path("spec").path("podSelector").isEmpty());
    if (!denyAll) {
      return "unrestricted (no Egress policy selects every pod)";
    }
    var allowed = new java.util.ArrayList<String>();
    for (JsonNode p : egress) {
      for (JsonNode rule : p.path("inputs").path("spec").path("egress")) {
        var peers = new java.util.ArrayList<String>();
        for (JsonNode peer : rule.path("to")) {
          if (peer.has("ipBlock")) {
            peers.add(peer.path("ipBlock").path("cidr").asText());
          } else if (peer.has("namespaceSelector")) {
            peers.add(
                peer.path("namespaceSelector")
                        .path("matchLabels")
                        .path("kubernetes.io/metadata.name")
                        .asText("namespaces")
                    + "/"
                    + peer.path("podSelector")
                        .path("matchLabels")
                        .toString()
                        .replaceAll("[{}\"]", ""));
          } else {
            peers.add("the namespace");
          }
        }
        var ports = new java.util.ArrayList<String>();
        rule.path("ports")
            .forEach(
                port ->
                    ports.add(
                        port.path("port").asText() + "/" + port.path("protocol").asText("TCP")));
        JsonNode selector = p.path("inputs").path("spec").path("podSelector");
        String who =
            selector.isEmpty()
                ? ""
                : " (for "
                    + selector
                        .path("matchExpressions")
                        .path(0)
                        .path("values")
                        .toString()
                        .replaceAll("[\\[\\]\"]", "")
                        .replace(",", ", ")
                    + ")";
        allowed.add(
            String.join(" ", peers)
                + (ports.isEmpty() ? "" : " on " + String.join(",", ports))
                + who);
      }
    }
    return "default deny; allowed " + (allowed.isEmpty() ? "nothing" : String.join("; ", allowed));
  }

  private void nodePools(List<String> out, int zoneCount) {
    out.add("Node pools (instance types x nodes, spread over " + zoneCount + " zones):");
    for (JsonNode g : ofType("aws:eks/nodeGroup:NodeGroup")) {
      JsonNode in = g.path("inputs");
      JsonNode sc = in.path("scalingConfig");
      int desired = sc.path("desiredSize").asInt();
      String taints =
          StreamSupport.stream(in.path("taints").spliterator(), false)
              .map(
                  t ->
                      t.path("key").asText()
                          + "="
                          + t.path("value").asText()
                          + ":"
                          + t.path("effect").asText())
              .reduce((a, b) -> a + "," + b)
              .orElse("none");
      out.add(
          String.format(
              "  %-22s %-14s min/desired/max %d/%d/%d  per zone %s  label %s  taint %s  %s",
              in.path("nodeGroupNamePrefix").asText(in.path("nodeGroupName").asText()),
              text(in.path("instanceTypes")),
              sc.path("minSize").asInt(),
              desired,
              sc.path("maxSize").asInt(),
              perZone(desired, zoneCount),
              labels(in.path("labels")),
              taints,
              in.path("amiType").asText()));
    }
  }

  /** How the Auto Scaling group balances `desired` nodes over the zones, largest share first. */
  static String perZone(int desired, int zones) {
    if (zones == 0) {
      return "-";
    }
    var parts = new ArrayList<String>();
    for (int i = 0; i < zones; i++) {
      parts.add(String.valueOf(io.nomadx.sovereign.config.ZoneShares.share(desired, zones, i)));
    }
    return String.join("/", parts);
  }

  private void storageClasses(List<String> out) {
    out.add("Storage classes:");
    for (JsonNode s : ofType("kubernetes:storage.k8s.io/v1:StorageClass")) {
      JsonNode in = s.path("inputs");
      JsonNode p = in.path("parameters");
      boolean isDefault =
          in.path("metadata")
              .path("annotations")
              .path("storageclass.kubernetes.io/is-default-class")
              .asText()
              .equals("true");
      out.add(
          String.format(
              "  %-12s %-4s %-7s encrypted=%s cmk=%s %s expand=%s%s",
              in.path("metadata").path("name").asText(),
              p.path("type").asText(),
              in.path("reclaimPolicy").asText(),
              p.path("encrypted").asText(),
              !p.path("kmsKeyId").asText().isEmpty(),
              in.path("volumeBindingMode").asText(),
              in.path("allowVolumeExpansion").asBoolean(),
              isDefault ? " (default)" : ""));
    }
  }

  private void bucket(List<String> out) {
    for (JsonNode b : ofType("aws:s3/bucketV2:BucketV2")) {
      String urn = b.path("urn").asText();
      JsonNode sse =
          childOf(
                  urn,
                  "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2")
              .path("inputs")
              .path("rules")
              .path(0);
      JsonNode pab =
          childOf(urn, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").path("inputs");
      long blocks =
          List.of(
                  "blockPublicAcls",
                  "blockPublicPolicy",
                  "ignorePublicAcls",
                  "restrictPublicBuckets")
              .stream()
              .filter(k -> pab.path(k).asBoolean())
              .count();
      JsonNode versioning =
          childOf(urn, "aws:s3/bucketVersioningV2:BucketVersioningV2").path("inputs");
      JsonNode owner =
          childOf(urn, "aws:s3/bucketOwnershipControls:BucketOwnershipControls").path("inputs");
      out.add(
          "Bucket "
              + b.path("inputs").path("bucket").asText()
              + ": "
              + sse.path("applyServerSideEncryptionByDefault").path("sseAlgorithm").asText("NONE")
              + " cmk="
              + !sse.path("applyServerSideEncryptionByDefault")
                  .path("kmsMasterKeyId")
                  .asText()
                  .isEmpty()
              + " bucketKey="
              + sse.path("bucketKeyEnabled").asBoolean()
              + ", versioning "
              + versioning.path("versioningConfiguration").path("status").asText("off")
              + ", public access blocks "
              + blocks
              + "/4"
              + ", ownership "
              + owner.path("rule").path("objectOwnership").asText("?")
              + ", replication "
              + (ofType("aws:s3/bucketReplicationConfig:BucketReplicationConfig").isEmpty()
                  ? "none"
                  : "PRESENT")
              + ", protect="
              + b.path("protect").asBoolean()
              + " retain="
              + b.path("retainOnDelete").asBoolean());
      for (JsonNode rule :
          childOf(urn, "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2")
              .path("inputs")
              .path("rules")) {
        var parts = new ArrayList<String>();
        rule.path("transitions")
            .forEach(
                t ->
                    parts.add(
                        "to "
                            + t.path("storageClass").asText()
                            + " after "
                            + t.path("days").asText()
                            + "d"));
        if (rule.has("expiration")) {
          parts.add("expire after " + rule.path("expiration").path("days").asText() + "d");
        }
        if (rule.has("noncurrentVersionExpiration")) {
          parts.add(
              "old versions expire after "
                  + rule.path("noncurrentVersionExpiration").path("noncurrentDays").asText()
                  + "d");
        }
        if (rule.has("abortIncompleteMultipartUpload")) {
          parts.add(
              "incomplete uploads aborted after "
                  + rule.path("abortIncompleteMultipartUpload").path("daysAfterInitiation").asText()
                  + "d");
        }
        String prefix = rule.path("filter").path("prefix").asText("");
        out.add(
            "  lifecycle "
                + rule.path("id").asText()
                + " ["
                + (prefix.isEmpty() ? "all objects" : prefix)
                + "]: "
                + String.join(", ", parts));
      }
    }
  }

  private void keys(List<String> out) {
    Map<String, String> aliasByKeyUrn = new TreeMap<>();
    for (JsonNode a : ofType("aws:kms/alias:Alias")) {
      for (JsonNode dep : a.path("dependencies")) {
        aliasByKeyUrn.put(dep.asText(), a.path("inputs").path("name").asText());
      }
    }
    for (JsonNode k : ofType("aws:kms/key:Key")) {
      JsonNode in = k.path("inputs");
      out.add(
          "Key "
              + aliasByKeyUrn.getOrDefault(k.path("urn").asText(), name(k))
              + ": rotation="
              + in.path("enableKeyRotation").asBoolean()
              + " deletionWindow="
              + in.path("deletionWindowInDays").asText()
              + "d multiRegion="
              + in.path("multiRegion").asBoolean()
              + " protect="
              + k.path("protect").asBoolean()
              + " retain="
              + k.path("retainOnDelete").asBoolean());
    }
  }

  private void milvus(List<String> out) {
    JsonNode cr = first(r -> r.path("type").asText().equals("kubernetes:milvus.io/v1beta1:Milvus"));
    if (cr.isMissingNode()) {
      return;
    }
    JsonNode spec = cr.path("inputs").path("spec");
    JsonNode deps = spec.path("dependencies");
    JsonNode security = spec.path("config").path("common").path("security");
    JsonNode release =
        first(
                r ->
                    r.path("type").asText().equals("kubernetes:helm.sh/v3:Release")
                        && r.path("inputs").path("chart").asText().equals("milvus-operator"))
            .path("inputs");
    out.add(
        "Milvus "
            + spec.path("components").path("image").asText()
            + " ("
            + spec.path("mode").asText()
            + " mode, "
            + deps.path("msgStreamType").asText()
            + "), operator chart "
            + release.path("chart").asText()
            + "@"
            + release.path("version").asText()
            + " from "
            + release.path("repositoryOpts").path("repo").asText());
    out.add(
        "  auth="
            + security.path("authorizationEnabled").asBoolean()
            + " tlsMode="
            + security.path("tlsMode").asInt()
            + " storage "
            + deps.path("storage").path("endpoint").asText()
            + " useIAM="
            + spec.path("config").path("minio").path("useIAM").asBoolean()
            + " bucket "
            + spec.path("config").path("minio").path("bucketName").asText()
            + "/"
            + spec.path("config").path("minio").path("rootPath").asText()
            + ", readiness "
            + cr.path("inputs")
                .path("metadata")
                .path("annotations")
                .path("pulumi.com/waitFor")
                .asText());
    var components = new ArrayList<String>();
    spec.path("components")
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().isObject() && e.getValue().has("replicas")) {
                JsonNode limits = e.getValue().path("resources").path("limits");
                components.add(
                    e.getKey()
                        + " "
                        + e.getValue().path("replicas").asInt()
                        + "x("
                        + limits.path("cpu").asText()
                        + " cpu, "
                        + limits.path("memory").asText()
                        + ")");
              }
            });
    out.add("  components: " + String.join(", ", components.stream().sorted().toList()));
    JsonNode etcd = deps.path("etcd").path("inCluster");
    out.add(
        "  etcd "
            + etcd.path("values").path("replicaCount").asInt()
            + " members on "
            + etcd.path("values").path("persistence").path("storageClass").asText()
            + " "
            + etcd.path("values").path("persistence").path("size").asText()
            + ", deletionPolicy "
            + etcd.path("deletionPolicy").asText()
            + " pvcDeletion="
            + etcd.path("pvcDeletion").asBoolean());
    JsonNode pulsar = deps.path("pulsar").path("inCluster");
    if (!pulsar.isMissingNode()) {
      JsonNode v = pulsar.path("values");
      out.add(
          "  pulsar brokers "
              + v.path("broker").path("replicaCount").asInt()
              + ", bookies "
              + v.path("bookkeeper").path("replicaCount").asInt()
              + ", zookeepers "
              + v.path("zookeeper").path("replicaCount").asInt()
              + ", proxy="
              + v.path("components").path("proxy").asBoolean()
              + ", journalMaxSizeMB "
              + v.path("bookkeeper").path("configData").path("journalMaxSizeMB").asText()
              + ", volumes on "
              + v.path("bookkeeper")
                  .path("volumes")
                  .path("ledgers")
                  .path("storageClassName")
                  .asText()
              + ", deletionPolicy "
              + pulsar.path("deletionPolicy").asText());
    }
    ofType("kubernetes:batch/v1:CronJob")
        .forEach(
            c ->
                out.add(
                    "  cronjob "
                        + c.path("inputs").path("metadata").path("name").asText()
                        + " '"
                        + c.path("inputs").path("spec").path("schedule").asText()
                        + "' suspend="
                        + c.path("inputs").path("spec").path("suspend").asBoolean(false)
                        + " "
                        + c.path("inputs")
                            .path("spec")
                            .path("jobTemplate")
                            .path("spec")
                            .path("template")
                            .path("spec")
                            .path("containers")
                            .path(0)
                            .path("image")
                            .asText()));
    out.add(
        "  network policies: "
            + String.join(
                ", ",
                ofType("kubernetes:networking.k8s.io/v1:NetworkPolicy").stream()
                    .map(p -> p.path("inputs").path("metadata").path("name").asText())
                    .sorted()
                    .toList())
            + "; monitors: "
            + (ofType("kubernetes:monitoring.coreos.com/v1:PrometheusRule").size()
                + ofType("kubernetes:monitoring.coreos.com/v1:PodMonitor").size()));
    out.add("  pod egress: " + podEgress());
    JsonNode capacity =
        first(r -> r.path("type").asText().equals("pulumi:pulumi:Stack"))
            .path("outputs")
            .path("capacity");
    if (!capacity.isMissingNode()) {
      out.add(
          String.format(
              "Capacity: %s on %s QueryNodes: needs %.1f GiB of %.1f GiB usable at 80%% (headroom %.1f GiB); holds up to %,d vectors of this shape",
              capacity.path("collection").asText(),
              capacity.path("queryNodes").asText(),
              capacity.path("neededGiB").asDouble(),
              capacity.path("usableGiB").asDouble(),
              capacity.path("headroomGiB").asDouble(),
              capacity.path("maxVectorsAt80Percent").asLong()));
    }
  }

  private List<JsonNode> ofType(String type) {
    return export.ofType(type);
  }

  /** The bucket's configuration resource of a type: the one whose `bucket` input names it. */
  private JsonNode childOf(String bucketUrn, String type) {
    JsonNode bucket = first(r -> r.path("urn").asText().equals(bucketUrn));
    var names =
        List.of(
            bucket.path("outputs").path("id").asText(),
            bucket.path("inputs").path("bucket").asText());
    return ofType(type).stream()
        .filter(r -> names.contains(r.path("inputs").path("bucket").asText()))
        .findFirst()
        .orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
  }

  private JsonNode first(Predicate<JsonNode> p) {
    return export.first(p);
  }

  private static String name(JsonNode r) {
    return ExportView.name(r);
  }

  private static String kind(String type) {
    if (type.startsWith("pulumi:providers:")) {
      return "providers";
    }
    return type.substring(0, type.indexOf(':'));
  }

  private static String shortType(String type) {
    return type.substring(type.lastIndexOf(':') + 1);
  }

  private static String labels(JsonNode labels) {
    var parts = new ArrayList<String>();
    labels.fields().forEachRemaining(e -> parts.add(e.getKey() + "=" + e.getValue().asText()));
    return String.join(",", parts);
  }

  private static String text(JsonNode n) {
    if (n.isTextual() && n.asText().startsWith("[")) {
      // Provider inputs carry lists as JSON text.
      try {
        n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(n.asText());
      } catch (java.io.IOException e) {
        return n.asText();
      }
    }
    if (n.isArray()) {
      var parts = new ArrayList<String>();
      n.forEach(x -> parts.add(x.asText()));
      return String.join(",", parts);
    }
    return n.asText();
  }
}
