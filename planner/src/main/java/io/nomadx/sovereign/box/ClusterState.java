package io.nomadx.sovereign.box;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the box's API server holds, as dumped by `kubectl get <resource> -A -o json` into one file
 * per resource (`pods.json`, `nodes.json`, ...). Read-only helpers over those lists.
 */
public final class ClusterState {
  /** The resources bin/cluster-check dumps, file name = resource + ".json". */
  public static final List<String> RESOURCES =
      List.of(
          "nodes",
          "pods",
          "deployments",
          "statefulsets",
          "daemonsets",
          "jobs",
          "cronjobs",
          "replicasets",
          "configmaps",
          "secrets",
          "serviceaccounts",
          "networkpolicies",
          "services",
          "events",
          "persistentvolumeclaims",
          "namespaces",
          "certificates");

  private final Map<String, List<JsonNode>> items = new LinkedHashMap<>();

  public ClusterState(Map<String, List<JsonNode>> items) {
    this.items.putAll(items);
  }

  public static ClusterState read(Path dir) throws IOException {
    var map = new LinkedHashMap<String, List<JsonNode>>();
    for (String r : RESOURCES) {
      Path f = dir.resolve(r + ".json");
      var list = new ArrayList<JsonNode>();
      if (Files.exists(f)) {
        BoxPlan.JSON.readTree(f.toFile()).path("items").forEach(list::add);
      }
      map.put(r, list);
    }
    return new ClusterState(map);
  }

  public List<JsonNode> all(String resource) {
    return items.getOrDefault(resource, List.of());
  }

  public List<JsonNode> in(String resource, String namespace) {
    return all(resource).stream().filter(o -> namespace.equals(ns(o))).toList();
  }

  public Optional<JsonNode> get(String resource, String namespace, String name) {
    return all(resource).stream()
        .filter(o -> namespace.equals(ns(o)) && name.equals(name(o)))
        .findFirst();
  }

  public Optional<JsonNode> node(String name) {
    return all("nodes").stream().filter(n -> name.equals(name(n))).findFirst();
  }

  public static String ns(JsonNode o) {
    return o.path("metadata").path("namespace").asText();
  }

  public static String name(JsonNode o) {
    return o.path("metadata").path("name").asText();
  }

  public static String label(JsonNode o, String key) {
    return o.path("metadata").path("labels").path(key).asText("");
  }

  /** A pod's zone, from its node's `topology.kubernetes.io/zone`, or "" if it has no node. */
  public String zoneOf(JsonNode pod) {
    String node = pod.path("spec").path("nodeName").asText("");
    return node.isEmpty()
        ? ""
        : node(node).map(n -> label(n, "topology.kubernetes.io/zone")).orElse("");
  }

  public String poolOf(JsonNode pod) {
    String node = pod.path("spec").path("nodeName").asText("");
    return node.isEmpty() ? "" : node(node).map(n -> label(n, "nomadx.io/pool")).orElse("");
  }

  /** Whether `labels` satisfies a Kubernetes label selector (matchLabels and matchExpressions). */
  public static boolean matches(JsonNode selector, JsonNode labels) {
    if (selector == null || selector.isMissingNode() || selector.isNull()) {
      return false;
    }
    var it = selector.path("matchLabels").fields();
    while (it.hasNext()) {
      var e = it.next();
      if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
        return false;
      }
    }
    for (JsonNode ex : selector.path("matchExpressions")) {
      String key = ex.path("key").asText();
      boolean has = labels.has(key);
      String value = labels.path(key).asText();
      var values = new ArrayList<String>();
      ex.path("values").forEach(v -> values.add(v.asText()));
      boolean ok =
          switch (ex.path("operator").asText()) {
            case "In" -> has && values.contains(value);
            case "NotIn" -> !has || !values.contains(value);
            case "Exists" -> has;
            case "DoesNotExist" -> !has;
            default -> false;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * Every pod spec: running pods and the templates of every workload (CronJobs through
   * jobTemplate).
   */
  public List<Map.Entry<String, JsonNode>> podSpecs() {
    var out = new ArrayList<Map.Entry<String, JsonNode>>();
    all("pods").forEach(p -> out.add(Map.entry("pod " + ns(p) + "/" + name(p), p.path("spec"))));
    for (String r : List.of("deployments", "statefulsets", "daemonsets", "jobs", "replicasets")) {
      all(r)
          .forEach(
              w ->
                  out.add(
                      Map.entry(
                          r + " " + ns(w) + "/" + name(w),
                          w.path("spec").path("template").path("spec"))));
    }
    all("cronjobs")
        .forEach(
            c ->
                out.add(
                    Map.entry(
                        "cronjob " + ns(c) + "/" + name(c),
                        c.path("spec")
                            .path("jobTemplate")
                            .path("spec")
                            .path("template")
                            .path("spec"))));
    return out;
  }

  /** Namespace of a podSpecs() entry's key. */
  public static String nsOfKey(String key) {
    return key.substring(key.indexOf(' ') + 1, key.indexOf('/'));
  }
}
