package io.nomadx.sovereign.preflight;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image or OCI chart reference in a private ECR registry:
 * `<account>.dkr.ecr.<region>.amazonaws.com/<repository>` (ECR User Guide, "Private registry
 * concepts").
 */
record EcrRepository(String registryId, String region, String repository) {
  private static final Pattern HOST =
      Pattern.compile("(\\d{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com/(.+)");

  /** Parses `host/repository` (no tag, no scheme); empty when the host is not an ECR registry. */
  static Optional<EcrRepository> parse(String hostAndRepository) {
    Matcher m = HOST.matcher(hostAndRepository);
    return m.matches()
        ? Optional.of(new EcrRepository(m.group(1), m.group(2), m.group(3)))
        : Optional.empty();
  }
}
