package dev.drydock.registry;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * An exclusive lock on a registry data directory ({@code .lock}), held by a serving registry and by
 * offline garbage collection, so that the two never run on one directory at once. The operating
 * system releases it when the process dies, so a killed server leaves no stale lock.
 */
final class DataLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private DataLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static DataLock acquire(Path dataDir, String purpose) throws RegistryException {
    Path file = dataDir.resolve(".lock");
    FileChannel channel = null;
    try {
      Files.createDirectories(dataDir);
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw new RegistryException(
            "Another process uses the registry data in "
                + dataDir
                + " (it holds "
                + file
                + "); stop it before "
                + purpose);
      }
      return new DataLock(channel, lock);
    } catch (OverlappingFileLockException e) {
      close(channel);
      throw new RegistryException(
          "This process already uses the registry data in "
              + dataDir
              + "; stop it before "
              + purpose,
          e);
    } catch (IOException e) {
      close(channel);
      throw new RegistryException("Cannot lock " + file + ": " + e.getMessage(), e);
    } catch (RegistryException e) {
      close(channel);
      throw e;
    }
  }

  private static void close(@Nullable FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing to release
      }
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // closing the channel releases it too
    }
    close(channel);
  }
}
