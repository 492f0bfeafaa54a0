package io.nomadx.sovereign.preflight;

import io.nomadx.sovereign.config.NodePoolSettings;
import io.nomadx.sovereign.config.Settings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;

/**
 * On-Demand vCPU quotas against the node pools. EC2 counts running On-Demand instances in vCPUs per
 * instance class, one quota each (EC2 User Guide, "Amazon EC2 instance type quotas"): Standard (A,
 * C, D, H, I, M, R, T, Z) is ec2/L-1216C47A, so the memory-optimized R and z1d QueryNode pools
 * share it with the general pools, while the memory-optimized X families have their own,
 * ec2/L-7295265B. New accounts and newly opted-in regions start with a few vCPUs of each.
 *
 * <p>Needed: each pool's desiredSize (what `pulumi up` launches) times the vCPUs of its largest
 * type, plus what already runs in the class; maxSize only warns (a later resize would fail).
 */
record VcpuQuotaCheck(Settings settings, Footprint footprint, AwsClients aws, Report report) {
  static final String CHECK = "quota";

  /** A vCPU quota class of On-Demand instances. */
  enum VcpuClass {
    STANDARD(
        "L-1216C47A",
        "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances",
        Pattern.compile("[acdhimrtz]\\d.*")),
    X("L-7295265B", "Running On-Demand X instances", Pattern.compile("x\\d.*"));

    final String quotaCode;
    final String quotaName;
    private final Pattern families;

    VcpuClass(String quotaCode, String quotaName, Pattern families) {
      this.quotaCode = quotaCode;
      this.quotaName = quotaName;
      this.families = families;
    }

    static Optional<VcpuClass> of(String instanceType) {
      String family = Footprint.family(instanceType);
      for (VcpuClass c : values()) {
        if (c.families.matcher(family).matches()) {
          return Optional.of(c);
        }
      }
      return Optional.empty();
    }
  }

  void run() {
    if (footprint.pools().isEmpty()) {
      return;
    }
    Calls.guarded(
        report,
        CHECK,
        "nodePools",
        "ec2:DescribeInstanceTypes, ec2:DescribeInstances, servicequotas:GetServiceQuota",
        this::check);
  }

