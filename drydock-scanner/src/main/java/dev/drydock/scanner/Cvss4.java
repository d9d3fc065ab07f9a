package dev.drydock.scanner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CVSS v4.0 scores (<a href="https://www.first.org/cvss/v4.0/specification-document">spec</a>
 * section 8.2): the vector falls into a MacroVector (six equivalence classes EQ1..EQ6) whose score
 * comes from the expert-ranked table of the spec; the score is then lowered in proportion to how
 * far the vector sits below the most severe vectors of its MacroVector, measured against the next
 * lower MacroVector of each class (section 8.3, "interpolation"). Threat and environmental metrics,
 * when present, take part as the spec says (effective values; E, CR, IR, AR default to their worst
 * case).
 */
final class Cvss4 {
  private static final List<String> BASE =
      List.of("AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA");
  private static final Map<String, List<String>> ALLOWED = allowed();
  private static final Map<String, Double> MACRO_SCORES = loadMacroScores();

  /** Severity levels of each metric value, in steps (section 8.3: 0 is the most severe). */
  private static final Map<String, Map<String, Integer>> LEVELS =
      Map.ofEntries(
          Map.entry("AV", Map.of("N", 0, "A", 1, "L", 2, "P", 3)),
          Map.entry("PR", Map.of("N", 0, "L", 1, "H", 2)),
          Map.entry("UI", Map.of("N", 0, "P", 1, "A", 2)),
          Map.entry("AC", Map.of("L", 0, "H", 1)),
          Map.entry("AT", Map.of("N", 0, "P", 1)),
          Map.entry("VC", Map.of("H", 0, "L", 1, "N", 2)),
          Map.entry("VI", Map.of("H", 0, "L", 1, "N", 2)),
          Map.entry("VA", Map.of("H", 0, "L", 1, "N", 2)),
          Map.entry("SC", Map.of("H", 1, "L", 2, "N", 3)),
          Map.entry("SI", Map.of("S", 0, "H", 1, "L", 2, "N", 3)),
          Map.entry("SA", Map.of("S", 0, "H", 1, "L", 2, "N", 3)),
          Map.entry("CR", Map.of("H", 0, "M", 1, "L", 2)),
          Map.entry("IR", Map.of("H", 0, "M", 1, "L", 2)),
          Map.entry("AR", Map.of("H", 0, "M", 1, "L", 2)),
          Map.entry("E", Map.of("A", 0, "P", 1, "U", 2)));

  private Cvss4() {}

  static CvssScore score(String vector) {
    Map<String, String> m = CvssVector.metrics(vector, "CVSS:4.0", ALLOWED, BASE);
    return new CvssScore("4.0", compute(new Effective(m)), vector);
  }

  private static double compute(Effective v) {
    if (List.of("VC", "VI", "VA", "SC", "SI", "SA").stream().allMatch(k -> v.get(k).equals("N"))) {
      return 0.0;
    }
    int[] eq = {eq1(v), eq2(v), eq3(v), eq4(v), eq5(v), eq6(v)};
    double value = macro(eq);
    double lowerEq1 = macro(eq[0] + 1, eq[1], eq[2], eq[3], eq[4], eq[5]);
    double lowerEq2 = macro(eq[0], eq[1] + 1, eq[2], eq[3], eq[4], eq[5]);
    double lowerEq3Eq6 = lowerEq3Eq6(eq);
    double lowerEq4 = macro(eq[0], eq[1], eq[2], eq[3] + 1, eq[4], eq[5]);
    double lowerEq5 = macro(eq[0], eq[1], eq[2], eq[3], eq[4] + 1, eq[5]);

    Map<String, Integer> d = distancesToMax(v, eq);
    int distEq1 = at(d, "AV") + at(d, "PR") + at(d, "UI");
    int distEq2 = at(d, "AC") + at(d, "AT");
    int distEq3Eq6 =
        at(d, "VC") + at(d, "VI") + at(d, "VA") + at(d, "CR") + at(d, "IR") + at(d, "AR");
    int distEq4 = at(d, "SC") + at(d, "SI") + at(d, "SA");

    int[] depthEq1 = {1, 4, 5};
    int[] depthEq2 = {1, 2};
    int[][] depthEq3Eq6 = {{7, 6}, {8, 8}, {0, 10}};
    int[] depthEq4 = {6, 5, 4};

    double sum = 0;
    int existing = 0;
    if (!Double.isNaN(lowerEq1)) {
      existing++;
      sum += (value - lowerEq1) * distEq1 / depthEq1[eq[0]];
    }
    if (!Double.isNaN(lowerEq2)) {
      existing++;
      sum += (value - lowerEq2) * distEq2 / depthEq2[eq[1]];
    }
    if (!Double.isNaN(lowerEq3Eq6)) {
      existing++;
      sum += (value - lowerEq3Eq6) * distEq3Eq6 / depthEq3Eq6[eq[2]][eq[5]];
    }
    if (!Double.isNaN(lowerEq4)) {
      existing++;
      sum += (value - lowerEq4) * distEq4 / depthEq4[eq[3]];
    }
    if (!Double.isNaN(lowerEq5)) {
      // EQ5 (exploit maturity) has a single value per level: its proportional distance is 0, but
      // the class still counts towards the mean (spec 8.3).
      existing++;
    }
    double mean = existing == 0 ? 0 : sum / existing;
    double score = Math.max(0, Math.min(10, value - mean));
    return Math.round((score + 1e-6) * 10) / 10.0;
  }

