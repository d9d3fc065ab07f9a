package dev.drydock.bench;

import dev.drydock.engine.EngineClient;
import dev.drydock.engine.EngineEvent;
import dev.drydock.engine.EngineException;
import dev.drydock.engine.EventQuery;
import dev.drydock.engine.EventStream;
import dev.drydock.model.Report;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Audits once, then again whenever the daemon reports a change that can alter a result (a
 * container, image or network created, changed or removed, the daemon reloaded), and hands each new
 * report and what changed to a listener. Bursts of events (a {@code docker compose up}) are settled
 * into one re-audit.
 */
public final class BenchWatch implements AutoCloseable {
  /** Receives each audit. */
  @FunctionalInterface
  public interface Listener {
    /**
     * Called after each audit.
     *
     * @param report the new report
     * @param changes problems that appeared or went away since the previous audit; for the first
     *     audit, every problem as {@link BenchDiff.Kind#NEW}
     * @param triggers the events that caused this audit; empty for the first
     */
    void audited(Report report, List<BenchDiff.Change> changes, List<EngineEvent> triggers);
  }

  /** Event types whose events can change a result. */
  private static final Set<String> TYPES = Set.of("container", "image", "network", "daemon");

  /** Actions that change nothing the checks read: a process inside, health probes, log attach. */
  private static final Set<String> QUIET_PREFIXES =
      Set.of("exec_", "health_status", "attach", "top", "export", "copy", "archive-path", "resize");

  private static final int QUEUE_CAPACITY = 1024;
  private static final Duration MAX_SETTLE = Duration.ofSeconds(10);

  private final Bench bench;
  private final EngineClient client;
  private final String toolVersion;
  private final Clock clock;
  private final Duration settle;

  /** Events from the stream; an empty element marks its end. */
  private final BlockingQueue<Optional<EngineEvent>> queue =
      new ArrayBlockingQueue<>(QUEUE_CAPACITY);

  private volatile @Nullable EventStream stream;
  private volatile boolean closed;
  private volatile boolean stopRequested;
  private volatile boolean endedByDaemon;
  private volatile @Nullable EngineException streamFailure;

  BenchWatch(Bench bench, EngineClient client, String toolVersion, Clock clock, Duration settle) {
    this.bench = bench;
    this.client = client;
    this.toolVersion = toolVersion;
    this.clock = clock;
    this.settle = settle;
  }

  /**
   * Audits and keeps auditing until {@link #close()} is called or the event stream ends.
   *
   * @throws BenchException when the daemon's event stream cannot be opened or fails
   */
  public void run(Listener listener) throws BenchException, InterruptedException {
    EventStream events;
    try {
      // Subscribe before the first audit, so that nothing between the two is missed.
      events = client.events(EventQuery.follow().filter("type", TYPES.toArray(String[]::new)));
    } catch (EngineException e) {
      throw new BenchException(
          "Could not follow the events of the daemon at "
              + client.endpoint().address()
              + ": "
              + e.getMessage(),
          e);
    }
    stream = events;
    Thread reader = Thread.ofVirtual().name("drydock-bench-events").start(() -> pump(events));
    try {
      Report previous = bench.run(toolVersion, clock);
      listener.audited(previous, BenchDiff.between(empty(previous), previous), List.of());
      while (!closed) {
        List<EngineEvent> triggers = nextBurst();
        if (triggers.isEmpty()) {
          break;
        }
        Report next = bench.run(toolVersion, clock);
        listener.audited(next, BenchDiff.between(previous, next), triggers);
        previous = next;
      }
    } finally {
      stop();
      reader.join(Duration.ofSeconds(5));
    }
    if (endedByDaemon) {
      throw new BenchException(
          "The daemon at "
              + client.endpoint().address()
              + " closed its event stream (restarted or shut down?); drydock stopped watching."
              + " Run the watch again to resume.");
    }
    EngineException failure = streamFailure;
    if (failure != null) {
      throw new BenchException(
          "The event stream of the daemon at "
              + client.endpoint().address()
              + " failed: "
              + failure.getMessage(),
          failure);
    }
  }

  /** Stops watching; {@link #run} returns after the audit in progress, if any. */
  @Override
  public void close() {
    stopRequested = true;
    stop();
  }

  private void stop() {
    closed = true;
    EventStream s = stream;
    if (s != null) {
      s.close();
    }
  }

  /** Waits for a relevant event, then for the burst it starts to settle; empty at the end. */
  private List<EngineEvent> nextBurst() throws InterruptedException {
    List<EngineEvent> burst = new ArrayList<>();
    while (burst.isEmpty()) {
      Optional<EngineEvent> first = queue.take();
      if (first.isEmpty()) {
        return List.of();
      }
      if (relevant(first.get())) {
        burst.add(first.get());
      }
    }
    long deadline = System.nanoTime() + MAX_SETTLE.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<EngineEvent> more = queue.poll(settle.toNanos(), TimeUnit.NANOSECONDS);
      if (more == null) {
        break;
      }
      if (more.isEmpty()) {
        // Audit what has happened, then end on the next call.
        queue.offer(more);
        break;
      }
      if (relevant(more.get())) {
        burst.add(more.get());
      }
    }
    return burst;
  }

  static boolean relevant(EngineEvent event) {
    return TYPES.contains(event.type())
        && QUIET_PREFIXES.stream().noneMatch(p -> event.action().startsWith(p));
  }

  private void pump(EventStream events) {
    try {
      EngineEvent e;
      while ((e = events.next()) != null) {
        if (!queue.offer(Optional.of(e))) {
          // A full queue means audits lag far behind: one pending re-audit covers them all.
          queue.clear();
          queue.offer(
              Optional.of(
                  new EngineEvent("daemon", "resync", "", java.util.Map.of(), "local", e.time())));
        }
      }
      if (!closed && !stopRequested) {
        endedByDaemon = true;
      }
    } catch (EngineException failure) {
      if (!closed) {
        streamFailure = failure;
      }
    } finally {
      while (!queue.offer(Optional.empty())) {
        queue.poll();
      }
    }
  }

  private static Report empty(Report like) {
    return new Report(
        like.tool(), like.toolVersion(), like.target(), like.started(), like.started(), List.of());
  }
}
