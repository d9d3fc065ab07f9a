package dev.drydock.report;

/**
 * How the human table looks.
 *
 * @param color use ANSI colours (only when printing to a terminal)
 * @param remediation show each problem's remediation under its row
 * @param showPassing list passing and not-applicable results too, not only their count
 */
public record TableOptions(boolean color, boolean remediation, boolean showPassing) {

  /** {@return plain text, problems only, no remediation} */
  public static TableOptions plain() {
    return new TableOptions(false, false, false);
  }
}