  private void check() {
    var poolTypes = new TreeSet<String>();
    footprint.pools().forEach(p -> poolTypes.addAll(p.instanceTypes()));
    Map<String, Integer> vcpus = vcpus(poolTypes);
    Map<String, Integer> running = runningByType();
    var extra = new TreeSet<>(running.keySet());
    extra.removeAll(vcpus.keySet());
    vcpus.putAll(vcpus(extra));

    var desired = new LinkedHashMap<VcpuClass, Integer>();
    var max = new LinkedHashMap<VcpuClass, Integer>();
    var pools = new LinkedHashMap<VcpuClass, List<String>>();
    for (NodePoolSettings pool : footprint.pools()) {
      // Worst case: every node of the pool launches as its largest type.
      String largest = null;
      for (String t : pool.instanceTypes()) {
        if (vcpus.containsKey(t) && (largest == null || vcpus.get(t) > vcpus.get(largest))) {
          largest = t;
        }
      }
      String key = "nodePools." + pool.role().configKey();
      if (largest == null) {
        continue; // no type of the pool exists in the region: the offerings check reports it
      }
      Optional<VcpuClass> cls = VcpuClass.of(largest);
      if (cls.isEmpty()) {
        report.notChecked(
            CHECK, key + ": no On-Demand vCPU quota known to preflight for " + largest);
        continue;
      }
      int each = vcpus.get(largest);
      desired.merge(cls.get(), pool.desiredSize() * each, Integer::sum);
      max.merge(cls.get(), pool.maxSize() * each, Integer::sum);
      pools
          .computeIfAbsent(cls.get(), c -> new ArrayList<>())
          .add(key + " " + pool.desiredSize() + "x" + largest + " (" + each + " vCPU)");
    }
    for (var e : desired.entrySet()) {
      VcpuClass cls = e.getKey();
      int inUse = 0;
      for (var r : running.entrySet()) {
        if (VcpuClass.of(r.getKey()).orElse(null) == cls && vcpus.containsKey(r.getKey())) {
          inUse += r.getValue() * vcpus.get(r.getKey());
        }
      }
      Optional<ServiceQuota> quota = ServiceQuota.lookup(aws.quotas, "ec2", cls.quotaCode);
      String setting = "nodePools";
      if (quota.isEmpty()) {
        report.add(
            Finding.blocking(
                CHECK,
                setting,
                "no value for quota ec2/" + cls.quotaCode + " in Service Quotas",
                e.getValue() + " vCPUs of " + cls.quotaName,
                "check the quota in the Service Quotas console for " + settings.region().name()));
        continue;
      }
      ServiceQuota q = quota.get();
      int needDesired = inUse + e.getValue();
      int needMax = inUse + max.get(cls);
      String has = q.describe() + " vCPUs; " + inUse + " already running in this class";
      if (needDesired > q.value()) {
        report.add(
            Finding.blocking(
                CHECK,
                setting,
                has,
                needDesired
                    + " vCPUs: "
                    + e.getValue()
                    + " to launch "
                    + String.join(", ", pools.get(cls))
                    + ", plus "
                    + inUse
                    + " running",
                "request the increase (room for maxSize too): "
                    + q.increase(needMax, settings.region().name())));
      } else if (needMax > q.value()) {
        report.add(
            Finding.warning(
                CHECK,
                setting,
                has,
                needMax
                    + " vCPUs to grow the pools to maxSize ("
                    + needDesired
                    + " at desiredSize fit)",
                q.increase(needMax, settings.region().name())));
      } else {
        report.passed(
            CHECK,
            "ec2/"
                + cls.quotaCode
                + " "
                + q.whole()
                + " vCPUs hold "
                + needDesired
                + " at desiredSize and "
                + needMax
                + " at maxSize ("
                + inUse
                + " already running)");
      }
    }
  }

  /**
   * vCPUs of each type that exists in the region (EC2 API reference, DescribeInstanceTypes:
   * InstanceTypes[].VCpuInfo.DefaultVCpus). An unknown type fails the whole call with
   * InvalidInstanceType, so the types are then asked one by one and the unknown ones left out.
   */
  private Map<String, Integer> vcpus(java.util.Collection<String> types) {
    var out = new HashMap<String, Integer>();
    if (types.isEmpty()) {
      return out;
    }
    try {
      aws.ec2
          .describeInstanceTypesPaginator(b -> b.instanceTypesWithStrings(types))
          .instanceTypes()
          .forEach(i -> out.put(i.instanceTypeAsString(), defaultVcpus(i)));
    } catch (Ec2Exception e) {
      if (types.size() == 1
          || !String.valueOf(e.awsErrorDetails().errorCode()).startsWith("InvalidInstanceType")) {
        if (types.size() == 1
            && String.valueOf(e.awsErrorDetails().errorCode()).startsWith("InvalidInstanceType")) {
          return out;
        }
        throw e;
      }
      for (String t : types) {
        out.putAll(vcpus(List.of(t)));
      }
    }
    return out;
  }

  private static int defaultVcpus(InstanceTypeInfo i) {
    return i.vCpuInfo() == null || i.vCpuInfo().defaultVCpus() == null
        ? 0
        : i.vCpuInfo().defaultVCpus();
  }

  /**
   * Running and pending instances by type (EC2 API reference, DescribeInstances, filter
   * instance-state-name).
   */
  private Map<String, Integer> runningByType() {
    var out = new HashMap<String, Integer>();
    aws.ec2
        .describeInstancesPaginator(
            b ->
                b.filters(
                    Filter.builder()
                        .name("instance-state-name")
                        .values("pending", "running")
                        .build()))
        .reservations()
        .forEach(
            r -> r.instances().forEach(i -> out.merge(i.instanceTypeAsString(), 1, Integer::sum)));
    return out;
  }
}
