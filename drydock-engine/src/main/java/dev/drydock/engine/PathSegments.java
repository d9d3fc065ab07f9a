package dev.drydock.engine;

import dev.drydock.model.InvalidValueException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Checks and percent-encodes names and IDs that go into request paths, so that no caller-supplied
 * text can change which endpoint is called ({@code ../}, {@code ?}, {@code #}) or break the request
 * line (control characters).
 */
final class PathSegments {
  /** Far above any real name, ID or reference; keeps request lines and messages bounded. */
  static final int MAX_LENGTH = 512;

  private PathSegments() {}

  /**
   * {@return a container name or ID, encoded as one path segment}
   *
   * @throws InvalidValueException if it is empty, too long, {@code .} or {@code ..}, or holds
   *     {@code /}, {@code ?}, {@code #} or a control character
   */
  static String container(String idOrName) {
    String kind = "container name or ID";
    check(kind, idOrName, idOrName.indexOf('/') >= 0);
    return encode(idOrName);
  }

  /**
   * {@return an image reference or ID, its {@code /}-separated parts encoded one by one}
   *
   * @throws InvalidValueException if it is empty, too long, has an empty, {@code .} or {@code ..}
   *     part, or holds {@code ?}, {@code #} or a control character
   */
  static String image(String ref) {
    String kind = "image reference or ID";
    boolean badPart = false;
    for (String part : ref.split("/", -1)) {
      badPart |= part.isEmpty() || part.equals(".") || part.equals("..");
    }
    check(kind, ref, badPart);
    StringBuilder out = new StringBuilder();
    for (String part : ref.split("/", -1)) {
      out.append(out.isEmpty() ? "" : "/").append(encode(part));
    }
    return out.toString();
  }

  private static void check(String kind, String value, boolean badSlash) {
    boolean control = value.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    if (value.isEmpty()
        || value.length() > MAX_LENGTH
        || value.equals(".")
        || value.equals("..")
        || badSlash
        || control
        || value.indexOf('?') >= 0
        || value.indexOf('#') >= 0) {
      throw new InvalidValueException(
          kind,
          value,
          "expected 1 to "
              + MAX_LENGTH
              + " characters without control characters, '?' or '#'"
              + (kind.startsWith("container") ? " or '/'" : " and no empty, '.' or '..' part")
              + ", e.g. 'web-1' or a hex ID");
    }
  }

  private static String encode(String segment) {
    // URLEncoder does form encoding: a space becomes '+', which a path would read literally.
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
