package io.nomadx.sovereign.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything about the Milvus deployment: versions, images, sizes, security, backups, monitoring.
 */
public record MilvusSettings(
    String version,
    MessageQueue messageQueue,
    Topology topology,
    Images images,
    Operator operator,
    Map<String, ComponentSize> components,
    Etcd etcd,
    Pulsar pulsar,
    Security security,
    List<String> clientNamespaces,
    Monitoring monitoring,
    String logLevel,
    Quotas quotas,
    Backup backup,
    Collection collection,
    Compaction compaction,
    int readyTimeoutMinutes,
    Platform platform) {

  public MilvusSettings {
    components = Map.copyOf(components);
    clientNamespaces = List.copyOf(clientNamespaces);
  }

  /** The write-ahead log / message bus. */
  public enum MessageQueue {
    PULSAR("pulsar"),
    WOODPECKER("woodpecker");

    private final String id;

    MessageQueue(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }

  /**
   * Which components the operator runs. Milvus 2.5 runs the guide's separate coordinators and
   * IndexNodes; on 2.6 the operator runs MixCoord and StreamingNode and ignores the old blocks
   * (NOTES.md, from the operator's source).
   */
  public enum Topology {
    CLASSIC(
        List.of(
            "proxy",
            "rootCoord",
            "queryCoord",
            "dataCoord",
            "indexCoord",
            "queryNode",
            "dataNode",
            "indexNode")),
    STREAMING(List.of("proxy", "mixCoord", "queryNode", "dataNode", "streamingNode"));

    private final List<String> components;

    Topology(List<String> components) {
      this.components = components;
    }

    public List<String> components() {
      return components;
    }
  }

  /** Replicas and resources of one component. Requests equal limits (Guaranteed QoS). */
  public record ComponentSize(int replicas, String cpu, String memory) {
    /**
     * What `pods` QueryNodes of this size, one per `instanceType` node, hold of `workload` at 80%
     * memory use: each is capped by its memory limit, however large the node.
     */
    public io.nomadx.sovereign.capacity.Verdict holds(
        io.nomadx.sovereign.capacity.Workload workload, String instanceType, int pods) {
      return new io.nomadx.sovereign.capacity.CapacityModel()
          .check(workload, instanceType, pods, Quantities.bytes(memory));
    }
  }

  /** Fully qualified image references, all from the one configured registry. */
  public record Images(
      String registry, String milvus, String operator, String etcd, String pulsar, String backup) {}

  public record Operator(String chartVersion, String chartRepository, String namespace) {}

  public record Etcd(int replicas, int storageGi, String cpu, String memory) {}

  /** In-cluster Pulsar; unused with Woodpecker. */
  public record Pulsar(
      int brokers,
      int bookies,
      int zookeepers,
      int journalGi,
      int ledgersGi,
      String brokerMemory,
      String bookieMemory) {}

  /**
   * @param rootPassword the root password from a Pulumi secret; its text never reaches a log
   */
  public record Security(Secret rootPassword, String tlsSecretName) {}

  public record Monitoring(boolean enabled, String namespace, Optional<String> otelEndpoint) {}

  /**
   * What the cluster must run for Milvus: cert-manager (installed here or already there) and the
   * issuer of Milvus's certificate (the bank's, or empty for the stack's own CA), and what
   * monitoring installs (crds, full, existing).
   */
  public record Platform(
      boolean installCertManager,
      String certManagerChartRepository,
      Optional<TlsIssuer> tlsIssuer,
      String monitoringStack,
      String prometheusChartRepository) {}

  /** An existing cert-manager issuer by kind (ClusterIssuer or Issuer) and name. */
  public record TlsIssuer(String kind, String name) {}

  public record Quotas(int maxCollections, double insertRateMBps, double deleteRateMBps) {}

  public record Backup(String schedule, String imageTag) {}

  /**
   * Segment bloat (the guide's failure mode): compaction merges small segments and purges deleted
   * rows once they are older than the retention duration.
   */
  public record Compaction(boolean autoCompaction, int retentionDurationSeconds) {}

  /** The declared collection shape the QueryNode pool must hold. */
  public record Collection(
      long vectors, int dimension, String indexType, int hnswM, String quantization, int replicas) {
    /** The capacity model's view of this collection; throws if the shape is impossible. */
    public io.nomadx.sovereign.capacity.Workload workload() {
      return new io.nomadx.sovereign.capacity.Workload(
          vectors,
          dimension,
          io.nomadx.sovereign.capacity.IndexType.valueOf(indexType),
          hnswM,
          io.nomadx.sovereign.capacity.Quantization.valueOf(quantization),
          io.nomadx.sovereign.capacity.Workload.defaultPqSubquantizers(dimension),
          replicas);
    }
  }

  /** A secret value whose text is masked everywhere but {@link #reveal()}. */
  public static final class Secret {
    private final String value;

    public Secret(String value) {
      this.value = value;
    }

    public String reveal() {
      return value;
    }

    @Override
    public String toString() {
      return "[secret]";
    }
  }
}
