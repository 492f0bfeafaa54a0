package io.nomadx.sovereign.preflight;

import io.nomadx.sovereign.config.Defaults;
import io.nomadx.sovereign.config.InstanceFamily;
import io.nomadx.sovereign.config.MilvusSettings;
import io.nomadx.sovereign.config.NodePoolSettings;
import io.nomadx.sovereign.config.Settings;
import java.util.ArrayList;
import java.util.List;

/**
 * What a `pulumi up` of these settings asks the account for: the network resources that count
 * against quotas, the node pools, and the images and charts it pulls from the mirrors. Derived from
 * the settings as the program's components use them (network/Network, cluster/NodePool,
 * milvus/MilvusSpec, platform/*); FootprintTest holds the counts against the offline plans.
 */
public record Footprint(
    boolean createsCluster,
    int vpcs,
    int internetGateways,
    List<String> natZoneIds,
    int gatewayEndpoints,
    int interfaceEndpoints,
    List<NodePoolSettings> pools,
    List<Image> images,
    List<Chart> charts) {

  /**
   * The interface endpoints network/Network creates in the VPC (besides the one S3 gateway
   * endpoint).
   */
  static final int INTERFACE_ENDPOINTS =
      io.nomadx.sovereign.config.Defaults.INTERFACE_ENDPOINTS.size();

  /** An image the cluster pulls, the setting that names it, and where the mirror copies it from. */
  public record Image(String setting, String reference, String upstream) {
    /** Registry host and path prefix (everything before the repository). */
    public String tag() {
      return reference.substring(reference.lastIndexOf(':') + 1);
    }

    public String repositoryPath() {
      return reference.substring(0, reference.lastIndexOf(':'));
    }
  }

  /** A Helm chart the stack installs, from the repository its setting names. */
  public record Chart(String setting, String repository, String name, String version) {}

  public Footprint {
    natZoneIds = List.copyOf(natZoneIds);
    pools = List.copyOf(pools);
    images = List.copyOf(images);
    charts = List.copyOf(charts);
  }

  public static Footprint of(Settings s) {
    boolean creates = s.cluster().existing().isEmpty();
    // In a landing zone's VPC (existingVpcId) the stack creates the cluster but no network.
    boolean network = creates && s.network().existing().isEmpty();
    List<String> natZones = List.of();
    if (network && s.network().internetEgress()) {
      // One NAT gateway (and Elastic IP) per zone, or one in the first zone (network/Network).
      natZones = s.network().natPerZone() ? s.zoneIds() : s.zoneIds().subList(0, 1);
    }
    return new Footprint(
        creates,
        network ? 1 : 0,
        network && s.network().internetEgress() ? 1 : 0,
        natZones,
        network ? 1 : 0,
        network ? INTERFACE_ENDPOINTS : 0,
        creates ? s.nodePools().all() : List.of(),
        images(s),
        charts(s));
  }

  public int elasticIps() {
    return natZoneIds.size();
  }

  /**
   * The node AMI architecture of a pool, as cluster/NodePool chooses its AMI type (Graviton
   * families are arm64).
   */
  public static String architecture(NodePoolSettings pool) {
    return InstanceFamily.architecture(pool.instanceTypes().get(0));
  }

  public static String family(String instanceType) {
    return InstanceFamily.of(instanceType);
  }

  /**
   * Every image the stack's pods pull from `imageRegistry`: Milvus (and the operator's image, which
   * MilvusSpec also uses as tool and dummy image), etcd, Pulsar when it is the message queue,
   * milvus-backup, and cert-manager's four when the stack installs it (chart v1.21.1 values.yaml:
   * `<imageRegistry>/<imageNamespace>/<image.name>:<appVersion>` for the controller, webhook,
   * cainjector and startupapicheck; the acmesolver runs only for ACME issuers, which this stack
   * does not use).
   */
  static List<Image> images(Settings s) {
    MilvusSettings m = s.milvus();
    MilvusSettings.Images i = m.images();
    var out = new ArrayList<Image>();
    out.add(new Image("milvusVersion", i.milvus(), "docker.io/" + after(i.milvus(), i.registry())));
    out.add(
        new Image(
            "operatorChartVersion",
            i.operator(),
            "docker.io/" + after(i.operator(), i.registry())));
    out.add(new Image("imageRegistry", i.etcd(), "docker.io/" + after(i.etcd(), i.registry())));
    if (m.messageQueue() == MilvusSettings.MessageQueue.PULSAR) {
      out.add(
          new Image("imageRegistry", i.pulsar(), "docker.io/" + after(i.pulsar(), i.registry())));
    }
    out.add(
        new Image("backupImageTag", i.backup(), "docker.io/" + after(i.backup(), i.registry())));
    if (m.platform().installCertManager()) {
      for (String part : List.of("controller", "webhook", "cainjector", "startupapicheck")) {
        String rest = "jetstack/cert-manager-" + part + ":" + Defaults.CERT_MANAGER_CHART_VERSION;
        out.add(new Image("certManager", i.registry() + "/" + rest, "quay.io/" + rest));
      }
    }
    return out;
  }

  static List<Chart> charts(Settings s) {
    MilvusSettings m = s.milvus();
    var out = new ArrayList<Chart>();
    out.add(
        new Chart(
            "operatorChartRepository",
            m.operator().chartRepository(),
            "milvus-operator",
            m.operator().chartVersion()));
    if (m.platform().installCertManager()) {
      out.add(
          new Chart(
              "certManagerChartRepository",
              m.platform().certManagerChartRepository(),
              "cert-manager",
              Defaults.CERT_MANAGER_CHART_VERSION));
    }
    if (m.monitoring().enabled() && !m.platform().monitoringStack().equals("existing")) {
      boolean full = m.platform().monitoringStack().equals("full");
      out.add(
          new Chart(
              "prometheusChartRepository",
              m.platform().prometheusChartRepository(),
              full ? "kube-prometheus-stack" : "prometheus-operator-crds",
              full
                  ? Defaults.KUBE_PROMETHEUS_STACK_CHART_VERSION
                  : Defaults.PROMETHEUS_CRDS_CHART_VERSION));
    }
    return out;
  }

  private static String after(String reference, String registry) {
    return reference.substring(registry.length() + 1);
  }
}
