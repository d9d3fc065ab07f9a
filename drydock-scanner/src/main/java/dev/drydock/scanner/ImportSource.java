package dev.drydock.scanner;

import dev.drydock.model.InvalidValueException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where {@code drydock db update --from URL|PATH} reads OSV records: a local directory of JSON
 * files (searched recursively), a local OSV {@code all.zip}, a single record file, or an {@code
 * https} URL of an {@code all.zip}.
 */
public sealed interface ImportSource {

  /**
   * The public OSV archive's base URL (<a href="https://google.github.io/osv.dev/data/">data</a>).
   */
  String OSV_ARCHIVE = "https://osv-vulnerabilities.storage.googleapis.com/";

  /** {@return the string recorded in the database's metadata for this source} */
  String key();

  /**
   * A local directory, zip or JSON file.
   *
   * @param path the file or directory
   */
  record Local(Path path) implements ImportSource {
    /** Normalises the path to an absolute one. */
    public Local {
      path = path.toAbsolutePath().normalize();
    }

    @Override
    public String key() {
      return path.toString();
    }
  }

  /**
   * A URL of an OSV {@code all.zip}.
   *
   * @param uri an {@code https} (or, when allowed, {@code http}) URL
   */
  record Remote(URI uri) implements ImportSource {
    /** Checks the scheme. */
    public Remote {
      Objects.requireNonNull(uri, "uri");
      String scheme = uri.getScheme();
      if ((!"https".equals(scheme) && !"http".equals(scheme)) || uri.getHost() == null) {
        throw new InvalidValueException(
            "OSV source URL", uri.toString(), "expected an https:// URL with a host");
      }
    }

    @Override
    public String key() {
      return uri.toString();
    }
  }

  /**
   * Parses what a user gives to {@code --from}: an {@code http(s)://} URL or a path.
   *
   * @throws InvalidValueException when it looks like a URL but is not a valid one
   */
  public static ImportSource parse(String text) {
    String t = text.strip();
    if (t.startsWith("https://") || t.startsWith("http://")) {
      try {
        return new Remote(new URI(t));
      } catch (URISyntaxException e) {
        throw new InvalidValueException("OSV source URL", t, "not a valid URL: " + e.getReason());
      }
    }
    if (t.isEmpty()) {
      throw new InvalidValueException("OSV source", text, "give a URL or a path");
    }
    return new Local(Path.of(t));
  }

  /** {@return the public OSV archive of one ecosystem, e.g. {@code Debian} or {@code Maven}} */
  public static Remote osvArchive(String ecosystem) {
    String segment = URLEncoder.encode(ecosystem, StandardCharsets.UTF_8).replace("+", "%20");
    return new Remote(URI.create(OSV_ARCHIVE + segment + "/all.zip"));
  }
}
