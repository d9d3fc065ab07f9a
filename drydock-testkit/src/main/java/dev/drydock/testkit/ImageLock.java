package dev.drydock.testkit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises image builds across threads and across JVMs (two Maven modules testing at once). A
 * {@link FileLock} is held per JVM and throws if the same JVM takes it twice, so threads first
 * queue on a JVM-wide lock; that lock is the only static state in this module, and it holds no
 * data.
 */
final class ImageLock implements AutoCloseable {
  private static final ReentrantLock IN_THIS_JVM = new ReentrantLock();

  private final FileChannel channel;
  private final FileLock lock;

  private ImageLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static ImageLock acquire(Path cacheDir) throws IOException {
    Files.createDirectories(cacheDir);
    IN_THIS_JVM.lock();
    try {
      FileChannel channel =
          FileChannel.open(
              cacheDir.resolve("images.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        return new ImageLock(channel, channel.lock());
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      IN_THIS_JVM.unlock();
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    try (channel) {
      lock.release();
    } finally {
      IN_THIS_JVM.unlock();
    }
  }
}
