package io.nomadx.sovereign.box;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.nomadx.sovereign.config.MilvusSettings.MessageQueue;
import io.nomadx.sovereign.config.Settings;
import io.nomadx.sovereign.milvus.MilvusSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks on what the real systems made in the box (the API server, scheduler and controllers, the
 * operator and the charts it installed), for one stack. Each check adds one line, `PASS name:
 * detail` or `FAIL name: detail`; nothing here knows the expected outcome.
 */
public final class BoxChecks {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Labels the operator puts on Milvus pods (pkg/controllers/utils.go NewComponentAppLabels). */
  static final String COMPONENT = "app.kubernetes.io/component";

  static final String MEMORY_OPTIMIZED = "memory-optimized";

  private final Settings settings;
  private final BoxPlan plan;
  private final ClusterState state;
  private final List<String> lines = new ArrayList<>();

  public BoxChecks(Settings settings, BoxPlan plan, ClusterState state) {
    this.settings = settings;
    this.plan = plan;
    this.state = state;
  }

  public List<String> lines() {
    return List.copyOf(lines);
  }

  void check(String name, boolean ok, String detail) {
    lines.add((ok ? "PASS " : "FAIL ") + name + ": " + detail);
  }

  String milvusNs() {
    return settings.workloads().milvusNamespace();
  }

  List<JsonNode> ourPods() {
    var namespaces = Set.of(milvusNs(), settings.milvus().operator().namespace());
    return state.all("pods").stream().filter(p -> namespaces.contains(ClusterState.ns(p))).toList();
  }

  /**
   * Everything that runs once the operator reconciled: placement, images, mounts, memory, config,
   * policies.
   */
  public BoxChecks all() {
    milvusComponents();
    pending();
    queryNodePlacement();
    for (String member : members()) {
      distinctZones(member);
    }
    spreadSelectors();
    images();
    mounts();
    jvmMemory();
    milvusConfig();
    networkPolicies();
    lines.addAll(new EgressChecks(settings, state).run());
    return this;
  }

  // ---- placement -----------------------------------------------------------------------

  void milvusComponents() {
    var missing = new ArrayList<String>();
    for (String c : settings.milvus().topology().components()) {
      int want = settings.milvus().components().get(c).replicas();
      long running =
          pods(
                  p ->
                      c.equalsIgnoreCase(ClusterState.label(p, COMPONENT))
                          && ClusterState.label(p, "app.kubernetes.io/name").equals("milvus"))
              .stream()
              .filter(p -> p.path("status").path("phase").asText().equals("Running"))
              .count();
      if (running < want) {
        missing.add(c + " " + running + "/" + want);
      }
    }
    check(
        "milvus-components-running",
        missing.isEmpty(),
        missing.isEmpty()
            ? "every component of "
                + settings.milvus().topology().components()
                + " has its replicas Running"
            : "not Running: " + String.join(", ", missing));
  }

  void pending() {
    var pending = new ArrayList<String>();
    for (JsonNode p : ourPods()) {
      if (!p.path("spec").hasNonNull("nodeName")
          || p.path("status").path("phase").asText().equals("Pending")) {
        String why = "";
        for (JsonNode c : p.path("status").path("conditions")) {
          if (c.path("type").asText().equals("PodScheduled")
              && !c.path("status").asText().equals("True")) {
            why = " (" + c.path("message").asText(c.path("reason").asText()) + ")";
          }
        }
        pending.add(ClusterState.name(p) + why);
      }
    }
    check(
        "no-pod-pending",
        pending.isEmpty() && !ourPods().isEmpty(),
        pending.isEmpty()
            ? ourPods().size() + " pods, every one scheduled by kube-scheduler and Running"
            : pending.size()
                + " of "
                + ourPods().size()
                + " pods not scheduled: "
                + String.join("; ", pending));
  }

  List<JsonNode> pods(Predicate<JsonNode> p) {
    return ourPods().stream().filter(p).toList();
  }

