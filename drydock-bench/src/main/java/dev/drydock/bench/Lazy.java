package dev.drydock.bench;

import org.jspecify.annotations.Nullable;

/**
 * A fact collected at most once, on first use, so that a run of one check does not pay for facts
 * other checks need. A failure is remembered too and rethrown to every check that asks.
 */
final class Lazy<T> {
  /** Produces the value. */
  @FunctionalInterface
  interface Source<T> {
    T get() throws BenchException;
  }

  private final Source<T> source;
  private @Nullable T value;
  private @Nullable BenchException failure;

  Lazy(Source<T> source) {
    this.source = source;
  }

  synchronized T get() throws BenchException {
    if (failure != null) {
      throw failure;
    }
    T v = value;
    if (v == null) {
      try {
        v = source.get();
      } catch (BenchException e) {
        failure = e;
        throw e;
      }
      value = v;
    }
    return v;
  }
}
