package dev.drydock.bench;

import dev.drydock.engine.ContainerDetails;
import dev.drydock.engine.ContainerProcesses;
import dev.drydock.engine.ContainerSummary;
import dev.drydock.engine.EngineApiException;
import dev.drydock.engine.EngineClient;
import dev.drydock.engine.EngineException;
import dev.drydock.engine.EngineInfo;
import dev.drydock.engine.EngineNotFoundException;
import dev.drydock.engine.EngineVersion;
import dev.drydock.engine.ImageDetails;
import dev.drydock.engine.ImageHistoryEntry;
import dev.drydock.engine.ImageSummary;
import dev.drydock.engine.NetworkDetails;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * What the audited daemon says about itself and its objects, asked once per run through the Engine
 * API. Every container is included, whatever its state (created, running, paused, exited): a
 * container that is not running now may run tomorrow with the same settings. No container or image
 * is skipped because of a label: anyone who can create a container could set the label, so it would
 * be a way to hide one from the audit.
 */
final class EngineFacts {
  /** At most this many inspect calls are in flight at once, so a big host is not flooded. */
  static final int MAX_PARALLEL = 8;

  private final EngineClient client;
  private final Lazy<EngineInfo> info;
  private final Lazy<EngineVersion> version;
  private final Lazy<List<ContainerDetails>> containers;
  private final Lazy<List<ImageDetails>> images;
  private final Lazy<List<NetworkDetails>> networks;
  private final Map<String, Lazy<List<ImageHistoryEntry>>> histories = new HashMap<>();
  private final Map<String, Lazy<Optional<ContainerProcesses>>> processes = new HashMap<>();

  EngineFacts(EngineClient client) {
    this.client = client;
    this.info = new Lazy<>(() -> ask("docker info", client::info));
    this.version = new Lazy<>(() -> ask("docker version", client::version));
    this.containers = new Lazy<>(this::collectContainers);
    this.images = new Lazy<>(this::collectImages);
    this.networks = new Lazy<>(() -> ask("the network list", client::networks));
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

  /** {@return every container in every state, inspected, newest first} */
  List<ContainerDetails> containers() throws BenchException {
    return containers.get();
  }

  /** {@return every top-level image, inspected} */
  List<ImageDetails> images() throws BenchException {
    return images.get();
  }

  /** {@return every network (without attached containers; see the containers' own lists)} */
  List<NetworkDetails> networks() throws BenchException {
    return networks.get();
  }

  /** {@return an image's build history, newest step first} */
  List<ImageHistoryEntry> history(String imageId) throws BenchException {
    Lazy<List<ImageHistoryEntry>> lazy;
    synchronized (histories) {
      lazy =
          histories.computeIfAbsent(
              imageId,
              id ->
                  new Lazy<>(
                      () -> ask("the history of image " + id, () -> client.imageHistory(id))));
    }
    return lazy.get();
  }

  /**
   * {@return the processes of a running container, read by the daemon from the container's own
   * cgroup (so a {@code --pid=host} container is not credited with the host's processes); empty
   * when it is not running, or stopped or vanished meanwhile}
   */
  Optional<ContainerProcesses> processes(ContainerDetails container) throws BenchException {
    if (!container.state().running()) {
      return Optional.empty();
    }
    Lazy<Optional<ContainerProcesses>> lazy;
    synchronized (processes) {
      lazy = processes.computeIfAbsent(container.id(), id -> new Lazy<>(() -> topOrEmpty(id)));
    }
    return lazy.get();
  }

  private Optional<ContainerProcesses> topOrEmpty(String id) throws BenchException {
    try {
      return Optional.of(client.top(id));
    } catch (EngineNotFoundException e) {
      return Optional.empty();
    } catch (EngineApiException e) {
      if (e.status() == 409) {
        return Optional.empty(); // stopped since it was listed
      }
      throw failure("the processes of container " + id, e);
    } catch (EngineException e) {
      throw failure("the processes of container " + id, e);
    }
  }

  private List<ContainerDetails> collectContainers() throws BenchException {
    List<ContainerSummary> listed =
        ask("the list of all containers", () -> client.containers(true));
    return inspectAll(
        "container", listed.stream().map(ContainerSummary::id).toList(), client::inspectContainer);
  }

  private List<ImageDetails> collectImages() throws BenchException {
    List<ImageSummary> listed = ask("the list of images", client::images);
    return inspectAll(
        "image", listed.stream().map(ImageSummary::id).distinct().toList(), client::inspectImage);
  }

  /** Inspects one object. */
  @FunctionalInterface
  private interface Inspect<T> {
    T inspect(String id) throws EngineException;
  }

  /**
   * Inspects every ID on virtual threads, at most {@link #MAX_PARALLEL} at a time, keeping the list
   * order. Objects removed between the list and the inspect are left out.
   */
  private <T> List<T> inspectAll(String kind, List<String> ids, Inspect<T> inspect)
      throws BenchException {
    Semaphore permits = new Semaphore(MAX_PARALLEL);
    List<Future<Optional<T>>> futures = new ArrayList<>(ids.size());
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (String id : ids) {
        futures.add(
            pool.submit(
                () -> {
                  permits.acquire();
                  try {
                    return Optional.of(inspect.inspect(id));
                  } catch (EngineNotFoundException gone) {
                    return Optional.<T>empty();
                  } finally {
                    permits.release();
                  }
                }));
      }
      List<T> out = new ArrayList<>(ids.size());
      for (int i = 0; i < futures.size(); i++) {
        try {
          futures.get(i).get().ifPresent(out::add);
        } catch (ExecutionException e) {
          if (e.getCause() instanceof EngineException engine) {
            throw failure(kind + " " + ids.get(i), engine);
          }
          throw new IllegalStateException(
              "inspecting " + kind + " " + ids.get(i) + " failed", e.getCause());
        }
      }
      return List.copyOf(out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("Interrupted while inspecting every " + kind + ".", e);
    }
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
      throw failure(what, e);
    }
  }

  private BenchException failure(String what, EngineException e) {
    return new BenchException(
        "Could not ask the daemon at "
            + client.endpoint().address()
            + " for "
            + what
            + ": "
            + e.getMessage(),
        e);
  }
}
