package dev.drydock.scanner;

import dev.drydock.model.InvalidValueException;
import dev.drydock.pkg.VersionScheme;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether an OSV record affects a package version, following the <a
 * href="https://ossf.github.io/osv-schema/#evaluation">OSV evaluation rules</a>: per range, events
 * are sorted by version (an {@code introduced} of {@code "0"} first); a version is affected after
 * an {@code introduced} it is at or above until a {@code fixed} it is at or above (exclusive) or a
 * {@code last_affected} it is above (inclusive); a range with {@code limit} events only covers
 * versions below one of them; versions listed explicitly are affected; {@code GIT} ranges are not
 * used for versions; {@code SEMVER} ranges use SemVer precedence and {@code ECOSYSTEM} ranges the
 * ecosystem's own scheme. Withdrawn records never match.
 *
 * <p>Event versions the scheme cannot read are skipped (the real data holds a few); a package
 * version the scheme cannot read matches only through the explicit {@code versions} list.
 */
public final class OsvMatcher {
  private final Function<String, Optional<VersionScheme>> schemes;
  private final Map<String, Optional<VersionScheme>> cache = new ConcurrentHashMap<>();

  /**
   * Creates a matcher.
   *
   * @param schemes gives the version scheme of a base ecosystem ({@code Debian}, {@code Maven}), or
   *     empty when there is none: such an ecosystem's {@code ECOSYSTEM} ranges are not evaluated
   */
  public OsvMatcher(Function<String, Optional<VersionScheme>> schemes) {
    this.schemes = Objects.requireNonNull(schemes, "schemes");
  }

  /** {@return true when the record affects this version of the package} */
  public boolean affects(OsvRecord record, String ecosystem, String packageName, String version) {
    return evaluate(record, PackageQuery.of(ecosystem, packageName, version)).isPresent();
  }

  /**
   * Evaluates a record against a package.
   *
   * @return the match with the fix version, or empty when the record does not affect the package
   */
  public Optional<RecordMatch> evaluate(OsvRecord record, PackageQuery pkg) {
    if (record.isWithdrawn()) {
      return Optional.empty();
    }
    String name = Ecosystems.normaliseName(pkg.ecosystem(), pkg.matchName());
    String version = pkg.matchVersion();
    @Nullable Comparator<String> scheme = scheme(pkg.ecosystem());
    boolean versionValid = scheme != null && valid(scheme, version);
    boolean affected = false;
    String fix = null;
    List<OsvAffected> matched = new ArrayList<>();
    for (OsvAffected a : record.affected()) {
      if (!Ecosystems.covers(a.pkg().ecosystem(), pkg.ecosystem())
          || !(a.pkg().name().equals(name)
              || Ecosystems.normaliseName(a.pkg().ecosystem(), a.pkg().name()).equals(name))) {
        continue;
      }
      boolean hit = listed(a, version, scheme);
      for (OsvRange range : a.ranges()) {
        Comparator<String> order =
            switch (range.type()) {
              case SEMVER -> SemVer.INSTANCE;
              case ECOSYSTEM -> scheme;
              case GIT -> null;
            };
        boolean readable =
            range.type() == OsvRange.Type.ECOSYSTEM ? versionValid : SemVer.isValid(version);
        if (order == null || !readable) {
          continue;
        }
        RangeOutcome outcome = evaluateRange(range, version, order);
        if (outcome.affected) {
          hit = true;
          fix = lowest(fix, outcome.fix, order);
        }
      }
      if (hit) {
        affected = true;
        matched.add(a);
      }
    }
    return affected ? Optional.of(new RecordMatch(record, fix, matched)) : Optional.empty();
  }

  /** {@return the ordering for an ecosystem's versions, or null when drydock has none} */
  @Nullable Comparator<String> scheme(String ecosystem) {
    VersionScheme s = cache.computeIfAbsent(Ecosystems.base(ecosystem), schemes).orElse(null);
    return s;
  }

  record RangeOutcome(boolean affected, @Nullable String fix) {}

