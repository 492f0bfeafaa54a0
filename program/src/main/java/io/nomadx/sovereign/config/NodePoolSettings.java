package io.nomadx.sovereign.config;

import java.util.List;

/**
 * One managed node group's shape. The role decides labels and taints; sizes are checked by the
 * parser (which knows the key names), so this record only holds values that are already valid.
 */
public record NodePoolSettings(
    Role role,
    List<String> instanceTypes,
    int minSize,
    int desiredSize,
    int maxSize,
    int diskSizeGiB) {

  public enum Role {
    /** CoreDNS, the EBS CSI controller, the Milvus Operator. */
    SYSTEM("system", "system"),
    /** Coordinators, data and index nodes, proxies, etcd, Pulsar. */
    GENERAL("general", "general"),
    /** QueryNodes only: memory-optimized and tainted so nothing else lands there. */
    QUERY_NODE("queryNode", "memory-optimized");

    private final String configKey;
    private final String poolLabel;

    Role(String configKey, String poolLabel) {
      this.configKey = configKey;
      this.poolLabel = poolLabel;
    }

    /** The key under `nodePools` in stack config. */
    public String configKey() {
      return configKey;
    }

    /** The value of the `nomadx.io/pool` node label. */
    public String poolLabel() {
      return poolLabel;
    }

    /** kebab-case for resource names. */
    public String resourceName() {
      return this == QUERY_NODE ? "querynode" : configKey;
    }
  }

  public NodePoolSettings {
    instanceTypes = List.copyOf(instanceTypes);
  }
}
