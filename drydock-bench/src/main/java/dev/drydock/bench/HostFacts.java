package dev.drydock.bench;

import dev.drydock.engine.EngineEndpoint;
import java.nio.file.Path;

/**
 * What the host's files and processes say: file ownership and modes, audit rules, systemd units,
 * and the flags and {@code daemon.json} of the daemon that serves the audited endpoint. Files are
 * read below the root prefix; processes from the real {@code /proc}.
 */
final class HostFacts {
  private final Path root;
  private final EngineEndpoint endpoint;

  HostFacts(Path root, EngineEndpoint endpoint) {
    this.root = root;
    this.endpoint = endpoint;
  }

  Path root() {
    return root;
  }

  EngineEndpoint endpoint() {
    return endpoint;
  }
}
