package dev.drydock.scanner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The highest-severity vectors of each equivalence-class level (CVSS v4.0 spec section 8.3): for a
 * MacroVector, the combinations of these are the "max vectors" a scored vector is measured from.
 */
final class Cvss4Max {
  private static final List<List<String>> EQ1 =
      List.of(
          List.of("AV:N/PR:N/UI:N"),
          List.of("AV:A/PR:N/UI:N", "AV:N/PR:L/UI:N", "AV:N/PR:N/UI:P"),
          List.of("AV:P/PR:N/UI:N", "AV:A/PR:L/UI:P"));
  private static final List<List<String>> EQ2 =
      List.of(List.of("AC:L/AT:N"), List.of("AC:H/AT:N", "AC:L/AT:P"));

  /** Indexed by EQ3 then EQ6. */
  private static final List<List<List<String>>> EQ3_EQ6 =
      List.of(
          List.of(
              List.of("VC:H/VI:H/VA:H/CR:H/IR:H/AR:H"),
              List.of("VC:H/VI:H/VA:L/CR:M/IR:M/AR:H", "VC:H/VI:H/VA:H/CR:M/IR:M/AR:M")),
          List.of(
              List.of("VC:L/VI:H/VA:H/CR:H/IR:H/AR:H", "VC:H/VI:L/VA:H/CR:H/IR:H/AR:H"),
              List.of(
                  "VC:L/VI:H/VA:L/CR:H/IR:M/AR:H",
                  "VC:L/VI:H/VA:H/CR:H/IR:M/AR:M",
                  "VC:H/VI:L/VA:H/CR:M/IR:H/AR:M",
                  "VC:H/VI:L/VA:L/CR:M/IR:H/AR:H",
                  "VC:L/VI:L/VA:H/CR:H/IR:H/AR:M")),
          List.of(List.of(), List.of("VC:L/VI:L/VA:L/CR:H/IR:H/AR:H")));

  private static final List<List<String>> EQ4 =
      List.of(List.of("SC:H/SI:S/SA:S"), List.of("SC:H/SI:H/SA:H"), List.of("SC:L/SI:L/SA:L"));
  private static final List<String> EQ5 = List.of("E:A", "E:P", "E:U");

  private Cvss4Max() {}

  /** {@return the max vectors of a MacroVector, in the order the spec's calculator tries them} */
  static List<Map<String, String>> candidates(int[] eq) {
    List<Map<String, String>> out = new ArrayList<>();
    for (String a : EQ1.get(eq[0])) {
      for (String b : EQ2.get(eq[1])) {
        for (String c : EQ3_EQ6.get(eq[2]).get(eq[5])) {
          for (String d : EQ4.get(eq[3])) {
            out.add(parse(a + "/" + b + "/" + c + "/" + d + "/" + EQ5.get(eq[4])));
          }
        }
      }
    }
    return out;
  }

  private static Map<String, String> parse(String vector) {
    Map<String, String> m = new HashMap<>();
    for (String part : vector.split("/", -1)) {
      int colon = part.indexOf(':');
      m.put(part.substring(0, colon), part.substring(colon + 1));
    }
    return m;
  }
}
