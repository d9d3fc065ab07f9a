package dev.drydock.scanner;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Merges the records matched for one package into logical vulnerabilities: two records are the same
 * vulnerability when one's id or aliases share an id with the other's (transitively), as the <a
 * href="https://ossf.github.io/osv-schema/#aliases-field">aliases field</a> defines. {@code
 * upstream} and {@code related} ids do not merge (a DSA lists many CVEs upstream), except the one
 * upstream id a distro record is named after: {@code DEBIAN-CVE-2023-5363} is CVE-2023-5363.
 */
final class AliasMerger {
  private AliasMerger() {}

  static List<VulnMatch> merge(
      List<RecordMatch> matches,
      PackageQuery pkg,
      Function<RecordMatch, SeverityRating> severity,
      @Nullable Comparator<String> order) {
    int n = matches.size();
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    Map<String, Integer> owner = new HashMap<>();
    for (int i = 0; i < n; i++) {
      for (String id : ids(matches.get(i).record())) {
        Integer j = owner.putIfAbsent(id, i);
        if (j != null) {
          union(parent, i, j);
        }
      }
    }
    Map<Integer, List<RecordMatch>> groups = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(matches.get(i));
    }
    List<VulnMatch> out = new ArrayList<>();
    for (List<RecordMatch> group : groups.values()) {
      out.add(one(group, pkg, severity, order));
    }
    out.sort(Comparator.comparing(VulnMatch::severity).reversed().thenComparing(VulnMatch::id));
    return out;
  }

  private static VulnMatch one(
      List<RecordMatch> group,
      PackageQuery pkg,
      Function<RecordMatch, SeverityRating> severity,
      @Nullable Comparator<String> order) {
    TreeSet<String> ids = new TreeSet<>();
    TreeSet<String> recordIds = new TreeSet<>();
    SeverityRating best = null;
    String fix = null;
    boolean unfixed = false;
    Instant modified = Instant.MIN;
    String summary = "";
    for (RecordMatch m : group) {
      ids.addAll(ids(m.record()));
      recordIds.add(m.record().id());
      SeverityRating r = severity.apply(m);
      if (best == null
          || r.severity().compareTo(best.severity()) > 0
          || (r.severity() == best.severity() && r.scoreOrMinus() > best.scoreOrMinus())) {
        best = r;
      }
      if (m.fixedVersion() == null) {
        unfixed = true;
      } else {
        fix = highest(fix, m.fixedVersion(), order);
      }
      if (m.record().modified().isAfter(modified)) {
        modified = m.record().modified();
      }
      if (summary.isEmpty() || m.record().id().startsWith("GHSA-")) {
        summary = m.record().summary().isEmpty() ? summary : m.record().summary();
      }
    }
    String primary = primary(ids, recordIds);
    ids.remove(primary);
    SeverityRating rating = best == null ? SeverityRating.unknown() : best;
    // A fix counts only when every matched record agrees there is one: if one source says the
    // installed version stays affected for good, reporting a fix would mislead.
    String fixed = unfixed ? null : fix;
    return new VulnMatch(
        primary,
        List.copyOf(ids),
        List.copyOf(recordIds),
        rating.severity(),
        rating.cvss(),
        rating.source(),
        fixed,
        summary,
        pkg,
        modified);
  }

  /** {@return the record's id, aliases, and the upstream id it is named after} */
  static List<String> ids(OsvRecord r) {
    List<String> ids = new ArrayList<>(r.allIds());
    for (String up : r.upstream()) {
      if (r.id().endsWith("-" + up) && !ids.contains(up)) {
        ids.add(up);
      }
    }
    return ids;
  }

  private static String primary(SortedSet<String> ids, SortedSet<String> recordIds) {
    for (String prefix : List.of("CVE-", "GHSA-")) {
      for (String id : ids) {
        if (id.startsWith(prefix)) {
          return id;
        }
      }
    }
    return recordIds.first();
  }

  private static @Nullable String highest(
      @Nullable String current, String candidate, @Nullable Comparator<String> order) {
    if (current == null) {
      return candidate;
    }
    if (order == null) {
      return current;
    }
    try {
      return order.compare(candidate, current) > 0 ? candidate : current;
    } catch (RuntimeException e) {
      return current;
    }
  }

  private static int find(int[] parent, int i) {
    int r = i;
    while (parent[r] != r) {
      r = parent[r];
    }
    return r;
  }

  private static void union(int[] parent, int a, int b) {
    parent[find(parent, a)] = find(parent, b);
  }
}
