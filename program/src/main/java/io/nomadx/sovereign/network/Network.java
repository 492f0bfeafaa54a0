package io.nomadx.sovereign.network;

import static io.nomadx.sovereign.support.PolicyDocument.condition;

import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.ec2.DefaultSecurityGroup;
import com.pulumi.aws.ec2.DefaultSecurityGroupArgs;
import com.pulumi.aws.ec2.Eip;
import com.pulumi.aws.ec2.EipArgs;
import com.pulumi.aws.ec2.FlowLog;
import com.pulumi.aws.ec2.FlowLogArgs;
import com.pulumi.aws.ec2.InternetGateway;
import com.pulumi.aws.ec2.InternetGatewayArgs;
import com.pulumi.aws.ec2.NatGateway;
import com.pulumi.aws.ec2.NatGatewayArgs;
import com.pulumi.aws.ec2.Route;
import com.pulumi.aws.ec2.RouteArgs;
import com.pulumi.aws.ec2.RouteTable;
import com.pulumi.aws.ec2.RouteTableArgs;
import com.pulumi.aws.ec2.RouteTableAssociation;
import com.pulumi.aws.ec2.RouteTableAssociationArgs;
import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.ec2.Subnet;
import com.pulumi.aws.ec2.SubnetArgs;
import com.pulumi.aws.ec2.Vpc;
import com.pulumi.aws.ec2.VpcArgs;
import com.pulumi.aws.ec2.VpcEndpoint;
import com.pulumi.aws.ec2.VpcEndpointArgs;
import com.pulumi.aws.ec2.inputs.SecurityGroupEgressArgs;
import com.pulumi.aws.ec2.inputs.SecurityGroupIngressArgs;
import com.pulumi.aws.ec2.inputs.VpcEndpointDnsOptionsArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import io.nomadx.sovereign.config.Cidr;
import io.nomadx.sovereign.config.Region;
import io.nomadx.sovereign.support.Children;
import io.nomadx.sovereign.support.PolicyDocument;
import io.nomadx.sovereign.support.PolicyDocument.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The VPC: private subnets for nodes in every configured zone, public subnets that hold only NAT
 * gateways, VPC endpoints so node traffic to AWS APIs stays private and in region, and flow logs to
 * a KMS-encrypted log group.
 */
public final class Network extends ComponentResource {
  /**
   * Interface endpoints, so nodes and pods reach the AWS APIs they call with no route to the
   * internet (AWS EKS User Guide, "Deploy private clusters with limited internet access", which
   * lists what a private cluster's nodes need):
   *
   * <ul>
   *   <li>ecr.api, ecr.dkr: image pulls from the in-region registry (layers come from S3, through
   *       the S3 gateway endpoint; AWS ECR User Guide, "Amazon ECR interface VPC endpoints");
   *   <li>sts: IRSA's AssumeRoleWithWebIdentity at the regional endpoint (Milvus, milvus-backup,
   *       the CNI and EBS CSI roles);
   *   <li>ec2: the VPC CNI's address management and the EBS CSI driver's volume calls;
   *   <li>logs: CloudWatch Logs, for a log agent on the nodes;
   *   <li>kms: workloads that use the keys directly (none of ours today; S3 and EC2 call KMS
   *       themselves);
   *   <li>eks: the EKS API from inside the VPC (nodes, the deploy runner);
   *   <li>s3: Milvus's segments and milvus-backup's copies. An interface endpoint besides the
   *       gateway one, with private DNS for all resolvers (PrivateDnsOnlyForInboundResolverEndpoint
   *       false: EC2 API reference, DnsOptionsSpecification; Amazon S3 User Guide, "AWS PrivateLink
   *       for Amazon S3", Private DNS), so that s3.&lt;region&gt;.amazonaws.com and the bucket's
   *       virtual-host name resolve inside the VPC to the endpoint's addresses in the endpoint
   *       subnets. Through the gateway they would go to S3's public ranges, which a pod's egress
   *       network policy could only allow by allowing the internet's addresses.
   * </ul>
   *
   * Every interface endpoint sits in the endpoint subnets ({@link SubnetLayout#endpointSubnet}).
   */
  public static final List<String> INTERFACE_ENDPOINTS =
      io.nomadx.sovereign.config.Defaults.INTERFACE_ENDPOINTS;