  /** EQ3 and EQ6 move together: 00 → max(01, 10), 01 → 11, 10 → 11, 11 → 21, 21 → none. */
  private static double lowerEq3Eq6(int[] eq) {
    int eq3 = eq[2];
    int eq6 = eq[5];
    if (eq3 == 0 && eq6 == 0) {
      double left = macro(eq[0], eq[1], eq3, eq[3], eq[4], eq6 + 1);
      double right = macro(eq[0], eq[1], eq3 + 1, eq[3], eq[4], eq6);
      return Double.isNaN(left) || Double.isNaN(right) ? Double.NaN : Math.max(left, right);
    } else if (eq3 == 1 && eq6 == 0) {
      return macro(eq[0], eq[1], eq3, eq[3], eq[4], eq6 + 1);
    } else if (eq3 == 2) {
      return Double.NaN;
    }
    return macro(eq[0], eq[1], eq3 + 1, eq[3], eq[4], eq6);
  }

  /**
   * Distances of each metric from the first of the MacroVector's highest-severity vectors that is
   * at least as severe as the scored vector in every metric.
   */
  private static Map<String, Integer> distancesToMax(Effective v, int[] eq) {
    for (Map<String, String> max : Cvss4Max.candidates(eq)) {
      Map<String, Integer> d = new HashMap<>();
      boolean ok = true;
      for (Map.Entry<String, Map<String, Integer>> level : LEVELS.entrySet()) {
        String metric = level.getKey();
        String maxValue = max.get(metric);
        if (maxValue == null) {
          throw new IllegalStateException("max vector lacks " + metric);
        }
        int dist = at(level.getValue(), v.get(metric)) - at(level.getValue(), maxValue);
        if (dist < 0) {
          ok = false;
          break;
        }
        d.put(metric, dist);
      }
      if (ok) {
        return d;
      }
    }
    throw new IllegalStateException("no CVSS v4 max vector dominates " + v.metrics);
  }

  private static int at(Map<String, Integer> m, String key) {
    Integer v = m.get(key);
    if (v == null) {
      throw new IllegalStateException("no CVSS v4 level for " + key);
    }
    return v;
  }

  private static int eq1(Effective v) {
    String av = v.get("AV");
    String pr = v.get("PR");
    String ui = v.get("UI");
    if (av.equals("N") && pr.equals("N") && ui.equals("N")) {
      return 0;
    }
    if ((av.equals("N") || pr.equals("N") || ui.equals("N")) && !av.equals("P")) {
      return 1;
    }
    return 2;
  }

  private static int eq2(Effective v) {
    return v.get("AC").equals("L") && v.get("AT").equals("N") ? 0 : 1;
  }

