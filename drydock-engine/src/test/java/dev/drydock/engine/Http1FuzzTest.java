package dev.drydock.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the HTTP/1.1 response parsing with arbitrary bytes as the daemon's answer: status line,
 * header fields, chunked coding, Content-Length and the body limit. Every malformed answer must end
 * in {@link MalformedHttpException} or {@link BodyTooLargeException} (which {@link
 * TransportFailures} maps to an {@link EngineException}); anything else, or a hang, is a finding.
 *
 * <p>Runs its seeds (in {@code Http1FuzzTestInputs/}) as a regular test; set {@code JAZZER_FUZZ=1}
 * to fuzz, see docs/development.md.
 */
class Http1FuzzTest {
  private static final HttpRequest GET = new HttpRequest("GET", "/v1.41/info", "localhost");
  private static final HttpRequest HEAD = new HttpRequest("HEAD", "/_ping", "localhost");
  private static final long LIMIT = 4096;
  private static final long[] EDGE_LIMITS = {
    1, 2, Integer.MAX_VALUE, Long.MAX_VALUE - 1, Long.MAX_VALUE
  };
  private static final List<EngineAction<?>> ACTIONS =
      List.of(new Ping(), new GetVersion(), new GetInfo());

  /** A whole answer, read to its end and handed to every action that decodes answers. */
  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void exchange(byte[] answer) {
    Response response = readFully(GET, answer, LIMIT);
    if (response == null) {
      return;
    }
    for (EngineAction<?> action : ACTIONS) {
      try {
        action.handle(response);
      } catch (ResponseFormatException expected) {
        // the typed failure EngineCaller maps to EngineProtocolException
      }
    }
  }

  /** The same answer with a fuzzed body limit and method, to reach the limit arithmetic. */
  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void exchangeWithLimit(FuzzedDataProvider data) {
    long limit = data.consumeBoolean() ? data.pickValue(EDGE_LIMITS) : data.consumeLong(1, 1 << 16);
    HttpRequest request = data.consumeBoolean() ? HEAD : GET;
    readFully(request, data.consumeRemainingAsBytes(), limit);
  }

  private static @Nullable Response readFully(HttpRequest request, byte[] answer, long limit) {
    Response response;
    try (ResponseStream stream = Http1.exchange(new ReplayConnection(answer), request, limit)) {
      response = stream.readFully();
    } catch (MalformedHttpException | BodyTooLargeException expected) {
      return null;
    } catch (IOException e) {
      throw new AssertionError("an untyped I/O failure from a replayed answer", e);
    }
    assertThat((long) response.body().length).isLessThanOrEqualTo(limit);
    assertThat(response.status()).isBetween(0, 999);
    return response;
  }

  /** Plays back fixed bytes as the daemon's side and swallows the request. */
  private static final class ReplayConnection implements Connection {
    private final InputStream input;

    ReplayConnection(byte[] answer) {
      this.input = new ByteArrayInputStream(answer);
    }

    @Override
    public InputStream input() {
      return input;
    }

    @Override
    public OutputStream output() {
      return OutputStream.nullOutputStream();
    }

    @Override
    public void close() {}
  }
}
