package io.nomadx.sovereign.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackExportOrderTest {
  static Registration resource(String name, List<String> dependsOn) {
    String urn = "urn:pulumi:s::p::aws:ec2/vpcEndpoint:VpcEndpoint::" + name;
    return new Registration(
        0,
        urn,
        "aws:ec2/vpcEndpoint:VpcEndpoint",
        name,
        true,
        "",
        "",
        false,
        false,
        dependsOn,
        Map.of(),
        List.of(),
        "",
        JsonNodeFactory.instance.objectNode(),
        JsonNodeFactory.instance.objectNode());
  }

  @Test
  void dependenciesComeFirst() {
    var b = resource("b", List.of());
    var a = resource("a", List.of(b.urn()));
    assertEquals(
        List.of("b", "a"),
        StackExport.ordered(List.of(a, b)).stream().map(Registration::name).toList());
  }

  /**
   * Found when the S3 interface endpoint took the gateway endpoint's name: the plan said
   * "dependency cycle".
   */
  @Test
  void twoResourcesWithOneTypeAndNameAreNamedAsSuch() {
    var error =
        assertThrows(
            IllegalStateException.class,
            () ->
                StackExport.ordered(
                    List.of(resource("network-s3", List.of()), resource("network-s3", List.of()))));
    assertTrue(
        error
            .getMessage()
            .startsWith(
                "duplicate resource URN urn:pulumi:s::p::aws:ec2/vpcEndpoint:VpcEndpoint::network-s3"),
        error.getMessage());
  }

  /**
   * Two plans of one program must be byte-identical, so `cmp` proves a refactor changed nothing.
   */
  @Test
  void propertyDependenciesAreWrittenInPropertyOrder() {
    var deps = new java.util.HashMap<String, List<String>>();
    for (String property :
        List.of(
            "vpcId", "bucket", "rule", "zeta", "alpha", "region", "skipRegionValidation", "tags")) {
      deps.put(property, List.of());
    }
    String urn = "urn:pulumi:s::p::aws:s3/bucketV2:BucketV2::b";
    var r =
        new Registration(
            0,
            urn,
            "aws:s3/bucketV2:BucketV2",
            "b",
            true,
            "",
            "",
            false,
            false,
            List.of(),
            deps,
            List.of(),
            "",
            JsonNodeFactory.instance.objectNode(),
            JsonNodeFactory.instance.objectNode());
    var written = new java.util.ArrayList<String>();
    StackExport.of(List.of(r), Map.of())
        .path("deployment")
        .path("resources")
        .get(0)
        .path("propertyDependencies")
        .fieldNames()
        .forEachRemaining(written::add);
    assertEquals(
        List.of(
            "alpha", "bucket", "region", "rule", "skipRegionValidation", "tags", "vpcId", "zeta"),
        written);
  }
}
