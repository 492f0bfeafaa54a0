package io.nomadx.sovereign.config;

/**
 * The usage a monthly cost estimate assumes where the stack's resources do not fix it: traffic, log
 * volume and request counts depend on how the cluster is used, not on what it is. Each is a stack
 * setting (`costAssumptions`) so a team that has measured its own can state it; the defaults and
 * why they were chosen are in {@link Defaults}.
 *
 * @param controlPlaneLogGiBPerDay EKS control-plane logs (all five types) ingested per day
 * @param flowLogGiBPerDay VPC flow-log records delivered to CloudWatch Logs per day
 * @param natProcessedGiBPerMonth traffic through the NAT gateways (both directions), with
 *     internetEgress nat
 * @param endpointProcessedGiBPerMonth traffic through the interface endpoints (ECR API, STS, EC2,
 *     Logs, KMS, EKS)
 * @param objectReadsPerMonth GET/HEAD requests on the segment bucket (each is also a CloudTrail
 *     data event)
 * @param objectWritesPerMonth PUT/COPY/LIST requests on the segment bucket (each is also a data
 *     event)
 * @param backupsRetained nightly full backups kept in the bucket: the stack expires none, so this
 *     is the operator's retention, not the stack's
 */
public record CostAssumptions(
    double controlPlaneLogGiBPerDay,
    double flowLogGiBPerDay,
    double natProcessedGiBPerMonth,
    double endpointProcessedGiBPerMonth,
    long objectReadsPerMonth,
    long objectWritesPerMonth,
    int backupsRetained) {}
