package io.nomadx.sovereign.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExportViewTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode export() throws Exception {
    return JSON.readTree(
        """
                {"deployment": {"resources": [
                  {"urn": "urn:pulumi:s::p::pulumi:pulumi:Stack::p-s", "type": "pulumi:pulumi:Stack", "outputs": {"capacity": {"neededGiB": 1.5}}},
                  {"urn": "urn:pulumi:s::p::pulumi:pulumi:Stack$aws:kms/key:Key::zeta", "type": "aws:kms/key:Key"},
                  {"urn": "urn:pulumi:s::p::pulumi:pulumi:Stack$aws:kms/key:Key::alpha", "type": "aws:kms/key:Key"}
                ]}}""");
  }

  @Test
  void resourcesOfATypeAreInUrnOrderAndAllInExportOrder() throws Exception {
    var view = ExportView.of(export());
    assertEquals(
        List.of("alpha", "zeta"),
        view.ofType("aws:kms/key:Key").stream().map(ExportView::name).toList());
    assertEquals(
        List.of("p-s", "zeta", "alpha"), view.resources().stream().map(ExportView::name).toList());
    assertEquals(
        List.of("p-s", "zeta", "alpha"),
        view.byUrn().values().stream().map(ExportView::name).toList());
  }

  @Test
  void theStacksOutputsAndMissingOnes() throws Exception {
    assertEquals(
        1.5, ExportView.of(export()).stackOutputs().path("capacity").path("neededGiB").asDouble());
    assertTrue(ExportView.of(JSON.readTree("{}")).stackOutputs().isMissingNode());
    assertTrue(ExportView.of(export()).firstOfType("aws:eks/cluster:Cluster").isMissingNode());
  }
}
