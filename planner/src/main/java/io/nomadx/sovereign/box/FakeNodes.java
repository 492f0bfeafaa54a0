package io.nomadx.sovereign.box;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nomadx.sovereign.capacity.InstanceCatalog;
import io.nomadx.sovereign.capacity.InstanceSpec;
import io.nomadx.sovereign.config.Region;
import io.nomadx.sovereign.config.ZoneShares;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The fake nodes of the cluster box, one per desired node of each EKS node group in the plan: the
 * group's labels and taints, the zone of its subnets, and the allocatable CPU, memory and pods of
 * its instance type from the capacity catalog ({@link InstanceCatalog}), so the real scheduler
 * places pods as it would on the real pools. kwok manages nodes annotated
 * `kwok.x-k8s.io/node=fake`.
 *
 * <p>Zones: a subnet is created in an AZ ID (mec1-az1); nodes carry the AZ <em>name</em> in
 * `topology.kubernetes.io/zone`. Names map to IDs differently per account, so the box uses one
 * fixed mapping: the region's n-th AZ ID becomes the region name plus the n-th letter (mec1-az1 →
 * me-central-1a, mec1-az2 → me-central-1b, ...), and the ID itself is kept in
 * `topology.k8s.aws/zone-id`, as EKS nodes have it.
 */
public final class FakeNodes {
  public static final String NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";
  public static final String SUBNET = "aws:ec2/subnet:Subnet";
  public static final String LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
  public static final String KWOK_ANNOTATION = "kwok.x-k8s.io/node";
  public static final String ZONE_ID_LABEL = "topology.k8s.aws/zone-id";

  private final BoxPlan plan;

  public FakeNodes(BoxPlan plan) {
    this.plan = plan;
  }

  /** The AZ name the box gives an AZ ID (see the class comment). */
  public static String zoneName(Region region, String zoneId) {
    return region.name() + (char) ('a' + region.zoneIndex(zoneId));
  }

