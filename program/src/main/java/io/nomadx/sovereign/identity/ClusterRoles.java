package io.nomadx.sovereign.identity;

import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import io.nomadx.sovereign.support.Children;
import io.nomadx.sovereign.support.PolicyDocument;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The EKS control-plane role and the node role, each with only the AWS managed policies it needs.
 * The VPC CNI gets its own IRSA role (see Foundation), so the node role carries no network
 * permissions. Only a stack that creates its cluster has them; the network-only first `up` has the
 * cluster role alone, which the cluster key's policy names (see Foundation.networkOnly).
 */
public final class ClusterRoles extends ComponentResource {
  public final Output<String> clusterRoleArn;
  public final Output<String> clusterRoleName;

  /** Absent without {@code nodeRole}. */
  public final Optional<Output<String>> nodeRoleArn;

  /**
   * @param nodeRole whether to create the node role too: only node groups use it
   */
  public record Args(String clusterName, boolean nodeRole) {}

  public ClusterRoles(String name, Args args, ComponentResourceOptions options) {
    super("sovereign:identity:ClusterRoles", name, options);
    var cluster =
        serviceRole(
            name + "-cluster",
            args.clusterName() + "-cluster",
            "eks.amazonaws.com",
            List.of(Actions.EKS_CLUSTER_POLICY));
    this.clusterRoleArn = cluster.arn();
    this.clusterRoleName = cluster.name();
    this.nodeRoleArn =
        args.nodeRole()
            ? Optional.of(
                serviceRole(
                        name + "-node",
                        args.clusterName() + "-node",
                        "ec2.amazonaws.com",
                        List.of(Actions.EKS_WORKER_NODE_POLICY, Actions.ECR_READ_ONLY_POLICY))
                    .arn())
            : Optional.empty();
    var outputs = new LinkedHashMap<String, Output<?>>();
    outputs.put("clusterRoleArn", clusterRoleArn);
    nodeRoleArn.ifPresent(arn -> outputs.put("nodeRoleArn", arn));
    registerOutputs(outputs);
  }

  private Role serviceRole(
      String resourceName, String roleName, String service, List<String> managed) {
    String trust =
        PolicyDocument.create()
            .add(
                new PolicyDocument.Statement(
                    "TrustService",
                    "Allow",
                    Map.of("Service", service),
                    List.of("sts:AssumeRole"),
                    List.of(),
                    null))
            .toJson();
    var role =
        new Role(
            resourceName,
            RoleArgs.builder().name(roleName).assumeRolePolicy(trust).build(),
            Children.of(this));
    for (String arn : managed) {
      String shortName = arn.substring(arn.lastIndexOf('/') + 1);
      new RolePolicyAttachment(
          resourceName + "-" + shortName,
          RolePolicyAttachmentArgs.builder().role(role.name()).policyArn(arn).build(),
          Children.of(this));
    }
    return role;
  }
}
