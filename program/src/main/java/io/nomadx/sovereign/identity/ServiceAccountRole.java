package io.nomadx.sovereign.identity;

import static io.nomadx.sovereign.support.PolicyDocument.condition;

import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.core.Alias;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.ServiceAccount;
import com.pulumi.kubernetes.core.v1.ServiceAccountArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import io.nomadx.sovereign.support.Children;
import io.nomadx.sovereign.support.PolicyDocument;
import io.nomadx.sovereign.support.PolicyDocument.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An IRSA identity: the IAM role for one Kubernetes service account, trusted only for the exact
 * `system:serviceaccount:<namespace>:<name>` subject and the STS audience (so no other pod, and no
 * static key, can take it), and, for a workload of this stack, that ServiceAccount itself,
 * annotated with the role's ARN. One unit, as the AWS CDK's {@code ServiceAccount} construct makes
 * the role and the annotated service account together (docs.aws.amazon.com/cdk/api/v2/docs/
 * aws-cdk-lib.aws_eks.ServiceAccount.html, {@code cluster.addServiceAccount}; aws-cdk
 * packages/aws-cdk-lib/aws-eks/lib/service-account.ts). An EKS add-on's role (VPC CNI, EBS CSI) has
 * no Kubernetes half here: EKS creates the add-on's service account and annotates it with the role
 * the add-on is given.
 *
 * <p>Given the AWS provider, and the Kubernetes one when it makes the service account, in its
 * options (support/Children). The type token is the one released, so the roles keep their URNs.
 */
public final class ServiceAccountRole extends ComponentResource {
  /** The annotation EKS's pod identity webhook reads to give a pod the role's web identity. */
  public static final String IRSA_ANNOTATION = "eks.amazonaws.com/role-arn";

  public final Output<String> roleArn;
  public final Output<String> roleName;

  /**
   * The workload's ServiceAccount, for what must wait for it (its pods); absent for an add-on's
   * role.
   */
  public final Optional<ServiceAccount> serviceAccount;

  /**
   * @param inlinePolicy least-privilege permissions (JSON), if any
   * @param managedPolicyArns AWS managed policies, if the workload has a well-known one
   * @param kubernetes the ServiceAccount to create with the role, for a workload of this stack
   */
  public record Args(
      String roleName,
      String namespace,
      String serviceAccount,
      Output<String> oidcProviderArn,
      Output<String> oidcIssuerUrl,
      List<String> managedPolicyArns,
      Optional<Output<String>> inlinePolicy,
      Optional<KubernetesServiceAccount> kubernetes) {
    public Args {
      managedPolicyArns = List.copyOf(managedPolicyArns);
    }
  }

  /**
   * The Kubernetes half of a workload's identity.
   *
   * @param resourceName the ServiceAccount's logical name
   * @param automountToken its automountServiceAccountToken, when the workload sets one
   * @param dependsOn what it waits for (at least its namespace)
   * @param formerly where an earlier version registered it (parent, name), so that `pulumi up`
   *     moves it under this component instead of deleting and re-creating it
   */
  public record KubernetesServiceAccount(
      String resourceName,
      Optional<Boolean> automountToken,
      List<Resource> dependsOn,
      Optional<Alias> formerly) {
    public KubernetesServiceAccount {
      dependsOn = List.copyOf(dependsOn);
    }
  }

  public static String subject(String namespace, String serviceAccount) {
    return "system:serviceaccount:" + namespace + ":" + serviceAccount;
  }

  public ServiceAccountRole(String name, Args args, ComponentResourceOptions options) {
    super("sovereign:identity:ServiceAccountRole", name, options);
    Output<String> trust =
        Output.tuple(args.oidcProviderArn(), args.oidcIssuerUrl())
            .applyValue(
                t -> {
                  String host = t.t2.replaceFirst("^https://", "");
                  return PolicyDocument.create()
                      .add(
                          new Statement(
                              "TrustServiceAccount",
                              "Allow",
                              Map.of("Federated", t.t1),
                              List.of("sts:AssumeRoleWithWebIdentity"),
                              List.of(),
                              PolicyDocument.conditions(
                                  condition(
                                      "StringEquals",
                                      host + ":sub",
                                      subject(args.namespace(), args.serviceAccount())),
                                  condition("StringEquals", host + ":aud", "sts.amazonaws.com"))))
                      .toJson();
                });
    var role =
        new Role(
            name,
            RoleArgs.builder()
                .name(args.roleName())
                .assumeRolePolicy(trust)
                .description("IRSA for " + args.namespace() + "/" + args.serviceAccount())
                .build(),
            Children.of(this));
    // Consumers (add-ons, service accounts) get an ARN that resolves only once every permission
    // is attached, so nothing starts with a role that cannot yet do its job.
    Output<String> arn = role.arn();
    for (String managed : args.managedPolicyArns()) {
      var attachment =
          new RolePolicyAttachment(
              name + "-" + managed.substring(managed.lastIndexOf('/') + 1),
              RolePolicyAttachmentArgs.builder().role(role.name()).policyArn(managed).build(),
              Children.of(this));
      arn = after(arn, attachment.id());
    }
    if (args.inlinePolicy().isPresent()) {
      var inline =
          new RolePolicy(
              name,
              RolePolicyArgs.builder().role(role.name()).policy(args.inlinePolicy().get()).build(),
              Children.of(this));
      arn = after(arn, inline.id());
    }
    this.roleArn = arn;
    this.roleName = role.name();
    this.serviceAccount = args.kubernetes().map(k -> serviceAccount(args, k));
    registerOutputs(Map.of("roleArn", roleArn));
  }

  /** The ServiceAccount, annotated with the ARN that resolves once every permission is attached. */
  private ServiceAccount serviceAccount(Args args, KubernetesServiceAccount k) {
    var spec =
        ServiceAccountArgs.builder()
            .metadata(
                ObjectMetaArgs.builder()
                    .name(args.serviceAccount())
                    .namespace(args.namespace())
                    .annotations(roleArn.applyValue(arn -> Map.of(IRSA_ANNOTATION, arn)))
                    .build());
    k.automountToken().ifPresent(spec::automountServiceAccountToken);
    var options = Children.builder(this).dependsOn(k.dependsOn());
    k.formerly().ifPresent(options::aliases);
    return new ServiceAccount(k.resourceName(), spec.build(), options.build());
  }

  private static Output<String> after(Output<String> value, Output<String> dependency) {
    return Output.tuple(value, dependency).applyValue(t -> t.t1);
  }
}
