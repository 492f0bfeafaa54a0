package io.nomadx.sovereign.milvus;

import io.nomadx.sovereign.cluster.NodePool;
import io.nomadx.sovereign.config.MilvusSettings.ComponentSize;
import io.nomadx.sovereign.config.NodePoolSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pod placement and sizing pieces shared by the Milvus CR, etcd, Pulsar and the backup job. */
public final class Scheduling {
  public static final String ZONE_KEY = "topology.kubernetes.io/zone";

  private Scheduling() {}

  /**
   * Requests equal limits: Guaranteed QoS, so a QueryNode is never the first evicted under
   * pressure.
   */
  public static Map<String, Object> guaranteed(ComponentSize size) {
    return guaranteed(size.cpu(), size.memory());
  }

  public static Map<String, Object> guaranteed(String cpu, String memory) {
    var amounts = new LinkedHashMap<String, Object>();
    amounts.put("cpu", cpu);
    amounts.put("memory", memory);
    return Map.of("requests", amounts, "limits", new LinkedHashMap<>(amounts));
  }

  public static Map<String, String> onPool(NodePoolSettings.Role role) {
    return Map.of(NodePool.POOL_LABEL, role.poolLabel());
  }

  /** Tolerates the QueryNode pool's taint (and nothing else does). */
  public static List<Map<String, Object>> queryNodeTolerations() {
    var t = NodePool.taintOf(NodePoolSettings.Role.QUERY_NODE);
    var m = new LinkedHashMap<String, Object>();
    m.put("key", t.get("key"));
    m.put("operator", "Equal");
    m.put("value", t.get("value"));
    m.put("effect", "NoSchedule"); // the node group's NO_SCHEDULE, as Kubernetes spells it
    return List.of(m);
  }

  /**
   * Spread over zones. Stateful members use DoNotSchedule (a quorum must never sit in one zone);
   * stateless components use ScheduleAnyway so a lost zone does not block their rescheduling.
   */
  public static List<Map<String, Object>> zoneSpread(
      Map<String, String> matchLabels, boolean hard) {
    var m = new LinkedHashMap<String, Object>();
    m.put("maxSkew", 1);
    m.put("topologyKey", ZONE_KEY);
    m.put("whenUnsatisfiable", hard ? "DoNotSchedule" : "ScheduleAnyway");
    m.put("labelSelector", Map.of("matchLabels", matchLabels));
    return List.of(m);
  }

  /**
   * Splits `registry/path/name:tag` into the registry and `path/name` and tag, for Bitnami-style
   * values.
   */
  public static Map<String, Object> bitnamiImage(String registry, String image) {
    String rest = image.substring(registry.length() + 1);
    int colon = rest.lastIndexOf(':');
    return Map.of(
        "registry",
        registry,
        "repository",
        rest.substring(0, colon),
        "tag",
        rest.substring(colon + 1));
  }

  public static Map<String, Object> repositoryAndTag(String image) {
    int colon = image.lastIndexOf(':');
    return Map.of("repository", image.substring(0, colon), "tag", image.substring(colon + 1));
  }
}