  private static int eq3(Effective v) {
    boolean vc = v.get("VC").equals("H");
    boolean vi = v.get("VI").equals("H");
    if (vc && vi) {
      return 0;
    }
    return vc || vi || v.get("VA").equals("H") ? 1 : 2;
  }

  private static int eq4(Effective v) {
    if (v.get("MSI").equals("S") || v.get("MSA").equals("S")) {
      return 0;
    }
    return v.get("SC").equals("H") || v.get("SI").equals("H") || v.get("SA").equals("H") ? 1 : 2;
  }

  private static int eq5(Effective v) {
    return switch (v.get("E")) {
      case "A" -> 0;
      case "P" -> 1;
      default -> 2;
    };
  }

  private static int eq6(Effective v) {
    boolean high =
        (v.get("CR").equals("H") && v.get("VC").equals("H"))
            || (v.get("IR").equals("H") && v.get("VI").equals("H"))
            || (v.get("AR").equals("H") && v.get("VA").equals("H"));
    return high ? 0 : 1;
  }

  private static double macro(int... eq) {
    StringBuilder key = new StringBuilder(6);
    for (int e : eq) {
      key.append(e);
    }
    Double s = MACRO_SCORES.get(key.toString());
    return s == null ? Double.NaN : s;
  }

  /** Metric values after threat/environmental overrides and worst-case defaults (spec 8.1). */
  private record Effective(Map<String, String> metrics) {
    String get(String metric) {
      String own = metrics.getOrDefault(metric, "X");
      if (own.equals("X")) {
        String worst =
            switch (metric) {
              case "E" -> "A";
              case "CR", "IR", "AR" -> "H";
              default -> "X";
            };
        if (!worst.equals("X")) {
          return worst;
        }
      }
      String modified = metrics.get("M" + metric);
      if (modified != null && !modified.equals("X")) {
        return modified;
      }
      return own;
    }
  }

  private static Map<String, List<String>> allowed() {
    Map<String, List<String>> m = new HashMap<>();
    m.put("AV", List.of("N", "A", "L", "P"));
    m.put("AC", List.of("L", "H"));
    m.put("AT", List.of("N", "P"));
    m.put("PR", List.of("N", "L", "H"));
    m.put("UI", List.of("N", "P", "A"));
    for (String k : List.of("VC", "VI", "VA", "SC", "SI", "SA")) {
      m.put(k, List.of("H", "L", "N"));
    }
    m.put("E", List.of("X", "A", "P", "U"));
    for (String k : List.of("CR", "IR", "AR")) {
      m.put(k, List.of("X", "H", "M", "L"));
    }
    m.put("MAV", List.of("X", "N", "A", "L", "P"));
    m.put("MAC", List.of("X", "L", "H"));
    m.put("MAT", List.of("X", "N", "P"));
    m.put("MPR", List.of("X", "N", "L", "H"));
    m.put("MUI", List.of("X", "N", "P", "A"));
    for (String k : List.of("MVC", "MVI", "MVA", "MSC")) {
      m.put(k, List.of("X", "H", "L", "N"));
    }
    m.put("MSI", List.of("X", "S", "H", "L", "N"));
    m.put("MSA", List.of("X", "S", "H", "L", "N"));
    m.put("S", List.of("X", "N", "P"));
    m.put("AU", List.of("X", "N", "Y"));
    m.put("R", List.of("X", "A", "U", "I"));
    m.put("V", List.of("X", "D", "C"));
    m.put("RE", List.of("X", "L", "M", "H"));
    m.put("U", List.of("X", "Clear", "Green", "Amber", "Red"));
    return Map.copyOf(m);
  }

  private static Map<String, Double> loadMacroScores() {
    String name = "cvss4-macrovectors.tsv";
    InputStream in = Cvss4.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("Missing resource " + name + " in the drydock-scanner jar");
    }
    Map<String, Double> out = new HashMap<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      List<String> lines = new ArrayList<>(r.lines().toList());
      for (String line : lines) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        out.put(f[0], Double.parseDouble(f[1]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (out.size() != 270) {
      throw new IllegalStateException(name + " holds " + out.size() + " MacroVectors, not 270");
    }
    return Map.copyOf(out);
  }
}
