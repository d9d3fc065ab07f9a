package dev.drydock.audit;

/**
 * HTML escaping for every piece of text that comes from the audited host (container names, labels,
 * image tags, evidence): the report must show hostile text, never run it.
 */
final class Html {
  private Html() {}

  /**
   * {@return {@code text} safe in element content and in quoted attribute values}; control
   * characters other than tab and newline are shown as U+FFFD
   */
  static String esc(String text) {
    StringBuilder b = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        case '`' -> b.append("&#96;");
        default -> {
          if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
            b.append('\uFFFD');
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
