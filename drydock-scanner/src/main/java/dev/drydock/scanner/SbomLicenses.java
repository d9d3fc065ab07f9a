package dev.drydock.scanner;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells SPDX licence identifiers from free licence text, with the SPDX licence and exception list
 * that cyclonedx-core-java bundles ({@code spdx.schema.json}, the enumeration the CycloneDX schema
 * checks {@code license.id} against), so that both SBOM formats only write identifiers and
 * expressions that are valid, and keep anything else as text.
 */
final class SbomLicenses {
  /** SPDX 2.3 annex D, the subset without parentheses: ids joined by AND, OR and WITH. */
  private static final Pattern SIMPLE_EXPRESSION =
      Pattern.compile("[A-Za-z0-9.+-]+(?: (?:AND|OR|WITH) [A-Za-z0-9.+-]+)*");

  private static final Pattern OPERATOR = Pattern.compile(" (?:AND|OR|WITH) ");

  private SbomLicenses() {}

  /** Loaded on first use; immutable. */
  private static final class Known {
    static final Set<String> IDS = load();

    private static Set<String> load() {
      try (InputStream in = SbomLicenses.class.getResourceAsStream("/spdx.schema.json")) {
        if (in == null) {
          throw new IllegalStateException(
              "spdx.schema.json is missing from cyclonedx-core-java: check its version");
        }
        Set<String> ids = new HashSet<>();
        for (JsonNode id : SbomJson.mapper().readTree(in).path("enum")) {
          ids.add(id.asText());
        }
        return Set.copyOf(ids);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * {@return true for an id on the SPDX list (spelt as the list does: the CycloneDX schema compares
   * exactly), with an optional {@code +}, or a {@code LicenseRef-}}
   */
  static boolean isId(String token) {
    String t = token.endsWith("+") ? token.substring(0, token.length() - 1) : token;
    return t.startsWith("LicenseRef-") || Known.IDS.contains(t);
  }

  /** {@return true when the text is a single id on the SPDX list, spelt exactly} */
  static boolean isListedId(String text) {
    return Known.IDS.contains(text);
  }

  /** {@return true when the text is an SPDX licence expression made only of known ids} */
  static boolean isExpression(String text) {
    if (!SIMPLE_EXPRESSION.matcher(text).matches()) {
      return false;
    }
    for (String token : OPERATOR.split(text, -1)) {
      if (!isId(token)) {
        return false;
      }
    }
    return true;
  }

  /** {@return true when the text joins several licences with AND, OR or WITH} */
  static boolean isCompound(String text) {
    return OPERATOR.matcher(text).find();
  }
}
