package dev.drydock.scanner;

import dev.drydock.model.InvalidValueException;
import dev.drydock.model.Severity;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Picks a record's severity: first a CVSS vector of the record ({@code CVSS_V4} before {@code
 * CVSS_V3}, the base score computed here); then its {@code database_specific.severity} (GHSA's
 * LOW/MODERATE/HIGH/CRITICAL); then a distro priority ({@code Ubuntu} severity entry, Debian {@code
 * urgency}); then the same from an alias record in the database, GHSA ids first — Go vulndb records
 * carry no severity at all and take their GHSA alias's. Else {@code UNKNOWN}.
 */
final class SeverityResolver {
  private final Function<String, Optional<OsvRecord>> byId;

  SeverityResolver(Function<String, Optional<OsvRecord>> byId) {
    this.byId = byId;
  }

  SeverityRating resolve(OsvRecord record, List<OsvAffected> matched) {
    SeverityRating own = own(record, matched);
    if (own != null) {
      return own;
    }
    List<String> aliases =
        record.aliases().stream()
            .sorted(Comparator.comparing((String id) -> !id.startsWith("GHSA-")))
            .toList();
    for (String alias : aliases) {
      Optional<OsvRecord> other = byId.apply(alias);
      if (other.isPresent()) {
        SeverityRating r = own(other.get(), List.of());
        if (r != null) {
          return r;
        }
      }
    }
    return SeverityRating.unknown();
  }

  private static @Nullable SeverityRating own(OsvRecord record, List<OsvAffected> matched) {
    for (String type : List.of("CVSS_V4", "CVSS_V3")) {
      for (OsvSeverity s : record.severity()) {
        if (s.type().equals(type)) {
          try {
            CvssScore score = Cvss.score(s.score());
            return new SeverityRating(score.severity(), score, record.id() + " " + type);
          } catch (InvalidValueException e) {
            // A malformed vector in one entry should not hide the other entries or fallbacks.
          }
        }
      }
    }
    Severity word = word(record.databaseSeverity());
    if (word != null) {
      return new SeverityRating(word, null, record.id() + " database_specific");
    }
    for (OsvSeverity s : record.severity()) {
      Severity w = s.type().equals("Ubuntu") ? word(s.score()) : null;
      if (w != null) {
        return new SeverityRating(w, null, record.id() + " Ubuntu");
      }
    }
    for (OsvAffected a : matched) {
      Severity w = word(a.severityHint());
      if (w != null) {
        return new SeverityRating(w, null, record.id() + " urgency");
      }
    }
    return null;
  }

  /**
   * Maps severity words used by GHSA, Debian (urgency) and Ubuntu (priority) to drydock's scale.
   * Debian's {@code unimportant} becomes LOW, as Trivy does; "not yet assigned" and {@code
   * end-of-life} carry no rating.
   */
  static @Nullable Severity word(@Nullable String text) {
    if (text == null) {
      return null;
    }
    String w = text.strip().toLowerCase(Locale.ROOT);
    if (w.endsWith("*")) {
      w = w.substring(0, w.length() - 1); // Debian marks guessed urgencies with a star
    }
    return switch (w) {
      case "critical" -> Severity.CRITICAL;
      case "high", "important" -> Severity.HIGH;
      case "moderate", "medium" -> Severity.MEDIUM;
      case "low", "unimportant", "negligible" -> Severity.LOW;
      default -> null;
    };
  }
}
