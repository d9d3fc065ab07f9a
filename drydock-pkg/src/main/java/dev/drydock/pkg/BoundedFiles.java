package dev.drydock.pkg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Reads files of an untrusted root filesystem with a size cap, so that a crafted image cannot make
 * drydock read gigabytes into memory. Callers resolve paths with {@link RootPaths} first.
 */
final class BoundedFiles {
  /** Larger than any real dpkg status (a full desktop is about 10 MB) or apk database. */
  static final long MAX_DATABASE_BYTES = 64L * 1024 * 1024;

  /** Larger than any real os-release, .list file or Release file. */
  static final long MAX_SMALL_BYTES = 4L * 1024 * 1024;

  private BoundedFiles() {}

  /** {@return the bytes of a regular file, or null when it does not exist} */
  static byte @Nullable [] readIfExists(Path file, long max) throws PackageDatabaseException {
    if (!Files.exists(file) || Files.isDirectory(file)) {
      return null;
    }
    return read(file, max);
  }

  static byte[] read(Path file, long max) throws PackageDatabaseException {
    try {
      if (!Files.isRegularFile(file)) {
        throw new PackageDatabaseException(file, "", "is not a regular file.");
      }
      try (InputStream in = Files.newInputStream(file)) {
        byte[] bytes = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 16));
        if (bytes.length > max) {
          throw tooLarge(file, max);
        }
        return bytes;
      }
    } catch (NoSuchFileException e) {
      throw new PackageDatabaseException(file, "", "does not exist.", e);
    } catch (IOException e) {
      throw new PackageDatabaseException(
          file, "", "cannot be read (" + e.getMessage() + "); check its permissions.", e);
    }
  }

  static String readText(Path file, long max) throws PackageDatabaseException {
    return new String(read(file, max), StandardCharsets.UTF_8);
  }

  static PackageDatabaseException tooLarge(Path file, long max) {
    return new PackageDatabaseException(
        file,
        "",
        "is larger than "
            + max / (1024 * 1024)
            + " MiB, more than any real package database; refusing to read it.");
  }
}