  void queryNodePlacement() {
    var qn = pods(p -> ClusterState.label(p, COMPONENT).equals("querynode"));
    var wrong =
        qn.stream()
            .filter(p -> !state.poolOf(p).equals(MEMORY_OPTIMIZED))
            .map(
                p ->
                    ClusterState.name(p)
                        + " on "
                        + p.path("spec").path("nodeName").asText("<none>"))
            .toList();
    check(
        "querynodes-on-memory-optimized",
        !qn.isEmpty() && wrong.isEmpty(),
        qn.isEmpty()
            ? "no QueryNode pod exists"
            : wrong.isEmpty()
                ? qn.size() + " QueryNodes, all on memory-optimized nodes"
                : "elsewhere: " + String.join(", ", wrong));
    var intruders =
        ourPods().stream()
            .filter(p -> state.poolOf(p).equals(MEMORY_OPTIMIZED))
            .filter(p -> !ClusterState.label(p, COMPONENT).equals("querynode"))
            .map(ClusterState::name)
            .toList();
    check(
        "memory-optimized-only-querynodes",
        intruders.isEmpty(),
        intruders.isEmpty()
            ? "no other pod on the memory-optimized pool"
            : "also there: " + String.join(", ", intruders));
  }

  /** The quorum members that must sit in distinct zones, for this stack's message queue. */
  List<String> members() {
    return settings.milvus().messageQueue() == MessageQueue.PULSAR
        ? List.of("etcd", "zookeeper", "bookie", "broker")
        : List.of("etcd");
  }

  static Predicate<JsonNode> member(String member) {
    return member.equals("etcd")
        ? p -> ClusterState.label(p, "app.kubernetes.io/name").equals("etcd")
        // pulsar chart 3.3.0 templates: labels app=<chart name>, component=<values.<x>.component>
        : p ->
            ClusterState.label(p, "component").equals(member)
                && ClusterState.label(p, "app").equals("pulsar");
  }

  void distinctZones(String member) {
    var pods = pods(member(member));
    var byZone = new TreeMap<String, List<String>>();
    for (JsonNode p : pods) {
      byZone
          .computeIfAbsent(
              Optional.of(state.zoneOf(p)).filter(z -> !z.isEmpty()).orElse("<unscheduled>"),
              k -> new ArrayList<>())
          .add(ClusterState.name(p));
    }
    int zones = settings.zoneIds().size();
    int most = byZone.values().stream().mapToInt(List::size).max().orElse(0);
    boolean ok =
        !pods.isEmpty()
            && !byZone.containsKey("<unscheduled>")
            && most <= (pods.size() + zones - 1) / zones;
    check(
        "distinct-zones-" + member,
        ok,
        pods.isEmpty() ? "no " + member + " pod exists" : byZone.toString());
  }

  /** A topology spread whose selector does not match the pod's own labels spreads nothing. */
  void spreadSelectors() {
    var wrong = new ArrayList<String>();
    int n = 0;
    for (JsonNode p : ourPods()) {
      for (JsonNode c : p.path("spec").path("topologySpreadConstraints")) {
        n++;
        if (!ClusterState.matches(c.path("labelSelector"), p.path("metadata").path("labels"))) {
          wrong.add(ClusterState.name(p) + " " + c.path("labelSelector").path("matchLabels"));
        }
      }
    }
    check(
        "spread-selectors-match-own-pods",
        wrong.isEmpty(),
        wrong.isEmpty()
            ? n + " topology spread constraints, each selects its own pods"
            : "selects none of its own pods: " + String.join("; ", new TreeSet<>(wrong)));
  }

  // ---- images, mounts, memory ------------------------------------------------------------

  void images() {
    String registry = settings.milvus().images().registry() + "/";
    var foreign = new TreeMap<String, Set<String>>();
    var unpinned = new TreeSet<String>();
    int count = 0;
    for (var e : state.podSpecs()) {
      for (String field : List.of("initContainers", "containers")) {
        for (JsonNode c : e.getValue().path(field)) {
          String image = c.path("image").asText();
          count++;
          if (!image.startsWith(registry)) {
            foreign.computeIfAbsent(image, k -> new TreeSet<>()).add(e.getKey());
          }
          String last = image.substring(image.lastIndexOf('/') + 1);
          if (!image.contains("@sha256:") && (!last.contains(":") || last.endsWith(":latest"))) {
            unpinned.add(image);
          }
        }
      }
    }
    var shown = new ArrayList<String>();
    foreign.forEach(
        (img, where) ->
            shown.add(
                img
                    + " ("
                    + where.iterator().next()
                    + (where.size() > 1 ? " +" + (where.size() - 1) : "")
                    + ")"));
    check(
        "images-from-registry",
        foreign.isEmpty() && count > 0,
        foreign.isEmpty()
            ? count + " container images, all from " + registry
            : "not from " + registry + ": " + String.join("; ", shown));
    check(
        "images-pinned",
        unpinned.isEmpty() && count > 0,
        unpinned.isEmpty()
            ? "every image has a tag other than latest (none by digest)"
            : "no tag or :latest: " + String.join(", ", unpinned));
  }

