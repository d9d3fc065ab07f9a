package dev.drydock.scanner;

import dev.drydock.oci.FileEntry;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * Installed Python distributions: {@code *.dist-info/METADATA} (wheels, PEP 376/627), {@code
 * *.egg-info/PKG-INFO} and a bare {@code *.egg-info} file (setuptools/distutils). {@code Name} and
 * {@code Version} come from the core metadata headers; the purl carries the PEP 503 normalised
 * name.
 */
final class PythonCataloguer implements Cataloguer {
  @Override
  public String name() {
    return "python";
  }

  @Override
  public boolean wants(FileEntry entry) {
    String p = entry.path();
    return p.endsWith(".dist-info/METADATA")
        || p.endsWith(".egg-info/PKG-INFO")
        || p.endsWith("/EGG-INFO/PKG-INFO")
        || p.endsWith(".egg-info");
  }

  @Override
  public void read(FileEntry entry, InputStream content, CatalogSink sink) throws IOException {
    byte[] bytes;
    try {
      bytes = CatalogFormats.readCapped(content, CatalogFormats.MAX_METADATA_BYTES);
    } catch (CatalogFormats.TooLargeException e) {
      sink.problem(entry.path(), e.getMessage());
      return;
    }
    Map<String, String> headers = CatalogFormats.headers(bytes);
    String name = CatalogFormats.token(headers.get("name"));
    String version = CatalogFormats.token(headers.get("version"));
    if (name == null || version == null) {
      sink.problem(entry.path(), "core metadata without Name and Version; skipped");
      return;
    }
    try {
      sink.add(
          new ImagePackage(
              "PyPI",
              name,
              version,
              CatalogPurls.pypi(name, version),
              null,
              null,
              entry.diffId(),
              List.of(entry.path()),
              name(),
              Map.of()));
    } catch (IllegalArgumentException e) {
      sink.problem(entry.path(), e.getMessage());
    }
  }
}
