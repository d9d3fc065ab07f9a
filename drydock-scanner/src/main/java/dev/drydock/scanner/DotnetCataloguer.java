package dev.drydock.scanner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.oci.FileEntry;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * .NET applications: the {@code *.deps.json} the SDK writes beside an app, whose {@code libraries}
 * object lists {@code "Name/Version": {"type": "package", ...}}; entries of type {@code package}
 * are NuGet packages (type {@code project} is the app itself or a project reference).
 */
final class DotnetCataloguer implements Cataloguer {
  private static final int MAX_LIBRARIES = 100_000;

  @Override
  public String name() {
    return "dotnet-deps";
  }

  @Override
  public boolean wants(FileEntry entry) {
    return entry.path().endsWith(".deps.json");
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
    JsonNode libraries;
    try {
      libraries = NpmCataloguer.Json.MAPPER.readTree(bytes).path("libraries");
    } catch (IOException | RuntimeException e) {
      sink.problem(entry.path(), "not valid JSON; skipped");
      return;
    }
    int count = 0;
    for (Map.Entry<String, JsonNode> lib : libraries.properties()) {
      if (++count > MAX_LIBRARIES) {
        sink.problem(entry.path(), "more than " + MAX_LIBRARIES + " libraries; the rest skipped");
        break;
      }
      if (!lib.getValue().path("type").asText("").equals("package")) {
        continue;
      }
      int slash = lib.getKey().indexOf('/');
      String name = slash > 0 ? CatalogFormats.token(lib.getKey().substring(0, slash)) : null;
      String version = slash > 0 ? CatalogFormats.token(lib.getKey().substring(slash + 1)) : null;
      if (name == null || version == null) {
        sink.problem(entry.path(), "library '" + lib.getKey() + "' is not Name/Version");
        continue;
      }
      try {
        sink.add(
            new ImagePackage(
                "NuGet",
                name,
                version,
                CatalogPurls.of("nuget", null, name, version, Map.of()),
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
}
