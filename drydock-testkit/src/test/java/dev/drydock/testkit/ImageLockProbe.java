package dev.drydock.testkit;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Run in a second JVM by {@link ImageLockTest}: exits 0 if it got the image lock, 3 if not. */
final class ImageLockProbe {
  private ImageLockProbe() {}

  public static void main(String[] args) throws Exception {
    try (FileChannel channel =
        FileChannel.open(
            Path.of(args[0], "images.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      Runtime.getRuntime().halt(lock == null ? 3 : 0);
    }
  }
}
