package dev.drydock.audit;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to run an audit; built once by the caller.
 *
 * @param toolVersion drydock's version, recorded in the report and the cache
 * @param clock the wall clock
 * @param dataDir drydock's data directory: the vulnerability database is read from {@code db/},
 *     catalogues are cached under {@code cache/layers/}
 * @param hostRoot the host's root file system ({@code /}), for the benchmark and patch status
 * @param runningKernel the running kernel release, or null when unknown
 * @param inUse scan only the images of existing containers (running, stopped or created)
 * @param containerNames glob patterns ({@code *} and {@code ?}) on container names; when not empty,
 *     only matching containers are joined and, with {@code inUse}, only their images scanned
 * @param parallelism how many images are read at once (1 to 16)
 * @param trust the trust policy to check signatures against, or null when none is configured
 * @param exportSocket the daemon's Unix socket to export images through, or null when the daemon is
 *     remote (images are then not scanned, and the report says so)
 */
public record AuditOptions(
    String toolVersion,
    Clock clock,
    Path dataDir,
    Path hostRoot,
    @Nullable String runningKernel,
    boolean inUse,
    List<String> containerNames,
    int parallelism,
    @Nullable TrustCheck trust,
    @Nullable Path exportSocket) {

  /** Validates. */
  public AuditOptions {
    Objects.requireNonNull(toolVersion, "toolVersion");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(hostRoot, "hostRoot");
    containerNames = List.copyOf(containerNames);
    if (parallelism < 1 || parallelism > 16) {
      throw new IllegalArgumentException("parallelism must be 1 to 16, not " + parallelism);
    }
  }

  /** {@return the database directory} */
  public Path dbDir() {
    return dataDir.resolve("db");
  }

  /** {@return the catalogue cache directory} */
  public Path cacheDir() {
    return dataDir.resolve("cache").resolve("layers");
  }

  /** {@return true when {@code containerName} passes the name filter} */
  public boolean selects(String containerName) {
    if (containerNames.isEmpty()) {
      return true;
    }
    for (String glob : containerNames) {
      if (globMatches(glob, containerName)) {
        return true;
      }
    }
    return false;
  }

  static boolean globMatches(String glob, String text) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char ch = glob.charAt(i);
      switch (ch) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(java.util.regex.Pattern.quote(String.valueOf(ch)));
      }
    }
    return text.matches(regex.toString());
  }
}