  public final Output<String> vpcId;

  /**
   * The endpoint subnets' ranges: the only addresses outside the cluster Milvus's pods may reach.
   */
  public final List<String> endpointSubnetCidrs;

  public final Output<List<String>> privateSubnetIds;
  public final Output<List<String>> publicSubnetIds;

  /**
   * @param internetEgress whether private subnets route to the internet (through NAT) at all
   * @param natPerZone one NAT per zone (prod) or one in the first zone (dev), with internet egress
   * @param logKeyArn the key flow logs are encrypted with
   */
  public record Args(
      String name,
      String vpcCidr,
      Region region,
      List<String> zoneIds,
      boolean internetEgress,
      boolean natPerZone,
      int flowLogRetentionDays,
      String accountId,
      Output<String> logKeyArn) {
    public Args {
      zoneIds = List.copyOf(zoneIds);
    }
  }

  public Network(String name, Args args, ComponentResourceOptions options) {
    super("sovereign:network:Network", name, options);
    var layout = new SubnetLayout(Cidr.parse(args.vpcCidr()).orElseThrow(), args.region());

    var vpc =
        new Vpc(
            name + "-vpc",
            VpcArgs.builder()
                .cidrBlock(args.vpcCidr())
                .enableDnsHostnames(true) // private DNS of interface endpoints needs both
                .enableDnsSupport(true)
                .tags(Map.of("Name", args.name()))
                .build(),
            Children.of(this));

    // Every VPC comes with a default security group that admits all traffic between its members
    // and all egress. Adopting it with no rules empties it, so a resource launched without a
    // group of its own gets no network access (CIS AWS Foundations 5.4).
    new DefaultSecurityGroup(
        name + "-default-sg",
        DefaultSecurityGroupArgs.builder()
            .vpcId(vpc.id())
            .tags(Map.of("Name", args.name() + "-default-deny"))
            .build(),
        Children.of(this));

    // With internet egress, public subnets hold only NAT gateways; without it there is no
    // internet gateway at all, and the private route tables route only inside the VPC and to S3.
    InternetGateway igw = null;
    RouteTable publicRoutes = null;
    if (args.internetEgress()) {
      igw =
          new InternetGateway(
              name + "-igw",
              InternetGatewayArgs.builder()
                  .vpcId(vpc.id())
                  .tags(Map.of("Name", args.name()))
                  .build(),
              Children.of(this));
      publicRoutes =
          new RouteTable(
              name + "-public",
              RouteTableArgs.builder()
                  .vpcId(vpc.id())
                  .tags(Map.of("Name", args.name() + "-public"))
                  .build(),
              Children.of(this));
      new Route(
          name + "-public-default",
          RouteArgs.builder()
              .routeTableId(publicRoutes.id())
              .destinationCidrBlock("0.0.0.0/0")
              .gatewayId(igw.id())
              .build(),
          Children.of(this));
    }

    var privateIds = new ArrayList<Output<String>>();
    var publicIds = new ArrayList<Output<String>>();
    var privateRouteTables = new ArrayList<Output<String>>();
    var endpointIds = new ArrayList<Output<String>>();
    NatGateway sharedNat = null;
    for (String zone : args.zoneIds()) {
      NatGateway nat = sharedNat;
      if (args.internetEgress()) {
        var pub =
            new Subnet(
                name + "-public-" + zone,
                SubnetArgs.builder()
                    .vpcId(vpc.id())
                    .availabilityZoneId(zone)
                    .cidrBlock(layout.publicSubnet(zone).toString())
                    .mapPublicIpOnLaunch(false) // nothing but NAT gateways lives here
                    .tags(Map.of("Name", args.name() + "-public-" + zone))
                    .build(),
                Children.of(this));
        publicIds.add(pub.id());
        new RouteTableAssociation(
            name + "-public-" + zone,
            RouteTableAssociationArgs.builder()
                .subnetId(pub.id())
                .routeTableId(publicRoutes.id())
                .build(),
            Children.of(this));
        if (args.natPerZone() || sharedNat == null) {
          var eip =
              new Eip(
                  name + "-nat-" + zone,
                  EipArgs.builder()
                      .domain("vpc")
                      .tags(Map.of("Name", args.name() + "-nat-" + zone))
                      .build(),
                  Children.of(this));
          nat =
              new NatGateway(
                  name + "-nat-" + zone,
                  NatGatewayArgs.builder()
                      .allocationId(eip.id())
                      .subnetId(pub.id())
                      .tags(Map.of("Name", args.name() + "-nat-" + zone))
                      .build(),
                  Children.of(this, igw));
          if (!args.natPerZone()) {
            sharedNat = nat;
          }
        }
      }

      var priv =
          new Subnet(
              name + "-private-" + zone,
              SubnetArgs.builder()
                  .vpcId(vpc.id())
                  .availabilityZoneId(zone)
                  .cidrBlock(layout.privateSubnet(zone).toString())
                  .mapPublicIpOnLaunch(false)
                  .tags(
                      Map.of(
                          "Name",
                          args.name() + "-private-" + zone,
                          "kubernetes.io/role/internal-elb",
                          "1"))
                  .build(),
              Children.of(this));
      privateIds.add(priv.id());
      var routes =
          new RouteTable(
              name + "-private-" + zone,
              RouteTableArgs.builder()
                  .vpcId(vpc.id())
                  .tags(Map.of("Name", args.name() + "-private-" + zone))
                  .build(),
              Children.of(this));
      if (nat != null) {
        new Route(
            name + "-private-" + zone + "-default",
            RouteArgs.builder()
                .routeTableId(routes.id())
                .destinationCidrBlock("0.0.0.0/0")
                .natGatewayId(nat.id())
                .build(),
            Children.of(this));
      }
      new RouteTableAssociation(
          name + "-private-" + zone,
          RouteTableAssociationArgs.builder().subnetId(priv.id()).routeTableId(routes.id()).build(),
          Children.of(this));
      privateRouteTables.add(routes.id());

      // Interface endpoints only; the zone's private route table (inside the VPC, and S3).
      var endpointSubnet =
          new Subnet(
              name + "-endpoints-" + zone,
              SubnetArgs.builder()
                  .vpcId(vpc.id())
                  .availabilityZoneId(zone)
                  .cidrBlock(layout.endpointSubnet(zone).toString())
                  .mapPublicIpOnLaunch(false)
                  .tags(Map.of("Name", args.name() + "-endpoints-" + zone))
                  .build(),
              Children.of(this));
      endpointIds.add(endpointSubnet.id());
      new RouteTableAssociation(
          name + "-endpoints-" + zone,
          RouteTableAssociationArgs.builder()
              .subnetId(endpointSubnet.id())
              .routeTableId(routes.id())
              .build(),
          Children.of(this));
    }

    Output<List<String>> privateSubnets = Output.all(privateIds);
    endpoints(name, args, vpc, Output.all(endpointIds), Output.all(privateRouteTables));
    flowLogs(name, args, vpc);

    this.vpcId = vpc.id();
    this.endpointSubnetCidrs =
        args.zoneIds().stream().map(z -> layout.endpointSubnet(z).toString()).toList();
    this.privateSubnetIds = privateSubnets;
    this.publicSubnetIds = Output.all(publicIds);
    registerOutputs(
        Map.of(
            "vpcId",
            vpcId,
            "privateSubnetIds",
            privateSubnetIds,
            "publicSubnetIds",
            publicSubnetIds));
  }

