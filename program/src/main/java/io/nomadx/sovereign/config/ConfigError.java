package io.nomadx.sovereign.config;

import java.util.List;

/**
 * Every problem found in a stack's configuration, raised before any resource is registered. Each
 * problem names the key, the bad value and what is allowed, so a user can fix all of them in one
 * pass instead of one `pulumi preview` per typo.
 */
public final class ConfigError extends RuntimeException {
  private final List<Problem> problems;

  /**
   * One bad setting: the full config key, the value as the user wrote it, what would be accepted.
   */
  public record Problem(String key, String value, String allowed) {
    @Override
    public String toString() {
      return key + ": got " + value + "; allowed: " + allowed;
    }
  }

  public ConfigError(List<Problem> problems) {
    super(render(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigError needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  public static ConfigError of(String key, String value, String allowed) {
    return new ConfigError(List.of(new Problem(key, value, allowed)));
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String render(List<Problem> problems) {
    var sb =
        new StringBuilder("invalid stack configuration (")
            .append(problems.size())
            .append(problems.size() == 1 ? " problem" : " problems")
            .append(")");
    for (var p : problems) {
      sb.append("\n  - ").append(p);
    }
    return sb.toString();
  }

  /**
   * Config errors are user errors: the message is the whole story, a stack trace would only hide
   * it.
   */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
