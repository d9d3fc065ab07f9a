package dev.drydock.scanner;

import java.util.Objects;

/**
 * One entry of an OSV record's {@code references} list.
 *
 * @param type {@code ADVISORY}, {@code WEB}, {@code FIX}, {@code PACKAGE}, ... as written
 * @param url the link
 */
public record OsvReference(String type, String url) {

  /** Checks both are present. */
  public OsvReference {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(url, "url");
  }
}
