package io.nomadx.sovereign.cost;

/** The conversions every part of the estimate shares. */
public final class Billing {
  private Billing() {}

  /**
   * Hours in a billing month: 365 x 24 / 12 = 730, the month the AWS Pricing Calculator
   * (https://calculator.aws) prices an always-on hourly resource over.
   */
  public static final double HOURS_PER_MONTH = 730;

  public static final double DAYS_PER_MONTH = HOURS_PER_MONTH / 24;

  /**
   * AED per USD: the dirham is pegged to the dollar at 3.6725 since 1997 (Central Bank of the UAE,
   * https://www.centralbank.ae, "Foreign Exchange Rates"; the rate it sets for VAT conversions
   * too).
   */
  public static final double AED_PER_USD = 3.6725;

  /**
   * AWS meters storage in GB of 2^30 bytes: the S3 FAQ's storage example divides byte-hours by
   * 1,073,741,824 to get GB-months (https://aws.amazon.com/s3/faqs/). EBS sizes are GiB too.
   */
  public static final double BYTES_PER_GB = 1024.0 * 1024 * 1024;
}
