package dev.drydock.engine;

import static dev.drydock.engine.FakeEngine.http;
import static dev.drydock.engine.FakeEngine.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code /events} stream against a recording from Docker 20.10 and hand-made streams. */
class EventStreamTest {
  private static final byte[] PING = resource("recorded/ping.http");
  private static final String HEAD =
      "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";

  @TempDir Path dir;

  private FakeEngine engine(byte @Nullable [] answer) throws Exception {
    return FakeEngine.pingThen(dir, PING, answer);
  }

  @Test
  void events_recorded_parsesEveryEventInOrderAndEnds() throws Exception {
    try (FakeEngine engine = engine(resource("recorded/events.http"));
        EventStream stream = engine.client().events(EventQuery.follow())) {
      List<EngineEvent> events = new ArrayList<>();
      stream.forEach(events::add);

      assertThat(events).hasSize(21);
      EngineEvent first = events.getFirst();
      assertThat(first.type()).isEqualTo("network");
      assertThat(first.action()).isEqualTo("create");
      assertThat(first.attributes()).containsEntry("name", "ddrec-net");
      assertThat(first.scope()).isEqualTo("local");
      assertThat(first.timeNano()).isEqualTo(1796422527636197303L);
      assertThat(first.time()).isEqualTo(Instant.ofEpochSecond(1796422527, 636197303));
      assertThat(events)
          .filteredOn(e -> e.actorName().equals("ddrec-web"))
          .extracting(EngineEvent::action)
          .startsWith("create")
          .contains("start", "exec_start: true ", "die")
          .endsWith("destroy");
      assertThat(events.get(1).actorId()).hasSize(64);
      assertThat(stream.next()).isNull();
      assertThat(stream.closed()).isTrue();
    }
  }

  @Test
  void events_query_encodesFiltersAndTimes() throws Exception {
    EventQuery query =
        EventQuery.follow()
            .filter("type", "container")
            .filter("event", "start", "die")
            .filter("label", "a=b c")
            .since(Instant.ofEpochSecond(1700000000, 5))
            .until(Instant.ofEpochSecond(1700000060));
    try (FakeEngine engine = engine(http(200, "", ""));
        EventStream stream = engine.client().events(query)) {
      assertThat(stream.next()).isNull();
      assertThat(engine.requests())
          .last()
          .isEqualTo(
              "GET /v1.41/events?since=1700000000.000000005&until=1700000060.000000000"
                  + "&filters=%7B%22event%22%3A%5B%22start%22%2C%22die%22%5D%2C%22label%22%3A"
                  + "%5B%22a%3Db%20c%22%5D%2C%22type%22%3A%5B%22container%22%5D%7D HTTP/1.1");
    }
  }

  @Test
  void close_fromAnotherThread_endsWaitingNext() throws Exception {
    String event = "{\"Type\":\"container\",\"Action\":\"start\",\"time\":5}\n";
    byte[] answer = bytes(HEAD + Integer.toHexString(event.length()) + "\r\n" + event + "\r\n");
    try (FakeEngine engine =
        FakeEngine.holding(dir, line -> line.startsWith("GET /_ping") ? PING : answer)) {
      EventStream stream = engine.client().events(EventQuery.follow());
      EngineEvent firstEvent = Objects.requireNonNull(stream.next());
      assertThat(firstEvent).isNotNull();
      assertThat(firstEvent.time()).isEqualTo(Instant.ofEpochSecond(5));
      CompletableFuture<@Nullable EngineEvent> waiting = new CompletableFuture<>();
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  waiting.complete(stream.next());
                } catch (EngineException | RuntimeException e) {
                  waiting.completeExceptionally(e);
                }
              });

      stream.close();

      assertThat(waiting.get(10, TimeUnit.SECONDS)).isNull();
      assertThat(stream.closed()).isTrue();
    }
  }

  @Test
  void next_nothingWithinIdleTimeout_throwsTimeout() throws Exception {
    try (FakeEngine engine =
            FakeEngine.holding(dir, line -> line.startsWith("GET /_ping") ? PING : bytes(HEAD));
        EventStream stream =
            engine.client().events(EventQuery.follow().idleTimeout(Duration.ofMillis(100)))) {
      assertThatThrownBy(stream::next).isInstanceOf(EngineTimeoutException.class);
      assertThat(stream.closed()).isTrue();
    }
  }

  @Test
  void next_lineLongerThanLimit_throwsProtocolException() throws Exception {
    String longLine = "{\"Type\":\"" + "x".repeat(EventStream.MAX_EVENT_BYTES) + "\"}\n";
    try (FakeEngine engine = engine(FakeEngine.chunked(longLine, 4096));
        EventStream stream = engine.client().events(EventQuery.follow())) {
      assertThatThrownBy(stream::next)
          .isInstanceOf(EngineProtocolException.class)
          .hasMessageContaining("longer than " + EventStream.MAX_EVENT_BYTES);
    }
  }

  @Test
  void next_malformedEvent_throwsProtocolException() throws Exception {
    try (FakeEngine engine = engine(FakeEngine.chunked("\r\n{\"Action\":\"x\"}\n", 7));
        EventStream stream = engine.client().events(EventQuery.follow())) {
      assertThatThrownBy(stream::next)
          .isInstanceOf(EngineProtocolException.class)
          .hasMessageContaining("event is malformed");
    }
  }

  @Test
  void next_streamCutInsideEvent_throwsProtocolException() throws Exception {
    try (FakeEngine engine = engine(http(200, "", "{\"Type\":\"container\""));
        EventStream stream = engine.client().events(EventQuery.follow())) {
      assertThatThrownBy(stream::next).isInstanceOf(EngineProtocolException.class);
    }
  }

  @Test
  void events_daemonRejectsQuery_throwsApiException() throws Exception {
    try (FakeEngine engine =
        engine(http(400, "", "{\"message\":\"invalid filter 'event=nope'\"}"))) {
      assertThatThrownBy(() -> engine.client().events(EventQuery.follow().filter("event", "nope")))
          .isInstanceOfSatisfying(
              EngineApiException.class, e -> assertThat(e.status()).isEqualTo(400))
          .hasMessageContaining("invalid filter");
    }
  }

  @Test
  void events_noDaemon_throwsUnreachable() {
    EngineClient client = EngineClient.create(new EngineEndpoint.Unix(dir.resolve("none.sock")));
    assertThatThrownBy(() -> client.events(EventQuery.follow()))
        .isInstanceOf(EngineUnreachableException.class);
  }

  @Test
  void query_invalid_rejected() {
    assertThatThrownBy(() -> EventQuery.follow().filter("color", "red"))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> EventQuery.follow().filter("type", ""))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> EventQuery.follow().filter("type", "a\nb"))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(
            () ->
                EventQuery.follow()
                    .since(Instant.ofEpochSecond(10))
                    .until(Instant.ofEpochSecond(5)))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> EventQuery.follow().idleTimeout(Duration.ZERO))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> EventQuery.follow().idleTimeout(Duration.ofDays(30)))
        .isInstanceOf(InvalidValueException.class);
    String[] many = new String[300];
    java.util.Arrays.fill(many, "x");
    assertThatThrownBy(() -> EventQuery.follow().filter("type", many))
        .isInstanceOf(InvalidValueException.class);
    assertThat(new EventQuery(Map.of(), null, null, Duration.ofSeconds(1)).filters()).isEmpty();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
