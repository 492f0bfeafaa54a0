package io.nomadx.sovereign.preflight;

import io.nomadx.sovereign.config.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.eks.model.AddonInfo;
import software.amazon.awssdk.services.eks.model.AddonVersionInfo;
import software.amazon.awssdk.services.eks.model.ClusterVersionInformation;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * What EKS in this region offers for the pinned `eksVersion`: the version itself (EKS API
 * reference, DescribeClusterVersions: clusterVersions[].clusterVersion, versionStatus UNSUPPORTED |
 * STANDARD_SUPPORT | EXTENDED_SUPPORT), each pinned add-on build (DescribeAddonVersions with
 * addonName and kubernetesVersion: addons[].addonVersions[].addonVersion, with
 * compatibilities[].clusterVersion and defaultVersion), and the AL2023 node AMI of each pool's
 * architecture (EKS User Guide, "Retrieve recommended Amazon Linux AMI IDs": the public SSM
 * parameter
 * /aws/service/eks/optimized-ami/<version>/amazon-linux-2023/<x86_64|arm64>/standard/recommended/release_version,
 * read with SSM GetParameter).
 */
record EksCheck(Settings settings, Footprint footprint, AwsClients aws, Report report) {
  static final String CHECK = "eks";

  void run() {
    if (!footprint.createsCluster()) {
      return;
    }
    String version = settings.cluster().version();
    boolean[] offered = {true};
    Calls.guarded(
        report,
        CHECK,
        "eksVersion",
        "eks:DescribeClusterVersions",
        () -> offered[0] = clusterVersion(version));
    if (!offered[0]) {
      return; // add-ons and AMIs of a version EKS does not offer here would only repeat the finding
    }
    for (var e : new TreeMap<>(settings.cluster().addonVersions()).entrySet()) {
      Calls.guarded(
          report,
          CHECK,
          "addonVersions." + e.getKey(),
          "eks:DescribeAddonVersions",
          () -> addon(version, e.getKey(), e.getValue()));
    }
    var arches = new TreeSet<String>();
    footprint.pools().forEach(p -> arches.add(Footprint.architecture(p)));
    for (String arch : arches) {
      Calls.guarded(report, CHECK, "eksVersion", "ssm:GetParameter", () -> ami(version, arch));
    }
  }

  /** False when this region offers no such EKS version (a finding says so). */
  private boolean clusterVersion(String version) {
    List<ClusterVersionInformation> found = new ArrayList<>();
    aws.eks
        .describeClusterVersionsPaginator(b -> b.clusterVersions(version).includeAll(true))
        .clusterVersions()
        .forEach(found::add);
    Optional<ClusterVersionInformation> info =
        found.stream().filter(v -> version.equals(v.clusterVersion())).findFirst();
    if (info.isEmpty()) {
      report.add(
          Finding.blocking(
              CHECK,
              "eksVersion",
              "EKS in " + settings.region().name() + " offers no Kubernetes " + version,
              "Kubernetes " + version + " offered for new clusters",
              "set eksVersion to a version `aws eks describe-cluster-versions --region "
                  + settings.region().name()
                  + "` lists"));
      return false;
    }
    String status = String.valueOf(info.get().versionStatusAsString());
    switch (status) {
      case "STANDARD_SUPPORT" ->
          report.passed(CHECK, "Kubernetes " + version + " in standard support");
      case "EXTENDED_SUPPORT" ->
          report.add(
              Finding.warning(
                  CHECK,
                  "eksVersion",
                  "Kubernetes "
                      + version
                      + " is in extended support"
                      + (info.get().endOfExtendedSupportDate() == null
                          ? ""
                          : " until " + info.get().endOfExtendedSupportDate()),
                  "a version in standard support (extended support is billed extra per cluster hour)",
                  "plan the upgrade: set eksVersion to a newer version in standard support"));
      default -> {
        report.add(
            Finding.blocking(
                CHECK,
                "eksVersion",
                "Kubernetes " + version + " is " + status,
                "a supported version",
                "set eksVersion to a version in standard support"));
        return false;
      }
    }
    return true;
  }

  private void addon(String version, String name, String pinned) {
    var compatible = new ArrayList<AddonVersionInfo>();
    aws
        .eks
        .describeAddonVersionsPaginator(b -> b.addonName(name).kubernetesVersion(version))
        .addons()
        .stream()
        .filter(a -> name.equals(a.addonName()))
        .map(AddonInfo::addonVersions)
        .forEach(
            vs ->
                vs.stream()
                    .filter(
                        v ->
                            v.compatibilities().stream()
                                .anyMatch(c -> version.equals(c.clusterVersion())))
                    .forEach(compatible::add));
    if (compatible.stream().anyMatch(v -> pinned.equals(v.addonVersion()))) {
      report.passed(CHECK, "add-on " + name + " " + pinned + " published for " + version);
      return;
    }
    Optional<String> dflt =
        compatible.stream()
            .filter(
                v ->
                    v.compatibilities().stream()
                        .anyMatch(
                            c ->
                                version.equals(c.clusterVersion())
                                    && Boolean.TRUE.equals(c.defaultVersion())))
            .map(AddonVersionInfo::addonVersion)
            .findFirst();
    List<String> offered =
        compatible.stream().map(AddonVersionInfo::addonVersion).limit(5).toList();
    report.add(
        Finding.blocking(
            CHECK,
            "addonVersions." + name,
            offered.isEmpty()
                ? "no "
                    + name
                    + " build for Kubernetes "
                    + version
                    + " in "
                    + settings.region().name()
                : name
                    + " builds for "
                    + version
                    + " here: "
                    + String.join(", ", offered)
                    + (compatible.size() > 5 ? ", ..." : ""),
            name + " " + pinned + " published for Kubernetes " + version,
            dflt.map(
                    d ->
                        "set addonVersions."
                            + name
                            + " to "
                            + d
                            + " (EKS's default for "
                            + version
                            + ")")
                .orElse(
                    "set addonVersions."
                        + name
                        + " to a build `aws eks describe-addon-versions --addon-name "
                        + name
                        + " --kubernetes-version "
                        + version
                        + "` lists")));
  }

  private void ami(String version, String arch) {
    String parameter =
        "/aws/service/eks/optimized-ami/"
            + version
            + "/amazon-linux-2023/"
            + arch
            + "/standard/recommended/release_version";
    try {
      String release = aws.ssm.getParameter(b -> b.name(parameter)).parameter().value();
      report.passed(CHECK, "AL2023 " + arch + " node AMI for " + version + ": release " + release);
    } catch (ParameterNotFoundException e) {
      List<String> pools =
          footprint.pools().stream()
              .filter(p -> Footprint.architecture(p).equals(arch))
              .map(p -> "nodePools." + p.role().configKey())
              .toList();
      report.add(
          Finding.blocking(
              CHECK,
              "eksVersion",
              "no AL2023 "
                  + arch
                  + " EKS AMI for "
                  + version
                  + " in "
                  + settings.region().name()
                  + " ("
                  + parameter
                  + " not found)",
              "an AL2023_"
                  + (arch.equals("arm64") ? "ARM_64" : "x86_64")
                  + "_STANDARD AMI for "
                  + String.join(", ", pools),
              arch.equals("arm64")
                  ? "use x86_64 instance types in those pools, or an eksVersion whose arm64 AMI is published"
                  : "set eksVersion to a version whose AMI is published here"));
    }
  }
}
