package io.nomadx.sovereign.box;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Kubernetes half of a plan as files the box applies in order: plain objects (one JSON file
 * each, named `<order>-<Kind>-<namespace>-<name>.json`), Helm releases (`releases/<name>.json`:
 * chart, version, namespace, values) and the list of kinds the program uses (`kinds.txt`, one
 * `apiVersion kind` a line). Secrets become {@link BoxPlan#SECRET_MARKER}.
 *
 * <p>Order, as `pulumi up` would reach them through the program's dependencies: namespaces first,
 * then cluster-wide and namespaced configuration, then workloads; Helm releases after the objects,
 * and objects of kinds the API server does not serve out of the box (custom resources) last.
 */
public final class KubernetesLayer {
  public static final String RELEASE = "kubernetes:helm.sh/v3:Release";

  /** Apply order of the built-in kinds; anything else is treated as a custom resource. */
  static final List<String> BUILT_IN_ORDER =
      List.of(
          "Namespace",
          "CustomResourceDefinition",
          "StorageClass",
          "PriorityClass",
          "ClusterRole",
          "ClusterRoleBinding",
          "ServiceAccount",
          "Secret",
          "ConfigMap",
          "Role",
          "RoleBinding",
          "ResourceQuota",
          "LimitRange",
          "NetworkPolicy",
          "PodDisruptionBudget",
          "Service",
          "Deployment",
          "StatefulSet",
          "DaemonSet",
          "Job",
          "CronJob");

  private final BoxPlan plan;

  public KubernetesLayer(BoxPlan plan) {
    this.plan = plan;
  }

  /** `kubernetes:core/v1:Namespace` → `v1`; `kubernetes:apps/v1:Deployment` → `apps/v1`. */
  static String apiVersion(String type) {
    String gv = type.split(":", -1)[1];
    return gv.startsWith("core/") ? gv.substring("core/".length()) : gv;
  }

  static String kind(String type) {
    return type.substring(type.lastIndexOf(':') + 1);
  }

  public static boolean isKubernetesObject(JsonNode resource) {
    String type = resource.path("type").asText();
    return type.startsWith("kubernetes:")
        && !type.equals(RELEASE)
        && resource.path("custom").asBoolean(true);
  }

  /** The object as the API server should receive it. */
  public ObjectNode manifest(JsonNode resource) {
    String type = resource.path("type").asText();
    ObjectNode obj = (ObjectNode) BoxPlan.withoutSecrets(resource.path("inputs"));
    obj.put("apiVersion", apiVersion(type));
    obj.put("kind", kind(type));
    for (String field : List.of("data", "stringData")) {
      // A secret map (e.g. a Secret's stringData built from a secret Output) hides its keys too:
      // the box sends one key holding the marker.
      if (obj.path(field).isTextual() && obj.path(field).asText().equals(BoxPlan.SECRET_MARKER)) {
        obj.putObject(field)
            .put(
                "cluster-box-secret",
                field.equals("data")
                    ? java.util.Base64.getEncoder()
                        .encodeToString(
                            BoxPlan.SECRET_MARKER.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    : BoxPlan.SECRET_MARKER);
      }
    }
    ObjectNode meta =
        obj.has("metadata") ? (ObjectNode) obj.get("metadata") : obj.putObject("metadata");
    if (!meta.hasNonNull("name")) {
      // Pulumi auto-names such objects; the mocked outputs echo a name, else use the resource name.
      String name = resource.path("outputs").path("metadata").path("name").asText("");
      meta.put("name", name.isEmpty() ? io.nomadx.sovereign.plan.ExportView.name(resource) : name);
    }
    return obj;
  }

  /** The release as the box installs it with helm. */
  public ObjectNode release(JsonNode resource) {
    JsonNode in = BoxPlan.withoutSecrets(resource.path("inputs"));
    ObjectNode r = BoxPlan.JSON.createObjectNode();
    r.put("name", in.path("name").asText(io.nomadx.sovereign.plan.ExportView.name(resource)));
    r.put("namespace", in.path("namespace").asText("default"));
    r.put("chart", in.path("chart").asText());
    r.put("version", in.path("version").asText());
    r.put("repository", in.path("repositoryOpts").path("repo").asText(""));
    r.put("atomic", in.path("atomic").asBoolean(false));
    r.put("timeout", in.path("timeout").asInt(300));
    r.set(
        "values",
        in.path("values").isObject() ? in.path("values") : BoxPlan.JSON.createObjectNode());
    return r;
  }

  static int order(String kind) {
    int i = BUILT_IN_ORDER.indexOf(kind);
    return i < 0 ? 90 : i;
  }

  /** Writes objects/, releases/ and kinds.txt under `dir`. */
  public void write(Path dir) throws IOException {
    Path objects = Files.createDirectories(dir.resolve("objects"));
    Path releases = Files.createDirectories(dir.resolve("releases"));
    Set<String> kinds = new LinkedHashSet<>();
    var writer = BoxPlan.JSON.writerWithDefaultPrettyPrinter();
    for (JsonNode r : plan.resources()) {
      String type = r.path("type").asText();
      if (type.equals(RELEASE)) {
        ObjectNode rel = release(r);
        writer.writeValue(releases.resolve(rel.path("name").asText() + ".json").toFile(), rel);
      } else if (isKubernetesObject(r)) {
        ObjectNode m = manifest(r);
        String kind = m.path("kind").asText();
        kinds.add(m.path("apiVersion").asText() + " " + kind);
        String ns = m.path("metadata").path("namespace").asText("_");
        String file =
            String.format(
                "%02d-%s-%s-%s.json",
                order(kind), kind, ns, m.path("metadata").path("name").asText());
        writer.writeValue(objects.resolve(file).toFile(), m);
      }
    }
    Files.write(dir.resolve("kinds.txt"), new ArrayList<>(kinds));
  }

  /** The namespaces' Pod Security labels: namespace → {enforce, warn, audit} levels present. */
  public Map<String, Map<String, String>> podSecurity() {
    var out = new java.util.LinkedHashMap<String, Map<String, String>>();
    for (JsonNode r : plan.ofType("kubernetes:core/v1:Namespace")) {
      ObjectNode m = manifest(r);
      var levels = new java.util.LinkedHashMap<String, String>();
      m.path("metadata")
          .path("labels")
          .fields()
          .forEachRemaining(
              e -> {
                if (e.getKey().startsWith("pod-security.kubernetes.io/")
                    && !e.getKey().endsWith("-version")) {
                  levels.put(
                      e.getKey().substring("pod-security.kubernetes.io/".length()),
                      e.getValue().asText());
                }
              });
      out.put(m.path("metadata").path("name").asText(), levels);
    }
    return out;
  }
}
