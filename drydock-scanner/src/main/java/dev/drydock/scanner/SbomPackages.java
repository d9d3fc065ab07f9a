package dev.drydock.scanner;

import dev.drydock.model.InvalidValueException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What both SBOM writers need from a package list: a stable order, an identifier per package that
 * is unique within the document, and a deterministic document UUID, so that the same inputs give
 * the same bytes.
 */
final class SbomPackages {
  /** Spec: SPDX 2.3 section 7.2, an SPDX identifier is {@code SPDXRef-[A-Za-z0-9.-]+}. */
  private static final Pattern NOT_IDSTRING = Pattern.compile("[^A-Za-z0-9.-]+");

  private static final int MAX_ID_NAME = 64;

  /** The RFC 4122 namespace of drydock's name-based (version 5) document UUIDs. */
  private static final UUID NAMESPACE = UUID.fromString("6f1c7a52-3f0e-4b8e-9d2a-5c1e0b7d9a41");

  private static final Comparator<ImagePackage> ORDER =
      Comparator.comparing(ImagePackage::purl)
          .thenComparing(ImagePackage::name)
          .thenComparing(ImagePackage::version)
          .thenComparing(p -> p.layer().toString())
          .thenComparing(p -> String.join("\n", p.locations()))
          .thenComparing(ImagePackage::cataloguer);

  /**
   * A package with its identifiers.
   *
   * @param pkg the package
   * @param bomRef its CycloneDX {@code bom-ref}: the purl, plus a {@code package-id} qualifier when
   *     two packages share one purl (the same jar at two paths)
   * @param spdxId its SPDX identifier
   */
  record Entry(ImagePackage pkg, String bomRef, String spdxId) {}

  private SbomPackages() {}

  /**
   * {@return the packages sorted and identified}
   *
   * @throws InvalidValueException when a package's purl is not a valid purl
   */
  static List<Entry> index(List<ImagePackage> packages) {
    List<ImagePackage> sorted = new ArrayList<>(packages);
    sorted.sort(ORDER);
    Map<String, Integer> perPurl = new HashMap<>();
    for (ImagePackage p : sorted) {
      Purls.parse(p.purl());
      perPurl.merge(p.purl(), 1, Integer::sum);
    }
    Map<String, Integer> seen = new HashMap<>();
    List<Entry> out = new ArrayList<>(sorted.size());
    for (ImagePackage p : sorted) {
      String ref = p.purl();
      if (perPurl.getOrDefault(p.purl(), 1) > 1) {
        ref += (ref.indexOf('?') >= 0 ? "&" : "?") + "package-id=" + shortHash(identity(p));
      }
      int n = seen.merge(ref, 1, Integer::sum);
      if (n > 1) {
        ref += "-" + n;
      }
      out.add(new Entry(p, ref, spdxId("Package-" + Purls.type(p.purl()), p.name(), ref)));
    }
    return out;
  }

  /**
   * {@return an SPDX identifier {@code SPDXRef-<prefix>-<name>-<hash>}}: the name sanitised to the
   * allowed characters and shortened, the hash of {@code unique} keeping distinct elements distinct
   */
  static String spdxId(String prefix, String name, String unique) {
    String clean = NOT_IDSTRING.matcher(name).replaceAll("-");
    if (clean.length() > MAX_ID_NAME) {
      clean = clean.substring(0, MAX_ID_NAME);
    }
    return "SPDXRef-" + prefix + "-" + clean + "-" + shortHash(unique);
  }

  /** {@return the package's properties in key order (the record's map has no stable order)} */
  static SortedMap<String, String> properties(ImagePackage p) {
    return new TreeMap<>(p.properties());
  }

  /** {@return the declared licence of a package, or null} */
  static @Nullable String license(ImagePackage p) {
    String l = p.properties().get(SbomWriter.LICENSE_PROPERTY);
    return l == null || l.isBlank() ? null : l.strip();
  }

  /**
   * {@return a name-based (RFC 4122 version 5) UUID over everything a document shows}: the same
   * subject (including its creation time), packages and vulnerabilities give the same UUID, any
   * difference gives another
   */
  static UUID documentUuid(SbomSubject s, List<Entry> entries, List<VulnMatch> vulns) {
    StringBuilder name = new StringBuilder();
    field(name, s.imageRef());
    field(name, s.imageId().toString());
    field(name, Objects.toString(s.manifestDigest(), ""));
    field(name, Objects.toString(s.osName(), ""));
    field(name, Objects.toString(s.osVersion(), ""));
    field(name, Objects.toString(s.architecture(), ""));
    field(name, s.created().toString());
    field(name, s.toolName());
    field(name, s.toolVersion());
    for (Entry e : entries) {
      field(name, e.bomRef());
      field(name, identity(e.pkg()));
    }
    for (VulnMatch v : vulns) {
      field(name, v.id());
      field(name, v.pkg().toString());
      field(name, Objects.toString(v.fixedVersion(), ""));
    }
    return uuid5(name.toString());
  }

  private static String identity(ImagePackage p) {
    StringBuilder b = new StringBuilder();
    field(b, p.ecosystem());
    field(b, p.name());
    field(b, p.version());
    field(b, Objects.toString(p.sourceName(), ""));
    field(b, Objects.toString(p.sourceVersion(), ""));
    field(b, p.layer().toString());
    p.locations().forEach(l -> field(b, l));
    field(b, p.cataloguer());
    properties(p).forEach((k, v) -> field(b, k + "=" + v));
    return b.toString();
  }

  /** Appends a length-prefixed field, so that no two field lists give the same text. */
  private static void field(StringBuilder b, String value) {
    b.append(value.length()).append(':').append(value).append(';');
  }

  private static UUID uuid5(String name) {
    ByteBuffer ns = ByteBuffer.allocate(16);
    ns.putLong(NAMESPACE.getMostSignificantBits()).putLong(NAMESPACE.getLeastSignificantBits());
    MessageDigest sha1 = digest("SHA-1");
    sha1.update(ns.array());
    byte[] h = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
    h[6] = (byte) ((h[6] & 0x0f) | 0x50);
    h[8] = (byte) ((h[8] & 0x3f) | 0x80);
    ByteBuffer b = ByteBuffer.wrap(h, 0, 16);
    return new UUID(b.getLong(), b.getLong());
  }

  private static String shortHash(String text) {
    byte[] h = digest("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(h, 0, 8);
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has " + algorithm, e);
    }
  }
}