  /** A `kind: List` of Node objects. */
  public ObjectNode build() {
    Region region =
        Region.find(plan.region())
            .orElseThrow(() -> new IllegalStateException("unknown region " + plan.region()));
    ObjectNode list = BoxPlan.JSON.createObjectNode();
    list.put("apiVersion", "v1");
    list.put("kind", "List");
    ArrayNode items = list.putArray("items");
    for (JsonNode group : plan.ofType(NODE_GROUP)) {
      JsonNode in = group.path("inputs");
      String type = in.path("instanceTypes").path(0).asText();
      InstanceSpec spec =
          InstanceCatalog.lookup(type)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "node group "
                              + group.path("urn").asText()
                              + ": instance type "
                              + type
                              + " is not in the capacity catalog"));
      List<String> zones = zonesOf(in, region);
      int desired = in.path("scalingConfig").path("desiredSize").asInt();
      String prefix =
          in.path("nodeGroupNamePrefix")
              .asText(io.nomadx.sovereign.plan.ExportView.name(group) + "-");
      int disk = diskGiB(group);
      for (int z = 0; z < zones.size(); z++) {
        int n = ZoneShares.share(desired, zones.size(), z);
        for (int i = 0; i < n; i++) {
          items.add(
              node(
                  prefix
                      + zoneName(region, zones.get(z)).substring(region.name().length())
                      + "-"
                      + i,
                  in,
                  spec,
                  region,
                  zones.get(z),
                  prefix,
                  disk));
        }
      }
    }
    return list;
  }

  /** The AZ IDs of the group's subnets, in the region's order. */
  List<String> zonesOf(JsonNode nodeGroup, Region region) {
    var zones = new ArrayList<String>();
    for (JsonNode id : nodeGroup.path("subnetIds")) {
      JsonNode subnet = plan.byId(SUBNET, id.asText());
      String zoneId = subnet.path("inputs").path("availabilityZoneId").asText();
      if (zoneId.isEmpty()) {
        throw new IllegalStateException(
            "subnet " + id.asText() + " has no availabilityZoneId in the plan");
      }
      if (!zones.contains(zoneId)) {
        zones.add(zoneId);
      }
    }
    zones.sort(Comparator.comparingInt(region::zoneIndex));
    return zones;
  }

  /**
   * Root volume size of the group's launch template (a sibling under the same NodePool), or 20 GiB.
   */
  int diskGiB(JsonNode group) {
    String parent = group.path("parent").asText();
    return plan.ofType(LAUNCH_TEMPLATE).stream()
        .filter(t -> t.path("parent").asText().equals(parent))
        .map(
            t ->
                t.path("inputs")
                    .path("blockDeviceMappings")
                    .path(0)
                    .path("ebs")
                    .path("volumeSize")
                    .asInt(20))
        .findFirst()
        .orElse(20);
  }

  private ObjectNode node(
      String name,
      JsonNode group,
      InstanceSpec spec,
      Region region,
      String zoneId,
      String prefix,
      int diskGiB) {
    ObjectNode node = BoxPlan.JSON.createObjectNode();
    node.put("apiVersion", "v1");
    node.put("kind", "Node");
    ObjectNode meta = node.putObject("metadata");
    meta.put("name", name);
    meta.putObject("annotations").put(KWOK_ANNOTATION, "fake");
    ObjectNode labels = meta.putObject("labels");
    group
        .path("labels")
        .fields()
        .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    labels.put("kubernetes.io/hostname", name);
    labels.put("kubernetes.io/os", "linux");
    labels.put("kubernetes.io/arch", "amd64");
    labels.put("node.kubernetes.io/instance-type", spec.name());
    labels.put("topology.kubernetes.io/region", region.name());
    labels.put("topology.kubernetes.io/zone", zoneName(region, zoneId));
    labels.put(ZONE_ID_LABEL, zoneId);
    labels.put(
        "eks.amazonaws.com/nodegroup",
        prefix.endsWith("-") ? prefix.substring(0, prefix.length() - 1) : prefix);
    labels.put("eks.amazonaws.com/capacityType", group.path("capacityType").asText("ON_DEMAND"));
    labels.put("type", "kwok");
    ObjectNode nodeSpec = node.putObject("spec");
    ArrayNode taints = nodeSpec.putArray("taints");
    for (JsonNode t : group.path("taints")) {
      ObjectNode taint = taints.addObject();
      taint.put("key", t.path("key").asText());
      if (t.hasNonNull("value")) {
        taint.put("value", t.path("value").asText());
      }
      taint.put("effect", effect(t.path("effect").asText()));
    }
    ObjectNode status = node.putObject("status");
    ObjectNode capacity = status.putObject("capacity");
    capacity.put("cpu", String.valueOf(spec.vcpus()));
    capacity.put("memory", spec.memoryGiB() + "Gi");
    capacity.put("pods", String.valueOf(spec.maxPods()));
    capacity.put("ephemeral-storage", diskGiB + "Gi");
    ObjectNode allocatable = status.putObject("allocatable");
    allocatable.put("cpu", spec.allocatableMillicores() + "m");
    allocatable.put("memory", (spec.allocatableBytes() / 1024) + "Ki");
    allocatable.put("pods", String.valueOf(spec.maxPods()));
    allocatable.put("ephemeral-storage", diskGiB + "Gi");
    return node;
  }

  /**
   * EKS spells taint effects NO_SCHEDULE, NO_EXECUTE, PREFER_NO_SCHEDULE; Kubernetes NoSchedule,
   * ...
   */
  static String effect(String eks) {
    return switch (eks) {
      case "NO_SCHEDULE" -> "NoSchedule";
      case "NO_EXECUTE" -> "NoExecute";
      case "PREFER_NO_SCHEDULE" -> "PreferNoSchedule";
      default -> throw new IllegalArgumentException("unknown taint effect " + eks);
    };
  }
}