  void mounts() {
    var issued = new TreeSet<String>();
    var missing = new TreeMap<String, Set<String>>();
    int refs = 0;
    for (var e : state.podSpecs()) {
      String ns = ClusterState.nsOfKey(e.getKey());
      JsonNode spec = e.getValue();
      var wanted = new ArrayList<String[]>();
      for (JsonNode v : spec.path("volumes")) {
        if (v.has("secret") && !v.path("secret").path("optional").asBoolean(false)) {
          wanted.add(new String[] {"secrets", v.path("secret").path("secretName").asText()});
        }
        if (v.has("configMap") && !v.path("configMap").path("optional").asBoolean(false)) {
          wanted.add(new String[] {"configmaps", v.path("configMap").path("name").asText()});
        }
        for (JsonNode s : v.path("projected").path("sources")) {
          if (s.has("secret") && !s.path("secret").path("optional").asBoolean(false)) {
            wanted.add(new String[] {"secrets", s.path("secret").path("name").asText()});
          }
          if (s.has("configMap") && !s.path("configMap").path("optional").asBoolean(false)) {
            wanted.add(new String[] {"configmaps", s.path("configMap").path("name").asText()});
          }
        }
      }
      for (String field : List.of("initContainers", "containers")) {
        for (JsonNode c : spec.path(field)) {
          for (JsonNode f : c.path("envFrom")) {
            if (f.has("configMapRef")
                && !f.path("configMapRef").path("optional").asBoolean(false)) {
              wanted.add(new String[] {"configmaps", f.path("configMapRef").path("name").asText()});
            }
            if (f.has("secretRef") && !f.path("secretRef").path("optional").asBoolean(false)) {
              wanted.add(new String[] {"secrets", f.path("secretRef").path("name").asText()});
            }
          }
          for (JsonNode env : c.path("env")) {
            JsonNode s = env.path("valueFrom").path("secretKeyRef");
            if (!s.isMissingNode() && !s.path("optional").asBoolean(false)) {
              wanted.add(new String[] {"secrets", s.path("name").asText()});
            }
            JsonNode m = env.path("valueFrom").path("configMapKeyRef");
            if (!m.isMissingNode() && !m.path("optional").asBoolean(false)) {
              wanted.add(new String[] {"configmaps", m.path("name").asText()});
            }
          }
        }
      }
      for (String[] w : wanted) {
        refs++;
        // A Secret a cert-manager Certificate names is issued at runtime by cert-manager, whose
        // controller the box does not run (box/README.md): it counts as provided, and is listed.
        if (w[0].equals("secrets") && issuedByCertManager(state, ns, w[1])) {
          issued.add(ns + "/" + w[1]);
          continue;
        }
        if (state.get(w[0], ns, w[1]).isEmpty()) {
          missing
              .computeIfAbsent(
                  w[0].replaceAll("s$", "") + " " + ns + "/" + w[1], k -> new TreeSet<>())
              .add(e.getKey());
        }
      }
    }
    var shown = new ArrayList<String>();
    missing.forEach(
        (obj, users) ->
            shown.add(
                obj
                    + " (needed by "
                    + users.size()
                    + " pods and templates, e.g. "
                    + users.iterator().next()
                    + ")"));
    String fromCertificates =
        issued.isEmpty()
            ? ""
            : " (issued by cert-manager Certificates: " + String.join(", ", issued) + ")";
    check(
        "mounted-secrets-and-configmaps-exist",
        missing.isEmpty(),
        missing.isEmpty()
            ? refs + " references, every Secret and ConfigMap exists" + fromCertificates
            : "missing: " + String.join("; ", shown));
  }

