package io.nomadx.sovereign.cluster;

import com.pulumi.aws.ec2.LaunchTemplate;
import com.pulumi.aws.ec2.LaunchTemplateArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateBlockDeviceMappingArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateBlockDeviceMappingEbsArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateMetadataOptionsArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateTagSpecificationArgs;
import com.pulumi.aws.eks.NodeGroup;
import com.pulumi.aws.eks.NodeGroupArgs;
import com.pulumi.aws.eks.inputs.NodeGroupLaunchTemplateArgs;
import com.pulumi.aws.eks.inputs.NodeGroupScalingConfigArgs;
import com.pulumi.aws.eks.inputs.NodeGroupTaintArgs;
import com.pulumi.aws.eks.inputs.NodeGroupUpdateConfigArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import io.nomadx.sovereign.config.InstanceFamily;
import io.nomadx.sovereign.config.NodePoolSettings;
import io.nomadx.sovereign.support.Children;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One managed node group on a launch template: IMDSv2 only, root volume encrypted with the data
 * key, Amazon Linux 2023, spread over every configured zone. The QueryNode pool is labelled and
 * tainted so only QueryNodes (which tolerate the taint) land on its memory-optimized nodes.
 */
public final class NodePool extends ComponentResource {
  public static final String POOL_LABEL = "nomadx.io/pool";

  public final Output<String> nodeGroupName;

  public record Args(
      NodePoolSettings settings,
      Output<String> clusterName,
      String kubernetesVersion,
      Output<String> nodeRoleArn,
      Output<List<String>> subnetIds,
      Output<String> volumeKeyArn,
      List<Resource> dependsOn) {
    public Args {
      dependsOn = List.copyOf(dependsOn);
    }
  }

  /** The taint that keeps everything but QueryNodes off the memory-optimized pool. */
  public static Map<String, String> taintOf(NodePoolSettings.Role role) {
    return role == NodePoolSettings.Role.QUERY_NODE
        ? Map.of("key", POOL_LABEL, "value", role.poolLabel(), "effect", "NO_SCHEDULE")
        : Map.of();
  }

  public static String amiType(List<String> instanceTypes) {
    return InstanceFamily.architecture(instanceTypes.get(0)).equals("arm64")
        ? "AL2023_ARM_64_STANDARD"
        : "AL2023_x86_64_STANDARD";
  }

  public NodePool(String name, Args args, ComponentResourceOptions options) {
    super("sovereign:cluster:NodePool", name, options);
    var s = args.settings();

    var template =
        new LaunchTemplate(
            name,
            LaunchTemplateArgs.builder()
                .description("EKS " + s.role().configKey() + " nodes")
                .updateDefaultVersion(true)
                // IMDSv2 only, and one hop so pods cannot reach node credentials (they use IRSA).
                .metadataOptions(
                    LaunchTemplateMetadataOptionsArgs.builder()
                        .httpEndpoint("enabled")
                        .httpTokens("required")
                        .httpPutResponseHopLimit(1)
                        .build())
                .blockDeviceMappings(
                    LaunchTemplateBlockDeviceMappingArgs.builder()
                        .deviceName("/dev/xvda") // AL2023 root device
                        .ebs(
                            LaunchTemplateBlockDeviceMappingEbsArgs.builder()
                                .volumeSize(s.diskSizeGiB())
                                .volumeType("gp3")
                                .encrypted("true")
                                .kmsKeyId(args.volumeKeyArn())
                                .deleteOnTermination("true")
                                .build())
                        .build())
                .tagSpecifications(
                    LaunchTemplateTagSpecificationArgs.builder()
                        .resourceType("instance")
                        .tags(Map.of("Name", name, POOL_LABEL, s.role().poolLabel()))
                        .build(),
                    LaunchTemplateTagSpecificationArgs.builder()
                        .resourceType("volume")
                        .tags(Map.of("Name", name, POOL_LABEL, s.role().poolLabel()))
                        .build())
                .build(),
            Children.of(this));

    var builder =
        NodeGroupArgs.builder()
            .clusterName(args.clusterName())
            // A prefix, not a fixed name: a replaced node group (new subnets, new instance types)
            // is created before the old one is drained and deleted, which a fixed name forbids.
            .nodeGroupNamePrefix(name + "-")
            .version(args.kubernetesVersion())
            .nodeRoleArn(args.nodeRoleArn())
            .subnetIds(args.subnetIds())
            .amiType(amiType(s.instanceTypes()))
            .capacityType("ON_DEMAND")
            .instanceTypes(s.instanceTypes())
            .scalingConfig(
                NodeGroupScalingConfigArgs.builder()
                    .minSize(s.minSize())
                    .desiredSize(s.desiredSize())
                    .maxSize(s.maxSize())
                    .build())
            .updateConfig(NodeGroupUpdateConfigArgs.builder().maxUnavailable(1).build())
            .launchTemplate(
                NodeGroupLaunchTemplateArgs.builder()
                    .id(template.id())
                    .version(template.latestVersion().applyValue(String::valueOf))
                    .build())
            .labels(Map.of(POOL_LABEL, s.role().poolLabel()));
    var taint = taintOf(s.role());
    if (!taint.isEmpty()) {
      builder.taints(
          NodeGroupTaintArgs.builder()
              .key(taint.get("key"))
              .value(taint.get("value"))
              .effect(taint.get("effect"))
              .build());
    }
    var deps = new ArrayList<Resource>(args.dependsOn());
    // The stack owns the node count: no autoscaler runs, and pools are sized by the capacity model,
    // so a tier or replica change that needs more nodes gets them in the same `up`. EKS takes
    // min, desired and max together (UpdateNodegroupConfig), so raising minSize with desiredSize
    // works.
    var group =
        new NodeGroup(name, builder.build(), Children.builder(this).dependsOn(deps).build());

    this.nodeGroupName = group.nodeGroupName();
    registerOutputs(Map.of("nodeGroupName", nodeGroupName));
  }
}
