package dev.drydock.scanner;

import dev.drydock.oci.FileEntry;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Java archives (jar, war, ear and the plugin/archive variants), nested to any depth up to {@link
 * #MAX_DEPTH}. Archives are streamed: a nested archive is read straight from its parent's entry
 * stream, never buffered. Identification follows the order Trivy and Syft use: every {@code
 * META-INF/maven/<g>/<a>/pom.properties} is a package (shaded jars hold many); when none names the
 * archive itself, the {@code MANIFEST.MF} ({@code Implementation-*}, {@code Bundle-*}), then the
 * file name {@code name-1.2.3.jar} identify it.
 *
 * <p>Bounds against zip bombs: entries per top-level file, nesting depth, and inflated bytes (an
 * absolute cap and a ratio to the compressed bytes read). A file that breaks a bound or is not a
 * zip yields no package, only a problem.
 */
final class JavaArchiveCataloguer implements Cataloguer {
  static final int MAX_DEPTH = 8;
  static final long MAX_ENTRIES = 500_000;
  static final long MAX_INFLATED = 4L << 30;
  static final long INFLATE_GRACE = 64L << 20;
  static final long MAX_RATIO = 200;

  private static final Set<String> EXTENSIONS =
      Set.of("jar", "war", "ear", "jpi", "hpi", "par", "sar", "nar", "kar", "rar", "lpkg");
  private static final Pattern POM =
      Pattern.compile("META-INF/maven/([^/]+)/([^/]+)/pom\\.properties");
  private static final Pattern FILE_NAME =
      Pattern.compile("(?<name>[A-Za-z0-9_.\\-]+?)-(?<version>\\d[A-Za-z0-9_.\\-+]*)");
  private static final Pattern REVERSE_DNS =
      Pattern.compile("[a-z][a-z0-9_\\-]*(\\.[a-z0-9_\\-]+)+");

  @Override
  public String name() {
    return "java-archive";
  }

  @Override
  public boolean wants(FileEntry entry) {
    return isArchive(entry.path());
  }

  static boolean isArchive(String path) {
    int dot = path.lastIndexOf('.');
    return dot > path.lastIndexOf('/') + 1
        && EXTENSIONS.contains(path.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  @Override
  public void read(FileEntry entry, InputStream content, CatalogSink sink) throws IOException {
    Budget budget = new Budget(content);
    List<Found> found = new ArrayList<>();
    try {
      scan(budget.counted(), entry.path(), 0, budget, found, sink);
    } catch (SourceException e) {
      throw e.source(); // the image itself failed, not the archive
    } catch (LimitException e) {
      sink.problem(entry.path(), e.getMessage() + "; skipped");
      return;
    } catch (IOException | RuntimeException e) {
      // ZipInputStream reports malformed archives as ZipException, EOFException and, for bad
      // names, IllegalArgumentException; none of them may stop the scan of the image.
      sink.problem(entry.path(), "not a readable zip archive (" + e.getMessage() + "); skipped");
      return;
    }
    for (Found f : found) {
      try {
        sink.add(
            new ImagePackage(
                "Maven",
                f.groupId + ":" + f.artifactId,
                f.version,
                CatalogPurls.maven(f.groupId, f.artifactId, f.version),
                null,
                null,
                entry.diffId(),
                List.of(f.location),
                name(),
                f.properties));
      } catch (IllegalArgumentException e) {
        sink.problem(f.location, e.getMessage());
      }
    }
  }

  /** One identified package, before it becomes an {@link ImagePackage}. */
  record Found(
      String groupId,
      String artifactId,
      String version,
      String location,
      Map<String, String> properties) {}

  /** Reads one archive level; nested archives recurse on the entry stream. */
  static void scan(
      InputStream in,
      String location,
      int depth,
      Budget budget,
      List<Found> found,
      CatalogSink sink)
      throws IOException {
    ZipInputStream zip = new ZipInputStream(new NonClosing(in));
    Map<String, String> manifest = Map.of();
    Map<String, Map<String, String>> poms = new LinkedHashMap<>();
    boolean any = false;
    ZipEntry ze;
    while ((ze = zip.getNextEntry()) != null) {
      any = true;
      budget.entry(location);
      String name = ze.getName();
      if (ze.isDirectory()) {
        continue;
      }
      if (name.equalsIgnoreCase("META-INF/MANIFEST.MF")) {
        manifest = CatalogFormats.manifest(budget.read(zip, CatalogFormats.MAX_METADATA_BYTES));
      } else if (POM.matcher(name).matches()) {
        poms.put(
            name, CatalogFormats.properties(budget.read(zip, CatalogFormats.MAX_METADATA_BYTES)));
      } else if (isArchive(name)) {
        String nested = location + "!/" + name;
        if (depth + 1 > MAX_DEPTH) {
          sink.problem(nested, "nested deeper than " + MAX_DEPTH + " archives; not read");
        } else {
          List<Found> inner = new ArrayList<>();
          try {
            scan(zip, nested, depth + 1, budget, inner, sink);
            found.addAll(inner);
          } catch (java.util.zip.ZipException | java.io.EOFException | IllegalArgumentException e) {
            sink.problem(nested, "not a readable zip archive (" + e.getMessage() + "); skipped");
          }
        }
      }
      budget.drain(zip);
    }
    if (!any) {
      throw new java.util.zip.ZipException("no zip entries");
    }
    identify(location, manifest, poms, found);
  }

  /** Applies the identification order to what one archive level held. */
  static void identify(
      String location,
      Map<String, String> manifest,
      Map<String, Map<String, String>> poms,
      List<Found> found) {
    String base =
        location.substring(Math.max(location.lastIndexOf('/'), location.lastIndexOf('!')) + 1);
    Matcher fileName = FILE_NAME.matcher(base.substring(0, Math.max(base.lastIndexOf('.'), 0)));
    String fileArtifact = fileName.matches() ? fileName.group("name") : null;
    boolean selfFound = false;
    Set<String> seen = new java.util.HashSet<>();
    for (Map.Entry<String, Map<String, String>> pom : poms.entrySet()) {
      Matcher path = POM.matcher(pom.getKey());
      if (!path.matches()) {
        continue;
      }
      Map<String, String> p = pom.getValue();
      String g = CatalogFormats.token(p.getOrDefault("groupId", path.group(1)));
      String a = CatalogFormats.token(p.getOrDefault("artifactId", path.group(2)));
      String v = CatalogFormats.token(p.get("version"));
      if (g == null || a == null || v == null || !seen.add(g + ":" + a + ":" + v)) {
        continue;
      }
      selfFound |= a.equals(fileArtifact);
      found.add(
          new Found(
              g,
              a,
              v,
              location,
              Map.of("java.identifiedBy", "pom.properties", "java.pomPath", pom.getKey())));
    }
    if (selfFound || (!poms.isEmpty() && fileArtifact == null && !seen.isEmpty())) {
      return;
    }
    Found self = fromManifest(location, manifest, fileArtifact);
    if (self == null && fileName.matches()) {
      String a = fileName.group("name");
      self =
          new Found(
              a, a, fileName.group("version"), location, Map.of("java.identifiedBy", "file-name"));
    }
    if (self != null && seen.add(self.groupId + ":" + self.artifactId + ":" + self.version)) {
      found.add(self);
    }
  }

  private static @Nullable Found fromManifest(
      String location, Map<String, String> mf, @Nullable String fileArtifact) {
    String version = first(mf, "Implementation-Version", "Bundle-Version", "Specification-Version");
    String bsn = mf.get("Bundle-SymbolicName");
    if (bsn != null) {
      bsn = CatalogFormats.token(bsn.split(";", 2)[0]);
    }
    String artifact = fileArtifact;
    if (artifact == null) {
      artifact = CatalogFormats.token(mf.get("Implementation-Title"));
    }
    if (artifact == null && bsn != null) {
      artifact = bsn.substring(bsn.lastIndexOf('.') + 1);
    }
    if (version == null || artifact == null) {
      return null;
    }
    String group = CatalogFormats.token(mf.get("Implementation-Vendor-Id"));
    if (group == null || !REVERSE_DNS.matcher(group).matches()) {
      group = bsn != null && REVERSE_DNS.matcher(bsn).matches() ? bsn : null;
      String module = CatalogFormats.token(mf.get("Automatic-Module-Name"));
      if (group == null && module != null && REVERSE_DNS.matcher(module).matches()) {
        group = module;
      }
    }
    // Without a group the artifact stands in, as Syft does; matching then relies on the name.
    return new Found(
        group == null ? artifact : group,
        artifact,
        version,
        location,
        Map.of("java.identifiedBy", "manifest"));
  }

  private static @Nullable String first(Map<String, String> mf, String... keys) {
    for (String k : keys) {
      String v = CatalogFormats.token(mf.get(k));
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  /** A bound was broken. */
  static final class LimitException extends IOException {
    private static final long serialVersionUID = 1L;

    LimitException(String message) {
      super(message);
    }
  }

  /** Counts entries and inflated bytes for one top-level file, against its compressed bytes. */
  static final class Budget {
    private final CountingStream raw;
    private long entries;
    private long inflated;
    private final byte[] scratch = new byte[16 << 10];

    Budget(InputStream content) {
      this.raw = new CountingStream(content);
    }

    InputStream counted() {
      return raw;
    }

    void entry(String location) throws LimitException {
      if (++entries > MAX_ENTRIES) {
        throw new LimitException(
            "holds more than " + MAX_ENTRIES + " zip entries (in " + location + ")");
      }
    }

    byte[] read(InputStream in, int max) throws IOException {
      byte[] bytes = in.readNBytes(max + 1);
      add(bytes.length);
      if (bytes.length > max) {
        throw new LimitException("a metadata entry is larger than " + max + " bytes");
      }
      return bytes;
    }

    void drain(InputStream in) throws IOException {
      int n;
      while ((n = in.read(scratch)) > 0) {
        add(n);
      }
    }

    private void add(long n) throws LimitException {
      inflated += n;
      if (inflated > MAX_INFLATED
          || inflated > INFLATE_GRACE + MAX_RATIO * Math.max(raw.count, 1)) {
        throw new LimitException(
            "inflates to more than "
                + inflated
                + " bytes from "
                + raw.count
                + " compressed (a zip bomb?)");
      }
    }
  }

  /** An I/O failure of the image stream itself, told apart from a malformed archive. */
  static final class SourceException extends IOException {
    private static final long serialVersionUID = 1L;

    SourceException(IOException cause) {
      super(cause);
    }

    IOException source() {
      return (IOException) java.util.Objects.requireNonNull(getCause());
    }
  }

  /** Counts the bytes read from the image and marks its failures as the image's. */
  private static final class CountingStream extends FilterInputStream {
    long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b;
      try {
        b = super.read();
      } catch (IOException e) {
        throw new SourceException(e);
      }
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n;
      try {
        n = super.read(b, off, len);
      } catch (IOException e) {
        throw new SourceException(e);
      }
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }

  /** Lets a nested {@link ZipInputStream} read its parent's entry without closing the parent. */
  private static final class NonClosing extends FilterInputStream {
    NonClosing(InputStream in) {
      super(in);
    }

    @Override
    public void close() {
      // the parent stream stays open
    }
  }
}
