package io.nomadx.sovereign.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.nomadx.sovereign.config.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/**
 * Every chart the stack installs is in its configured repository, at the pinned version:
 *
 * <ul>
 *   <li>https: the repository's index.yaml (Helm docs, "The Chart Repository Guide": `entries` maps
 *       each chart name to its versions) lists that version;
 *   <li>file:// (a directory on the deploy runner): `<chart>-<version>.tgz` is a gzip tar whose
 *       `<chart>/Chart.yaml` names that chart and version (Helm docs, "Charts": the Chart.yaml
 *       file);
 *   <li>oci:// in an ECR registry of the region: the chart is an image `<path>/<chart>` tagged with
 *       the version (ECR User Guide, "Pushing a Helm chart"), asked with ecr:DescribeImages.
 * </ul>
 *
 * Another OCI registry is reported as not checked.
 */
final class ChartsCheck {
  static final String CHECK = "charts";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Settings settings;
  private final Footprint footprint;
  private final AwsClients aws;
  private final HttpClient http;
  private final Report report;
  private final Map<String, Object> indexes =
      new HashMap<>(); // repository -> JsonNode or error text

  ChartsCheck(
      Settings settings, Footprint footprint, AwsClients aws, HttpClient http, Report report) {
    this.settings = settings;
    this.footprint = footprint;
    this.aws = aws;
    this.http = http;
    this.report = report;
  }

  void run() {
    for (Footprint.Chart chart : footprint.charts()) {
      String repo = chart.repository();
      if (repo.startsWith("file://")) {
        archive(chart);
      } else if (repo.startsWith("oci://")) {
        Calls.guarded(report, CHECK, chart.setting(), "ecr:DescribeImages", () -> oci(chart));
      } else {
        index(chart);
      }
    }
  }

  private void index(Footprint.Chart chart) {
    String base = chart.repository().replaceAll("/+$", "");
    Object index = indexes.computeIfAbsent(base, this::fetchIndex);
    if (index instanceof String error) {
      report.add(
          Finding.blocking(
              CHECK,
              chart.setting(),
              error,
              chart.name() + " " + chart.version() + " from " + base,
              "make "
                  + base
                  + "/index.yaml reachable from the deploy runner without credentials (Helm fetches it the same way), or use a file:// mirror"));
      return;
    }
    List<String> versions = new ArrayList<>();
    ((JsonNode) index)
        .path("entries")
        .path(chart.name())
        .forEach(v -> versions.add(v.path("version").asText()));
    if (versions.stream().anyMatch(v -> sameVersion(v, chart.version()))) {
      report.passed(
          CHECK, chart.name() + " " + chart.version() + " listed in " + base + "/index.yaml");
    } else {
      report.add(
          Finding.blocking(
              CHECK,
              chart.setting(),
              versions.isEmpty()
                  ? "no chart " + chart.name() + " in " + base + "/index.yaml"
                  : chart.name()
                      + " versions "
                      + String.join(", ", versions.stream().limit(5).toList())
                      + (versions.size() > 5 ? ", ..." : ""),
              chart.name() + " " + chart.version(),
              "mirror it: helm pull "
                  + chart.name()
                  + " --version "
                  + chart.version()
                  + " from upstream, add it to the repository and regenerate index.yaml (helm repo index)"));
    }
  }

  /** Helm accepts a version with or without the leading v (semver). */
  private static boolean sameVersion(String a, String b) {
    return a.replaceFirst("^v", "").equals(b.replaceFirst("^v", ""));
  }

