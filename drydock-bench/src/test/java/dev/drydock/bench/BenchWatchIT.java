package dev.drydock.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.engine.EngineEvent;
import dev.drydock.model.Report;
import dev.drydock.testkit.TestDocker;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code --watch}: a container created after the first audit shows up as a new problem. */
class BenchWatchIT {
  @RegisterExtension static final TestDocker DOCKER = TestDocker.create(System.getenv());

  private record Audit(Report report, List<BenchDiff.Change> changes, List<EngineEvent> triggers) {}

  private static boolean has(Audit a, BenchDiff.Kind kind, String name) {
    return a.changes().stream()
        .anyMatch(c -> c.kind() == kind && c.finding().subject().contains(name));
  }

  private static Audit until(LinkedBlockingQueue<Audit> audits, Predicate<Audit> wanted)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    for (int i = 0; i < 100 && System.nanoTime() < deadline; i++) {
      Audit a = audits.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (a == null) {
        break;
      }
      if (wanted.test(a)) {
        return a;
      }
    }
    throw new AssertionError("no audit as expected within 60 s");
  }

  @Test
  void privilegedContainerCreatedWhileWatching_isReportedOnce_asNew() throws Exception {
    BenchOptions options =
        new BenchOptions(
            Set.of("5.5"), Set.of(), Set.of(), 2, java.nio.file.Path.of("/"), List.of());
    Bench bench = Bench.create(DOCKER.client(), options);
    LinkedBlockingQueue<Audit> audits = new LinkedBlockingQueue<>();
    AtomicReference<Exception> failure = new AtomicReference<>();
    String image = DOCKER.images().busybox();
    String name = DOCKER.containerName("watch-priv");
    BenchWatch watch = bench.watch("test", Clock.systemUTC(), Duration.ofMillis(300));
    try {
      Thread runner =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      watch.run((r, c, t) -> audits.add(new Audit(r, c, t)));
                    } catch (Exception e) {
                      failure.set(e);
                    }
                  });
      Audit first = audits.poll(60, TimeUnit.SECONDS);
      assertThat(first).as("first audit; watch failure: %s", failure.get()).isNotNull();
      assertThat(first.triggers()).isEmpty();
      assertThat(first.report().findings()).noneMatch(f -> f.subject().contains(name));

      DOCKER
          .cli()
          .run("create", "--privileged", "--network", "none", "--name", name, image, "true");

      // Other workloads share this daemon: skip audits their events caused until ours shows up.
      Audit next = until(audits, a -> has(a, BenchDiff.Kind.NEW, name));
      assertThat(next).as("an audit reporting %s as new", name).isNotNull();
      assertThat(next.triggers()).isNotEmpty();
      assertThat(next.changes())
          .anySatisfy(
              c -> {
                assertThat(c.kind()).isEqualTo(BenchDiff.Kind.NEW);
                assertThat(c.finding().ruleId()).isEqualTo("cis-5.5");
                assertThat(c.finding().subject()).contains(name);
              });

      DOCKER.cli().run("rm", "-f", name);
      Audit after = until(audits, a -> has(a, BenchDiff.Kind.RESOLVED, name));
      assertThat(after).as("an audit reporting %s as resolved", name).isNotNull();
      watch.close();
      runner.join(Duration.ofSeconds(30));
      assertThat(runner.isAlive()).isFalse();
    } finally {
      watch.close();
    }
  }
}
