package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Digest;
import dev.drydock.registry.AuditLog.AuditEvent;
import dev.drydock.registry.AuditLog.AuditQuery;
import dev.drydock.registry.AuditLog.Operation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract every {@link AuditLog} passes. */
abstract class AuditLogContract {
  static final Instant T0 = Instant.parse("2026-03-04T05:06:07.000000001Z");
  static final Digest DIGEST = TestRegistry.sha256(TestRegistry.bytes("layer"));

  protected AuditLog log;

  protected abstract AuditLog create() throws Exception;

  @BeforeEach
  void createLog() throws Exception {
    log = create();
  }

  static AuditEvent event(int second, Operation op, String who, String repo, boolean allowed) {
    return new AuditEvent(
        T0.plusSeconds(second),
        op,
        who,
        repo,
        "v" + second,
        DIGEST,
        "192.0.2.7:4711",
        allowed,
        allowed ? null : "rbac",
        allowed ? null : "no push permission");
  }

  private List<Instant> times(AuditQuery query) throws RegistryException {
    return log.query(query).stream().map(AuditEvent::time).toList();
  }

  private void recordSample() throws RegistryException {
    log.record(event(3, Operation.PUSH, "alice", "team/app", true));
    log.record(event(1, Operation.LOGIN, "bob", "team/app", false));
    log.record(event(2, Operation.PULL, "alice", "team/db", true));
    log.record(event(5, Operation.DELETE, "carol", "team/app", false));
    log.record(event(4, Operation.PULL, "anonymous", "public/x", true));
  }

  @Test
  void eventsRoundTripExactlyAndOldestFirst() throws Exception {
    AuditEvent full = event(7, Operation.PUSH, "robot$team+ci", "team/app", false);
    AuditEvent bare =
        new AuditEvent(T0, Operation.ADMIN, "root", null, null, null, null, true, null, "x");
    log.record(full);
    log.record(bare);
    assertThat(log.query(AuditQuery.all(10))).containsExactly(bare, full);
  }

  @Test
  void anEmptyLogAnswersEmpty() throws Exception {
    assertThat(log.query(AuditQuery.all(10))).isEmpty();
  }

  @Test
  void eachFilterSelects() throws Exception {
    recordSample();
    assertThat(times(AuditQuery.all(100))).containsExactly(at(1), at(2), at(3), at(4), at(5));
    assertThat(times(new AuditQuery(at(2), null, null, null, null, null, 100)))
        .containsExactly(at(2), at(3), at(4), at(5));
    assertThat(times(new AuditQuery(null, at(3), null, null, null, null, 100)))
        .containsExactly(at(1), at(2));
    assertThat(times(new AuditQuery(at(2), at(4), null, null, null, null, 100)))
        .containsExactly(at(2), at(3));
    assertThat(times(new AuditQuery(null, null, "alice", null, null, null, 100)))
        .containsExactly(at(2), at(3));
    assertThat(times(new AuditQuery(null, null, null, "team/app", null, null, 100)))
        .containsExactly(at(1), at(3), at(5));
    assertThat(times(new AuditQuery(null, null, null, null, Operation.PULL, null, 100)))
        .containsExactly(at(2), at(4));
    assertThat(times(new AuditQuery(null, null, null, null, null, false, 100)))
        .containsExactly(at(1), at(5));
    assertThat(times(new AuditQuery(null, null, null, null, null, true, 100)))
        .containsExactly(at(2), at(3), at(4));
    assertThat(times(new AuditQuery(null, null, "alice", "team/app", Operation.PUSH, true, 100)))
        .containsExactly(at(3));
    assertThat(times(new AuditQuery(null, null, "nobody", null, null, null, 100))).isEmpty();
  }

  @Test
  void sinceIsInclusiveToTheNanosecondAndUntilExclusive() throws Exception {
    recordSample();
    Instant third = at(3);
    assertThat(times(new AuditQuery(third, third.plusNanos(1), null, null, null, null, 10)))
        .containsExactly(third);
    assertThat(times(new AuditQuery(third.plusNanos(1), null, null, null, null, null, 10)))
        .containsExactly(at(4), at(5));
    assertThat(times(new AuditQuery(null, third.minusNanos(1), null, null, null, null, 10)))
        .containsExactly(at(1), at(2));
  }

  @Test
  void theLimitKeepsTheNewestEvents() throws Exception {
    recordSample();
    assertThat(times(AuditQuery.all(2))).containsExactly(at(4), at(5));
    assertThat(times(new AuditQuery(null, null, "alice", null, null, null, 1)))
        .containsExactly(at(3));
  }

  @Test
  void eventsOfOneInstantKeepTheirOrder() throws Exception {
    for (String who : List.of("c", "a", "b")) {
      log.record(new AuditEvent(T0, Operation.PULL, who, "r", null, null, null, true, null, null));
    }
    assertThat(log.query(AuditQuery.all(10)).stream().map(AuditEvent::principal))
        .containsExactly("c", "a", "b");
  }

  @Test
  void concurrentWritersLoseNothing() throws Exception {
    int threads = 4;
    int each = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Void>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String who = "writer" + t;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < each; i++) {
                    log.record(event(i, Operation.PUSH, who, "r", true));
                  }
                  return null;
                }));
      }
      for (Future<Void> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    List<AuditEvent> all = log.query(AuditQuery.all(1000));
    assertThat(all).hasSize(threads * each);
    assertThat(all).isSortedAccordingTo(java.util.Comparator.comparing(AuditEvent::time));
    assertThat(log.query(new AuditQuery(null, null, "writer2", null, null, null, 1000)))
        .hasSize(each);
  }

  static Instant at(int second) {
    return T0.plusSeconds(second);
  }
}
