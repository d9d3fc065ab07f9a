package dev.drydock.pkg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Maven versions, ordered as Maven 3.9's {@code ComparableVersion} (documented at
 * https://maven.apache.org/pom.html#version-order-specification).
 *
 * <p>The lower-cased text is split into a tree: {@code .} separates items of one list, {@code -}
 * (and every change between digits and letters) opens a nested list. Numbers compare numerically;
 * qualifiers rank {@code alpha < beta < milestone < rc = cr < snapshot < "" = ga = final = release
 * < sp}, and any other qualifier ranks after {@code sp}, in alphabetical order; {@code a1}, {@code
 * b1}, {@code m1} mean alpha, beta, milestone when a digit follows. Trailing "null" items (0, the
 * release qualifier, empty lists) are dropped, so {@code 1 = 1.0 = 1.0.0 = 1-ga}. Against a missing
 * item, a number or list is newer, a qualifier older unless it ranks above release.
 *
 * <p>Maven orders any string; this scheme only rejects empty, over-long or non-printable-ASCII
 * text.
 */
final class MavenVersionScheme implements VersionScheme {
  private static final List<String> QUALIFIERS =
      List.of("alpha", "beta", "milestone", "rc", "snapshot", "", "sp");
  private static final String RELEASE_RANK = Integer.toString(QUALIFIERS.indexOf(""));

  /** One node of the parsed tree. */
  sealed interface Item permits Num, Qualifier, Seq {}

  /** A number, as its digits without leading zeros. */
  record Num(String digits) implements Item {}

  /** A qualifier, after expanding the one-letter forms and the aliases. */
  record Qualifier(String value) implements Item {}

  /** A nested list. */
  record Seq(List<Item> items) implements Item {}

  @Override
  public String ecosystem() {
    return "Maven";
  }

  @Override
  public boolean isValid(String version) {
    try {
      VersionText.requirePrintable("Maven", version);
      return true;
    } catch (InvalidVersionException e) {
      return false;
    }
  }

  @Override
  public int compare(String left, String right) {
    return Integer.signum(compareItems(parse(left), parse(right)));
  }

  Seq parse(String version) {
    VersionText.requirePrintable("Maven", version);
    String text = version.toLowerCase(Locale.ROOT);
    List<List<Item>> lists = new ArrayList<>();
    List<Item> root = new ArrayList<>();
    lists.add(root);
    List<Item> current = root;
    boolean digitRun = false;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '.' || c == '-') {
        current.add(i == start ? new Num("0") : item(digitRun, text.substring(start, i), false));
        start = i + 1;
        if (c == '-') {
          current = nest(current, lists);
        }
      } else if (VersionText.isDigit(c)) {
        if (!digitRun && i > start) {
          // Letters then a digit: the letters are a qualifier of their own ("1.0.x1" = "1.0-x-1").
          if (!current.isEmpty()) {
            current = nest(current, lists);
          }
          current.add(item(false, text.substring(start, i), true));
          start = i;
          current = nest(current, lists);
        }
        digitRun = true;
      } else {
        if (digitRun && i > start) {
          current.add(item(true, text.substring(start, i), false));
          start = i;
          current = nest(current, lists);
        }
        digitRun = false;
      }
    }
    if (text.length() > start) {
      if (!digitRun && !current.isEmpty()) {
        current = nest(current, lists);
      }
      current.add(item(digitRun, text.substring(start), false));
    }
    // Innermost lists first, so that an emptied list counts as null in its parent.
    for (int i = lists.size() - 1; i >= 0; i--) {
      normalize(lists.get(i));
    }
    return new Seq(root);
  }

  private static List<Item> nest(List<Item> parent, List<List<Item>> lists) {
    List<Item> child = new ArrayList<>();
    parent.add(new Seq(child));
    lists.add(child);
    return child;
  }

  private static Item item(boolean digits, String text, boolean followedByDigit) {
    if (digits) {
      int i = 0;
      while (i < text.length() - 1 && text.charAt(i) == '0') {
        i++;
      }
      return new Num(text.substring(i));
    }
    String value = text;
    if (followedByDigit && value.length() == 1) {
      value =
          switch (value) {
            case "a" -> "alpha";
            case "b" -> "beta";
            case "m" -> "milestone";
            default -> value;
          };
    }
    value =
        switch (value) {
          case "ga", "final", "release" -> "";
          case "cr" -> "rc";
          default -> value;
        };
    return new Qualifier(value);
  }

  private static void normalize(List<Item> list) {
    for (int i = list.size() - 1; i >= 0; i--) {
      Item last = list.get(i);
      if (isNull(last)) {
        list.remove(i);
      } else if (!(last instanceof Seq)) {
        break;
      }
    }
  }

  private static boolean isNull(Item item) {
    return switch (item) {
      case Num n -> n.digits().equals("0");
      case Qualifier q -> q.value().isEmpty();
      case Seq s -> s.items().isEmpty();
    };
  }

  /** The qualifier's rank as Maven's sortable string: its index, or "7-" and the name. */
  private static String rank(Qualifier q) {
    int i = QUALIFIERS.indexOf(q.value());
    return i >= 0 ? Integer.toString(i) : QUALIFIERS.size() + "-" + q.value();
  }

  /** Compares two items, or an item with a missing one ({@code right == null}). */
  static int compareItems(Item left, @Nullable Item right) {
    return switch (left) {
      case Num n ->
          switch (right) {
            case null -> n.digits().equals("0") ? 0 : 1;
            case Num m -> VersionText.compareDigits(n.digits(), m.digits());
            case Qualifier q -> 1;
            case Seq s -> 1;
          };
      case Qualifier q ->
          switch (right) {
            case null -> rank(q).compareTo(RELEASE_RANK);
            case Num m -> -1;
            case Qualifier r -> rank(q).compareTo(rank(r));
            case Seq s -> -1;
          };
      case Seq s ->
          switch (right) {
            case null -> compareWithMissing(s);
            case Num m -> -1;
            case Qualifier q -> 1;
            case Seq t -> compareSeqs(s, t);
          };
    };
  }

  private static int compareWithMissing(Seq s) {
    for (Item item : s.items()) {
      int c = compareItems(item, null);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static int compareSeqs(Seq left, Seq right) {
    int n = Math.max(left.items().size(), right.items().size());
    for (int i = 0; i < n; i++) {
      Item l = i < left.items().size() ? left.items().get(i) : null;
      Item r = i < right.items().size() ? right.items().get(i) : null;
      int c;
      if (l == null) {
        c = r == null ? 0 : -compareItems(r, null);
      } else {
        c = compareItems(l, r);
      }
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
