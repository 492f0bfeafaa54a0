package io.nomadx.sovereign.cluster;

import com.pulumi.aws.eks.Addon;
import com.pulumi.aws.eks.AddonArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import io.nomadx.sovereign.support.Children;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The EKS managed add-ons, each at a pinned version. The VPC CNI and kube-proxy go in before any
 * node joins (nodes need pod networking to turn Ready); CoreDNS and the EBS CSI driver after, since
 * they run as pods. The EBS CSI driver's role carries its own permission on the data key (see
 * {@code Keys#grantDataKeyForVolumes}); its ARN output resolves only once that policy is attached.
 */
public final class Addons extends ComponentResource {
  public static final List<String> BEFORE_NODES = List.of("vpc-cni", "kube-proxy");
  public static final List<String> AFTER_NODES = List.of("coredns", "aws-ebs-csi-driver");

  /**
   * Add-on configuration values. The VPC CNI enforces Kubernetes NetworkPolicies only when its
   * network-policy agent is on, which is off by default (AWS EKS User Guide, "Restrict Pod network
   * traffic with Kubernetes network policies": configuration value {"enableNetworkPolicy": "true"},
   * VPC CNI v1.14 or later). Without it every NetworkPolicy of this stack is written but ignored.
   * The add-on's configuration is the aws-vpc-cni chart's values: there {@code enableNetworkPolicy}
   * is a string ("false" by default, charts/aws-vpc-cni/values.yaml of aws/amazon-vpc-cni-k8s) that
   * becomes the agent's --enable-network-policy flag and the controller's ConfigMap key
   * (templates/daemonset.yaml, templates/configmap.yaml), so the value is the string "true", not a
   * JSON boolean. The schema AWS serves for the pinned add-on version is {@code aws eks
   * describe-addon-configuration --addon-name vpc-cni --addon-version <v>}; it cannot be asked
   * here.
   */
  public static final Map<String, String> CONFIGURATION =
      Map.of("vpc-cni", "{\"enableNetworkPolicy\":\"true\"}");

  /** Resources node groups must wait for. */
  public final List<Resource> networking;

  public record Args(
      Output<String> clusterName,
      Map<String, String> versions,
      Output<String> vpcCniRoleArn,
      Output<String> ebsCsiRoleArn) {
    public Args {
      versions = Map.copyOf(versions);
    }
  }

  public Addons(String name, Args args, ComponentResourceOptions options) {
    super("sovereign:cluster:Addons", name, options);
    var early = new ArrayList<Resource>();
    for (String addon : BEFORE_NODES) {
      Optional<Output<String>> role =
          addon.equals("vpc-cni") ? Optional.of(args.vpcCniRoleArn()) : Optional.empty();
      early.add(addon(name, addon, args, role, List.of()));
    }
    this.networking = List.copyOf(early);
    registerOutputs(Map.of());
  }

  /** CoreDNS and the EBS CSI driver, once nodes exist to run them. */
  public void installAfterNodes(String name, Args args, List<Resource> nodeGroups) {
    for (String addon : AFTER_NODES) {
      Optional<Output<String>> role =
          addon.equals("aws-ebs-csi-driver") ? Optional.of(args.ebsCsiRoleArn()) : Optional.empty();
      addon(name, addon, args, role, nodeGroups);
    }
  }

  private Addon addon(
      String name, String addon, Args args, Optional<Output<String>> role, List<Resource> deps) {
    var b =
        AddonArgs.builder()
            .clusterName(args.clusterName())
            .addonName(addon)
            .addonVersion(args.versions().get(addon))
            // Take over self-managed copies on create; never overwrite a live edit on update.
            .resolveConflictsOnCreate("OVERWRITE")
            .resolveConflictsOnUpdate("PRESERVE");
    role.ifPresent(b::serviceAccountRoleArn);
    if (CONFIGURATION.containsKey(addon)) {
      b.configurationValues(CONFIGURATION.get(addon));
    }
    return new Addon(name + "-" + addon, b.build(), Children.builder(this).dependsOn(deps).build());
  }
}
