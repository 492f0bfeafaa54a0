package io.nomadx.sovereign.preflight;

/**
 * One thing the account cannot give the stack, in the words a user acts on: which setting it is
 * about, what the account has, what the stack needs, and the fix.
 *
 * @param check the check that found it (quota, offerings, eks, images, charts, iam, account)
 * @param severity {@link Severity#BLOCKING} when `pulumi up` would fail on it
 * @param setting the stack setting (config key, or key path) it is about
 * @param has what the account or mirror has now
 * @param needs what the stack needs
 * @param fix what to do: a command, or the setting to change
 */
public record Finding(
    String check, Severity severity, String setting, String has, String needs, String fix) {

  public enum Severity {
    /** `pulumi up` would fail (or could not be shown not to). */
    BLOCKING,
    /**
     * `pulumi up` would succeed, but something later would not (a resize, an extended-support
     * bill).
     */
    WARNING
  }

  public static Finding blocking(
      String check, String setting, String has, String needs, String fix) {
    return new Finding(check, Severity.BLOCKING, setting, has, needs, fix);
  }

  public static Finding warning(
      String check, String setting, String has, String needs, String fix) {
    return new Finding(check, Severity.WARNING, setting, has, needs, fix);
  }
}
