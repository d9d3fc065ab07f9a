package dev.drydock.pkg;

/**
 * Orders kernel release strings ({@code 6.1.0-28-amd64}, {@code 5.14.0-427.13.1.el9_4.x86_64},
 * {@code 5.15.74-0-lts}) segment by segment, numbers numerically, as rpmvercmp does; enough for "is
 * the running kernel older than the installed one", where both share a distribution's scheme.
 */
final class KernelReleases {
  private KernelReleases() {}

  static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (true) {
      i = skipSeparators(a, i);
      j = skipSeparators(b, j);
      if (i >= a.length() || j >= b.length()) {
        return Boolean.compare(i < a.length(), j < b.length());
      }
      boolean numeric = Character.isDigit(a.charAt(i));
      if (numeric != Character.isDigit(b.charAt(j))) {
        return numeric ? 1 : -1; // a number beats letters, as in rpm
      }
      int ie = end(a, i, numeric);
      int je = end(b, j, numeric);
      int c =
          numeric
              ? compareNumbers(a.substring(i, ie), b.substring(j, je))
              : a.substring(i, ie).compareTo(b.substring(j, je));
      if (c != 0) {
        return Integer.signum(c);
      }
      i = ie;
      j = je;
    }
  }

  private static int skipSeparators(String s, int from) {
    int i = from;
    while (i < s.length() && !Character.isLetterOrDigit(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int end(String s, int from, boolean numeric) {
    int i = from;
    while (i < s.length()
        && Character.isLetterOrDigit(s.charAt(i))
        && Character.isDigit(s.charAt(i)) == numeric) {
      i++;
    }
    return i;
  }

  private static int compareNumbers(String x, String y) {
    String a = x.replaceFirst("^0+(?=.)", "");
    String b = y.replaceFirst("^0+(?=.)", "");
    return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
  }
}
