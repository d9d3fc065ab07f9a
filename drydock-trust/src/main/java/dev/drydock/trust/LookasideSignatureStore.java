package dev.drydock.trust;

import dev.drydock.model.Digest;
import dev.drydock.model.ImageRef;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A containers/image lookaside directory: {@code <base>/<repository>@sha256=<hex>/signature-N} (N
 * from 1) holds bare OpenPGP simple signatures, readable by skopeo and podman configured with
 * {@code lookaside: file://<base>}. Beside them drydock keeps cosign simple-signing layers as
 * {@code cosign-N} (containers' {@code \0sigstore-json} form) and bundles as {@code bundle-N.json},
 * which containers/image ignores.
 *
 * @see <a
 *     href="https://github.com/containers/image/blob/main/docs/containers-registries.d.5.md">containers-registries.d(5)</a>
 */
public final class LookasideSignatureStore implements SignatureStore {
  /** At most this many signatures of each kind per digest; bounds reads of a hostile directory. */
  static final int MAX_PER_KIND = 64;

  private final Path base;

  /** Creates a store rooted at {@code base}. */
  public LookasideSignatureStore(Path base) {
    this.base = Objects.requireNonNull(base, "base");
  }

  /**
   * {@return the directory holding the signatures of {@code digest} in {@code image}'s repository}
   */
  public Path directory(ImageRef image, Digest digest) {
    // The repository path without the registry host, as containers/image lays it out.
    return base.resolve(image.repository() + "@" + digest.algorithm() + "=" + digest.hex());
  }

  @Override
  public List<ImageSignature> read(ImageRef image, Digest digest) throws TrustException {
    Path dir = directory(image, digest);
    List<ImageSignature> out = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      for (int n = 1; n <= MAX_PER_KIND; n++) {
        Path file = dir.resolve(kind.fileName(n));
        byte[] bytes;
        try {
          if (Files.size(file) > Json.MAX_BYTES) {
            throw new TrustException(file + ": larger than a signature can be; remove it");
          }
          bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
          break;
        } catch (IOException e) {
          throw new TrustException(file + ": cannot read: " + e.getMessage(), e);
        }
        out.add(kind.decode(file.toString(), bytes));
      }
    }
    return out;
  }

  @Override
  public void append(ImageRef image, Digest digest, ImageSignature signature)
      throws TrustException {
    Path dir = directory(image, digest);
    Kind kind = Kind.of(signature.format());
    byte[] bytes = kind.encode(signature);
    try {
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, ".incoming-", ".tmp");
      try {
        Files.write(temp, bytes);
        for (int n = 1; n <= MAX_PER_KIND; n++) {
          try {
            // No REPLACE_EXISTING: concurrent writers each get their own N.
            Files.move(temp, dir.resolve(kind.fileName(n)));
            return;
          } catch (FileAlreadyExistsException taken) {
            // try the next number
          }
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new TrustException(dir + ": cannot store the signature: " + e.getMessage(), e);
    }
    throw new TrustException(
        dir + ": already holds " + MAX_PER_KIND + " signatures of this kind; remove stale ones");
  }

  /** The three file families. */
  private enum Kind {
    OPENPGP("signature-"),
    COSIGN("cosign-"),
    BUNDLE("bundle-");

    private final String prefix;

    Kind(String prefix) {
      this.prefix = prefix;
    }

    static Kind of(SignatureFormat format) {
      return switch (format) {
        case OPENPGP_SIMPLE_SIGNING -> OPENPGP;
        case COSIGN_SIMPLE_SIGNING -> COSIGN;
        case COSIGN_BUNDLE -> BUNDLE;
      };
    }

    String fileName(int n) {
      return this == BUNDLE ? prefix + n + ".json" : prefix + n;
    }

    byte[] encode(ImageSignature signature) {
      return switch (this) {
        case OPENPGP, BUNDLE -> signature.bytes();
        case COSIGN -> ContainersSignatureFile.encode(signature);
      };
    }

    ImageSignature decode(String source, byte[] bytes) throws VerificationException {
      return switch (this) {
        case OPENPGP -> ImageSignature.openPgp(bytes);
        case COSIGN -> ContainersSignatureFile.decode(source, bytes);
        case BUNDLE -> ImageSignature.cosignBundle(bytes);
      };
    }
  }
}