  static RangeOutcome evaluateRange(OsvRange range, String version, Comparator<String> order) {
    List<OsvEvent> events = new ArrayList<>();
    boolean hasLimit = false;
    boolean belowALimit = false;
    for (OsvEvent e : range.events()) {
      boolean zero = e.kind() == OsvEvent.Kind.INTRODUCED && e.version().equals("0");
      if (!zero && !valid(order, e.version())) {
        if (e.kind() == OsvEvent.Kind.LIMIT && e.version().equals("*")) {
          hasLimit = true;
          belowALimit = true;
        }
        continue;
      }
      if (e.kind() == OsvEvent.Kind.LIMIT) {
        hasLimit = true;
        belowALimit |= order.compare(version, e.version()) < 0;
      } else {
        events.add(e);
      }
    }
    if (hasLimit && !belowALimit) {
      return new RangeOutcome(false, null);
    }
    if (!sorted(events, order)) {
      events.sort((a, b) -> compareEvents(a, b, order));
    }
    // One comparison of the installed version with each event, reused below.
    int[] cmp = new int[events.size()];
    for (int i = 0; i < cmp.length; i++) {
      OsvEvent e = events.get(i);
      boolean zero = e.kind() == OsvEvent.Kind.INTRODUCED && e.version().equals("0");
      cmp[i] = zero ? 1 : order.compare(version, e.version());
    }
    boolean affected = false;
    for (int i = 0; i < cmp.length; i++) {
      switch (events.get(i).kind()) {
        case INTRODUCED -> affected |= cmp[i] >= 0;
        case FIXED -> affected &= cmp[i] < 0;
        case LAST_AFFECTED -> affected &= cmp[i] <= 0;
        case LIMIT -> throw new IllegalStateException("limits were filtered out");
      }
    }
    if (!affected) {
      return new RangeOutcome(false, null);
    }
    for (int i = 0; i < cmp.length; i++) {
      if (events.get(i).kind() == OsvEvent.Kind.FIXED && cmp[i] < 0) {
        return new RangeOutcome(true, events.get(i).version());
      }
    }
    return new RangeOutcome(true, null);
  }

  private static boolean sorted(List<OsvEvent> events, Comparator<String> order) {
    for (int i = 1; i < events.size(); i++) {
      if (compareEvents(events.get(i - 1), events.get(i), order) > 0) {
        return false;
      }
    }
    return true;
  }

  private static int compareEvents(OsvEvent a, OsvEvent b, Comparator<String> order) {
    boolean az = a.kind() == OsvEvent.Kind.INTRODUCED && a.version().equals("0");
    boolean bz = b.kind() == OsvEvent.Kind.INTRODUCED && b.version().equals("0");
    if (az || bz) {
      return Boolean.compare(bz, az);
    }
    return order.compare(a.version(), b.version());
  }

  /**
   * Whether the version is in the entry's explicit list: as written, or — only when the entry has
   * no version ranges to decide by — equal under the scheme ({@code 1.0} and {@code 1.0.0} in
   * PyPI). With ranges present the list is osv.dev's enumeration of them, and comparing every entry
   * under the scheme would cost more than it finds.
   */
  private static boolean listed(
      OsvAffected a, String version, @Nullable Comparator<String> scheme) {
    List<String> versions = a.versions();
    if (versions.isEmpty()) {
      return false;
    }
    if (versions.contains(version)) {
      return true;
    }
    boolean hasRanges = a.ranges().stream().anyMatch(r -> r.type() != OsvRange.Type.GIT);
    if (hasRanges || scheme == null || !valid(scheme, version)) {
      return false;
    }
    for (String v : versions) {
      if (valid(scheme, v) && scheme.compare(v, version) == 0) {
        return true;
      }
    }
    return false;
  }

  static @Nullable String lowest(
      @Nullable String current, @Nullable String candidate, Comparator<String> order) {
    if (candidate == null) {
      return current;
    }
    if (current == null) {
      return candidate;
    }
    try {
      return order.compare(candidate, current) < 0 ? candidate : current;
    } catch (InvalidValueException e) {
      return current;
    }
  }

  private static boolean valid(Comparator<String> order, String version) {
    if (order instanceof VersionScheme s) {
      return s.isValid(version);
    }
    if (order instanceof SemVer) {
      return SemVer.isValid(version);
    }
    try {
      order.compare(version, version);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
