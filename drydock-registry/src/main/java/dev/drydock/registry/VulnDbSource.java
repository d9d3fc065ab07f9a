package dev.drydock.registry;

import dev.drydock.scanner.VulnDb;
import dev.drydock.scanner.VulnDbException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Gives the scans the current vulnerability database. {@link #reopening(Path)} follows {@code
 * drydock db update}: when the database file changes, the next call opens the new one, whose newer
 * build time makes earlier scan results stale (they are rescanned).
 */
@FunctionalInterface
public interface VulnDbSource {
  /**
   * {@return the database to scan with; the source owns it (callers do not close it)}
   *
   * @throws VulnDbException when there is no database or it cannot be opened
   */
  VulnDb current() throws VulnDbException;

  /** {@return a source that opens the database in {@code dir} and reopens it when it changes} */
  static VulnDbSource reopening(Path dir) {
    return new Reopening(dir);
  }

  /** Reopens on change; keeps the last few replaced databases open for scans still using them. */
  final class Reopening implements VulnDbSource {
    private static final int KEEP_REPLACED = 2;
    private final Path dir;
    private @Nullable VulnDb db;
    private @Nullable Object version;
    private final Deque<VulnDb> replaced = new ArrayDeque<>();

    Reopening(Path dir) {
      this.dir = Objects.requireNonNull(dir, "dir");
    }

    @Override
    public synchronized VulnDb current() throws VulnDbException {
      Object now = version();
      VulnDb open = db;
      if (open != null && Objects.equals(now, version)) {
        return open;
      }
      VulnDb fresh = VulnDb.open(dir);
      if (open != null) {
        replaced.addLast(open);
        while (replaced.size() > KEEP_REPLACED) {
          replaced.removeFirst().close();
        }
      }
      db = fresh;
      version = now;
      return fresh;
    }

    private @Nullable Object version() {
      try {
        BasicFileAttributes a =
            Files.readAttributes(dir.resolve(VulnDb.FILE_NAME), BasicFileAttributes.class);
        return a.lastModifiedTime() + "/" + a.size() + "/" + a.fileKey();
      } catch (IOException e) {
        return null;
      }
    }
  }
}
