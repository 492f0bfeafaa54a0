package io.nomadx.sovereign.platform;

import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.resources.CustomResourceOptions;
import java.util.Map;

/**
 * The way every platform chart is installed: pinned, from the configured repository, atomic,
 * waiting.
 */
public final class HelmCharts {
  /** Helm waits this long for a release to become ready before rolling it back. */
  public static final int INSTALL_TIMEOUT_SECONDS = 600;

  private HelmCharts() {}

  /**
   * Prefix of a chart repository that is a local directory of chart archives
   * (Defaults.CHART_DIRECTORY_HELP).
   */
  public static final String DIRECTORY = "file://";

  public static Release install(
      String resourceName,
      String release,
      String chart,
      String version,
      String repository,
      String namespace,
      Map<String, Object> values,
      CustomResourceOptions options) {
    var args = ReleaseArgs.builder().name(release);
    if (repository.startsWith(DIRECTORY)) {
      // The archive of that exact version (the settings checked it exists); a path needs no
      // repository.
      args.chart(
          repository.substring(DIRECTORY.length()).replaceAll("/+$", "")
              + "/"
              + chart
              + "-"
              + version
              + ".tgz");
    } else {
      args.chart(chart)
          .version(version)
          .repositoryOpts(RepositoryOptsArgs.builder().repo(repository).build());
    }
    return new Release(
        resourceName,
        args.namespace(namespace)
            .values(Map.copyOf(values))
            .atomic(true)
            .cleanupOnFail(true)
            .waitForJobs(true)
            .timeout(INSTALL_TIMEOUT_SECONDS)
            .maxHistory(10)
            .build(),
        options);
  }
}
