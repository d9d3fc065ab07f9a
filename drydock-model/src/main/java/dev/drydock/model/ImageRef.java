package dev.drydock.model;

import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A fully qualified image reference: registry, repository, and a tag and/or a digest, normalised
 * the way Docker does ({@code busybox} is {@code docker.io/library/busybox:latest}).
 *
 * @see <a href="https://github.com/distribution/reference/blob/v0.6.0/reference.go">distribution
 *     reference grammar</a>
 * @param registry the registry host, with a port when one was given, e.g. {@code docker.io} or
 *     {@code 127.0.0.1:5000}
 * @param repository the path components, e.g. {@code library/busybox}
 * @param tag the tag, or null when only a digest was given
 * @param digest the digest, or null
 */
public record ImageRef(
    String registry, String repository, @Nullable String tag, @Nullable Digest digest) {

  /** The registry assumed when a reference names none. */
  public static final String DOCKER_HUB = "docker.io";

  private static final int MAX_NAME_LENGTH = 255;
  private static final Pattern COMPONENT =
      Pattern.compile("[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
  private static final Pattern HOST =
      Pattern.compile(
          "(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
              + "|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?");

  /** Validates every part; see {@link #parse(String)}. */
  public ImageRef {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
    String shown = registry + "/" + repository;
    if (!HOST.matcher(registry).matches()) {
      throw new InvalidValueException(
          "image reference",
          shown,
          "the registry must be a host name or [IPv6], with an optional port");
    }
    for (String component : repository.split("/", -1)) {
      if (!COMPONENT.matcher(component).matches()) {
        throw new InvalidValueException(
            "image reference",
            shown,
            "repository path components are lower-case letters and digits, separated by '.', '_',"
                + " '__' or '-'");
      }
    }
    if (shown.length() > MAX_NAME_LENGTH) {
      throw new InvalidValueException(
          "image reference", shown, "the name is at most " + MAX_NAME_LENGTH + " characters");
    }
    if (tag != null && !TAG.matcher(tag).matches()) {
      throw new InvalidValueException(
          "image reference",
          shown + ":" + tag,
          "a tag is 1 to 128 of [A-Za-z0-9_.-] and does not start with '.' or '-'");
    }
    if (tag == null && digest == null) {
      throw new InvalidValueException(
          "image reference", shown, "a reference needs a tag or a digest");
    }
  }

  /**
   * Parses {@code [registry/]repository[:tag][@digest]}. A first component is a registry when it
   * contains {@code .} or {@code :} or is {@code localhost}; otherwise the registry is {@code
   * docker.io}, where a single-component name gains {@code library/}. Without tag and digest the
   * tag is {@code latest}.
   *
   * @throws InvalidValueException naming the input when it is not a valid reference
   */
  public static ImageRef parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.isEmpty() || text.length() > 512) {
      throw new InvalidValueException(
          "image reference", text, "expected [registry/]repository[:tag][@sha256:...]");
    }
    String rest = text;
    Digest digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = Digest.parse(rest.substring(at + 1));
      rest = rest.substring(0, at);
    }
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
    }
    String registry = DOCKER_HUB;
    int slash = rest.indexOf('/');
    if (slash > 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        registry = first;
        rest = rest.substring(slash + 1);
      }
    }
    if (registry.equals(DOCKER_HUB) && rest.indexOf('/') < 0) {
      rest = "library/" + rest;
    }
    if (tag == null && digest == null) {
      tag = "latest";
    }
    return new ImageRef(registry, rest, tag, digest);
  }

  /** {@return the digest when there is one, else the tag: what a registry's manifest URL takes} */
  public String reference() {
    return digest != null ? digest.toString() : Objects.requireNonNull(tag);
  }

  /** {@return the host to talk to: {@code registry-1.docker.io} stands in for {@code docker.io}} */
  public String apiHost() {
    return registry.equals(DOCKER_HUB) ? "registry-1.docker.io" : registry;
  }

  /** {@return {@code registry/repository}, without tag or digest} */
  public String name() {
    return registry + "/" + repository;
  }

  /** {@return the same repository with this digest and no tag} */
  public ImageRef withDigest(Digest newDigest) {
    return new ImageRef(registry, repository, null, newDigest);
  }

  @Override
  public String toString() {
    return name() + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
  }
}
