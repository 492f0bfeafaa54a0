package io.nomadx.sovereign.network;

import com.pulumi.aws.ec2.Ec2Functions;
import com.pulumi.aws.ec2.inputs.GetSubnetArgs;
import com.pulumi.aws.ec2.inputs.GetVpcArgs;
import com.pulumi.aws.ec2.outputs.GetSubnetResult;
import com.pulumi.aws.ec2.outputs.GetVpcResult;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A VPC and private subnets a landing zone provides (config {@code existingVpcId}, {@code
 * existingPrivateSubnetIds}). The stack creates nothing in it here: no subnets, routes, gateways,
 * endpoints or flow logs; those are the landing zone's.
 *
 * <p>The offline plan takes the config's word for where each subnet lies. `pulumi preview` and
 * `pulumi up` read the VPC and each subnet from AWS (ec2:DescribeVpcs, ec2:DescribeSubnets, through
 * the stack's provider, so in its region and account) and {@link #privateSubnetIds} fails, which
 * stops the program before the cluster is registered, when AWS disagrees with what EKS and this
 * stack need (AWS EKS User Guide, "View Amazon EKS networking requirements for VPC and subnets"):
 *
 * <ul>
 *   <li>the VPC has DNS support and DNS hostnames, without which nodes cannot register with the
 *       cluster;
 *   <li>each subnet lies in the configured VPC and in the AZ ID the config gives it;
 *   <li>no subnet gives instances a public IP on launch (nodes stay private);
 *   <li>each subnet carries {@value #INTERNAL_ELB_TAG} = 1, which is how Kubernetes load balancer
 *       controllers find the subnets for an internal load balancer; without it one may be placed in
 *       another subnet of the VPC. The network the stack creates tags its subnets the same way.
 * </ul>
 *
 * A subnet or VPC that does not exist in the stack's account and region fails the same read, so a
 * subnet from another region is refused too.
 */
public final class ExistingNetwork extends ComponentResource {
  public static final String INTERNAL_ELB_TAG = "kubernetes.io/role/internal-elb";

  public final Output<String> vpcId;

  /** The given subnets in zone order, once AWS has confirmed them; a mismatch fails this output. */
  public final Output<List<String>> privateSubnetIds;

  /**
   * @param subnetsByZone AZ ID to subnet id, in the stack's zone order
   * @param project the config namespace, so a problem names the key to fix
   */
  public record Args(String vpcId, Map<String, String> subnetsByZone, String project) {
    public Args {
      subnetsByZone =
          java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(subnetsByZone));
    }
  }

  /** What AWS said about one subnet, beside the zone the config gave it. */
  record SubnetFacts(String zone, String subnetId, GetSubnetResult aws) {}

  public ExistingNetwork(String name, Args args, ComponentResourceOptions options) {
    super("sovereign:network:ExistingNetwork", name, options);
    // No provider named: the reads resolve the component's own (see support/Children), so they
    // ask the stack's region and account.
    var invoke = new InvokeOptions(this, null, null);
    Output<GetVpcResult> vpc =
        Ec2Functions.getVpc(GetVpcArgs.builder().id(args.vpcId()).build(), invoke);
    var subnets = new ArrayList<Output<SubnetFacts>>();
    args.subnetsByZone()
        .forEach(
            (zone, id) ->
                subnets.add(
                    Ec2Functions.getSubnet(GetSubnetArgs.builder().id(id).build(), invoke)
                        .applyValue(s -> new SubnetFacts(zone, id, s))));
    this.vpcId = Output.of(args.vpcId());
    this.privateSubnetIds =
        Output.tuple(vpc, Output.all(subnets))
            .applyValue(
                t -> {
                  var problems = problems(args.project(), args.vpcId(), t.t1, t.t2);
                  if (!problems.isEmpty()) {
                    throw new ExistingNetworkMismatch(problems);
                  }
                  return List.copyOf(args.subnetsByZone().values());
                });
    registerOutputs(
        Map.of(
            "vpcId",
            vpcId,
            "privateSubnetIds",
            privateSubnetIds,
            "subnetsByZone",
            Output.of(args.subnetsByZone())));
  }

  /**
   * Every way AWS's answer differs from what the config states and the stack needs; empty when it
   * fits.
   */
  static List<String> problems(
      String project, String vpcId, GetVpcResult vpc, List<SubnetFacts> subnets) {
    var out = new ArrayList<String>();
    String vpcKey = project + ":existingVpcId";
    if (!Boolean.TRUE.equals(vpc.enableDnsSupport())
        || !Boolean.TRUE.equals(vpc.enableDnsHostnames())) {
      out.add(
          vpcKey
              + ": "
              + vpcId
              + " has enableDnsSupport "
              + vpc.enableDnsSupport()
              + " and enableDnsHostnames "
              + vpc.enableDnsHostnames()
              + "; EKS needs both true (nodes cannot register otherwise, and private endpoints need them)");
    }
    for (SubnetFacts f : subnets) {
      String key = project + ":existingPrivateSubnetIds." + f.zone();
      GetSubnetResult s = f.aws();
      if (!Objects.equals(s.vpcId(), vpcId)) {
        out.add(
            key + ": " + f.subnetId() + " is in " + s.vpcId() + ", not in existingVpcId " + vpcId);
      }
      if (!Objects.equals(s.availabilityZoneId(), f.zone())) {
        out.add(
            key
                + ": "
                + f.subnetId()
                + " is in AZ "
                + s.availabilityZoneId()
                + " ("
                + s.availabilityZone()
                + "), not "
                + f.zone()
                + "; key each subnet by the AZ ID AWS reports for it");
      }
      if (Boolean.TRUE.equals(s.mapPublicIpOnLaunch())) {
        out.add(
            key
                + ": "
                + f.subnetId()
                + " maps public IPs on launch; a private subnet is needed (nodes get no public address)");
      }
      String tag = s.tags() == null ? null : s.tags().get(INTERNAL_ELB_TAG);
      if (!"1".equals(tag)) {
        out.add(
            key
                + ": "
                + f.subnetId()
                + " has "
                + (tag == null
                    ? "no tag " + INTERNAL_ELB_TAG
                    : "tag " + INTERNAL_ELB_TAG + "=" + tag)
                + "; it needs "
                + INTERNAL_ELB_TAG
                + "=1 so an internal load balancer is placed in these subnets");
      }
    }
    return out;
  }

  /**
   * The landing zone's network is not what the stack's config says: raised at preview or up, before
   * the cluster.
   */
  public static final class ExistingNetworkMismatch extends RuntimeException {
    ExistingNetworkMismatch(List<String> problems) {
      super(
          "the existing network does not fit this stack ("
              + problems.size()
              + (problems.size() == 1 ? " problem" : " problems")
              + ", as AWS reports it):\n  - "
              + String.join("\n  - ", problems));
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }
}