  private Object fetchIndex(String base) {
    try {
      HttpResponse<InputStream> r =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/index.yaml"))
                  .timeout(Duration.ofSeconds(30))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = r.body()) {
        if (r.statusCode() != 200) {
          return base + "/index.yaml answered HTTP " + r.statusCode();
        }
        JsonNode node = YAML.readTree(body);
        return node == null ? YAML.createObjectNode() : node;
      }
    } catch (IOException e) {
      return base + "/index.yaml unreachable or unreadable (" + Calls.firstLine(e.toString()) + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return base + "/index.yaml: interrupted";
    }
  }

  private void archive(Footprint.Chart chart) {
    Path file =
        Path.of(chart.repository().substring("file://".length()))
            .resolve(chart.name() + "-" + chart.version() + ".tgz");
    Optional<String> problem = archiveProblem(file, chart);
    if (problem.isEmpty()) {
      report.passed(
          CHECK, chart.name() + " " + chart.version() + " archive in " + chart.repository());
    } else {
      report.add(
          Finding.blocking(
              CHECK,
              chart.setting(),
              problem.get(),
              chart.name() + " " + chart.version() + " as " + file.getFileName(),
              "replace it with the chart's own archive: helm pull "
                  + chart.name()
                  + " --version "
                  + chart.version()
                  + " -d "
                  + file.getParent()));
    }
  }

  /**
   * What is wrong with the archive of {@code chart} at {@code file}; empty when it is that chart.
   */
  private static Optional<String> archiveProblem(Path file, Footprint.Chart chart) {
    Optional<String> text;
    try {
      text = chartYaml(file);
    } catch (IOException | RuntimeException e) {
      return Optional.of(
          file
              + " is not a readable chart archive ("
              + Calls.firstLine(String.valueOf(e.getMessage()))
              + ")");
    }
    if (text.isEmpty()) {
      return Optional.of(file + " has no " + chart.name() + "/Chart.yaml");
    }
    try {
      JsonNode meta = YAML.readTree(text.get());
      String name = meta.path("name").asText();
      String version = meta.path("version").asText();
      if (!name.equals(chart.name()) || !sameVersion(version, chart.version())) {
        return Optional.of(file + " holds chart " + name + " " + version);
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(file + " has an unreadable Chart.yaml");
    }
  }

  /**
   * The text of {@code <chart>/Chart.yaml} in a gzip tar (POSIX ustar headers of 512 bytes), if
   * any.
   */
  static Optional<String> chartYaml(Path tgz) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(tgz))) {
      byte[] header = new byte[512];
      while (in.readNBytes(header, 0, 512) == 512) {
        String name = field(header, 0, 100);
        if (name.isEmpty()) {
          return Optional.empty(); // end-of-archive block
        }
        String prefix = field(header, 345, 155);
        String path = prefix.isEmpty() ? name : prefix + "/" + name;
        long size =
            Long.parseLong(
                field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(), 8);
        byte[] content = in.readNBytes((int) Math.min(size, 1 << 20));
        long rest = size - content.length + (512 - size % 512) % 512;
        in.skipNBytes(rest);
        if (path.matches("[^/]+/Chart\\.yaml")) {
          return Optional.of(new String(content, StandardCharsets.UTF_8));
        }
      }
    }
    return Optional.empty();
  }

  private static String field(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.UTF_8);
  }

  private void oci(Footprint.Chart chart) {
    String rest =
        chart.repository().substring("oci://".length()).replaceAll("/+$", "") + "/" + chart.name();
    Optional<EcrRepository> repo = EcrRepository.parse(rest);
    if (repo.isEmpty() || !repo.get().region().equals(settings.region().name())) {
      report.notChecked(
          CHECK,
          chart.repository()
              + ": not an ECR registry in "
              + settings.region().name()
              + " (check "
              + chart.name()
              + " "
              + chart.version()
              + " by hand)");
      return;
    }
    String problem;
    try {
      aws.ecr.describeImages(
          b ->
              b.registryId(repo.get().registryId())
                  .repositoryName(repo.get().repository())
                  .imageIds(ImageIdentifier.builder().imageTag(chart.version()).build()));
      report.passed(CHECK, chart.name() + " " + chart.version() + " in " + chart.repository());
      return;
    } catch (RepositoryNotFoundException e) {
      problem =
          "no repository " + repo.get().repository() + " in registry " + repo.get().registryId();
    } catch (ImageNotFoundException e) {
      problem = "repository " + repo.get().repository() + " has no tag " + chart.version();
    }
    report.add(
        Finding.blocking(
            CHECK,
            chart.setting(),
            problem,
            chart.name() + " " + chart.version(),
            "helm push " + chart.name() + "-" + chart.version() + ".tgz " + chart.repository()));
  }
}
