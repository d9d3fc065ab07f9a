package dev.drydock.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/**
 * drydock's version and the commit it was built from, read from the resource the build filters.
 *
 * @param version the Maven version
 * @param commit the abbreviated git commit, {@code unknown} when built outside git
 * @param dirty true when the work tree had uncommitted changes at build time
 */
record VersionInfo(String version, String commit, boolean dirty) {

  static VersionInfo load() {
    Properties p = new Properties();
    try (InputStream in = VersionInfo.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read drydock's version resource", e);
    }
    return new VersionInfo(
        resolved(p.getProperty("version"), "0.0.0-dev"),
        resolved(p.getProperty("commit"), "unknown"),
        Boolean.parseBoolean(resolved(p.getProperty("dirty"), "false")));
  }

  /** A property the build did not substitute still reads {@code ${...}}: treat it as absent. */
  private static String resolved(String value, String fallback) {
    return value == null || value.isBlank() || value.startsWith("${") ? fallback : value;
  }

  /** {@return e.g. {@code drydock 0.1.0 (commit 1a2b3c4, dirty)}} */
  String describe() {
    return "drydock " + version + " (commit " + commit + (dirty ? ", dirty" : "") + ")";
  }

  /** Supplies {@code --version} for every command. */
  static final class Provider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {load().describe(), Runtime.version().toString()};
    }
  }
}
