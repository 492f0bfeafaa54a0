package io.nomadx.sovereign.preflight;

import io.nomadx.sovereign.config.Settings;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * IAM principals the stack relies on but does not create (IAM API reference: GetRole and GetUser
 * take the name without path and answer NoSuchEntity when there is none; GetOpenIDConnectProvider
 * answers Url, ClientIDList, ThumbprintList).
 *
 * <ul>
 *   <li>Service-linked roles of a created cluster: EKS's (AWSServiceRoleForAmazonEKS,
 *       eks.amazonaws.com), its node groups' (AWSServiceRoleForAmazonEKSNodegroup,
 *       eks-nodegroup.amazonaws.com) and EC2 Auto Scaling's (AWSServiceRoleForAutoScaling, which
 *       the data key's policy admits by ARN). EKS creates them on first use only when the deploying
 *       principal may call iam:CreateServiceLinkedRole, which many organisations' SCPs deny to
 *       deploy roles (EKS User Guide, "Using service-linked roles for Amazon EKS"): missing, they
 *       block.
 *   <li>adminPrincipalArns: each becomes an access entry and a key administrator; EKS and KMS
 *       refuse a principal that does not exist.
 *   <li>existingClusterOidcProviderArn: the IRSA roles trust it, and IRSA tokens carry the audience
 *       sts.amazonaws.com, which the provider's client IDs must include.
 * </ul>
 */
record IamCheck(Settings settings, Footprint footprint, AwsClients aws, Report report) {
  static final String CHECK = "iam";

  /** Role name, and the service it is linked to. */
  record ServiceLinkedRole(String name, String service) {}

  static final List<ServiceLinkedRole> SERVICE_LINKED_ROLES =
      List.of(
          new ServiceLinkedRole("AWSServiceRoleForAmazonEKS", "eks.amazonaws.com"),
          new ServiceLinkedRole(
              "AWSServiceRoleForAmazonEKSNodegroup", "eks-nodegroup.amazonaws.com"),
          new ServiceLinkedRole("AWSServiceRoleForAutoScaling", "autoscaling.amazonaws.com"));

  private static final Pattern PRINCIPAL =
      Pattern.compile("arn:aws:iam::(\\d{12}):(role|user)/(?:.*/)?([^/]+)");

  void run() {
    if (footprint.createsCluster()) {
      for (ServiceLinkedRole slr : SERVICE_LINKED_ROLES) {
        Calls.guarded(
            report,
            CHECK,
            "service-linked role " + slr.name(),
            "iam:GetRole",
            () -> serviceLinkedRole(slr));
      }
    }
    List<String> admins = settings.cluster().adminPrincipalArns();
    for (int i = 0; i < admins.size(); i++) {
      String arn = admins.get(i);
      String setting = "adminPrincipalArns[" + i + "]";
      Calls.guarded(
          report, CHECK, setting, "iam:GetRole, iam:GetUser", () -> principal(setting, arn));
    }
    settings
        .cluster()
        .existing()
        .ifPresent(
            existing ->
                Calls.guarded(
                    report,
                    CHECK,
                    "existingClusterOidcProviderArn",
                    "iam:GetOpenIDConnectProvider",
                    () -> oidc(existing.oidcProviderArn())));
  }

  private void serviceLinkedRole(ServiceLinkedRole slr) {
    try {
      aws.iam.getRole(b -> b.roleName(slr.name()));
      report.passed(CHECK, "service-linked role " + slr.name() + " exists");
    } catch (NoSuchEntityException e) {
      report.add(
          Finding.blocking(
              CHECK,
              "service-linked role " + slr.name(),
              "no role " + slr.name() + " in account " + settings.accountId(),
              slr.name()
                  + " before the first `pulumi up` (or a deploy role allowed iam:CreateServiceLinkedRole for "
                  + slr.service()
                  + ")",
              "aws iam create-service-linked-role --aws-service-name " + slr.service()));
    }
  }

  private void principal(String setting, String arn) {
    Matcher m = PRINCIPAL.matcher(arn);
    if (!m.matches() || !m.group(1).equals(settings.accountId())) {
      report.notChecked(
          CHECK,
          setting
              + " "
              + arn
              + ": not a principal of account "
              + settings.accountId()
              + ", which preflight reads");
      return;
    }
    String name = m.group(3);
    try {
      if (m.group(2).equals("role")) {
        String found = aws.iam.getRole(b -> b.roleName(name)).role().arn();
        if (!found.equals(arn)) {
          report.add(
              Finding.blocking(
                  CHECK,
                  setting,
                  "role " + name + " exists as " + found,
                  arn,
                  "set " + setting + " to " + found + " (the path is part of the ARN)"));
          return;
        }
      } else {
        String found = aws.iam.getUser(b -> b.userName(name)).user().arn();
        if (!found.equals(arn)) {
          report.add(
              Finding.blocking(
                  CHECK,
                  setting,
                  "user " + name + " exists as " + found,
                  arn,
                  "set " + setting + " to " + found + " (the path is part of the ARN)"));
          return;
        }
      }
      report.passed(CHECK, setting + " " + arn + " exists");
    } catch (NoSuchEntityException e) {
      report.add(
          Finding.blocking(
              CHECK,
              setting,
              "no " + m.group(2) + " " + name + " in account " + settings.accountId(),
              arn + " to exist (it gets an EKS access entry and administers the keys)",
              "create the " + m.group(2) + " first, or correct the ARN in adminPrincipalArns"));
    }
  }

  private void oidc(String arn) {
    try {
      var provider = aws.iam.getOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn));
      if (!provider.clientIDList().contains("sts.amazonaws.com")) {
        report.add(
            Finding.blocking(
                CHECK,
                "existingClusterOidcProviderArn",
                "provider " + provider.url() + " with client IDs " + provider.clientIDList(),
                "the audience sts.amazonaws.com among its client IDs (IRSA tokens carry it)",
                "aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn "
                    + arn
                    + " --client-id sts.amazonaws.com"));
      } else {
        report.passed(
            CHECK, "OIDC provider " + provider.url() + " exists with audience sts.amazonaws.com");
      }
    } catch (NoSuchEntityException e) {
      report.add(
          Finding.blocking(
              CHECK,
              "existingClusterOidcProviderArn",
              "no OIDC provider " + arn,
              "the cluster's IAM OIDC provider (the IRSA roles trust it)",
              "eksctl utils associate-iam-oidc-provider --cluster <cluster> --region "
                  + settings.region().name()
                  + " --approve, or correct existingClusterOidcProviderArn"));
    }
  }
}
