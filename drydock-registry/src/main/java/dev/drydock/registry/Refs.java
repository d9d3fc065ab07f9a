package dev.drydock.registry;

import dev.drydock.model.Digest;
import dev.drydock.model.InvalidValueException;
import java.util.regex.Pattern;

/**
 * Validates repository names, tags and digests exactly as the distribution spec's regular
 * expressions say, and maps a valid digest of an algorithm drydock does not store to {@link
 * ErrorCode#DIGEST_INVALID} (the spec's "unsupported algorithm" answer is 400).
 *
 * @see <a
 *     href="https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#pulling-manifests">pulling
 *     manifests (name and tag grammar)</a>
 */
final class Refs {
  /** Longest repository name accepted: clients limit host + "/" + name to 255 characters. */
  static final int MAX_NAME = 255;

  private static final Pattern NAME =
      Pattern.compile(
          "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*");
  private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");
  // image-spec descriptor.md#digests: algorithm ":" encoded
  private static final Pattern DIGEST =
      Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");

  private Refs() {}

  static boolean isName(String name) {
    return name.length() <= MAX_NAME && NAME.matcher(name).matches();
  }

  static boolean isTag(String tag) {
    return TAG.matcher(tag).matches();
  }

  static boolean looksLikeDigest(String text) {
    return text.length() <= 256 && DIGEST.matcher(text).matches();
  }

  /**
   * @throws DistributionException NAME_INVALID when {@code name} breaks the grammar
   */
  static String name(String name) {
    if (!isName(name)) {
      throw new DistributionException(
          ErrorCode.NAME_INVALID,
          "repository name '"
              + clip(name)
              + "' must be lower-case path components of [a-z0-9] joined by '.', '_', '__' or '-',"
              + " at most "
              + MAX_NAME
              + " characters");
    }
    return name;
  }

  /**
   * @throws DistributionException DIGEST_INVALID for a malformed digest or one drydock does not
   *     store (only sha256 and sha512 are)
   */
  static Digest digest(String text) {
    if (!looksLikeDigest(text)) {
      throw new DistributionException(
          ErrorCode.DIGEST_INVALID, "'" + clip(text) + "' is not a digest (algorithm:encoded)");
    }
    try {
      return Digest.parse(text);
    } catch (InvalidValueException e) {
      throw new DistributionException(
          ErrorCode.DIGEST_INVALID,
          "digest '" + clip(text) + "' is not supported: use sha256 or sha512 in lower-case hex");
    }
  }

  /**
   * @throws DistributionException MANIFEST_INVALID (tag) or DIGEST_INVALID when {@code reference}
   *     is neither a tag nor a supported digest
   */
  static Reference reference(String reference) {
    if (reference.indexOf(':') >= 0) {
      return new Reference.ByDigest(digest(reference));
    }
    if (!isTag(reference)) {
      throw new DistributionException(
          ErrorCode.MANIFEST_INVALID,
          "'"
              + clip(reference)
              + "' is neither a digest nor a tag (1 to 128 of [A-Za-z0-9_.-], not starting with"
              + " '.' or '-')");
    }
    return new Reference.ByTag(reference);
  }

  static String clip(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "...";
  }

  /** A manifest reference: a tag or a digest. */
  sealed interface Reference {
    /** A tag. */
    record ByTag(String tag) implements Reference {}

    /** A digest. */
    record ByDigest(Digest digest) implements Reference {}
  }
}
