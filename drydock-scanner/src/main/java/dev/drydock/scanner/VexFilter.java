package dev.drydock.scanner;

import com.github.packageurl.PackageURL;
import dev.drydock.model.InvalidValueException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Decides from OpenVEX documents whether a finding is suppressed, and records why.
 *
 * <p>A statement applies to a finding when its vulnerability name or an alias equals the finding's
 * id or one of its aliases (ignoring case), and one of its products matches the package: the
 * product or one of its subcomponents is the package's purl (compared on type, namespace, name and
 * version, ignoring qualifiers and subpath; a purl without a version matches every version), or the
 * product is the scanned image (its {@code @id} equals the image reference or {@code pkg:oci} purl)
 * with no subcomponents. A subcomponent only counts when its product is the scanned image, or is a
 * non-OCI purl, or no image is given: a statement about another image says nothing about this one.
 *
 * <p>Of all applicable statements the latest wins (OpenVEX spec v0.2.0, "Inheritance Flow" and the
 * timeline model: later statements override earlier ones), ordered by document timestamp, then
 * statement timestamp (defaulting to the document's), then the order the documents and statements
 * were given. The finding is suppressed only when that statement says {@code not_affected} or
 * {@code fixed}.
 */
public final class VexFilter {

  /**
   * Why a finding is suppressed.
   *
   * @param status the status label, {@code not_affected} or {@code fixed}
   * @param justification the justification label, or empty when the statement has none
   * @param statement the impact statement (or action statement when there is no impact statement),
   *     or empty
   * @param source the document file and statement index, e.g. {@code app.vex.json#statements[2]}
   */
  public record Suppression(String status, String justification, String statement, String source) {
    /** Checks that no field is null. */
    public Suppression {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(justification, "justification");
      Objects.requireNonNull(statement, "statement");
      Objects.requireNonNull(source, "source");
    }
  }

  /** A statement with its place in time, for ordering. */
  private record Entry(
      VexDocument doc, VexStatement statement, Instant docTime, Instant time, int docOrder) {}

  private static final Comparator<Entry> TIMELINE =
      Comparator.comparing(Entry::docTime)
          .thenComparing(Entry::time)
          .thenComparingInt(Entry::docOrder)
          .thenComparingInt(e -> e.statement().index());

  /** Applicable-statement candidates by lower-case vulnerability name and alias, oldest first. */
  private final Map<String, List<Entry>> byId;

  /** Every product and subcomponent id that is a valid purl, parsed once. */
  private final Map<String, PackageURL> purls;

  /**
   * Creates a filter from documents, in the order given (the order breaks timestamp ties).
   *
   * @param documents the parsed OpenVEX documents
   */
  public VexFilter(List<VexDocument> documents) {
    List<Entry> list = new ArrayList<>();
    for (int d = 0; d < documents.size(); d++) {
      VexDocument doc = documents.get(d);
      for (VexStatement s : doc.statements()) {
        Instant t = s.timestamp() == null ? doc.timestamp() : s.timestamp();
        list.add(new Entry(doc, s, doc.timestamp(), t, d));
      }
    }
    list.sort(TIMELINE);
    Map<String, List<Entry>> index = new HashMap<>();
    Map<String, PackageURL> parsed = new HashMap<>();
    for (Entry e : list) {
      Set<String> names = new LinkedHashSet<>();
      names.add(e.statement().vulnerability().toLowerCase(Locale.ROOT));
      for (String a : e.statement().aliases()) {
        names.add(a.toLowerCase(Locale.ROOT));
      }
      for (String n : names) {
        index.computeIfAbsent(n, k -> new ArrayList<>()).add(e);
      }
      for (VexProduct p : e.statement().products()) {
        remember(parsed, p.id());
        p.subcomponents().forEach(sub -> remember(parsed, sub));
      }
    }
    index.replaceAll((k, v) -> List.copyOf(v));
    this.byId = Map.copyOf(index);
    this.purls = Map.copyOf(parsed);
  }

  private static void remember(Map<String, PackageURL> parsed, String id) {
    PackageURL p = purl(id);
    if (p != null) {
      parsed.put(id, p);
    }
  }

  /**
   * Finds whether a finding is suppressed.
   *
   * @param vulnerabilityId the finding's id, e.g. {@code CVE-2023-5363} or {@code GHSA-...}
   * @param aliases the finding's other ids
   * @param packagePurl the purl of the affected package
   * @param imagePurlOrRef the scanned image's reference or {@code pkg:oci} purl, or null
   * @return the reason when the latest applicable statement is {@code not_affected} or {@code
   *     fixed}, else empty
   */
  public Optional<Suppression> suppression(
      String vulnerabilityId,
      List<String> aliases,
      String packagePurl,
      @Nullable String imagePurlOrRef) {
    Set<String> ids = new LinkedHashSet<>();
    ids.add(vulnerabilityId.toLowerCase(Locale.ROOT));
    for (String a : aliases) {
      ids.add(a.toLowerCase(Locale.ROOT));
    }
    List<Entry> candidates = new ArrayList<>();
    for (String id : ids) {
      candidates.addAll(byId.getOrDefault(id, List.of()));
    }
    candidates.sort(TIMELINE); // oldest first: the last match wins
    PackageURL pkg = purl(packagePurl);
    PackageURL image = imagePurlOrRef == null ? null : purl(imagePurlOrRef);
    Entry latest = null;
    for (Entry e : candidates) {
      if (products(e.statement(), pkg, imagePurlOrRef, image)) {
        latest = e;
      }
    }
    if (latest == null || !latest.statement().status().suppresses()) {
      return Optional.empty();
    }
    VexStatement s = latest.statement();
    String text = s.impactStatement() != null ? s.impactStatement() : s.actionStatement();
    return Optional.of(
        new Suppression(
            s.status().label(),
            s.justification() == null ? "" : s.justification().label(),
            text == null ? "" : text,
            latest.doc().source() + "#statements[" + s.index() + "]"));
  }

  private boolean products(
      VexStatement s,
      @Nullable PackageURL pkg,
      @Nullable String imageRef,
      @Nullable PackageURL image) {
    for (VexProduct p : s.products()) {
      PackageURL productPurl = purls.get(p.id());
      if (pkg != null && productPurl != null && same(productPurl, pkg)) {
        return true;
      }
      boolean isImage =
          imageRef != null
              && (p.id().equals(imageRef)
                  || (productPurl != null && image != null && same(productPurl, image)));
      if (isImage && p.subcomponents().isEmpty()) {
        return true;
      }
      boolean subsCount =
          isImage
              || imageRef == null
              || (productPurl != null && !"oci".equals(productPurl.getType()));
      if (subsCount && pkg != null && anySub(p, pkg)) {
        return true;
      }
    }
    return false;
  }

  private boolean anySub(VexProduct p, PackageURL pkg) {
    for (String sub : p.subcomponents()) {
      PackageURL s = purls.get(sub);
      if (s != null && same(s, pkg)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a statement's purl covers a package's purl: same type, namespace and name (as
   * packageurl-java normalises them per type), and same version unless the statement's purl has
   * none. Qualifiers and subpath are ignored: VEX authors rarely repeat a scanner's arch or distro
   * qualifiers.
   */
  private static boolean same(PackageURL statement, PackageURL pkg) {
    return statement.getType().equals(pkg.getType())
        && Objects.equals(statement.getNamespace(), pkg.getNamespace())
        && statement.getName().equals(pkg.getName())
        && (statement.getVersion() == null || statement.getVersion().equals(pkg.getVersion()));
  }

  private static @Nullable PackageURL purl(String s) {
    if (!s.startsWith("pkg:")) {
      return null;
    }
    try {
      return Purls.parse(s);
    } catch (InvalidValueException e) {
      return null; // not a purl: compared as a plain identifier only
    }
  }
}