  static boolean issuedByCertManager(ClusterState state, String namespace, String secret) {
    return state.in("certificates", namespace).stream()
        .anyMatch(c -> c.path("spec").path("secretName").asText().equals(secret));
  }

  static final Pattern XMX = Pattern.compile("-Xmx(\\d+)([kKmMgG]?)");
  static final Pattern DIRECT = Pattern.compile("-XX:MaxDirectMemorySize=(\\d+)([kKmMgG]?)");

  /** Variables the Pulsar chart and the Bitnami/Java images read JVM sizes from. */
  static final List<String> JVM_VARS =
      List.of("PULSAR_MEM", "BOOKIE_MEM", "JAVA_OPTS", "JVM_OPTS", "KAFKA_HEAP_OPTS");

  static long bytes(String n, String unit) {
    long v = Long.parseLong(n);
    return switch (unit.toLowerCase(Locale.ROOT)) {
      case "k" -> v << 10;
      case "m" -> v << 20;
      case "g" -> v << 30;
      default -> v;
    };
  }

  /** Kubernetes quantity (Mi, Gi, M, G, plain bytes) in bytes. */
  static long quantity(String q) {
    Matcher m = Pattern.compile("(\\d+(?:\\.\\d+)?)([KMGT]i?)?").matcher(q.trim());
    if (!m.matches()) {
      return -1;
    }
    double v = Double.parseDouble(m.group(1));
    String u = m.group(2) == null ? "" : m.group(2);
    double f =
        switch (u) {
          case "Ki" -> 1L << 10;
          case "Mi" -> 1L << 20;
          case "Gi" -> 1L << 30;
          case "Ti" -> 1L << 40;
          case "K" -> 1e3;
          case "M" -> 1e6;
          case "G" -> 1e9;
          case "T" -> 1e12;
          default -> 1;
        };
    return (long) (v * f);
  }

  void jvmMemory() {
    var bad = new TreeMap<String, String>();
    var unlimited = new TreeSet<String>();
    int seen = 0;
    for (JsonNode p : ourPods()) {
      String ns = ClusterState.ns(p);
      for (JsonNode c : p.path("spec").path("containers")) {
        Map<String, String> env = envOf(ns, c);
        long heap = 0;
        long direct = 0;
        String found = null;
        for (String var : JVM_VARS) {
          String v = env.get(var);
          if (v == null) {
            continue;
          }
          Matcher x = XMX.matcher(v);
          Matcher d = DIRECT.matcher(v);
          if (x.find()) {
            heap = bytes(x.group(1), x.group(2));
            found = var + "=" + v.trim().replaceAll("\\s+", " ");
          }
          if (d.find()) {
            direct = bytes(d.group(1), d.group(2));
          }
        }
        if (found == null) {
          continue;
        }
        long limit = quantity(c.path("resources").path("limits").path("memory").asText("0"));
        if (limit <= 0) {
          unlimited.add(
              c.path("name")
                  .asText()); // e.g. init jobs that inherit the ConfigMap: no limit to exceed
          continue;
        }
        seen++;
        if (heap + direct > limit) {
          bad.put(
              c.path("name").asText(),
              "-Xmx "
                  + (heap >> 20)
                  + "Mi + MaxDirectMemorySize "
                  + (direct >> 20)
                  + "Mi > limit "
                  + (limit >> 20)
                  + "Mi ("
                  + found
                  + ")");
        }
      }
    }
    if (seen == 0 && settings.milvus().messageQueue() != MessageQueue.PULSAR) {
      return; // no JVM in this stack (Woodpecker, Go components only)
    }
    String noLimit =
        unlimited.isEmpty()
            ? ""
            : "; without a memory limit (not checked): " + String.join(", ", unlimited);
    var shown = new ArrayList<String>();
    bad.forEach((container, why) -> shown.add(container + ": " + why));
    check(
        "jvm-memory-fits-limits",
        bad.isEmpty() && seen > 0,
        (seen == 0
                ? "no container with a memory limit sets a JVM size"
                : bad.isEmpty()
                    ? seen
                        + " JVM containers, -Xmx + -XX:MaxDirectMemorySize within each memory limit"
                    : String.join("; ", shown))
            + noLimit);
  }

