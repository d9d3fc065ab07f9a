package dev.drydock.report;

/** Makes untrusted text safe to show on a terminal. */
public final class Printable {
  private Printable() {}

  /**
   * Replaces control characters and invisible format characters (bidi overrides such as U+202E,
   * zero-width joiners) with {@code ?}, so that hostile names (containers, daemon fields, file
   * names) cannot move the cursor, set the window title, fake lines or reorder what is shown.
   *
   * @param text untrusted text
   * @return the text with every such character replaced
   */
  public static String clean(String text) {
    StringBuilder b = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c ->
                b.appendCodePoint(
                    Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                        ? '?'
                        : c));
    return b.toString();
  }
}
