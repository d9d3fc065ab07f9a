package dev.drydock.model;

import java.util.HexFormat;
import java.util.Objects;

/**
 * A content digest such as {@code sha256:9f86d0...}: an algorithm and its lower-case hex value.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/descriptor.md#digests">OCI
 *     digests</a>
 * @param algorithm {@code sha256} or {@code sha512}
 * @param hex the encoded value, lower-case hex of the algorithm's length
 */
public record Digest(String algorithm, String hex) {

  /** Validates the parts; see {@link #parse(String)} for the accepted forms. */
  public Digest {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(hex, "hex");
    int expected =
        switch (algorithm) {
          case "sha256" -> 64;
          case "sha512" -> 128;
          default ->
              throw new InvalidValueException(
                  "digest", algorithm + ":" + hex, "the algorithm must be sha256 or sha512");
        };
    if (hex.length() != expected || !isLowerHex(hex)) {
      throw new InvalidValueException(
          "digest",
          algorithm + ":" + hex,
          "a " + algorithm + " digest is " + expected + " lower-case hex characters");
    }
  }

  /**
   * Parses {@code algorithm:hex}.
   *
   * @throws InvalidValueException naming the input when it is not a sha256 or sha512 digest
   */
  public static Digest parse(String text) {
    int colon = text.indexOf(':');
    if (colon <= 0) {
      throw new InvalidValueException(
          "digest", text, "expected the form sha256:<64 hex characters>");
    }
    return new Digest(text.substring(0, colon), text.substring(colon + 1));
  }

  /** {@return the sha256 digest of a raw 32-byte hash} */
  public static Digest sha256(byte[] hash) {
    if (hash.length != 32) {
      throw new IllegalArgumentException("a sha256 hash is 32 bytes, got " + hash.length);
    }
    return new Digest("sha256", HexFormat.of().formatHex(hash));
  }

  /** {@return the first 12 hex characters, as Docker shows short IDs} */
  public String shortHex() {
    return hex.substring(0, 12);
  }

  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }

  private static boolean isLowerHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean digit = c >= '0' && c <= '9';
      boolean letter = c >= 'a' && c <= 'f';
      if (!digit && !letter) {
        return false;
      }
    }
    return true;
  }
}
