package dev.drydock.scanner;

import dev.drydock.model.InvalidValueException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The package an OSV {@code affected} entry is about.
 *
 * @param ecosystem the OSV ecosystem, possibly with a release suffix ({@code Maven}, {@code
 *     Debian:12}, {@code Alpine:v3.20}, {@code Ubuntu:22.04:LTS})
 * @param name the package name in that ecosystem (the source package for OS ecosystems)
 * @param purl the package URL, when the record gives one
 */
public record OsvPackage(String ecosystem, String name, @Nullable String purl) {

  /** Checks that ecosystem and name are present and of sane length. */
  public OsvPackage {
    check("ecosystem", ecosystem);
    check("name", name);
    if (purl != null && purl.length() > OsvLimits.MAX_NAME_CHARS) {
      throw new InvalidValueException("OSV package purl", purl, "too long");
    }
  }

  private static void check(String what, String value) {
    Objects.requireNonNull(value, what);
    if (value.isBlank() || value.length() > OsvLimits.MAX_NAME_CHARS) {
      throw new InvalidValueException(
          "OSV package " + what,
          value,
          "expected non-blank text of at most " + OsvLimits.MAX_NAME_CHARS + " characters");
    }
  }
}
