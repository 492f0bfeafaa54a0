package io.nomadx.sovereign;

import com.pulumi.core.Alias;
import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import io.nomadx.sovereign.config.Defaults;
import io.nomadx.sovereign.config.MilvusSettings;
import io.nomadx.sovereign.config.Settings;
import io.nomadx.sovereign.identity.ServiceAccountRole;
import io.nomadx.sovereign.milvus.Backups;
import io.nomadx.sovereign.milvus.MilvusCluster;
import io.nomadx.sovereign.milvus.MilvusOperator;
import io.nomadx.sovereign.milvus.Monitoring;
import io.nomadx.sovereign.milvus.NetworkPolicies;
import io.nomadx.sovereign.milvus.StorageAccess;
import io.nomadx.sovereign.platform.CertManager;
import io.nomadx.sovereign.platform.PrometheusOperator;
import io.nomadx.sovereign.support.Children;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Milvus on the foundation: the operator, the Milvus resource using the bucket through IRSA,
 * backups, network policies and (when enabled) monitoring, all through the Kubernetes provider
 * built from the cluster; and the IRSA identities of Milvus and milvus-backup.
 */
public final class MilvusDeployment {
  public final MilvusOperator operator;
  public final MilvusCluster cluster;
  public final ServiceAccountRole milvusIdentity;
  public final ServiceAccountRole backupIdentity;

  /**
   * What the capacity output reads: Milvus's sizes and collection, and the QueryNode pool's
   * instance type.
   */
  private final MilvusSettings milvus;

  private final String queryNodeType;

  public MilvusDeployment(Settings s, Foundation f) {
    this.milvus = s.milvus();
    this.queryNodeType = s.nodePools().queryNode().instanceTypes().get(0);
    // Every component here creates Kubernetes objects only, through the cluster's provider.
    var onKubernetes = Children.using(f.kubernetes);
    var m = s.milvus();
    // Storage classes first: etcd and Pulsar claim volumes of the Retain classes at once.
    List<Resource> afterStorage = List.of(f.storageClasses);
    this.operator =
        new MilvusOperator(
            "milvus-operator", new MilvusOperator.Args(m, afterStorage), onKubernetes);
    // A fresh cluster has no cert-manager: install it unless the cluster already runs one.
    List<Resource> issuance =
        m.platform().installCertManager()
            ? List.of(
                new CertManager(
                        "cert-manager",
                        new CertManager.Args(
                            Defaults.CERT_MANAGER_CHART_VERSION,
                            m.platform().certManagerChartRepository(),
                            m.images().registry(),
                            afterStorage),
                        onKubernetes)
                    .release)
            : List.of();
    // A fresh cluster has no PodMonitor or PrometheusRule kinds: install them before the Milvus
    // resource, so the operator makes its PodMonitor on its first reconcile.
    List<Resource> monitoringCrds =
        m.monitoring().enabled() && !m.platform().monitoringStack().equals("existing")
            ? List.of(
                new PrometheusOperator(
                        "prometheus-operator",
                        new PrometheusOperator.Args(
                            m.platform().monitoringStack().equals("full"),
                                m.platform().prometheusChartRepository(),
                            m.monitoring().namespace(), m.images().registry()),
                        onKubernetes)
                    .release)
            : List.of();
    // Milvus's and milvus-backup's identities: role and service account together. Each service
    // account keeps its name; the alias names its former parent (MilvusCluster, Backups), so an
    // existing stack's `up` moves it rather than replacing it. Milvus's is made inside
    // MilvusCluster, after its namespace and before the Milvus resource that runs as it.
    var w = s.workloads();
    MilvusCluster.IdentityMaker makeMilvusIdentity =
        (namespace, formerParent) ->
            f.addServiceAccount(
                "milvus",
                w.milvusNamespace(),
                w.milvusServiceAccount(),
                StorageAccess.milvus(f.bucket, f.keys, s.storage()),
                new ServiceAccountRole.KubernetesServiceAccount(
                    "milvus-service-account",
                    Optional.of(true), // the IRSA token is projected through it
                    List.of(namespace),
                    Optional.of(Alias.builder().parent(formerParent).build())));
    this.cluster =
        new MilvusCluster(
            "milvus",
            new MilvusCluster.Args(
                m,
                s.milvusPlacement(),
                operator.release,
                issuance,
                monitoringCrds,
                makeMilvusIdentity),
            onKubernetes);
    this.milvusIdentity = cluster.identity;
    List<Resource> afterCluster = List.of(cluster);
    var backups =
        new Backups(
            "milvus-backup", new Backups.Args(m, s.milvusPlacement(), afterCluster), onKubernetes);
    this.backupIdentity =
        f.addServiceAccount(
            "milvus-backup",
            w.milvusNamespace(),
            w.backupServiceAccount(),
            StorageAccess.backup(f.bucket, f.keys, s.storage()),
            new ServiceAccountRole.KubernetesServiceAccount(
                "milvus-backup-service-account",
                Optional.empty(),
                afterCluster,
                Optional.of(Alias.builder().parent(backups).build())));
    new NetworkPolicies(
        "milvus-network",
        new NetworkPolicies.Args(
            s.workloads().milvusNamespace(),
            m.clientNamespaces(),
            m.monitoring().enabled()
                ? java.util.Optional.of(m.monitoring().namespace())
                : java.util.Optional.empty(),
            m.operator().namespace(),
            m.messageQueue() == MilvusSettings.MessageQueue.PULSAR,
            f.awsEndpointCidrs,
            afterCluster),
        onKubernetes);
    if (m.monitoring().enabled()) {
      var afterMonitoringCrds = new java.util.ArrayList<Resource>(afterCluster);
      afterMonitoringCrds.addAll(monitoringCrds);
      new Monitoring(
          "milvus-monitoring",
          new Monitoring.Args(s.workloads().milvusNamespace(), afterMonitoringCrds),
          onKubernetes);
    }
  }

  public Map<String, Output<?>> outputs() {
    var out = new LinkedHashMap<String, Output<?>>();
    out.put("milvusRoleArn", milvusIdentity.roleArn);
    out.put("backupRoleArn", backupIdentity.roleArn);
    out.put("milvusNamespace", cluster.namespace);
    out.put("milvusService", cluster.serviceName);
    out.put("milvusRootPasswordSecret", cluster.passwordSecretName);
    out.put("capacity", Output.of(capacity()));
    return out;
  }

  /**
   * What the QueryNodes hold for the declared collection at 80% memory use, so the plan, the
   * summary and a live stack's outputs all state the headroom.
   */
  private Map<String, Object> capacity() {
    var queryNode = milvus.components().get("queryNode");
    var workload = milvus.collection().workload();
    var verdict = queryNode.holds(workload, queryNodeType, queryNode.replicas());
    var out = new LinkedHashMap<String, Object>();
    out.put("collection", workload.describe());
    out.put("queryNodes", queryNode.replicas() + " x " + queryNodeType);
    out.put("declaredVectors", (double) workload.vectors()); // the SDK serializes no Long
    out.put("maxVectorsAt80Percent", (double) verdict.maxVectors());
    out.put("neededGiB", gib(verdict.neededBytes()));
    out.put("usableGiB", gib(verdict.usableBytes()));
    out.put("headroomGiB", gib(verdict.headroomBytes()));
    return out;
  }

  private static double gib(long bytes) {
    return Math.round(bytes / 1073741824.0 * 10) / 10.0;
  }
}
