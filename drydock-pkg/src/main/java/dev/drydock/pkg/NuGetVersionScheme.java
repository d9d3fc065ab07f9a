package dev.drydock.pkg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * NuGet package versions, ordered as NuGet's {@code NuGetVersion} with the default comparer
 * (https://learn.microsoft.com/nuget/concepts/package-versioning, "Normalized version numbers" and
 * "Pre-release versions").
 *
 * <p>{@code Major[.Minor[.Patch[.Revision]]][-label{.label}][+metadata]}: one to four numbers up to
 * 2^31-1, leading zeros allowed (so {@code 1.01 = 1.1}), missing ones are 0 (so {@code 1.0 =
 * 1.0.0.0}). Labels are letters, digits and {@code -}; numeric labels must not have leading zeros.
 * A release is newer than its pre-releases; labels compare as integers when both parse as 32-bit
 * integers, an integer before text, text case-insensitively; fewer equal labels first. Metadata is
 * ignored.
 */
final class NuGetVersionScheme implements VersionScheme {

  /** A parsed version. */
  record Parsed(List<Long> numbers, List<String> labels) {}

  @Override
  public String ecosystem() {
    return "NuGet";
  }

  @Override
  public int compare(String left, String right) {
    Parsed a = parse(left);
    Parsed b = parse(right);
    for (int i = 0; i < 4; i++) {
      int c = Long.compare(a.numbers().get(i), b.numbers().get(i));
      if (c != 0) {
        return c;
      }
    }
    if (a.labels().isEmpty() || b.labels().isEmpty()) {
      return Boolean.compare(a.labels().isEmpty(), b.labels().isEmpty());
    }
    for (int i = 0; i < Math.min(a.labels().size(), b.labels().size()); i++) {
      int c = compareLabel(a.labels().get(i), b.labels().get(i));
      if (c != 0) {
        return Integer.signum(c);
      }
    }
    return Integer.compare(a.labels().size(), b.labels().size());
  }

  Parsed parse(String version) {
    VersionText.requirePrintable("NuGet", version);
    int plus = version.indexOf('+');
    int hyphen = version.indexOf('-');
    if (plus >= 0 && hyphen > plus) {
      hyphen = -1;
    }
    int coreEnd = hyphen >= 0 ? hyphen : (plus >= 0 ? plus : version.length());
    List<String> core = split(version.substring(0, coreEnd));
    if (core.size() > 4) {
      throw invalid(version, "at most four numbers (Major.Minor.Patch.Revision) are allowed");
    }
    List<Long> numbers = new ArrayList<>(List.of(0L, 0L, 0L, 0L));
    for (int i = 0; i < core.size(); i++) {
      String n = core.get(i);
      if (!VersionText.allDigits(n)
          || VersionText.compareDigits(n, Integer.toString(Integer.MAX_VALUE)) > 0) {
        throw invalid(version, "each version number must be a decimal number up to 2147483647");
      }
      // At most 10 significant digits remain once the bound has been checked.
      numbers.set(i, new java.math.BigInteger(n).longValueExact());
    }
    List<String> labels = List.of();
    if (hyphen >= 0) {
      labels = split(version.substring(hyphen + 1, plus >= 0 ? plus : version.length()));
      for (String label : labels) {
        checkPart(version, label, false);
      }
    }
    if (plus >= 0) {
      for (String part : split(version.substring(plus + 1))) {
        checkPart(version, part, true);
      }
    }
    return new Parsed(List.copyOf(numbers), labels);
  }

  private static List<String> split(String s) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= s.length(); i++) {
      if (i == s.length() || s.charAt(i) == '.') {
        parts.add(s.substring(start, i));
        start = i + 1;
      }
    }
    return parts;
  }

  private static void checkPart(String version, String part, boolean leadingZerosAllowed) {
    if (part.isEmpty()) {
      throw invalid(version, "a pre-release label or metadata part is empty");
    }
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (!VersionText.isAlnum(c) && c != '-') {
        throw invalid(version, "labels and metadata may hold only letters, digits and '-'");
      }
    }
    if (!leadingZerosAllowed
        && part.length() > 1
        && part.charAt(0) == '0'
        && VersionText.allDigits(part)) {
      throw invalid(version, "numeric pre-release labels must not have leading zeros");
    }
  }

  private static InvalidVersionException invalid(String version, String expectation) {
    return new InvalidVersionException("NuGet", version, expectation);
  }

  /** NuGet compares labels as Int32 when both parse (a sign is allowed), else text. */
  private static int compareLabel(String x, String y) {
    Integer xn = int32(x);
    Integer yn = int32(y);
    if (xn != null && yn != null) {
      return Integer.compare(xn, yn);
    }
    if (xn != null || yn != null) {
      return xn != null ? -1 : 1;
    }
    return x.toUpperCase(Locale.ROOT).compareTo(y.toUpperCase(Locale.ROOT));
  }

  private static @org.jspecify.annotations.Nullable Integer int32(String s) {
    String digits = s.startsWith("-") ? s.substring(1) : s;
    if (!VersionText.allDigits(digits) || digits.length() > 12) {
      return null;
    }
    long value = Long.parseLong(digits) * (s.startsWith("-") ? -1 : 1);
    return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? (int) value : null;
  }
}