  /** A container's environment: envFrom ConfigMaps first, then env (values and ConfigMap keys). */
  Map<String, String> envOf(String ns, JsonNode c) {
    var env = new LinkedHashMap<String, String>();
    for (JsonNode f : c.path("envFrom")) {
      String cm = f.path("configMapRef").path("name").asText("");
      if (!cm.isEmpty()) {
        state
            .get("configmaps", ns, cm)
            .ifPresent(
                o ->
                    o.path("data")
                        .fields()
                        .forEachRemaining(
                            e ->
                                env.put(
                                    f.path("prefix").asText("") + e.getKey(),
                                    e.getValue().asText())));
      }
    }
    for (JsonNode e : c.path("env")) {
      if (e.has("value")) {
        env.put(e.path("name").asText(), e.path("value").asText());
      } else if (e.path("valueFrom").has("configMapKeyRef")) {
        JsonNode ref = e.path("valueFrom").path("configMapKeyRef");
        state
            .get("configmaps", ns, ref.path("name").asText())
            .ifPresent(
                o ->
                    env.put(
                        e.path("name").asText(),
                        o.path("data").path(ref.path("key").asText()).asText()));
      }
    }
    return env;
  }

  // ---- the Milvus config the operator rendered -------------------------------------------------

  /**
   * The operator's ConfigMap: data["user.yaml"] (pkg/controllers/configmaps.go updateConfigMap).
   */
  Optional<JsonNode> renderedConfig() {
    return state.in("configmaps", milvusNs()).stream()
        .filter(cm -> cm.path("data").has("user.yaml"))
        .filter(
            cm -> ClusterState.label(cm, "app.kubernetes.io/instance").equals(MilvusSpec.CR_NAME))
        .findFirst()
        .map(
            cm -> {
              try {
                return YAML.readTree(cm.path("data").path("user.yaml").asText());
              } catch (Exception e) {
                throw new IllegalStateException(
                    "user.yaml of " + ClusterState.name(cm) + " is not YAML: " + e.getMessage(), e);
              }
            });
  }

