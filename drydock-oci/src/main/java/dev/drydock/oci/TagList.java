package dev.drydock.oci;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Lists a repository's tags ({@code GET /v2/<name>/tags/list?n=}), following the {@code Link:
 * <...>; rel="next"} header page by page. Bounded: at most {@link #MAX_PAGES} pages and {@link
 * #MAX_TAGS} tags, so a registry cannot keep a client paging forever.
 *
 * @see <a
 *     href="https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md#listing-tags">OCI
 *     distribution: listing tags</a>
 */
final class TagList {
  static final int PAGE_SIZE = 1000;
  static final int MAX_PAGES = 1000;
  static final int MAX_TAGS = 100_000;

  private static final Pattern NEXT = Pattern.compile("<([^>]*)>\\s*;[^,]*rel=\"?next\"?");

  private TagList() {}

  static List<String> list(RegistryTransport transport, String repository) throws OciException {
    return list(transport, repository, PAGE_SIZE);
  }

  static List<String> list(RegistryTransport transport, String repository, int pageSize)
      throws OciException {
    String what = "tag list of " + transport.registry() + "/" + repository;
    List<String> tags = new ArrayList<>();
    URI uri = transport.uri(repository + "/tags/list?n=" + pageSize);
    for (int page = 0; page < MAX_PAGES; page++) {
      HttpResponse<InputStream> response =
          transport.send(
              RegistryTransport.Call.get(
                  uri, "application/json", List.of(RegistryTransport.pull(repository)), what));
      byte[] body;
      try (InputStream in = response.body()) {
        body = in.readNBytes(Codecs.MAX_DOCUMENT_BYTES + 1);
      } catch (IOException e) {
        throw new RegistryException("Reading the " + what + " failed: " + e, e);
      }
      if (body.length > Codecs.MAX_DOCUMENT_BYTES) {
        throw new MalformedContentException(what + ": a page is larger than allowed");
      }
      JsonNode root = Codecs.parseObject(body, what);
      List<String> pageTags = Codecs.optStrings(root, "tags", what);
      if (pageTags != null) {
        tags.addAll(pageTags);
      }
      if (tags.size() > MAX_TAGS) {
        throw new MalformedContentException(what + " has more than " + MAX_TAGS + " tags");
      }
      String next = next(response.headers().firstValue("Link").orElse(null));
      if (next == null) {
        return tags;
      }
      uri = nextPage(uri, next, what);
    }
    throw new MalformedContentException(what + " has more than " + MAX_PAGES + " pages");
  }

  /**
   * {@return the next page's URI} It must stay on the registry's origin (scheme and authority), so
   * a page cannot send the client, and its credentials, elsewhere or from https to http.
   */
  static URI nextPage(URI current, String next, String what) throws OciException {
    URI following;
    try {
      following = RegistryTransport.follow(current, next, what + ": next page link", 200);
    } catch (RegistryException e) {
      throw new MalformedContentException(String.valueOf(e.getMessage()), e);
    }
    if (!RegistryTransport.sameOrigin(following, current)) {
      throw new MalformedContentException(
          what + ": the next page link leaves the registry: " + next);
    }
    return following;
  }

  /** {@return the target of the {@code rel="next"} link (RFC 8288), or null} */
  static @Nullable String next(@Nullable String link) {
    if (link == null) {
      return null;
    }
    Matcher m = NEXT.matcher(link);
    return m.find() ? m.group(1) : null;
  }
}
