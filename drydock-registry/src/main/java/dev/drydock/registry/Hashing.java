package dev.drydock.registry;

import dev.drydock.model.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** Digests of byte arrays, files and streams, in the algorithms {@link Digest} allows. */
final class Hashing {
  private Hashing() {}

  static MessageDigest sha256() {
    return create("sha256");
  }

  static MessageDigest create(String algorithm) {
    String jca =
        switch (algorithm) {
          case "sha256" -> "SHA-256";
          case "sha512" -> "SHA-512";
          default ->
              throw new IllegalArgumentException(
                  "unsupported digest algorithm " + algorithm.toLowerCase(Locale.ROOT));
        };
    try {
      return MessageDigest.getInstance(jca);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK lacks " + jca, e);
    }
  }

  static MessageDigest copy(MessageDigest digest) {
    try {
      return (MessageDigest) digest.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("this JDK's " + digest.getAlgorithm() + " cannot clone", e);
    }
  }

  static Digest digest(String algorithm, byte[] content) {
    return of(algorithm, create(algorithm).digest(content));
  }

  static Digest digest(String algorithm, Path file) throws IOException {
    MessageDigest md = create(algorithm);
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer)) > 0) {
        md.update(buffer, 0, n);
      }
    }
    return of(algorithm, md.digest());
  }

  private static Digest of(String algorithm, byte[] hash) {
    return new Digest(algorithm, HexFormat.of().formatHex(hash));
  }
}
