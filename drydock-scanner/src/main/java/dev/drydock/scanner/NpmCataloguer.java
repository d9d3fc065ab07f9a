package dev.drydock.scanner;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.drydock.oci.FileEntry;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Installed npm packages: {@code node_modules/<name>/package.json} and {@code
 * node_modules/@scope/<name>/package.json} at any depth (nested {@code node_modules} hold
 * dependencies of dependencies). Lock files and project manifests outside {@code node_modules} are
 * not read: an image holds what was installed, as Trivy's image mode does. Packages marked {@code
 * private} inside {@code node_modules} are still installed code and are kept.
 */
final class NpmCataloguer implements Cataloguer {
  private static final Pattern PATH =
      Pattern.compile(".*/node_modules/(@[^/@]+/)?[^/@.][^/]*/package\\.json");

  @Override
  public String name() {
    return "npm";
  }

  @Override
  public boolean wants(FileEntry entry) {
    return PATH.matcher(entry.path()).matches();
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
    String[] nv = parse(bytes);
    if (nv == null) {
      sink.problem(entry.path(), "not a package.json with a name and version; skipped");
      return;
    }
    try {
      sink.add(
          new ImagePackage(
              "npm",
              nv[0],
              nv[1],
              CatalogPurls.npm(nv[0], nv[1]),
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

  /** {@return name and version of a package.json, or null when it lacks either or is malformed} */
  static String @Nullable [] parse(byte[] bytes) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(bytes);
    } catch (IOException | RuntimeException e) {
      return null;
    }
    if (root == null || !root.isObject()) {
      return null;
    }
    String name =
        CatalogFormats.token(root.path("name").isTextual() ? root.path("name").asText() : null);
    String version =
        CatalogFormats.token(
            root.path("version").isTextual() ? root.path("version").asText() : null);
    return name == null || version == null ? null : new String[] {name, version};
  }

  /** A JSON reader with nesting and length bounds for untrusted package metadata. */
  static final class Json {
    static final ObjectMapper MAPPER =
        JsonMapper.builder(
                com.fasterxml.jackson.core.JsonFactory.builder()
                    .streamReadConstraints(
                        StreamReadConstraints.builder()
                            .maxNestingDepth(200)
                            .maxStringLength(CatalogFormats.MAX_METADATA_BYTES)
                            .build())
                    .build())
            .build();

    private Json() {}
  }
}
