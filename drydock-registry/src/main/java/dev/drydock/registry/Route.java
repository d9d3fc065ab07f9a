package dev.drydock.registry;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where a request goes: one of the distribution spec's endpoints, with the repository name and the
 * reference taken from the path. The name may itself contain {@code blobs} or {@code manifests}
 * components, so the path is matched from its end.
 *
 * @see <a
 *     href="https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#endpoints">endpoints</a>
 */
sealed interface Route {
  /** {@code /v2/}: the version check (end-1). */
  record Base() implements Route {}

  /** {@code /v2/_catalog}. */
  record Catalog() implements Route {}

  /** {@code /v2/<name>/blobs/<digest>} (end-2, end-10). */
  record Blob(String name, String digest) implements Route {}

  /** {@code /v2/<name>/blobs/uploads/} (end-4, end-11). */
  record Uploads(String name) implements Route {}

  /** {@code /v2/<name>/blobs/uploads/<id>} (end-5, end-6, end-13, end-14). */
  record Upload(String name, String id) implements Route {}

  /** {@code /v2/<name>/manifests/<reference>} (end-3, end-7, end-9). */
  record Manifest(String name, String reference) implements Route {}

  /** {@code /v2/<name>/tags/list} (end-8). */
  record Tags(String name) implements Route {}

  /** {@code /v2/<name>/referrers/<digest>} (end-12). */
  record Referrers(String name, String digest) implements Route {}

  /** Longest path parsed; longer ones are refused before matching. */
  int MAX_PATH = 2048;

  /** Upload ids drydock issues: a UUID; other shapes are unknown uploads. */
  Pattern UPLOAD_ID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  /**
   * Maps a decoded request path to a route.
   *
   * @return the route, or null when the path is none of the spec's endpoints
   * @throws DistributionException NAME_INVALID when the endpoint is recognised but the repository
   *     name breaks the grammar
   */
  static @Nullable Route parse(String path) {
    if (path.length() > MAX_PATH || !path.startsWith("/v2/")) {
      return null;
    }
    if (path.equals("/v2/")) {
      return new Base();
    }
    if (path.equals("/v2/_catalog")) {
      return new Catalog();
    }
    Matcher m = Holder.ENDPOINT.matcher(path);
    if (!m.matches()) {
      return null;
    }
    String name = Refs.name(m.group(1));
    String tail = m.group(2);
    if (tail.equals("tags/list")) {
      return new Tags(name);
    }
    if (tail.equals("blobs/uploads/")) {
      return new Uploads(name);
    }
    int slash = tail.indexOf('/');
    String kind = tail.substring(0, slash);
    String last = tail.substring(slash + 1);
    return switch (kind) {
      case "manifests" -> new Manifest(name, last);
      case "referrers" -> new Referrers(name, last);
      case "blobs" ->
          last.startsWith("uploads/")
              ? new Upload(name, last.substring("uploads/".length()))
              : new Blob(name, last);
      default -> null;
    };
  }

  /** Holds the compiled pattern (interfaces cannot have private static fields). */
  final class Holder {
    // The last segment never contains '/', so "[^/]+" anchors the match at the path's end and the
    // name is everything before the endpoint; "blobs/uploads/<id>" is tried before "blobs/<d>".
    static final Pattern ENDPOINT =
        Pattern.compile(
            "/v2/(.+?)/(tags/list|blobs/uploads/|blobs/uploads/[^/]+|blobs/[^/]+|manifests/[^/]+"
                + "|referrers/[^/]+)");

    private Holder() {}
  }
}
