package dev.drydock.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing and printing of the values administration commands take: sizes, durations, times. */
final class RegistryValues {
  private static final Pattern SIZE =
      Pattern.compile("(\\d{1,19})\\s*(B|KB|MB|GB|TB|KIB|MIB|GIB|TIB|K|M|G|T)?");
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})([smhdw])");

  private RegistryValues() {}

  /**
   * {@return the bytes of a size such as {@code 500MB}, {@code 10GiB} or {@code 1048576}}: SI units
   * are powers of 1000, IEC units (and bare K/M/G/T) powers of 1024.
   */
  static long size(String option, String text) {
    Matcher m = SIZE.matcher(text.strip().toUpperCase(Locale.ROOT));
    if (!m.matches()) {
      throw RegistryAdmin.usage(
          option + " " + text + ": expected a size such as 500MB, 10GiB or a number of bytes.");
    }
    String unit = m.group(2) == null ? "B" : m.group(2);
    long factor =
        switch (unit) {
          case "KB" -> 1000L;
          case "MB" -> 1000L * 1000;
          case "GB" -> 1000L * 1000 * 1000;
          case "TB" -> 1000L * 1000 * 1000 * 1000;
          case "KIB", "K" -> 1L << 10;
          case "MIB", "M" -> 1L << 20;
          case "GIB", "G" -> 1L << 30;
          case "TIB", "T" -> 1L << 40;
          default -> 1L;
        };
    try {
      return Math.multiplyExact(Long.parseLong(m.group(1)), factor);
    } catch (ArithmeticException | NumberFormatException e) {
      throw RegistryAdmin.usage(option + " " + text + ": too large.");
    }
  }

  /** {@return a byte count for people: {@code 10.0 GiB}} */
  static String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  /**
   * {@return a duration: {@code 30d}, {@code 12h}, {@code 15m}, {@code 90s}, {@code 2w}, or
   * ISO-8601 ({@code PT1H}, {@code P30D})}, or null when {@code text} is not one
   */
  static @org.jspecify.annotations.Nullable Duration durationOrNull(String text) {
    Matcher m = SHORT_DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        default -> Duration.ofDays(7 * n);
      };
    }
    if (text.strip().toUpperCase(Locale.ROOT).startsWith("P")) {
      try {
        return Duration.parse(text.strip().toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }

  /**
   * {@return the instant {@code text} names}: a duration counted from {@code now} ({@code
   * direction} +1 for the future, -1 for the past), a date ({@code 2026-12-31}, midnight UTC) or an
   * ISO-8601 timestamp ({@code 2026-12-31T12:00:00Z})
   */
  static Instant instant(String option, String text, Instant now, int direction) {
    Duration d = durationOrNull(text);
    if (d != null) {
      if (d.isNegative()) {
        throw RegistryAdmin.usage(option + " " + text + ": the duration must not be negative.");
      }
      return direction > 0 ? now.plus(d) : now.minus(d);
    }
    String t = text.strip();
    try {
      if (t.length() == 10) {
        return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return java.time.OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      throw RegistryAdmin.usage(
          option
              + " "
              + text
              + ": expected a duration (30d, 12h, PT15M), a date (2026-12-31) or a timestamp"
              + " (2026-12-31T12:00:00Z).");
    }
  }

  /** {@return rows as a left-aligned text table with a header, columns two spaces apart} */
  static String table(List<String> header, List<List<String>> rows) {
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    int[] widths = new int[header.size()];
    for (List<String> row : all) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : all) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(row.get(i));
        if (i < row.size() - 1) {
          line.append(" ".repeat(widths[i] - row.get(i).length() + 2));
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  /** {@return a value for a table cell: "-" for null} */
  static String cell(@org.jspecify.annotations.Nullable Object value) {
    return value == null ? "-" : dev.drydock.report.Printable.clean(value.toString());
  }
}
