package dev.drydock.pki;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A value read from files and read again when they change, so servers pick up rotated keys,
 * certificates and CRLs without a restart. A reload that fails keeps the previous value, and is
 * retried when the files change again.
 *
 * @param <T> the value built from the files
 */
final class Reloadable<T> {
  /** Reads the value from the files. */
  @FunctionalInterface
  interface Loader<T> {
    T load() throws PkiException;
  }

  private static final System.Logger LOG = System.getLogger(Reloadable.class.getName());

  private final List<Path> files;
  private final Loader<T> loader;
  private final Clock clock;
  private final long intervalMillis;
  private final ReentrantLock lock = new ReentrantLock();

  private volatile T current;
  private volatile @Nullable T previous;
  private volatile long lastCheckMillis;

  // Guarded by lock.
  private List<FileStamp> stamps;
  private @Nullable List<FileStamp> failedStamps;

  private Reloadable(
      List<Path> files,
      Loader<T> loader,
      Clock clock,
      Duration interval,
      List<FileStamp> stamps,
      T value) {
    this.files = List.copyOf(files);
    this.loader = loader;
    this.clock = clock;
    this.intervalMillis = interval.toMillis();
    this.stamps = stamps;
    this.current = value;
    this.lastCheckMillis = clock.millis();
  }

  /**
   * Reads the value for the first time.
   *
   * @throws PkiException when the files cannot be read; unlike later reloads, this one must work
   */
  static <T> Reloadable<T> load(List<Path> files, Loader<T> loader, Duration interval, Clock clock)
      throws PkiException {
    List<FileStamp> stamps = FileStamp.of(files);
    return new Reloadable<>(files, loader, clock, interval, stamps, loader.load());
  }

  /** {@return the value, first reloading it if the interval passed and the files changed} */
  T current() {
    refreshIfDue();
    return current;
  }

  /** {@return the value as it is, without looking at the files} */
  T peek() {
    return current;
  }

  /** {@return the value before the last reload, for handshakes that started before it} */
  @Nullable T previous() {
    return previous;
  }

  private void refreshIfDue() {
    long now = clock.millis();
    if (now - lastCheckMillis < intervalMillis || !lock.tryLock()) {
      return; // not due, or another handshake is already looking
    }
    try {
      lastCheckMillis = now;
      List<FileStamp> seen = FileStamp.of(files);
      if (seen.equals(stamps) || seen.equals(failedStamps)) {
        return;
      }
      reload(seen);
    } finally {
      lock.unlock();
    }
  }

  private void reload(List<FileStamp> seen) {
    try {
      T fresh = loader.load();
      previous = current;
      current = fresh;
      stamps = seen;
      failedStamps = null;
      LOG.log(Level.INFO, () -> "reloaded " + files);
    } catch (PkiException e) {
      failedStamps = seen;
      LOG.log(Level.WARNING, () -> "keeping the previous TLS material: " + e.getMessage());
    }
  }
}
