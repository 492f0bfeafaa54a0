package io.nomadx.sovereign.plan;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * For every resource type the program uses: the inputs whose change makes the provider replace the
 * resource instead of updating it. The AWS entries are the arguments the provider documentation
 * (pulumi-aws 6.x, from the Terraform AWS provider's ForceNew schema) marks "changing this forces a
 * new resource"; the Kubernetes entries are the fields the API server holds immutable. A type
 * missing here is reported as "unknown: treat as replace".
 */
public final class ReplaceRules {
  private ReplaceRules() {}

  /** Kubernetes identity: a new name or namespace is a new object. */
  private static final List<String> K8S_IDENTITY =
      List.of("apiVersion", "kind", "metadata.name", "metadata.namespace");

  private static List<String> k8s(String... more) {
    return java.util.stream.Stream.concat(K8S_IDENTITY.stream(), java.util.Arrays.stream(more))
        .toList();
  }

  static final Map<String, List<String>> RULES =
      Map.ofEntries(
          // Providers: a new region or account means every resource of the provider is elsewhere.
          Map.entry("pulumi:providers:aws", List.of("region", "allowedAccountIds")),
          Map.entry("pulumi:providers:kubernetes", List.of()),
          // Network.
          Map.entry(
              "aws:ec2/vpc:Vpc",
              List.of("cidrBlock", "instanceTenancy", "ipv4IpamPoolId", "ipv4NetmaskLength")),
          Map.entry(
              "aws:ec2/subnet:Subnet",
              List.of(
                  "vpcId",
                  "cidrBlock",
                  "availabilityZone",
                  "availabilityZoneId",
                  "outpostArn",
                  "ipv6Native")),
          Map.entry("aws:ec2/internetGateway:InternetGateway", List.of()),
          Map.entry(
              "aws:ec2/eip:Eip",
              List.of(
                  "domain",
                  "address",
                  "customerOwnedIpv4Pool",
                  "networkBorderGroup",
                  "publicIpv4Pool",
                  "ipamPoolId")),
          Map.entry(
              "aws:ec2/natGateway:NatGateway",
              List.of("allocationId", "subnetId", "connectivityType", "privateIp")),
          Map.entry("aws:ec2/routeTable:RouteTable", List.of("vpcId")),
          Map.entry(
              "aws:ec2/route:Route",
              List.of(
                  "routeTableId",
                  "destinationCidrBlock",
                  "destinationIpv6CidrBlock",
                  "destinationPrefixListId")),
          Map.entry(
              "aws:ec2/routeTableAssociation:RouteTableAssociation",
              List.of("subnetId", "gatewayId")),
          Map.entry(
              "aws:ec2/vpcEndpoint:VpcEndpoint",
              List.of("vpcId", "serviceName", "vpcEndpointType", "serviceRegion")),
          Map.entry(
              "aws:ec2/securityGroup:SecurityGroup",
              List.of("name", "namePrefix", "vpcId", "description")),
          // Flow logs cannot be modified at all (EC2 API has no ModifyFlowLogs for these fields).
          Map.entry(
              "aws:ec2/flowLog:FlowLog",
              List.of(
                  "vpcId",
                  "subnetId",
                  "eniId",
                  "trafficType",
                  "logDestination",
                  "logDestinationType",
                  "iamRoleArn",
                  "maxAggregationInterval",
                  "logFormat",
                  "destinationOptions",
                  "deliverCrossAccountRole",
                  "transitGatewayId",
                  "transitGatewayAttachmentId")),
          // Launch templates get a new version instead; only the name is identity.
          Map.entry("aws:ec2/launchTemplate:LaunchTemplate", List.of("name", "namePrefix")),
          // Logs and keys.
          Map.entry(
              "aws:cloudwatch/logGroup:LogGroup", List.of("name", "namePrefix", "logGroupClass")),
          Map.entry(
              "aws:kms/key:Key",
              List.of(
                  "customerMasterKeySpec",
                  "keyUsage",
                  "multiRegion",
                  "customKeyStoreId",
                  "xksKeyId")),
          Map.entry("aws:kms/alias:Alias", List.of("name", "namePrefix")),
          Map.entry(
              "aws:kms/grant:Grant",
              List.of(
                  "keyId",
                  "granteePrincipal",
                  "operations",
                  "constraints",
                  "retiringPrincipal",
                  "name",
                  "grantCreationTokens")),
          // IAM.
          Map.entry("aws:iam/role:Role", List.of("name", "namePrefix", "path")),
          Map.entry("aws:iam/rolePolicy:RolePolicy", List.of("name", "namePrefix", "role")),
          Map.entry(
              "aws:iam/rolePolicyAttachment:RolePolicyAttachment", List.of("role", "policyArn")),
          Map.entry("aws:iam/openIdConnectProvider:OpenIdConnectProvider", List.of("url")),
          // EKS. Subnets and security groups update in place since Terraform AWS provider 5.25.0
          // (EKS UpdateClusterConfig, 2023); the secrets key and the creator-admin choice do not.
          Map.entry(
              "aws:eks/cluster:Cluster",
              List.of(
                  "name",
                  "roleArn",
                  "encryptionConfig",
                  "accessConfig.bootstrapClusterCreatorAdminPermissions",
                  "kubernetesNetworkConfig",
                  "outpostConfig",
                  "bootstrapSelfManagedAddons")),
          Map.entry(
              "aws:eks/nodeGroup:NodeGroup",
              List.of(
                  "clusterName",
                  "nodeGroupName",
                  "nodeGroupNamePrefix",
                  "nodeRoleArn",
                  "subnetIds",
                  "amiType",
                  "capacityType",
                  "diskSize",
                  "instanceTypes",
                  "remoteAccess")),
          Map.entry("aws:eks/addon:Addon", List.of("clusterName", "addonName")),
          Map.entry(
              "aws:eks/accessEntry:AccessEntry", List.of("clusterName", "principalArn", "type")),
          Map.entry(
              "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
              List.of("clusterName", "principalArn", "policyArn")),
          // S3: the bucket is identity for every bucket-level setting.
          Map.entry(
              "aws:s3/bucketV2:BucketV2", List.of("bucket", "bucketPrefix", "objectLockEnabled")),
          Map.entry(
              "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
              List.of("bucket", "expectedBucketOwner")),
          Map.entry(
              "aws:s3/bucketVersioningV2:BucketVersioningV2",
              List.of("bucket", "expectedBucketOwner")),
          Map.entry("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", List.of("bucket")),
          Map.entry("aws:s3/bucketOwnershipControls:BucketOwnershipControls", List.of("bucket")),
          Map.entry("aws:s3/bucketPolicy:BucketPolicy", List.of("bucket")),
          Map.entry(
              "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
              List.of("bucket", "expectedBucketOwner")),
          // Kubernetes: a StorageClass's parameters, provisioner and policies are immutable.
          Map.entry(
              "kubernetes:storage.k8s.io/v1:StorageClass",
              k8s(
                  "provisioner",
                  "parameters",
                  "reclaimPolicy",
                  "volumeBindingMode",
                  "allowedTopologies")),
          Map.entry("kubernetes:core/v1:Namespace", k8s()),
          Map.entry("kubernetes:core/v1:ServiceAccount", k8s()),
          Map.entry("kubernetes:core/v1:Secret", k8s("type")),
          Map.entry("kubernetes:core/v1:ConfigMap", k8s()),
          Map.entry("kubernetes:batch/v1:CronJob", k8s()),
          Map.entry(
              "kubernetes:batch/v1:Job", k8s("spec.template", "spec.selector", "spec.completions")),
          Map.entry("kubernetes:networking.k8s.io/v1:NetworkPolicy", k8s()),
          Map.entry("kubernetes:helm.sh/v3:Release", List.of("name", "namespace")),
          Map.entry("kubernetes:milvus.io/v1beta1:Milvus", k8s()),
          Map.entry("kubernetes:monitoring.coreos.com/v1:PodMonitor", k8s()),
          Map.entry("kubernetes:monitoring.coreos.com/v1:PrometheusRule", k8s()));

  /** Types whose replacement or deletion loses data or access to it. */
  static final Set<String> STATEFUL =
      Set.of(
          "aws:kms/key:Key",
          "aws:s3/bucketV2:BucketV2",
          "aws:eks/cluster:Cluster",
          "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
          "aws:cloudwatch/logGroup:LogGroup",
          "kubernetes:milvus.io/v1beta1:Milvus");

  /** The replace-on-change inputs of a type, or empty when the type has no table. */
  public static Optional<List<String>> forType(String type) {
    if (type.equals("pulumi:pulumi:Stack")
        || (!type.startsWith("pulumi:providers:") && type.startsWith("pulumi:"))
        || type.startsWith("sovereign:")) {
      return Optional.of(List.of()); // components and the stack have no inputs of their own
    }
    return Optional.ofNullable(RULES.get(type));
  }

  /** True when `path` (`vpcConfig.subnetIds[2]`) is `rule` or lies inside it. */
  static boolean covers(String rule, String path) {
    return path.equals(rule) || path.startsWith(rule + ".") || path.startsWith(rule + "[");
  }
}
