package dev.drydock.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Reports the growth of a file another component is writing (the daemon's image export, which
 * drydock-oci streams to disk without a progress hook) to a {@link TerminalProgress}, by looking at
 * its size every {@value #POLL_MILLIS} ms from a virtual thread. Nothing runs when the progress is
 * not drawn.
 */
final class FileGrowth implements AutoCloseable {
  static final long POLL_MILLIS = 150;

  private final Path file;
  private final TerminalProgress progress;
  private final @Nullable Thread thread;
  private long seen;

  private FileGrowth(Path file, TerminalProgress progress, boolean start) {
    this.file = file;
    this.progress = progress;
    this.thread = start ? Thread.ofVirtual().name("drydock-progress").start(this::run) : null;
  }

  /** Starts watching {@code file}; close to stop. */
  static FileGrowth watch(Path file, TerminalProgress progress) {
    return new FileGrowth(file, progress, progress.enabled());
  }

  private void run() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        poll();
        Thread.sleep(POLL_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Counts what the file grew by since the last look; a missing file counts as empty. */
  synchronized void poll() {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      size = 0;
    }
    if (size > seen) {
      progress.advance(size - seen);
      seen = size;
    }
  }

  @Override
  public void close() {
    Thread t = thread;
    if (t != null) {
      t.interrupt();
      try {
        t.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    poll();
  }
}
