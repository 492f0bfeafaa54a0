package io.nomadx.sovereign.preflight;

import io.nomadx.sovereign.config.Settings;
import java.util.Optional;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/**
 * Every image the stack's pods pull (Footprint.images) is in the mirror, by tag. For an ECR
 * registry in the stack's region: ECR API reference, DescribeImages with registryId, repositoryName
 * and imageIds[].imageTag; a missing repository is RepositoryNotFoundException, a missing tag
 * ImageNotFoundException. Another kind of registry is outside what AWS can answer: reported as not
 * checked.
 */
record ImagesCheck(Settings settings, Footprint footprint, AwsClients aws, Report report) {
  static final String CHECK = "images";

  void run() {
    int present = 0;
    for (Footprint.Image image : footprint.images()) {
      Optional<EcrRepository> repo = EcrRepository.parse(image.repositoryPath());
      if (repo.isEmpty() || !repo.get().region().equals(settings.region().name())) {
        report.notChecked(
            CHECK,
            image.reference()
                + ": imageRegistry is not an ECR registry in "
                + settings.region().name()
                + " (check that mirror by hand)");
        continue;
      }
      boolean[] ok = {false};
      Calls.guarded(
          report,
          CHECK,
          image.setting(),
          "ecr:DescribeImages",
          () -> ok[0] = present(image, repo.get()));
      present += ok[0] ? 1 : 0;
    }
    if (present > 0) {
      report.passed(CHECK, present + " image(s) present in the mirror by tag");
    }
    var m = settings.milvus();
    if (m.monitoring().enabled() && m.platform().monitoringStack().equals("full")) {
      report.notChecked(
          CHECK,
          "the images of kube-prometheus-stack (monitoringStack: full) are set by its chart's values, "
              + "which preflight does not render; list them with helm template and mirror them under imageRegistry");
    }
  }

  private boolean present(Footprint.Image image, EcrRepository repo) {
    String missing;
    String fix;
    String copy = "copy it in: crane copy " + image.upstream() + " " + image.reference();
    try {
      aws.ecr.describeImages(
          b ->
              b.registryId(repo.registryId())
                  .repositoryName(repo.repository())
                  .imageIds(ImageIdentifier.builder().imageTag(image.tag()).build()));
      return true;
    } catch (RepositoryNotFoundException e) {
      missing = "no repository " + repo.repository() + " in registry " + repo.registryId();
      fix =
          "aws ecr create-repository --repository-name "
              + repo.repository()
              + " --region "
              + repo.region()
              + " (encrypted with KMS, immutable tags), then "
              + copy;
    } catch (ImageNotFoundException e) {
      missing = "repository " + repo.repository() + " has no tag " + image.tag();
      fix = copy;
    }
    report.add(Finding.blocking(CHECK, image.setting(), missing, image.reference(), fix));
    return false;
  }
}
