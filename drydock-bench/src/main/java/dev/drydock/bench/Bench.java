package dev.drydock.bench;

import dev.drydock.engine.EngineClient;
import dev.drydock.model.Finding;
import dev.drydock.model.Report;
import dev.drydock.model.Status;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One CIS Docker Benchmark audit of one daemon and its host. Facts are collected once per {@link
 * #run}, on first use, and every selected check is evaluated against them; a check whose facts
 * cannot be collected is reported as an error and the audit goes on.
 */
public final class Bench {
  private final EngineClient client;
  private final BenchOptions options;
  private final List<Check> selected;

  private Bench(EngineClient client, BenchOptions options) {
    this.client = client;
    this.options = options;
    this.selected = Catalog.all().stream().filter(c -> options.selects(c.info())).toList();
  }

  /**
   * Prepares an audit.
   *
   * @throws BenchException when the root prefix is not a readable directory
   */
  public static Bench create(EngineClient client, BenchOptions options) throws BenchException {
    Path root = options.root();
    if (!Files.isDirectory(root)) {
      throw new BenchException(
          "The host root '"
              + root
              + "' is not a directory: give --root the directory the host's"
              + " files are under (default /).");
    }
    return new Bench(client, options.withRoot(root.toAbsolutePath().normalize()));
  }

  /** {@return every check drydock knows, selected or not, in benchmark order} */
  public static List<CheckInfo> catalog() {
    return Catalog.all().stream().map(Check::info).toList();
  }

  /** {@return the checks this audit runs, in benchmark order} */
  public List<CheckInfo> selected() {
    return selected.stream().map(Check::info).toList();
  }

  /**
   * Prepares a watch: one audit now, then one after each burst of relevant daemon events.
   *
   * @param settle how long the daemon must be quiet after an event before the re-audit runs
   */
  public BenchWatch watch(String toolVersion, Clock clock, Duration settle) {
    return new BenchWatch(this, client, toolVersion, clock, settle);
  }

  /** Runs the audit once, with fresh facts. */
  public Report run(String toolVersion, Clock clock) {
    Instant started = clock.instant();
    BenchContext context =
        new BenchContext(
            new EngineFacts(client), new HostFacts(options.root(), client.endpoint()), options);
    prefetch(context);
    List<Finding> findings = new ArrayList<>();
    for (Check check : selected) {
      findings.addAll(evaluate(check, context));
    }
    return new Report(
        "bench", toolVersion, client.endpoint().address(), started, clock.instant(), findings);
  }

  /**
   * Collects the facts the selected sections need in parallel, so that Engine API round trips and
   * host file reads overlap; failures are remembered by each fact and reported by the checks.
   */
  private void prefetch(BenchContext context) {
    java.util.Set<Integer> sections = new java.util.HashSet<>();
    for (Check c : selected) {
      sections.add(c.info().section());
    }
    List<Lazy.Source<?>> facts = new ArrayList<>();
    facts.add(context.engine()::info);
    if (sections.stream().anyMatch(s -> s <= 3)) {
      facts.add(context.host()::daemon);
      facts.add(context.host()::auditRules);
      facts.add(context.engine()::version);
    }
    if (sections.stream().anyMatch(s -> s >= 4 && s <= 6)) {
      facts.add(context.engine()::containers);
      facts.add(context.engine()::images);
    }
    if (sections.contains(5) || sections.contains(7)) {
      facts.add(context.engine()::networks);
    }
    List<Thread> threads = new ArrayList<>();
    for (Lazy.Source<?> fact : facts) {
      threads.add(
          Thread.ofVirtual()
              .name("drydock-bench-prefetch")
              .start(
                  () -> {
                    try {
                      fact.get();
                    } catch (BenchException | RuntimeException e) {
                      // Remembered by the fact where it can be; the checks that need it report it.
                    }
                  }));
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static List<Finding> evaluate(Check check, BenchContext context) {
    CheckInfo info = check.info();
    try {
      List<Finding> result = check.evaluate(context);
      if (result.isEmpty()) {
        throw new IllegalStateException("Check " + info.id() + " returned no finding.");
      }
      return result;
    } catch (BenchException e) {
      return List.of(error(info, e.getMessage()));
    } catch (UncheckedIOException e) {
      return List.of(error(info, "could not read a host file: " + e.getMessage()));
    } catch (RuntimeException e) {
      // A defect in one check must not cost the whole audit: report it where it happened.
      return List.of(
          error(
              info,
              "drydock failed evaluating this check ("
                  + e
                  + "); please report it with the output of --debug"));
    }
  }

  private static Finding error(CheckInfo info, @Nullable String message) {
    return info.finding(Status.ERROR, "host", message == null ? "unknown error" : message).build();
  }
}