  void milvusConfig() {
    Optional<JsonNode> rendered = renderedConfig();
    if (rendered.isEmpty()) {
      check(
          "milvus-config-rendered",
          false,
          "the operator rendered no ConfigMap with user.yaml in " + milvusNs());
      return;
    }
    JsonNode c = rendered.get();
    check("milvus-config-rendered", true, "ConfigMap with user.yaml in " + milvusNs());
    JsonNode sec = c.path("common").path("security");
    check(
        "milvus-config-auth",
        sec.path("authorizationEnabled").asBoolean(false),
        "common.security.authorizationEnabled="
            + sec.path("authorizationEnabled").asText("<unset>"));

    JsonNode tls = c.path("tls");
    var mountPaths = new TreeSet<String>();
    pods(p -> ClusterState.label(p, "app.kubernetes.io/name").equals("milvus"))
        .forEach(
            p ->
                p.path("spec")
                    .path("containers")
                    .forEach(
                        ct ->
                            ct.path("volumeMounts")
                                .forEach(m -> mountPaths.add(m.path("mountPath").asText()))));
    var tlsPaths = new ArrayList<String>();
    boolean tlsOk = sec.path("tlsMode").asInt(0) >= 1;
    for (String k : List.of("serverPemPath", "serverKeyPath", "caPemPath")) {
      String path = tls.path(k).asText("");
      tlsPaths.add(k + "=" + (path.isEmpty() ? "<unset>" : path));
      tlsOk &= !path.isEmpty() && mountPaths.stream().anyMatch(m -> path.startsWith(m + "/"));
    }
    check(
        "milvus-config-tls",
        tlsOk,
        "tlsMode="
            + sec.path("tlsMode").asText("<unset>")
            + ", "
            + String.join(", ", tlsPaths)
            + (mountPaths.isEmpty()
                ? " (no Milvus pod to mount them)"
                : ", mounted under " + mountPaths));

    JsonNode minio = c.path("minio");
    String endpoint = "s3." + settings.region().name() + ".amazonaws.com";
    boolean s3 =
        minio.path("useIAM").asBoolean(false)
            && minio.path("useSSL").asBoolean(false)
            && endpoint.equals(minio.path("address").asText())
            && minio.path("port").asInt() == 443
            && minio.path("accessKeyID").asText("").isEmpty()
            && minio.path("secretAccessKey").asText("").isEmpty();
    check(
        "milvus-config-s3-iam-regional",
        s3,
        "minio.address="
            + minio.path("address").asText()
            + ":"
            + minio.path("port").asText()
            + " useIAM="
            + minio.path("useIAM").asText()
            + " useSSL="
            + minio.path("useSSL").asText()
            + " static keys="
            + (minio.path("accessKeyID").asText("").isEmpty() ? "none" : "PRESENT"));

    JsonNode q = c.path("quotaAndLimits");
    var quotas = settings.milvus().quotas();
    boolean quotaOk =
        q.path("enabled").asBoolean(false)
            && q.path("limits").path("maxCollectionNum").asInt() == quotas.maxCollections()
            && q.path("dml").path("insertRate").path("max").asDouble() == quotas.insertRateMBps()
            && q.path("dml").path("deleteRate").path("max").asDouble() == quotas.deleteRateMBps();
    check(
        "milvus-config-quotas",
        quotaOk,
        "quotaAndLimits.enabled="
            + q.path("enabled").asText()
            + " maxCollectionNum="
            + q.path("limits").path("maxCollectionNum").asText()
            + " insertRate.max="
            + q.path("dml").path("insertRate").path("max").asText()
            + " deleteRate.max="
            + q.path("dml").path("deleteRate").path("max").asText());

    // Milvus's access log: proxy.accessLog.enable in milvus.yaml (milvus-io/web-content,
    // adminGuide/configure_access_logs.md); off unless set.
    JsonNode access = c.path("proxy").path("accessLog");
    check(
        "milvus-config-access-log",
        access.path("enable").asBoolean(false),
        "proxy.accessLog.enable=" + access.path("enable").asText("<unset>"));

    var plain = new TreeSet<String>();
    for (JsonNode cm : state.all("configmaps")) {
      cm.path("data")
          .fields()
          .forEachRemaining(
              e -> {
                if (e.getValue().asText().contains(BoxPlan.SECRET_MARKER)) {
                  plain.add(
                      ClusterState.ns(cm) + "/" + ClusterState.name(cm) + "[" + e.getKey() + "]");
                }
              });
    }
    check(
        "no-secret-in-configmaps",
        plain.isEmpty(),
        plain.isEmpty()
            ? "no ConfigMap holds a value the program sent as secret"
            : "a value the program sent as secret (the root password) is in plain text in ConfigMap "
                + String.join(", ", plain));
  }

  // ---- network policies ------------------------------------------------------------------

