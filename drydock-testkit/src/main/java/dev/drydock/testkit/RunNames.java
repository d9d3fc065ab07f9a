package dev.drydock.testkit;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names for test resources: {@code ddt-<run>-<name>}, where {@code <run>} is the run's start time
 * (seconds, base 36, 7 digits) plus 4 random base-36 digits. The start time in every name lets a
 * later run tell a crashed run's leftovers from a concurrent run's live resources.
 */
final class RunNames {
  static final String PREFIX = "ddt-";

  private static final Pattern NAME = Pattern.compile("ddt-([0-9a-z]{7})([0-9a-z]{4})-.+");
  private static final Pattern BASE = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,39}");

  private final String runId;

  private RunNames(String runId) {
    this.runId = runId;
  }

  static RunNames start(Clock clock, RandomGenerator random) {
    String time = Long.toString(clock.instant().getEpochSecond(), 36);
    String salt = Integer.toString(random.nextInt(36 * 36 * 36 * 36), 36);
    return new RunNames(pad(time, 7) + pad(salt, 4));
  }

  String runId() {
    return runId;
  }

  /**
   * {@return {@code ddt-<run>-<base>}}
   *
   * @throws IllegalArgumentException unless {@code base} is 1-40 of {@code [a-z0-9_.-]}, starting
   *     with a letter or digit
   */
  String name(String base) {
    if (!BASE.matcher(base).matches()) {
      throw new IllegalArgumentException(
          "test resource name '"
              + base
              + "' must be 1-40 of [a-z0-9_.-], starting with a letter or digit");
    }
    return PREFIX + runId + "-" + base;
  }

  boolean owns(String name) {
    return name.startsWith(PREFIX + runId + "-");
  }

  /** {@return when the run that made {@code name} started, if it is a testkit name} */
  static Optional<Instant> startedAt(String name) {
    Matcher m = NAME.matcher(name.toLowerCase(Locale.ROOT));
    return m.matches()
        ? Optional.of(Instant.ofEpochSecond(Long.parseLong(m.group(1), 36)))
        : Optional.empty();
  }

  private static String pad(String s, int width) {
    return "0".repeat(Math.max(0, width - s.length())) + s;
  }
}
