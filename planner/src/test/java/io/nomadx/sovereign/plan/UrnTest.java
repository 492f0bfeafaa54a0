package io.nomadx.sovereign.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nomadx.sovereign.support.Plans;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UrnTest {
  static final String AUDIT_BUCKET =
      "urn:pulumi:prod-me-central-1::sovereign-milvus::pulumi:pulumi:Stack"
          + "$sovereign:audit:ObjectAuditTrail$aws:s3/bucketV2:BucketV2::segments-audit";

  @Test
  void aNestedUrnNamesItsStackProjectParentsTypeAndName() {
    var urn = Urn.parse(AUDIT_BUCKET);
    assertEquals("prod-me-central-1", urn.stack());
    assertEquals("sovereign-milvus", urn.project());
    assertEquals(
        List.of("pulumi:pulumi:Stack", "sovereign:audit:ObjectAuditTrail"), urn.parentTypes());
    assertEquals("aws:s3/bucketV2:BucketV2", urn.type());
    assertEquals("segments-audit", urn.name());
    assertEquals(AUDIT_BUCKET, urn.toString());
  }

  @Test
  void aNameMayHoldTheDelimiter() {
    var urn = Urn.parse("urn:pulumi:s::p::kubernetes:core/v1:ConfigMap::milvus/dash::board");
    assertEquals("milvus/dash::board", urn.name());
    assertEquals(List.of(), urn.parentTypes());
    assertEquals("milvus/dash::board", Urn.nameOf(urn.toString()));
  }

  @Test
  void aChildCarriesItsParentsTypeChain() {
    var trail =
        Urn.parse(AUDIT_BUCKET.replace("$aws:s3/bucketV2:BucketV2::segments-audit", "::segments"));
    assertEquals(
        AUDIT_BUCKET, trail.child("aws:s3/bucketV2:BucketV2", "segments-audit").toString());
  }

  @Test
  void textThatIsNotAUrnIsNamedInTheError() {
    var error =
        assertThrows(
            IllegalArgumentException.class, () -> Urn.parse("urn:pulumi:s::p::only-a-type"));
    assertEquals(
        "not a Pulumi URN (allowed: urn:pulumi:<stack>::<project>::<type>::<name>): urn:pulumi:s::p::only-a-type",
        error.getMessage());
    assertEquals("(stack)", Urn.nameOf("(stack)"));
  }

  @Test
  void aProviderReferenceIsTheProvidersUrnAndId() {
    String provider = "urn:pulumi:s::p::pulumi:providers:aws::aws";
    assertEquals(
        provider, Urn.ofProviderReference(provider + "::04da6b54-80e4-46f7-96ec-b56ff0331ba9"));
    assertEquals("", Urn.ofProviderReference(""));
  }

  /** In the real prod plan every URN parses back to itself and names its parent's type chain. */
  @Test
  void everyUrnOfTheProdPlanNamesItsParentChain() {
    var run = Plans.prod().result();
    var view = ExportView.of(StackExport.of(run.registrations(), run.componentOutputs()));
    var byUrn = view.byUrn();
    int children = 0;
    for (JsonNode r : view.resources()) {
      var urn = Urn.parse(ExportView.urn(r));
      assertEquals(ExportView.urn(r), urn.toString());
      assertEquals(ExportView.type(r), urn.type());
      String parent = r.path("parent").asText("");
      if (!parent.isEmpty()) {
        var p = Urn.parse(parent);
        var chain = new ArrayList<>(p.parentTypes());
        chain.add(p.type());
        assertEquals(chain, urn.parentTypes(), ExportView.urn(r));
        assertTrue(byUrn.containsKey(parent), "parent in the plan: " + parent);
        children++;
      }
    }
    assertTrue(children > 100, "most resources have a parent: " + children);
  }
}
