package dev.drydock.scanner;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One OpenVEX statement: the status of a vulnerability in some products.
 *
 * @param index the statement's position in its document (0-based), for suppression reasons
 * @param vulnerability the vulnerability name, e.g. {@code CVE-2023-5363}
 * @param aliases other ids of the same vulnerability, e.g. a GHSA id
 * @param products the products the statement is about
 * @param status the impact status
 * @param justification why the product is not affected, or null
 * @param impactStatement free text on why the product is not affected, or null
 * @param actionStatement free text on what to do (for {@code affected}), or null
 * @param timestamp when the statement was made, or null to inherit the document's
 */
public record VexStatement(
    int index,
    String vulnerability,
    List<String> aliases,
    List<VexProduct> products,
    VexStatus status,
    @Nullable VexJustification justification,
    @Nullable String impactStatement,
    @Nullable String actionStatement,
    @Nullable Instant timestamp) {

  /** Validates and copies the lists. */
  public VexStatement {
    Objects.requireNonNull(vulnerability, "vulnerability");
    Objects.requireNonNull(status, "status");
    aliases = List.copyOf(aliases);
    products = List.copyOf(products);
    if (status == VexStatus.NOT_AFFECTED && justification == null && impactStatement == null) {
      throw new IllegalArgumentException(
          "status not_affected needs a justification or an impact_statement");
    }
  }
}