  private void endpoints(
      String name,
      Args args,
      Vpc vpc,
      Output<List<String>> subnets,
      Output<List<String>> routeTables) {
    String prefix = "com.amazonaws." + args.region().name() + ".";
    // S3's gateway endpoint stays: the route for anything that addresses S3's public ranges
    // directly from a node. Names resolve to the interface endpoint below (private DNS).
    new VpcEndpoint(
        name + "-s3",
        VpcEndpointArgs.builder()
            .vpcId(vpc.id())
            .serviceName(prefix + "s3")
            .vpcEndpointType("Gateway")
            .routeTableIds(routeTables)
            .tags(Map.of("Name", args.name() + "-s3"))
            .build(),
        Children.of(this));

    var endpointSg =
        new SecurityGroup(
            name + "-endpoints",
            SecurityGroupArgs.builder()
                .vpcId(vpc.id())
                .description("HTTPS from inside the VPC to AWS interface endpoints")
                .ingress(
                    SecurityGroupIngressArgs.builder()
                        .protocol("tcp")
                        .fromPort(443)
                        .toPort(443)
                        .cidrBlocks(args.vpcCidr())
                        .description("HTTPS from the VPC")
                        .build())
                .egress(
                    SecurityGroupEgressArgs.builder()
                        .protocol("-1")
                        .fromPort(0)
                        .toPort(0)
                        .cidrBlocks(args.vpcCidr())
                        .description("replies inside the VPC")
                        .build())
                .tags(Map.of("Name", args.name() + "-endpoints"))
                .build(),
            Children.of(this));

    for (String service : INTERFACE_ENDPOINTS) {
      var endpoint =
          VpcEndpointArgs.builder()
              .vpcId(vpc.id())
              .serviceName(prefix + service)
              .vpcEndpointType("Interface")
              .privateDnsEnabled(true)
              .subnetIds(subnets)
              .securityGroupIds(endpointSg.id().applyValue(List::of))
              .tags(Map.of("Name", args.name() + "-" + service));
      if (service.equals("s3")) {
        // In-VPC names go to this endpoint too, not only on-premises ones (see
        // INTERFACE_ENDPOINTS).
        endpoint.dnsOptions(
            VpcEndpointDnsOptionsArgs.builder()
                .privateDnsOnlyForInboundResolverEndpoint(false)
                .build());
      }
      // "-s3" is the gateway endpoint's name: the interface one is told apart.
      String resourceName =
          name + "-" + service.replace('.', '-') + (service.equals("s3") ? "-interface" : "");
      new VpcEndpoint(resourceName, endpoint.build(), Children.of(this));
    }
  }

