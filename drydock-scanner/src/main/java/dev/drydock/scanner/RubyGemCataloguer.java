package dev.drydock.scanner;

import dev.drydock.oci.FileEntry;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Installed Ruby gems: RubyGems writes {@code specifications/<name>-<version>[-<platform>].gemspec}
 * for each installed gem, so the name and version come from the file name (as Syft's installed-gem
 * cataloguer reads them) without evaluating Ruby code.
 */
final class RubyGemCataloguer implements Cataloguer {
  private static final Pattern PATH =
      Pattern.compile(
          ".*/specifications/(?<name>[A-Za-z0-9_.\\-]+?)-(?<version>\\d[A-Za-z0-9.]*)"
              + "(?:-(?<platform>[A-Za-z0-9_\\-]+))?\\.gemspec");

  @Override
  public String name() {
    return "ruby-gemspec";
  }

  @Override
  public boolean wants(FileEntry entry) {
    return PATH.matcher(entry.path()).matches();
  }

  @Override
  public void read(FileEntry entry, InputStream content, CatalogSink sink) {
    Matcher m = PATH.matcher(entry.path());
    if (!m.matches()) {
      return;
    }
    String name = m.group("name");
    String version = m.group("version");
    String platform = m.group("platform");
    try {
      sink.add(
          new ImagePackage(
              "RubyGems",
              name,
              version,
              CatalogPurls.of(
                  "gem",
                  null,
                  name,
                  version,
                  platform == null ? Map.of() : Map.of("platform", platform)),
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
