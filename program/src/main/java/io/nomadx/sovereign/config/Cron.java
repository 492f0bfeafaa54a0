package io.nomadx.sovereign.config;

import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a schedule as a Kubernetes CronJob's `spec.schedule` accepts it.
 *
 * <p>What that is: the API server validates the field with robfig/cron v3 {@code ParseStandard} and
 * then refuses any schedule containing "TZ" (kubernetes pkg/apis/batch/validation/validation.go,
 * {@code validateScheduleFormat}: "cannot use TZ or CRON_TZ in schedule, use timeZone field
 * instead"). {@code ParseStandard} (robfig/cron v3.0.1 parser.go, spec.go) takes five fields -
 * minute 0-59, hour 0-23, day of month 1-31, month 1-12 or jan-dec, day of week 0-6 or sun-sat (no
 * 7), names in any case - each a list of `*`, `?`, `n`, `a-b`, with an optional `/step` of at least
 * 1 (`n/step` runs from n to the maximum); or a descriptor: `@yearly`, `@annually`, `@monthly`,
 * `@weekly`, `@daily`, `@midnight`, `@hourly` or `@every <Go duration>`.
 *
 * <p>cron-utils parses the five fields and the named descriptors with the definition below. Where
 * it and robfig differ, a named rule here decides as robfig does: {@link #NO_TIME_ZONE}, {@link
 * #EVERY}, {@link #questionMarkIsStar} and {@link #stepBeyondMaximum}.
 */
final class Cron {
  /**
   * Rule: Kubernetes refuses a time zone inside the schedule (the CronJob has a timeZone field).
   */
  private static final String NO_TIME_ZONE = "TZ";

  /**
   * Rule: `@every` and a Go duration (Go time.ParseDuration: an optional sign, then one or more
   * decimal numbers with a unit ns, us, µs, ms, s, m or h; or a bare 0); cron-utils has no such
   * descriptor.
   */
  private static final Pattern EVERY =
      Pattern.compile("@every [-+]?(0|((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+)");

  private static final String ALLOWED =
      "a five-field cron schedule such as '0 2 * * *' (minute hour day-of-month month "
          + "day-of-week; month and weekday names allowed), @daily, @weekly, @monthly, @yearly, @hourly or @every <duration>, "
          + "as a Kubernetes CronJob accepts it";

  /**
   * robfig's standard fields as cron-utils definitions: day of week 0-6 with Monday 1 (so 7 is
   * refused, as robfig refuses it), strict ranges (`5-3` is an error) and the descriptors robfig
   * knows but `@reboot`.
   */
  private static final CronDefinition KUBERNETES =
      CronDefinitionBuilder.defineCron()
          .withMinutes()
          .withValidRange(0, 59)
          .withStrictRange()
          .and()
          .withHours()
          .withValidRange(0, 23)
          .withStrictRange()
          .and()
          .withDayOfMonth()
          .withValidRange(1, 31)
          .withStrictRange()
          .and()
          .withMonth()
          .withValidRange(1, 12)
          .withStrictRange()
          .and()
          .withDayOfWeek()
          .withValidRange(0, 6)
          .withMondayDoWValue(1)
          .withStrictRange()
          .and()
          .withSupportedNicknameYearly()
          .withSupportedNicknameAnnually()
          .withSupportedNicknameMonthly()
          .withSupportedNicknameWeekly()
          .withSupportedNicknameDaily()
          .withSupportedNicknameMidnight()
          .withSupportedNicknameHourly()
          .instance();

  private static final CronParser PARSER = new CronParser(KUBERNETES);

  private Cron() {}

  static boolean valid(String schedule) {
    return problem(schedule).isEmpty();
  }

  /** Empty when Kubernetes accepts the schedule; else what is allowed. */
  static Optional<String> problem(String schedule) {
    if (schedule.contains(NO_TIME_ZONE)) {
      return Optional.of(
          "no TZ= or CRON_TZ= prefix (Kubernetes refuses a time zone in the schedule); " + ALLOWED);
    }
    if (schedule.startsWith("@every ")) {
      return EVERY.matcher(schedule).matches() ? Optional.empty() : Optional.of(ALLOWED);
    }
    try {
      PARSER.parse(stepBeyondMaximum(questionMarkIsStar(schedule.trim())));
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(ALLOWED);
    }
  }

  /**
   * Rule: robfig reads `?` as `*` in every field (parser.go getRange); cron-utils knows `?` in the
   * day fields only, so it is rewritten before parsing.
   */
  private static String questionMarkIsStar(String schedule) {
    return schedule.replace('?', '*');
  }

  /** The largest value of each of the five fields (robfig spec.go bounds). */
  private static final int[] MAXIMUM = {59, 23, 31, 12, 6};

  private static final Pattern STEP = Pattern.compile("/(\\d{1,18})");

  /**
   * Rule: robfig takes any step of at least 1 (a step of 61 in the minute field runs at minute 0
   * only: parser.go getRange checks the step only against 0); cron-utils refuses a step above the
   * field's maximum. Such a step is lowered to the maximum, which cron-utils accepts wherever
   * robfig accepts the original; the schedule Kubernetes receives is the one written.
   */
  static String stepBeyondMaximum(String schedule) {
    String[] fields = schedule.split("\\s+");
    if (fields.length != MAXIMUM.length) {
      return schedule;
    }
    for (int i = 0; i < fields.length; i++) {
      int max = MAXIMUM[i];
      fields[i] =
          STEP.matcher(fields[i])
              .replaceAll(m -> Long.parseLong(m.group(1)) > max ? "/" + max : m.group());
    }
    return String.join(" ", fields);
  }
}
