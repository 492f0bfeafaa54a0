package io.nomadx.sovereign.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

/**
 * One read of a stack export ({@code deployment.resources} of an offline plan or of {@code pulumi
 * stack export}): the resources, those of a type, by URN, and the stack's outputs. Summary,
 * ZoneLoss, PlanDiff and the cluster box's BoxPlan all read exports through it.
 */
public final class ExportView {
  public static final String STACK = "pulumi:pulumi:Stack";
  private final List<JsonNode> resources;

  public ExportView(List<JsonNode> resources) {
    this.resources = List.copyOf(resources);
  }

  public static ExportView of(JsonNode export) {
    return new ExportView(
        StreamSupport.stream(export.path("deployment").path("resources").spliterator(), false)
            .toList());
  }

  /** In the export's order (dependencies before dependents). */
  public List<JsonNode> resources() {
    return resources;
  }

  /** The resources of one type, ordered by URN, so output does not depend on registration order. */
  public List<JsonNode> ofType(String type) {
    return resources.stream()
        .filter(r -> type(r).equals(type))
        .sorted(Comparator.comparing(ExportView::urn))
        .toList();
  }

  /** The first resource, in export order, that matches; a missing node when none does. */
  public JsonNode first(Predicate<JsonNode> p) {
    return resources.stream().filter(p).findFirst().orElse(MissingNode.getInstance());
  }

  public JsonNode firstOfType(String type) {
    return first(r -> type(r).equals(type));
  }

  /** Every resource under its URN, in export order. */
  public Map<String, JsonNode> byUrn() {
    var m = new LinkedHashMap<String, JsonNode>();
    resources.forEach(r -> m.put(urn(r), r));
    return m;
  }

  /** The stack resource's outputs (capacity, cost, names); a missing node when there is none. */
  public JsonNode stackOutputs() {
    return firstOfType(STACK).path("outputs");
  }

  public static String type(JsonNode resource) {
    return resource.path("type").asText();
  }

  public static String urn(JsonNode resource) {
    return resource.path("urn").asText();
  }

  /** The name part of the resource's URN. */
  public static String name(JsonNode resource) {
    return Urn.nameOf(urn(resource));
  }
}