  void networkPolicies() {
    var model = new NetworkPolicyModel(state);
    var milvusPods = pods(p -> ClusterState.ns(p).equals(milvusNs()));
    var empty = new ArrayList<String>();
    for (JsonNode np : state.in("networkpolicies", milvusNs())) {
      long n =
          milvusPods.stream()
              .filter(
                  p ->
                      NetworkPolicyModel.selects(
                          np.path("spec").path("podSelector"), p.path("metadata").path("labels")))
              .count();
      if (n == 0) {
        empty.add(ClusterState.name(np) + " " + np.path("spec").path("podSelector"));
      }
    }
    check(
        "networkpolicies-select-real-pods",
        empty.isEmpty() && !milvusPods.isEmpty(),
        milvusPods.isEmpty()
            ? "no pod in " + milvusNs()
            : empty.isEmpty()
                ? "every policy in " + milvusNs() + " selects pods the operator and charts labelled"
                : "select no pod: " + String.join("; ", empty));

    Optional<JsonNode> proxy =
        first(
            p ->
                ClusterState.label(p, COMPONENT).equals("proxy")
                    && ClusterState.label(p, "app.kubernetes.io/name").equals("milvus"));
    Optional<JsonNode> queryNode = first(p -> ClusterState.label(p, COMPONENT).equals("querynode"));
    Optional<JsonNode> etcd = first(member("etcd"));
    Optional<JsonNode> pulsarProxy =
        first(
            p ->
                ClusterState.label(p, "component").equals("proxy")
                    && ClusterState.label(p, "app").equals("pulsar"));
    JsonNode anyLabels = BoxPlan.JSON.createObjectNode();
    JsonNode milvusLabels = queryNode.map(p -> p.path("metadata").path("labels")).orElse(anyLabels);
    String monitoring = settings.milvus().monitoring().namespace();
    var wrong = new ArrayList<String>();
    int flows = 0;
    for (String client : settings.milvus().clientNamespaces()) {
      flows += flow(model, wrong, client, anyLabels, proxy, "proxy", 19530, true);
      flows += flow(model, wrong, client, anyLabels, queryNode, "querynode", 9091, false);
      flows += flow(model, wrong, client, anyLabels, etcd, "etcd", 2379, false);
      flows += flow(model, wrong, client, anyLabels, pulsarProxy, "pulsar-proxy", 6650, false);
    }
    flows += flow(model, wrong, "default", anyLabels, proxy, "proxy", 19530, false);
    flows +=
        flow(
            model,
            wrong,
            monitoring,
            anyLabels,
            proxy,
            "proxy",
            9091,
            settings.milvus().monitoring().enabled());
    flows +=
        flow(
            model,
            wrong,
            monitoring,
            anyLabels,
            queryNode,
            "querynode",
            9091,
            settings.milvus().monitoring().enabled());
    flows += flow(model, wrong, monitoring, anyLabels, etcd, "etcd", 2379, false);
    flows += flow(model, wrong, milvusNs(), milvusLabels, etcd, "etcd", 2379, true);
    flows += flow(model, wrong, milvusNs(), milvusLabels, pulsarProxy, "pulsar-proxy", 6650, true);
    check(
        "networkpolicy-flow-matrix",
        wrong.isEmpty() && flows > 0,
        wrong.isEmpty()
            ? flows
                + " flows (clients→proxy 19530, monitoring→9091, dependencies only from "
                + milvusNs()
                + ") decided as intended"
            : String.join("; ", wrong));
  }

  Optional<JsonNode> first(Predicate<JsonNode> p) {
    return ourPods().stream().filter(p).findFirst();
  }

  static int flow(
      NetworkPolicyModel model,
      List<String> wrong,
      String fromNs,
      JsonNode fromLabels,
      Optional<JsonNode> to,
      String toName,
      int port,
      boolean intended) {
    if (to.isEmpty()) {
      return 0;
    }
    boolean allowed = model.allows(fromNs, fromLabels, to.get(), port);
    if (allowed != intended) {
      wrong.add(
          fromNs
              + "→"
              + toName
              + ":"
              + port
              + " "
              + (allowed ? "allowed" : "denied")
              + ", intended "
              + (intended ? "allowed" : "denied"));
    }
    return 1;
  }

  // ---- zone loss ----------------------------------------------------------------------------

