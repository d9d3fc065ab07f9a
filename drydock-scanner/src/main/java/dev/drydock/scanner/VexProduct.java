package dev.drydock.scanner;

import java.util.List;
import java.util.Objects;

/**
 * A product of an OpenVEX statement: a purl, image reference or other identifier, optionally
 * narrowed to the subcomponents (usually package purls) the statement is about.
 *
 * @param id the product's {@code @id} (or its {@code identifiers.purl} when it has no {@code @id})
 * @param subcomponents the subcomponent identifiers; empty when the statement is about the product
 *     as a whole
 */
public record VexProduct(String id, List<String> subcomponents) {
  /** Validates and copies the list. */
  public VexProduct {
    Objects.requireNonNull(id, "id");
    subcomponents = List.copyOf(subcomponents);
  }
}
