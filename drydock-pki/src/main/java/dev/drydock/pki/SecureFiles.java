package dev.drydock.pki;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Writes files so that readers never see half a file and secrets are never readable by others, not
 * even for an instant: permissions are set when the file is created, not after writing.
 */
final class SecureFiles {
  private static final Set<PosixFilePermission> OWNER_ONLY_DIR =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> PUBLIC_FILE =
      PosixFilePermissions.fromString("rw-r--r--");

  private SecureFiles() {}

  /** Creates {@code dir} and its missing parents as 0700; leaves an existing directory alone. */
  static void createPrivateDirectory(Path dir) throws PkiException {
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir, attributes(dir, OWNER_ONLY_DIR));
      }
    } catch (IOException e) {
      throw new PkiException("Could not create the directory " + dir + ": " + e, e);
    }
  }

  /**
   * Creates {@code dir} like {@link #createPrivateDirectory}, and narrows it to 0700 when it
   * already exists but is empty. A non-empty directory is the user's and is left as it is.
   */
  static void createOwnerOnlyDirectory(Path dir) throws PkiException {
    createPrivateDirectory(dir);
    try (Stream<Path> entries = Files.list(dir)) {
      if (isPosix(dir) && entries.findAny().isEmpty()) {
        Files.setPosixFilePermissions(dir, OWNER_ONLY_DIR);
      }
    } catch (IOException e) {
      throw new PkiException("Could not make " + dir + " private to its owner: " + e, e);
    }
  }

  /**
   * Replaces {@code target} atomically: writes a temporary file beside it (0600 for secrets, 0644
   * otherwise, from creation), flushes it to disk and renames it over the target.
   */
  static void writeAtomically(Path target, byte[] content, boolean secret) throws PkiException {
    Path dir = parentOf(target);
    Path temp = null;
    try {
      temp =
          Files.createTempFile(
              dir,
              "." + target.getFileName(),
              ".tmp",
              attributes(dir, secret ? OWNER_ONLY_FILE : PUBLIC_FILE));
      writeAndSync(temp, content, Set.of(StandardOpenOption.WRITE), new FileAttribute<?>[0]);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      temp = null;
    } catch (AtomicMoveNotSupportedException e) {
      throw new PkiException(
          "The file system of " + target + " cannot replace files atomically", e);
    } catch (IOException e) {
      throw new PkiException("Could not write " + target + ": " + e, e);
    } finally {
      deleteQuietly(temp);
    }
  }

  /**
   * Creates {@code target}, which must not exist, with 0600 permissions from creation.
   *
   * @throws FileAlreadyExistsException when the file exists
   */
  static void createSecret(Path target, byte[] content) throws IOException {
    Path dir = parentOf(target);
    writeAndSync(
        target,
        content,
        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
        attributes(dir, OWNER_ONLY_FILE));
  }

  /** {@return the bytes of a file, refusing files larger than {@code limit}} */
  static byte[] readLimited(Path file, long limit) throws IOException {
    long size = Files.size(file);
    if (size > limit) {
      throw new IOException("the file is " + size + " bytes; at most " + limit + " expected");
    }
    return Files.readAllBytes(file);
  }

  private static void writeAndSync(
      Path file, byte[] content, Set<StandardOpenOption> options, FileAttribute<?>[] attrs)
      throws IOException {
    try (FileChannel channel = FileChannel.open(file, options, attrs)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
  }

  private static Path parentOf(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    if (parent == null) {
      throw new IllegalArgumentException(file + " is a root directory, not a file");
    }
    return parent;
  }

  private static FileAttribute<?>[] attributes(Path dir, Set<PosixFilePermission> permissions) {
    return isPosix(dir)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
        : new FileAttribute<?>[0];
  }

  private static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static void deleteQuietly(@Nullable Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // The temporary file is hidden and harmless; the original failure matters more.
    }
  }
}
