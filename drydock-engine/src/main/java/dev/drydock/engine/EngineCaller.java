package dev.drydock.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The one place that talks to the daemon: opens connections, prefixes the negotiated API version,
 * runs {@link EngineAction}s and maps every failure to an {@link EngineException}.
 */
final class EngineCaller {
  /** The newest API this client was written against (Docker 27). */
  static final ApiVersion CLIENT_MAX = ApiVersion.parse(EngineClient.MAX_API_VERSION);

  /** The oldest API this client accepts (Docker 1.12, the oldest with the fields we read). */
  static final ApiVersion CLIENT_MIN = new ApiVersion(1, 24);

  private static final System.Logger LOG = System.getLogger(EngineCaller.class.getName());
  private static final int MAX_ERROR_TEXT = 300;
  private static final int MAX_ERROR_BODY = 64 * 1024;

  private final EngineEndpoint endpoint;
  private final EngineOptions options;
  private final Connector connector;
  private final TransportFailures failures;

  // Benign race: concurrent first calls may each negotiate, and all arrive at the same answer.
  private volatile @Nullable ApiVersion negotiated;

  EngineCaller(EngineEndpoint endpoint, EngineOptions options, Connector connector) {
    this.endpoint = endpoint;
    this.options = options;
    this.connector = connector;
    this.failures = new TransportFailures(endpoint);
  }

  EngineEndpoint endpoint() {
    return endpoint;
  }

  /** Pings the daemon and (re)negotiates the API version from its answer. */
  EnginePing ping() throws EngineException {
    Ping ping = new Ping();
    EnginePing answer = call(ping, ping.path());
    negotiated = negotiate(ping, answer.apiVersion());
    return answer;
  }

  /** {@return the API version used in paths: min(client max, daemon max); pings on first use} */
  ApiVersion apiVersion() throws EngineException {
    ApiVersion version = negotiated;
    if (version == null) {
      ping();
      version = Objects.requireNonNull(negotiated);
    }
    return version;
  }

  /** Runs {@code action}, prefixing its path with the negotiated version if it is versioned. */
  <T> T call(EngineAction<T> action) throws EngineException {
    String target = action.versioned() ? apiVersion().pathPrefix() + action.path() : action.path();
    return call(action, target);
  }

  private <T> T call(EngineAction<T> action, String target) throws EngineException {
    Response response =
        exchange(action, new HttpRequest(action.method(), target, connector.hostHeader()));
    EngineAction.Subject subject = action.subject();
    if (response.status() == 404 && subject != null) {
      throw new EngineNotFoundException(
          action.description(),
          endpoint.address(),
          daemonMessage(response),
          subject.kind(),
          subject.name());
    }
    if (response.status() >= 400) {
      throw new EngineApiException(
          action.description(), endpoint.address(), response.status(), daemonMessage(response));
    }
    try {
      return action.handle(response);
    } catch (ResponseFormatException e) {
      throw new EngineProtocolException(
          action.description(),
          endpoint.address(),
          "the answer to " + action.method() + " " + target + " is malformed: " + e.getMessage(),
          e);
    }
  }

  /**
   * Opens the event stream: like {@link #call} up to the response head, after which the body is
   * left on the wire for {@link EventStream}, with the query's idle timeout and no size limit.
   */
  EventStream events(StreamEvents action) throws EngineException {
    String target = apiVersion().pathPrefix() + action.path();
    EngineOptions streaming =
        options.withReadTimeout(action.query().idleTimeout()).withMaxResponseBytes(Long.MAX_VALUE);
    Connection connection;
    try {
      connection = Connector.forEndpoint(endpoint, streaming).open();
    } catch (IOException e) {
      throw failures.onConnect(action.description(), e);
    }
    ResponseStream stream;
    try {
      stream =
          Http1.exchange(
              connection,
              new HttpRequest(action.method(), target, connector.hostHeader()),
              Long.MAX_VALUE);
    } catch (IOException e) {
      closeQuietly(connection);
      throw failures.onExchange(
          action.description(), e, Long.MAX_VALUE, connection.clientCertificateUnconfirmed());
    }
    if (stream.status() >= 400) {
      try (stream) {
        byte[] body = stream.body().readNBytes(MAX_ERROR_BODY);
        throw new EngineApiException(
            action.description(),
            endpoint.address(),
            stream.status(),
            daemonMessage(new Response(stream.status(), stream.headers(), body)));
      } catch (IOException e) {
        throw failures.onExchange(action.description(), e, MAX_ERROR_BODY, false);
      }
    }
    return new EventStream(stream, action.description(), failures);
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (IOException e) {
      // Already failing: the first error is the one to report.
    }
  }

  private Response exchange(EngineAction<?> action, HttpRequest request) throws EngineException {
    Connection connection;
    try {
      connection = connector.open();
    } catch (IOException e) {
      throw failures.onConnect(action.description(), e);
    }
    try (connection;
        ResponseStream stream = Http1.exchange(connection, request, options.maxResponseBytes())) {
      return stream.readFully();
    } catch (IOException e) {
      throw failures.onExchange(
          action.description(),
          e,
          options.maxResponseBytes(),
          connection.clientCertificateUnconfirmed());
    }
  }

  private ApiVersion negotiate(Ping ping, ApiVersion daemonMax) throws EngineProtocolException {
    if (daemonMax.compareTo(CLIENT_MIN) < 0) {
      throw new EngineProtocolException(
          ping.description(),
          endpoint.address(),
          "the daemon speaks API "
              + daemonMax
              + " but this client needs at least "
              + CLIENT_MIN
              + ". Upgrade Docker.");
    }
    ApiVersion chosen = CLIENT_MAX.min(daemonMax);
    LOG.log(Level.DEBUG, "Using Docker API {0} with {1}", chosen, endpoint.address());
    return chosen;
  }

  /** {@return the daemon's {@code {"message": ...}}, or the start of a non-JSON body} */
  private static String daemonMessage(Response response) {
    try {
      JsonNode json = Json.object(response);
      String message = Json.text(json, "message");
      if (!message.isEmpty()) {
        return message;
      }
    } catch (ResponseFormatException e) {
      // Not JSON (e.g. a proxy's HTML page, or plain text): fall back to the raw text below.
    }
    String text = response.bodyText().strip();
    if (text.isEmpty()) {
      return "(no message)";
    }
    return text.length() <= MAX_ERROR_TEXT ? text : text.substring(0, MAX_ERROR_TEXT) + "...";
  }
}
