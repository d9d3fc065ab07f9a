package dev.drydock.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.ClosedSelectorException;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * An open {@code GET /events} stream: one event per {@link #next()}. Nothing is buffered beyond the
 * event being read, and one event line may be at most {@value #MAX_EVENT_BYTES} bytes. {@link
 * #close()} may be called from any thread; it ends a {@code next()} that is waiting.
 *
 * <pre>{@code
 * try (EventStream events = docker.events(EventQuery.follow().filter("type", "container"))) {
 *   for (EngineEvent e = events.next(); e != null; e = events.next()) {
 *     handle(e);
 *   }
 * }
 * }</pre>
 */
public final class EventStream implements AutoCloseable {
  /** The longest event line accepted: far above a real event (a few hundred bytes). */
  public static final int MAX_EVENT_BYTES = 64 * 1024;

  private final ResponseStream response;
  private final InputStream body;
  private final String action;
  private final TransportFailures failures;
  private volatile boolean closed;

  EventStream(ResponseStream response, String action, TransportFailures failures) {
    this.response = response;
    this.body = new java.io.BufferedInputStream(response.body(), 8192);
    this.action = action;
    this.failures = failures;
  }

  /**
   * Waits for the next event.
   *
   * @return the event, or null when the stream has ended: its {@code until} time passed, the daemon
   *     closed it, or {@link #close()} was called
   * @throws EngineTimeoutException if no event came within the query's idle timeout
   * @throws EngineProtocolException if a line is not an event or is too long
   * @throws EngineException if the connection failed
   */
  public synchronized @Nullable EngineEvent next() throws EngineException {
    while (!closed) {
      byte[] line;
      try {
        line = readLine();
      } catch (IOException | ClosedSelectorException e) {
        // close() from another thread closes the socket (and a Unix socket's selector) under us.
        if (closed) {
          return null;
        }
        closeQuietly();
        throw failures.onExchange(
            action,
            e instanceof IOException io ? io : new IOException("the connection was closed", e),
            Long.MAX_VALUE,
            false);
      }
      if (line == null) {
        closeQuietly();
        return null;
      }
      if (line.length == 0) {
        continue;
      }
      try {
        return EventCodec.parse(line);
      } catch (ResponseFormatException e) {
        closeQuietly();
        throw new EngineProtocolException(
            action, failures.address(), "an event is malformed: " + e.getMessage(), e);
      }
    }
    return null;
  }

  /**
   * Hands every event to {@code consumer} until the stream ends or is closed.
   *
   * @throws EngineException as {@link #next()}
   */
  public void forEach(Consumer<? super EngineEvent> consumer) throws EngineException {
    Objects.requireNonNull(consumer, "consumer");
    for (EngineEvent e = next(); e != null; e = next()) {
      consumer.accept(e);
    }
  }

  /** {@return whether {@link #close()} was called or the stream ended} */
  public boolean closed() {
    return closed;
  }

  /** Ends the stream and closes its connection; a waiting {@link #next()} returns null. */
  @Override
  public void close() {
    closeQuietly();
  }

  private void closeQuietly() {
    closed = true;
    try {
      response.close();
    } catch (IOException e) {
      // Closing a socket we are done with: nothing to do about a failure.
    }
  }

  /** {@return one line without its LF (a CR before it is dropped), or null at the end} */
  private byte @Nullable [] readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(512);
    while (true) {
      int b = body.read();
      if (b < 0) {
        if (line.size() == 0) {
          return null;
        }
        throw new MalformedHttpException("the event stream ended in the middle of an event");
      }
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int n = bytes.length;
        return n > 0 && bytes[n - 1] == '\r' ? java.util.Arrays.copyOf(bytes, n - 1) : bytes;
      }
      if (line.size() >= MAX_EVENT_BYTES) {
        throw new MalformedHttpException(
            "sent an event line longer than " + MAX_EVENT_BYTES + " bytes");
      }
      line.write(b);
    }
  }
}
