package dev.drydock.pki;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * An exclusive lock on a CA directory, so that two processes (say the CLI and a running console)
 * cannot both change the index and lose one of the updates.
 */
final class CaLock implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final long POLL_MILLIS = 20;

  private final FileChannel channel;
  private final FileLock lock;

  private CaLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Waits up to 30 seconds for the lock.
   *
   * @throws PkiException when another process or thread holds it for longer
   */
  static CaLock acquire(Path lockFile) throws PkiException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    try {
      FileChannel channel =
          FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        while (true) {
          FileLock lock = tryLock(channel);
          if (lock != null) {
            return new CaLock(channel, lock);
          }
          if (System.nanoTime() > deadline) {
            channel.close();
            throw new PkiException(
                "Another process has been changing the CA (it holds "
                    + lockFile
                    + ") for more than "
                    + WAIT.toSeconds()
                    + " seconds; try again when it is done.");
          }
          Thread.sleep(POLL_MILLIS);
        }
      } catch (InterruptedException e) {
        channel.close();
        Thread.currentThread().interrupt();
        throw new PkiException("Interrupted while waiting for the CA lock " + lockFile, e);
      }
    } catch (IOException e) {
      throw new PkiException("Could not lock the CA through " + lockFile + ": " + e, e);
    }
  }

  private static @Nullable FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // another thread of this JVM holds it: wait like for another process
    }
  }

  @Override
  public void close() throws PkiException {
    try (channel) {
      lock.release();
    } catch (IOException e) {
      throw new PkiException("Could not release the CA lock: " + e, e);
    }
  }
}
