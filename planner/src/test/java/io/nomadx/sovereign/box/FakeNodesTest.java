package io.nomadx.sovereign.box;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.nomadx.sovereign.capacity.InstanceCatalog;
import io.nomadx.sovereign.config.Region;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeNodesTest {

  static JsonNode json(String s) throws Exception {
    return BoxPlan.JSON.readTree(s.replace('\'', '"'));
  }

  static BoxPlan plan(int desired, String type, String... zoneIds) throws Exception {
    var resources = new ArrayList<JsonNode>();
    resources.add(
        json("{'type':'pulumi:providers:aws','urn':'p','inputs':{'region':'me-central-1'}}"));
    var ids = new ArrayList<String>();
    for (String z : zoneIds) {
      ids.add("'subnet-" + z + "'");
      resources.add(
          json(
              "{'type':'aws:ec2/subnet:Subnet','urn':'s-"
                  + z
                  + "','id':'subnet-"
                  + z
                  + "','inputs':{'availabilityZoneId':'"
                  + z
                  + "'}}"));
    }
    resources.add(
        json(
            "{'type':'aws:eks/nodeGroup:NodeGroup','urn':'urn::qn','parent':'pool','inputs':{"
                + "'nodeGroupNamePrefix':'milvus-prod-querynode-','instanceTypes':['"
                + type
                + "'],"
                + "'labels':{'nomadx.io/pool':'memory-optimized'},"
                + "'taints':[{'key':'nomadx.io/pool','value':'memory-optimized','effect':'NO_SCHEDULE'}],"
                + "'scalingConfig':{'desiredSize':"
                + desired
                + "},'subnetIds':["
                + String.join(",", ids)
                + "]}}"));
    resources.add(
        json(
            "{'type':'aws:ec2/launchTemplate:LaunchTemplate','urn':'lt','parent':'pool','inputs':"
                + "{'blockDeviceMappings':[{'ebs':{'volumeSize':100}}]}}"));
    return new BoxPlan(resources);
  }

  @Test
  void oneNodePerDesiredNodeSpreadLikeAutoScaling() throws Exception {
    JsonNode items =
        new FakeNodes(plan(4, "r6i.xlarge", "mec1-az3", "mec1-az1", "mec1-az2"))
            .build()
            .path("items");
    var zones = new ArrayList<String>();
    items.forEach(
        n ->
            zones.add(
                n.path("metadata").path("labels").path("topology.kubernetes.io/zone").asText()));
    assertEquals(
        List.of("me-central-1a", "me-central-1a", "me-central-1b", "me-central-1c"), zones);
    JsonNode first = items.get(0);
    assertEquals("milvus-prod-querynode-a-0", first.path("metadata").path("name").asText());
    assertEquals(
        "mec1-az1",
        first.path("metadata").path("labels").path("topology.k8s.aws/zone-id").asText());
    assertEquals(
        "memory-optimized", first.path("metadata").path("labels").path("nomadx.io/pool").asText());
    assertEquals("NoSchedule", first.path("spec").path("taints").get(0).path("effect").asText());
    assertEquals(
        "fake", first.path("metadata").path("annotations").path("kwok.x-k8s.io/node").asText());
  }

  @Test
  void allocatableComesFromTheCatalog() throws Exception {
    JsonNode status =
        new FakeNodes(plan(1, "r6i.xlarge", "mec1-az1"))
            .build()
            .path("items")
            .get(0)
            .path("status");
    var spec = InstanceCatalog.lookup("r6i.xlarge").orElseThrow();
    assertEquals(
        spec.allocatableBytes() / 1024 + "Ki", status.path("allocatable").path("memory").asText());
    assertEquals("4", status.path("capacity").path("cpu").asText());
    assertEquals("3920m", status.path("allocatable").path("cpu").asText());
    assertEquals("58", status.path("allocatable").path("pods").asText());
    assertEquals("100Gi", status.path("allocatable").path("ephemeral-storage").asText());
  }

  @Test
  void reservedCpuFollowsTheEksAmiSteps() {
    // m6i.large 2 vCPUs: 60 + 10 reserved; m6i.xlarge 4: + 5 + 5; m6i.2xlarge 8: + 4 x 2.5.
    assertEquals(
        2000 - 70,
        io.nomadx.sovereign.capacity.InstanceCatalog.lookup("m6i.large")
            .orElseThrow()
            .allocatableMillicores());
    assertEquals(
        4000 - 80,
        io.nomadx.sovereign.capacity.InstanceCatalog.lookup("m6i.xlarge")
            .orElseThrow()
            .allocatableMillicores());
    assertEquals(
        8000 - 90,
        io.nomadx.sovereign.capacity.InstanceCatalog.lookup("m6i.2xlarge")
            .orElseThrow()
            .allocatableMillicores());
  }

  @Test
  void zoneNamesFollowTheZoneIdOrder() {
    Region r = Region.find("me-central-1").orElseThrow();
    assertEquals("me-central-1b", FakeNodes.zoneName(r, "mec1-az2"));
  }

  @Test
  void unknownInstanceTypeIsAnError() throws Exception {
    var nodes = new FakeNodes(plan(1, "t3.micro", "mec1-az1"));
    assertThrows(IllegalStateException.class, nodes::build);
  }
}
