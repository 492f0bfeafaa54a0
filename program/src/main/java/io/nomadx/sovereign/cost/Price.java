package io.nomadx.sovereign.cost;

/**
 * One on-demand price of the table in prices.csv.
 *
 * @param region AWS region the price is for
 * @param item what is priced, e.g. "ec2.r6i.xlarge", "ebs.gp3"
 * @param unit what one unit is: "hour", "GB-month", "1000 requests", ...
 * @param usd USD per unit
 * @param confirmed whether the source states this price for this region; false means derived (see
 *     {@link #basis})
 * @param source the public page the price (or its base) comes from
 * @param basis how the price was obtained, e.g. "us-east-1 0.252 x 1.20 (assumed ...)"
 */
public record Price(
    String region,
    String item,
    String unit,
    double usd,
    boolean confirmed,
    String source,
    String basis) {}
