package dev.drydock.scanner;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Matches a catalogue's packages against the vulnerability database on every core. Matching is a
 * quarter of a large scan's CPU time (bench/scan.sh profile) and each lookup is independent; the
 * database allows concurrent readers. Results keep the catalogue's order, so output is the same as
 * a sequential run.
 */
final class ParallelMatch {
  /** Packages per task: large enough to amortise hand-off, small enough to balance the cores. */
  private static final int CHUNK = 64;

  private ParallelMatch() {}

  /**
   * {@return the matches of each package, in the order of {@code packages}}; {@code progress} is
   * told how many packages were matched, always on the calling thread
   *
   * @throws VulnDbException when the database cannot be read
   */
  static List<List<VulnMatch>> matchAll(
      VulnDb db, List<PackageQuery> packages, int threads, IntConsumer progress)
      throws VulnDbException {
    List<List<VulnMatch>> out = new ArrayList<>(packages.size());
    if (threads <= 1 || packages.size() <= CHUNK) {
      for (PackageQuery pkg : packages) {
        out.add(db.match(pkg));
        progress.accept(1);
      }
      return out;
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<List<List<VulnMatch>>>> chunks = new ArrayList<>();
      for (int from = 0; from < packages.size(); from += CHUNK) {
        List<PackageQuery> slice = packages.subList(from, Math.min(packages.size(), from + CHUNK));
        chunks.add(pool.submit(() -> matchSlice(db, slice)));
      }
      for (Future<List<List<VulnMatch>>> chunk : chunks) {
        List<List<VulnMatch>> matched = join(chunk);
        out.addAll(matched);
        progress.accept(matched.size());
      }
    }
    return out;
  }

  private static List<List<VulnMatch>> matchSlice(VulnDb db, List<PackageQuery> slice)
      throws VulnDbException {
    List<List<VulnMatch>> out = new ArrayList<>(slice.size());
    for (PackageQuery pkg : slice) {
      out.add(db.match(pkg));
    }
    return out;
  }

  private static List<List<VulnMatch>> join(Future<List<List<VulnMatch>>> chunk)
      throws VulnDbException {
    try {
      return chunk.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VulnDbException("Interrupted while matching packages", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof VulnDbException v) {
        throw v;
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new VulnDbException("Matching packages failed: " + e.getCause(), e);
    }
  }
}
