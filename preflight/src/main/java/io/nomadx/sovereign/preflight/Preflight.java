package io.nomadx.sovereign.preflight;

import io.nomadx.sovereign.config.Settings;
import java.net.http.HttpClient;

/**
 * Asks the target account, read-only, everything the offline plan cannot know, and reports what
 * would make `pulumi up` fail. The account check comes first: against another account every other
 * answer would be about the wrong account.
 */
public final class Preflight {
  private Preflight() {}

  public static Report run(Settings settings, AwsClients aws, HttpClient http) {
    var report = new Report(settings.stack(), settings.accountId(), settings.region().name());
    var footprint = Footprint.of(settings);
    boolean[] sameAccount = {false};
    Calls.guarded(
        report,
        "account",
        "accountId",
        "sts:GetCallerIdentity",
        () -> {
          // STS API reference, GetCallerIdentity: Account, Arn, UserId of the credentials.
          var id = aws.sts.getCallerIdentity();
          if (id.account().equals(settings.accountId())) {
            report.passed(
                "account", "credentials " + id.arn() + " are in account " + settings.accountId());
            sameAccount[0] = true;
          } else {
            report.add(
                Finding.blocking(
                    "account",
                    "accountId",
                    "credentials of account " + id.account() + " (" + id.arn() + ")",
                    "credentials in account "
                        + settings.accountId()
                        + " (the provider's allowedAccountIds refuses any other)",
                    "run with credentials of account "
                        + settings.accountId()
                        + ", or correct accountId"));
          }
        });
    if (!sameAccount[0]) {
      return report;
    }
    new VcpuQuotaCheck(settings, footprint, aws, report).run();
    new NetworkQuotaCheck(settings, footprint, aws, report).run();
    new OfferingsCheck(settings, footprint, aws, report).run();
    new EksCheck(settings, footprint, aws, report).run();
    new ImagesCheck(settings, footprint, aws, report).run();
    new ChartsCheck(settings, footprint, aws, http, report).run();
    new IamCheck(settings, footprint, aws, report).run();
    return report;
  }
}
