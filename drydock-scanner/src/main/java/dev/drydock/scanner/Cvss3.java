package dev.drydock.scanner;

import java.util.List;
import java.util.Map;

/**
 * CVSS v3.0 and v3.1 base scores, from the formulas of the specification (<a
 * href="https://www.first.org/cvss/v3.1/specification-document#7-1-Base-Metrics-Equations">v3.1
 * section 7.1</a>, Roundup in <a
 * href="https://www.first.org/cvss/v3.1/specification-document#Appendix-A---Floating-Point-Rounding">appendix
 * A</a>). Temporal and environmental metrics are accepted in the vector but do not change the base
 * score.
 */
final class Cvss3 {
  private static final List<String> BASE = List.of("AV", "AC", "PR", "UI", "S", "C", "I", "A");
  private static final Map<String, List<String>> ALLOWED =
      Map.ofEntries(
          Map.entry("AV", List.of("N", "A", "L", "P")),
          Map.entry("AC", List.of("L", "H")),
          Map.entry("PR", List.of("N", "L", "H")),
          Map.entry("UI", List.of("N", "R")),
          Map.entry("S", List.of("U", "C")),
          Map.entry("C", List.of("N", "L", "H")),
          Map.entry("I", List.of("N", "L", "H")),
          Map.entry("A", List.of("N", "L", "H")),
          Map.entry("E", List.of("X", "U", "P", "F", "H")),
          Map.entry("RL", List.of("X", "O", "T", "W", "U")),
          Map.entry("RC", List.of("X", "U", "R", "C")),
          Map.entry("CR", List.of("X", "L", "M", "H")),
          Map.entry("IR", List.of("X", "L", "M", "H")),
          Map.entry("AR", List.of("X", "L", "M", "H")),
          Map.entry("MAV", List.of("X", "N", "A", "L", "P")),
          Map.entry("MAC", List.of("X", "L", "H")),
          Map.entry("MPR", List.of("X", "N", "L", "H")),
          Map.entry("MUI", List.of("X", "N", "R")),
          Map.entry("MS", List.of("X", "U", "C")),
          Map.entry("MC", List.of("X", "N", "L", "H")),
          Map.entry("MI", List.of("X", "N", "L", "H")),
          Map.entry("MA", List.of("X", "N", "L", "H")));

  private Cvss3() {}

  static CvssScore score(String vector) {
    boolean v31 = vector.startsWith("CVSS:3.1/");
    String prefix = v31 ? "CVSS:3.1" : "CVSS:3.0";
    Map<String, String> m = CvssVector.metrics(vector, prefix, ALLOWED, BASE);
    boolean changed = get(m, "S").equals("C");
    double iss = 1 - (1 - cia(get(m, "C"))) * (1 - cia(get(m, "I"))) * (1 - cia(get(m, "A")));
    double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
    double exploitability =
        8.22 * av(get(m, "AV")) * ac(get(m, "AC")) * pr(get(m, "PR"), changed) * ui(get(m, "UI"));
    double base;
    if (impact <= 0) {
      base = 0;
    } else {
      double raw = changed ? 1.08 * (impact + exploitability) : impact + exploitability;
      base = roundUp(Math.min(raw, 10), v31);
    }
    return new CvssScore(v31 ? "3.1" : "3.0", base, vector);
  }

  /**
   * The smallest number with one decimal that is at least {@code x}. v3.1 rounds on an integer
   * (appendix A) so that floating-point noise such as 4.000000001 does not round up to 4.1; v3.0
   * used a plain ceiling, and its published scores keep that behaviour.
   */
  static double roundUp(double x, boolean v31) {
    if (!v31) {
      return Math.ceil(x * 10) / 10.0;
    }
    long intInput = Math.round(x * 100_000);
    if (intInput % 10_000 == 0) {
      return intInput / 100_000.0;
    }
    return (Math.floorDiv(intInput, 10_000) + 1) / 10.0;
  }

  private static String get(Map<String, String> m, String metric) {
    String v = m.get(metric);
    if (v == null) {
      throw new IllegalStateException("base metric " + metric + " was checked present");
    }
    return v;
  }

  private static double cia(String v) {
    return switch (v) {
      case "H" -> 0.56;
      case "L" -> 0.22;
      default -> 0;
    };
  }

  private static double av(String v) {
    return switch (v) {
      case "N" -> 0.85;
      case "A" -> 0.62;
      case "L" -> 0.55;
      default -> 0.2;
    };
  }

  private static double ac(String v) {
    return v.equals("L") ? 0.77 : 0.44;
  }

  private static double pr(String v, boolean changed) {
    return switch (v) {
      case "N" -> 0.85;
      case "L" -> changed ? 0.68 : 0.62;
      default -> changed ? 0.5 : 0.27;
    };
  }

  private static double ui(String v) {
    return v.equals("N") ? 0.85 : 0.62;
  }
}
