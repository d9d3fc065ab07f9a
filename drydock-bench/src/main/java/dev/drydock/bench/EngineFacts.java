package dev.drydock.bench;

import dev.drydock.engine.EngineClient;
import dev.drydock.engine.EngineException;
import dev.drydock.engine.EngineInfo;
import dev.drydock.engine.EngineVersion;

/**
 * What the audited daemon says about itself and its objects, asked once per run through the Engine
 * API. Every container is included, running or not.
 */
final class EngineFacts {
  private final EngineClient client;
  private final Lazy<EngineInfo> info;
  private final Lazy<EngineVersion> version;

  EngineFacts(EngineClient client) {
    this.client = client;
    this.info = new Lazy<>(() -> ask("docker info", client::info));
    this.version = new Lazy<>(() -> ask("docker version", client::version));
  }

  EngineClient client() {
    return client;
  }

  EngineInfo info() throws BenchException {
    return info.get();
  }

  EngineVersion version() throws BenchException {
    return version.get();
  }

  /** A call to the Engine API. */
  @FunctionalInterface
  interface Call<T> {
    T call() throws EngineException;
  }

  /** Runs an Engine API call, turning its failure into a {@link BenchException} that names it. */
  <T> T ask(String what, Call<T> call) throws BenchException {
    try {
      return call.call();
    } catch (EngineException e) {
      throw new BenchException(
          "Could not ask the daemon at "
              + client.endpoint().address()
              + " for "
              + what
              + ": "
              + e.getMessage(),
          e);
    }
  }
}
