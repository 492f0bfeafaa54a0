package io.nomadx.sovereign.identity;

import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.ProviderResource;
import io.nomadx.sovereign.support.Children;
import io.nomadx.sovereign.support.PolicyDocument;
import io.nomadx.sovereign.support.PolicyDocument.Statement;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.nomadx.sovereign.support.PolicyDocument.condition;

/**
 * An IAM role for one Kubernetes service account (IRSA): trusted only for the exact
 * `system:serviceaccount:<namespace>:<name>` subject and the STS audience, so no other pod, and no
 * static key, can take it.
 */
public final class ServiceAccountRole extends ComponentResource {
    public final Output<String> roleArn;
    public final Output<String> roleName;

    /**
     * @param inlinePolicy least-privilege permissions (JSON), if any
     * @param managedPolicyArns AWS managed policies, if the workload has a well-known one
     */
    public record Args(String roleName, String namespace, String serviceAccount, Output<String> oidcProviderArn,
                       Output<String> oidcIssuerUrl, List<String> managedPolicyArns, Optional<Output<String>> inlinePolicy,
                       ProviderResource aws) {
        public Args {
            managedPolicyArns = List.copyOf(managedPolicyArns);
        }
    }

    public static String subject(String namespace, String serviceAccount) {
        return "system:serviceaccount:" + namespace + ":" + serviceAccount;
    }

    public ServiceAccountRole(String name, Args args, ComponentResourceOptions options) {
        super("sovereign:identity:ServiceAccountRole", name, options);
        var aws = args.aws();
        Output<String> trust = Output.tuple(args.oidcProviderArn(), args.oidcIssuerUrl()).applyValue(t -> {
            String host = t.t2.replaceFirst("^https://", "");
            return PolicyDocument.create().add(new Statement("TrustServiceAccount", "Allow",
                    Map.of("Federated", t.t1), List.of("sts:AssumeRoleWithWebIdentity"), List.of(),
                    PolicyDocument.conditions(
                            condition("StringEquals", host + ":sub", subject(args.namespace(), args.serviceAccount())),
                            condition("StringEquals", host + ":aud", "sts.amazonaws.com")))).toJson();
        });
        var role = new Role(name, RoleArgs.builder()
                .name(args.roleName())
                .assumeRolePolicy(trust)
                .description("IRSA for " + args.namespace() + "/" + args.serviceAccount())
                .build(), Children.of(this, aws));
        // Consumers (add-ons, service accounts) get an ARN that resolves only once every permission
        // is attached, so nothing starts with a role that cannot yet do its job.
        Output<String> arn = role.arn();
        for (String managed : args.managedPolicyArns()) {
            var attachment = new RolePolicyAttachment(name + "-" + managed.substring(managed.lastIndexOf('/') + 1),
                    RolePolicyAttachmentArgs.builder().role(role.name()).policyArn(managed).build(), Children.of(this, aws));
            arn = after(arn, attachment.id());
        }
        if (args.inlinePolicy().isPresent()) {
            var inline = new RolePolicy(name, RolePolicyArgs.builder()
                    .role(role.name()).policy(args.inlinePolicy().get()).build(), Children.of(this, aws));
            arn = after(arn, inline.id());
        }
        this.roleArn = arn;
        this.roleName = role.name();
        registerOutputs(Map.of("roleArn", roleArn));
    }

    private static Output<String> after(Output<String> value, Output<String> dependency) {
        return Output.tuple(value, dependency).applyValue(t -> t.t1);
    }
}