  private void flowLogs(String name, Args args, Vpc vpc) {
    var logGroup =
        new LogGroup(
            name + "-flow-logs",
            LogGroupArgs.builder()
                .name("/aws/vpc/" + args.name() + "/flow-logs")
                .kmsKeyId(args.logKeyArn())
                .retentionInDays(args.flowLogRetentionDays())
                .build(),
            Children.stateful(this));

    String trust =
        PolicyDocument.create()
            .add(
                new Statement(
                    "FlowLogsDelivery",
                    "Allow",
                    Map.of("Service", "vpc-flow-logs.amazonaws.com"),
                    List.of("sts:AssumeRole"),
                    List.of(),
                    condition("StringEquals", "aws:SourceAccount", args.accountId())))
            .toJson();
    var role =
        new Role(
            name + "-flow-logs",
            RoleArgs.builder().name(args.name() + "-flow-logs").assumeRolePolicy(trust).build(),
            Children.of(this));
    new RolePolicy(
        name + "-flow-logs",
        RolePolicyArgs.builder()
            .role(role.name())
            .policy(
                logGroup
                    .arn()
                    .applyValue(
                        arn ->
                            PolicyDocument.create()
                                .allow(
                                    "WriteFlowLogs",
                                    List.of(
                                        "logs:CreateLogStream",
                                        "logs:PutLogEvents",
                                        "logs:DescribeLogStreams"),
                                    List.of(arn, arn + ":*"))
                                .toJson()))
            .build(),
        Children.of(this));
    new FlowLog(
        name + "-flow-logs",
        FlowLogArgs.builder()
            .vpcId(vpc.id())
            .trafficType("ALL")
            .logDestinationType("cloud-watch-logs")
            .logDestination(logGroup.arn())
            .iamRoleArn(role.arn())
            .maxAggregationInterval(60)
            .tags(new LinkedHashMap<>(Map.of("Name", args.name() + "-flow-logs")))
            .build(),
        Children.of(this));
  }
}