  /**
   * After the box deleted one zone's nodes and the controllers and scheduler reacted: which quorums
   * and how much QueryNode memory the real placement still has (the rules of {@code plan.ZoneLoss},
   * on running pods instead of an assumed even spread).
   */
  public BoxChecks zoneLoss(String zone) {
    JsonNode spec = plan.milvus().path("spec");
    var parts = new ArrayList<String>();
    boolean ok = true;
    int etcd = settings.milvus().etcd().replicas();
    long etcdUp = running(member("etcd"));
    boolean etcdOk = etcdUp >= etcd / 2 + 1;
    parts.add("etcd " + etcdUp + "/" + etcd + (etcdOk ? " quorum kept" : " QUORUM LOST"));
    ok &= etcdOk;
    if (settings.milvus().messageQueue() == MessageQueue.PULSAR) {
      int zk = settings.milvus().pulsar().zookeepers();
      long zkUp = running(member("zookeeper"));
      boolean zkOk = zkUp >= zk / 2 + 1;
      int ensemble =
          spec.path("dependencies")
              .path("pulsar")
              .path("inCluster")
              .path("values")
              .path("broker")
              .path("configData")
              .path("managedLedgerDefaultEnsembleSize")
              .asInt(1);
      long bkUp = running(member("bookie"));
      boolean bkOk = bkUp >= ensemble;
      long brUp = running(member("broker"));
      parts.add("zookeepers " + zkUp + "/" + zk + (zkOk ? " quorum kept" : " QUORUM LOST"));
      parts.add(
          "bookies "
              + bkUp
              + "/"
              + settings.milvus().pulsar().bookies()
              + (bkOk
                  ? " ensemble of " + ensemble + " kept"
                  : " TOO FEW FOR ENSEMBLE " + ensemble));
      parts.add(
          "brokers "
              + brUp
              + "/"
              + settings.milvus().pulsar().brokers()
              + (brUp > 0 ? "" : " NONE"));
      ok &= zkOk && bkOk && brUp > 0;
    }
    var qn = settings.milvus().components().get("queryNode");
    long qnUp = running(p -> ClusterState.label(p, COMPONENT).equals("querynode"));
    // What the running QueryNodes hold, from the capacity model (the need counts each running one's
    // overhead).
    var held =
        qnUp < 1
            ? null
            : io.nomadx.sovereign.plan.ZoneLoss.queryNodesHold(settings).apply((int) qnUp);
    boolean qnOk = held != null && held.fits();
    parts.add(
        held == null
            ? String.format("QueryNodes 0/%d running COLLECTION NO LONGER FITS", qn.replicas())
            : String.format(
                java.util.Locale.ROOT,
                "QueryNodes %d/%d running, %.1f GiB usable at 80%% for %.1f GiB needed%s",
                qnUp,
                qn.replicas(),
                held.usableBytes() / (double) (1L << 30),
                held.neededBytes() / (double) (1L << 30),
                qnOk ? "" : " COLLECTION NO LONGER FITS"));
    ok &= qnOk;
    var pendingNow =
        ourPods().stream()
            .filter(p -> !p.path("spec").hasNonNull("nodeName"))
            .map(ClusterState::name)
            .sorted()
            .toList();
    if (!pendingNow.isEmpty()) {
      parts.add("pending after the loss: " + String.join(", ", pendingNow));
    }
    // The plan's own zone-loss analysis (plan.ZoneLoss, printed in every summary) for this zone:
    // the check passes when the real placement agrees with it. A stack that accepts breaking in
    // one zone (dev's single etcd member) passes when it breaks as the plan says it does; a
    // stack the plan says survives must survive.
    String zoneId =
        settings.zoneIds().stream()
            .filter(id -> FakeNodes.zoneName(settings.region(), id).equals(zone))
            .findFirst()
            .orElse(zone);
    List<String> zoneIds = settings.zoneIds();
    String predicted =
        new io.nomadx.sovereign.plan.ZoneLoss(
                plan.resources(), io.nomadx.sovereign.plan.ZoneLoss.queryNodesHold(settings))
            .render(zoneIds).stream()
                .filter(l -> l.startsWith("  " + zoneId + ":"))
                .findFirst()
                .orElse("");
    boolean planSaysBreaks = predicted.endsWith("=> BREAKS");
    // The plan's analysis is a bound: members not forced apart count at their worst (all in the
    // lost zone). A placement that fares better is consistent with it; one that breaks where the
    // plan promised to keep serving is a false guarantee, and fails.
    boolean boundHolds = ok || planSaysBreaks;
    parts.add(
        predicted.isEmpty()
            ? "the plan has no zone-loss line for " + zoneId
            : "the plan's analysis: "
                + (planSaysBreaks ? "breaks" : "keeps serving")
                + (ok == !planSaysBreaks
                    ? ", as found"
                    : ok
                        ? ", a worst case this placement escaped (members not forced apart happened to spread)"
                        : ", BUT THE REAL PLACEMENT BREAKS"));
    check("zone-loss-" + zone, boundHolds && !predicted.isEmpty(), String.join("; ", parts));
    return this;
  }

  long running(Predicate<JsonNode> p) {
    return ourPods().stream()
        .filter(p)
        .filter(x -> x.path("spec").hasNonNull("nodeName"))
        .filter(x -> x.path("status").path("phase").asText().equals("Running"))
        .filter(x -> !x.path("metadata").has("deletionTimestamp"))
        .count();
  }
}
