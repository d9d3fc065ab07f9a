package dev.drydock.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the machine's Debian mirror for a suite in APT's sources: one-line {@code .list} entries
 * ({@code deb [options] URI suite components}) and deb822 {@code .sources} stanzas.
 *
 * @see <a
 *     href="https://manpages.debian.org/bookworm/apt/sources.list.5.en.html">sources.list(5)</a>
 */
final class DebianMirror {
  static final String FALLBACK = "http://deb.debian.org/debian";

  private DebianMirror() {}

  /** {@return the first mirror in {@code aptDir}'s sources that serves {@code suite}} */
  static Optional<String> find(Path aptDir, String suite) throws IOException {
    for (Path file : sourceFiles(aptDir)) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      Optional<String> uri =
          file.toString().endsWith(".sources") ? fromDeb822(text, suite) : fromOneLine(text, suite);
      if (uri.isPresent()) {
        return uri;
      }
    }
    return Optional.empty();
  }

  static Optional<String> fromOneLine(String text, String suite) {
    for (String line : text.lines().toList()) {
      String entry = line.replaceAll("#.*", "").replaceAll("\\[[^]]*]", " ").strip();
      String[] f = entry.split("\\s+", -1);
      if (f.length >= 3 && f[0].equals("deb") && f[2].equals(suite)) {
        return Optional.of(stripSlash(f[1]));
      }
    }
    return Optional.empty();
  }

  static Optional<String> fromDeb822(String text, String suite) {
    for (String stanza : text.split("\\n\\s*\\n", -1)) {
      List<String> types = field(stanza, "Types");
      List<String> suites = field(stanza, "Suites");
      List<String> uris = field(stanza, "URIs");
      if (types.contains("deb") && suites.contains(suite) && !uris.isEmpty()) {
        return Optional.of(stripSlash(uris.getFirst()));
      }
    }
    return Optional.empty();
  }

  private static List<String> field(String stanza, String name) {
    for (String line : stanza.lines().toList()) {
      if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
        return List.of(line.substring(name.length() + 1).strip().split("\\s+", -1));
      }
    }
    return List.of();
  }

  private static List<Path> sourceFiles(Path aptDir) throws IOException {
    List<Path> files = new ArrayList<>();
    Path main = aptDir.resolve("sources.list");
    if (Files.isRegularFile(main)) {
      files.add(main);
    }
    Path dir = aptDir.resolve("sources.list.d");
    if (Files.isDirectory(dir)) {
      try (Stream<Path> entries = Files.list(dir)) {
        entries
            .filter(p -> p.toString().endsWith(".list") || p.toString().endsWith(".sources"))
            .sorted()
            .forEach(files::add);
      }
    }
    return files;
  }

  private static String stripSlash(String uri) {
    return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
  }
}
