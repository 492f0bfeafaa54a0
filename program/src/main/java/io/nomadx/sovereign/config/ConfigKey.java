package io.nomadx.sovereign.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every key a stack may set under the project namespace, as Java names the parsers use. What each
 * key is (type, allowed values, default, meaning) lives in config.schema.json ({@link
 * ConfigSchema}); a test keeps this list and the schema's keys the same, in the same order.
 */
public enum ConfigKey {
  ENVIRONMENT("environment"),
  REGION("region"),
  ACCOUNT_ID("accountId"),
  AVAILABILITY_ZONE_IDS("availabilityZoneIds"),
  ACKNOWLEDGE_TWO_ZONES("acknowledgeTwoZones"),
  VPC_CIDR("vpcCidr"),
  INTERNET_EGRESS("internetEgress"),
  NAT_GATEWAY_PER_ZONE("natGatewayPerZone"),
  EXISTING_VPC_ID("existingVpcId"),
  EXISTING_PRIVATE_SUBNET_IDS("existingPrivateSubnetIds"),
  BOOTSTRAP_NETWORK_ONLY("bootstrapNetworkOnly"),
  EKS_VERSION("eksVersion"),
  CLUSTER_NAME("clusterName"),
  ENDPOINT_PUBLIC_ACCESS("endpointPublicAccess"),
  PUBLIC_ACCESS_CIDRS("publicAccessCidrs"),
  API_ACCESS_CIDRS("apiAccessCidrs"),
  ADMIN_PRINCIPAL_ARNS("adminPrincipalArns"),
  LOG_RETENTION_DAYS("logRetentionDays"),
  ADDON_VERSIONS("addonVersions"),
  EXISTING_CLUSTER_KUBECONFIG("existingClusterKubeconfig"),
  EXISTING_CLUSTER_OIDC_PROVIDER_ARN("existingClusterOidcProviderArn"),
  AWS_ENDPOINT_CIDRS("awsEndpointCidrs"),
  NODE_POOLS("nodePools"),
  BUCKET_NAME("bucketName"),
  DATA_PREFIX("dataPrefix"),
  BACKUP_PREFIX("backupPrefix"),
  NONCURRENT_VERSION_DAYS("noncurrentVersionDays"),
  OBJECT_AUDIT("objectAudit"),
  AUDIT_BUCKET_NAME("auditBucketName"),
  MILVUS_NAMESPACE("milvusNamespace"),
  TAGS("tags"),
  TIER("tier"),
  POLICY_PACK_CONFIG("policyPackConfig"),
  MILVUS_VERSION("milvusVersion"),
  MESSAGE_QUEUE("messageQueue"),
  IMAGE_REGISTRY("imageRegistry"),
  OPERATOR_CHART_VERSION("operatorChartVersion"),
  OPERATOR_CHART_REPOSITORY("operatorChartRepository"),
  MILVUS_COMPONENTS("milvusComponents"),
  ETCD("etcd"),
  PULSAR("pulsar"),
  COLLECTION("collection"),
  ROOT_PASSWORD("rootPassword"),
  TLS_SECRET_NAME("tlsSecretName"),
  TLS_ISSUER("tlsIssuer"),
  CERT_MANAGER("certManager"),
  CERT_MANAGER_CHART_REPOSITORY("certManagerChartRepository"),
  CLIENT_NAMESPACES("clientNamespaces"),
  MONITORING("monitoring"),
  MONITORING_STACK("monitoringStack"),
  PROMETHEUS_CHART_REPOSITORY("prometheusChartRepository"),
  MONITORING_NAMESPACE("monitoringNamespace"),
  OTEL_ENDPOINT("otelEndpoint"),
  LOG_LEVEL("logLevel"),
  QUOTAS("quotas"),
  BACKUP_SCHEDULE("backupSchedule"),
  BACKUP_IMAGE_TAG("backupImageTag"),
  COMPACTION("compaction"),
  READY_TIMEOUT_MINUTES("readyTimeoutMinutes"),
  COST_ASSUMPTIONS("costAssumptions");

  private final String key;

  ConfigKey(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  /** The default as the README states it (from the schema). */
  public String defaultText() {
    return ConfigSchema.defaultText(key);
  }

  /** What the key does (from the schema). */
  public String description() {
    return ConfigSchema.description(key);
  }

  public static Optional<ConfigKey> find(String key) {
    return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
  }
}
