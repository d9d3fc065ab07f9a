package dev.drydock.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The properties every version scheme must keep on any input, shared by the fuzz targets: {@code
 * compare} is total on valid texts (returns -1, 0 or 1), reflexive and antisymmetric, agrees with
 * {@code isValid}, and fails only with {@link InvalidVersionException} naming the ecosystem and the
 * text.
 */
final class VersionFuzzing {
  private VersionFuzzing() {}

  /** Splits fuzz input at the first newline into two version texts. */
  static String[] pair(String input) {
    int cut = input.indexOf('\n');
    return cut < 0
        ? new String[] {input, input}
        : new String[] {input.substring(0, cut), input.substring(cut + 1)};
  }

  static void check(VersionScheme scheme, String input) {
    String[] texts = pair(input);
    String a = texts[0];
    String b = texts[1];
    boolean validA = scheme.isValid(a);
    boolean validB = scheme.isValid(b);
    if (validA && validB) {
      int ab = scheme.compare(a, b);
      assertThat(ab).isBetween(-1, 1);
      assertThat(scheme.compare(b, a)).isEqualTo(-ab);
      assertThat(scheme.compare(a, a)).isZero();
    } else {
      String bad = validA ? b : a;
      assertThatThrownBy(() -> scheme.compare(a, b))
          .isInstanceOfSatisfying(
              InvalidVersionException.class,
              e -> {
                assertThat(e.ecosystem()).isEqualTo(scheme.ecosystem());
                assertThat(e.version()).isIn(a, b, a.strip(), b.strip());
                assertThat(e.getMessage()).contains(scheme.ecosystem());
              });
      assertThatThrownBy(() -> scheme.compare(bad, bad))
          .isInstanceOf(InvalidVersionException.class);
    }
  }
}
