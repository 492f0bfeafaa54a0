package io.nomadx.sovereign.preflight;

import java.util.Optional;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.servicequotas.model.NoSuchResourceException;

/**
 * A quota's value in the account: the applied value (GetServiceQuota), or AWS's default when the
 * account has none applied (GetAWSDefaultServiceQuota). Service Quotas API reference,
 * GetServiceQuota: "If the applied quota value is not available for a quota, the quota is not
 * retrieved" (NoSuchResourceException); response `Quota` is a ServiceQuota (ServiceCode, QuotaCode,
 * QuotaName, Value, Adjustable, ...).
 */
record ServiceQuota(
    String serviceCode, String quotaCode, String name, double value, boolean applied) {

  static Optional<ServiceQuota> lookup(
      ServiceQuotasClient client, String serviceCode, String quotaCode) {
    try {
      var q = client.getServiceQuota(b -> b.serviceCode(serviceCode).quotaCode(quotaCode)).quota();
      return Optional.of(new ServiceQuota(serviceCode, quotaCode, q.quotaName(), q.value(), true));
    } catch (NoSuchResourceException e) {
      try {
        var q =
            client
                .getAWSDefaultServiceQuota(b -> b.serviceCode(serviceCode).quotaCode(quotaCode))
                .quota();
        return Optional.of(
            new ServiceQuota(serviceCode, quotaCode, q.quotaName(), q.value(), false));
      } catch (NoSuchResourceException e2) {
        return Optional.empty();
      }
    }
  }

  int whole() {
    return (int) Math.floor(value);
  }

  String describe() {
    return serviceCode
        + "/"
        + quotaCode
        + " ("
        + name
        + ") "
        + whole()
        + (applied ? "" : " (AWS default)");
  }

  String increase(int desired, String region) {
    return "aws service-quotas request-service-quota-increase --service-code "
        + serviceCode
        + " --quota-code "
        + quotaCode
        + " --desired-value "
        + desired
        + " --region "
        + region;
  }
}
