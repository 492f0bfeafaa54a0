package io.nomadx.sovereign.preflight;

import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * How a check's AWS call that fails for a reason other than the account's state is reported: as a
 * blocking finding, since preflight then cannot show that `pulumi up` would succeed. A denied call
 * points at the preflight policy (preflight/iam-policy.json), anything else at the endpoint.
 */
final class Calls {
  private static final Set<String> DENIED =
      Set.of(
          "AccessDenied",
          "AccessDeniedException",
          "UnauthorizedOperation",
          "UnauthorizedException",
          "UnrecognizedClientException",
          "InvalidClientTokenId",
          "ExpiredToken",
          "ExpiredTokenException");

  private Calls() {}

  /**
   * Runs {@code body}; a failed call becomes one finding naming {@code action} (the IAM action it
   * needs).
   */
  static void guarded(Report report, String check, String setting, String action, Runnable body) {
    try {
      body.run();
    } catch (AwsServiceException e) {
      String code =
          e.awsErrorDetails() == null
              ? String.valueOf(e.statusCode())
              : e.awsErrorDetails().errorCode();
      if (code != null && DENIED.contains(code)) {
        String service = e.awsErrorDetails() == null ? "?" : e.awsErrorDetails().serviceName();
        if (!report.firstRefusal(service)) {
          // One finding per refusing service: the same missing permission, not a new problem.
          report.notChecked(
              check,
              setting + " (" + service + " refused preflight's credentials: see the finding)");
          return;
        }
        report.add(
            Finding.blocking(
                check,
                setting,
                "preflight's credentials were refused " + action + " (" + code + ")",
                "read access to " + action + " to check " + setting,
                "run preflight as a role with preflight/iam-policy.json attached"));
      } else {
        report.add(
            Finding.blocking(
                check,
                setting,
                "no answer: "
                    + action
                    + " failed with "
                    + code
                    + " ("
                    + firstLine(e.getMessage())
                    + ")",
                "an answer from " + action + " to check " + setting,
                "re-run; if it persists, check the credentials, the endpoint and that the region is enabled for the account"));
      }
    } catch (SdkClientException e) {
      report.add(
          Finding.blocking(
              check,
              setting,
              "no answer: " + action + " could not be sent (" + firstLine(e.getMessage()) + ")",
              "an answer from " + action + " to check " + setting,
              "check network access to the AWS endpoint (or --endpoint-url) and the credentials"));
    }
  }

  static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    String line = s.lines().findFirst().orElse("");
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
