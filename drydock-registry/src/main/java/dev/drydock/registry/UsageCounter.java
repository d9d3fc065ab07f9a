package dev.drydock.registry;

import dev.drydock.model.Digest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How many bytes each project stores, for quotas. Usage is the sum of the distinct manifests of the
 * project's repositories and the distinct blobs linked to them (every blob a repository may serve:
 * configs and layers, and also blobs uploaded but referenced by no manifest, which would otherwise
 * let a client fill the disk between two recomputations), each counted once per project however
 * many repositories hold it; a blob shared with another project counts in both. It is computed from
 * the stores on first use and again once {@link #REFRESH} has passed or after a delete, and in
 * between grows by what pushes were allowed to add.
 *
 * <p>The quota check and the addition are one atomic step per counter ({@link #reserve}), so
 * concurrent uploads cannot all pass a check made against the same figure.
 *
 * <p>Accuracy: the count errs high, never low, between recomputations: an allowed upload whose
 * digest then fails to verify, or a re-upload of a blob the project already holds, is added until
 * the next recomputation.
 */
final class UsageCounter {
  /** How long a computed usage is trusted before it is recomputed from the stores. */
  static final Duration REFRESH = Duration.ofMinutes(5);

  /** Most repositories read per page while listing a project's repositories. */
  private static final int PAGE = 1000;

  private final BlobStorage blobs;
  private final MetadataStore metadata;
  private final ManifestGraph graph;
  private final Clock clock;
  private final Map<String, Usage> usage = new HashMap<>();

  private record Usage(long bytes, Instant computed) {}

  UsageCounter(BlobStorage blobs, MetadataStore metadata, ManifestGraph graph, Clock clock) {
    this.blobs = blobs;
    this.metadata = metadata;
    this.graph = graph;
    this.clock = clock;
  }

  /** {@return the bytes {@code project} stores} */
  synchronized long used(String project) throws RegistryException {
    Usage current = usage.get(project);
    Instant now = clock.instant();
    if (current == null || !now.isBefore(current.computed().plus(REFRESH))) {
      current = new Usage(compute(project), now);
      usage.put(project, current);
    }
    return current.bytes();
  }

  /**
   * Checks a push against the quota and, when it fits, counts it, in one step.
   *
   * @param project the project
   * @param bytes what the push stores
   * @param quota the project's quota in bytes
   * @return the usage before the push, and whether the push was counted (it fits)
   */
  synchronized Reservation reserve(String project, long bytes, long quota)
      throws RegistryException {
    long used = used(project);
    if (used + bytes > quota) {
      return new Reservation(false, used);
    }
    Usage current = java.util.Objects.requireNonNull(usage.get(project));
    usage.put(project, new Usage(current.bytes() + bytes, current.computed()));
    return new Reservation(true, used);
  }

  /**
   * The answer of {@link #reserve}.
   *
   * @param allowed whether the push fits and was counted
   * @param used the project's usage before the push
   */
  record Reservation(boolean allowed, long used) {}

  /** Forgets the project's usage (after a delete): the next question recomputes it. */
  synchronized void invalidate(String project) {
    usage.remove(project);
  }

  private long compute(String project) throws RegistryException {
    Set<Digest> seen = new HashSet<>();
    long total = 0;
    for (String repository : repositories(project)) {
      for (Digest blob : metadata.linkedBlobs(repository)) {
        if (seen.add(blob)) {
          total += Math.max(0, blobs.size(blob));
        }
      }
      for (Digest manifest : metadata.manifests(repository)) {
        if (seen.add(manifest)) {
          total += Math.max(0, blobs.size(manifest));
        }
        ManifestInfo info = graph.info(repository, manifest);
        if (info == null) {
          continue;
        }
        for (Digest blob : info.blobs()) {
          if (seen.add(blob)) {
            total += Math.max(0, blobs.size(blob));
          }
        }
      }
    }
    return total;
  }

  /** {@return the repositories of a project: the name itself and those under {@code name/}} */
  private List<String> repositories(String project) throws RegistryException {
    List<String> out = new ArrayList<>();
    if (metadata.repositoryExists(project)) {
      out.add(project);
    }
    String prefix = project + "/";
    String last = prefix;
    while (true) {
      List<String> page = metadata.repositories(last, PAGE);
      for (String name : page) {
        if (!name.startsWith(prefix)) {
          return out;
        }
        out.add(name);
      }
      if (page.size() < PAGE) {
        return out;
      }
      last = page.getLast();
    }
  }

  /** {@return a size in binary units, as people read it: {@code 1.5 MiB}} */
  static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
