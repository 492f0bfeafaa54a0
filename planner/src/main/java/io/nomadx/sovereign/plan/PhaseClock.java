package io.nomadx.sovereign.plan;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;

/**
 * Where an offline plan's time goes, for bin/bench: with PLAN_TIMING set, each phase of bin/plan
 * prints one "plan-timing:" line to stderr with the milliseconds since the JVM started (its
 * RuntimeMXBean start time, taken while the VM is created; the bare launcher before it is what
 * bin/bench's `java -version` measures), the milliseconds since the previous mark, and how many
 * classes the JVM has loaded so far. Unset, a mark costs one field read. (ProcessHandle's start
 * instant was tried first: on Linux it is derived from clock ticks since boot and came out hundreds
 * of milliseconds off the wall clock here.)
 */
final class PhaseClock {
  static final PhaseClock PLAN = new PhaseClock(System.getenv("PLAN_TIMING") != null, System.err);

  private final boolean on;
  private final PrintStream out;
  private long start;
  private long previous;

  PhaseClock(boolean on, PrintStream out) {
    this.on = on;
    this.out = out;
    if (on) {
      start = ManagementFactory.getRuntimeMXBean().getStartTime();
      previous = start;
    }
  }

  void mark(String phase) {
    if (!on) {
      return;
    }
    long now = System.currentTimeMillis();
    int classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
    out.printf(
        "plan-timing: %-34s at %5d ms  +%5d ms  %5d classes loaded%n",
        phase, now - start, now - previous, classes);
    previous = now;
  }
}
