package dev.drydock.engine;

import java.util.List;
import java.util.Objects;

/**
 * A client for one Docker daemon. It is immutable and thread-safe; each call opens its own
 * connection. The API version is negotiated on first use: the lower of the daemon's and {@value
 * #MAX_API_VERSION}.
 *
 * <pre>{@code
 * EngineClient docker = EngineClient.create(EngineEndpoint.fromEnvironment(System.getenv()));
 * EngineInfo info = docker.info();
 * }</pre>
 */
public final class EngineClient {
  /** The newest Engine API version this client asks for. */
  public static final String MAX_API_VERSION = "1.47";

  private final EngineCaller caller;

  private EngineClient(EngineCaller caller) {
    this.caller = caller;
  }

  /**
   * Creates a client with {@link EngineOptions#defaults()}.
   *
   * @param endpoint where the daemon listens
   * @return the client; nothing is contacted yet
   */
  public static EngineClient create(EngineEndpoint endpoint) {
    return create(endpoint, EngineOptions.defaults());
  }

  /**
   * Creates a client with the given timeouts and limits.
   *
   * @param endpoint where the daemon listens
   * @param options timeouts and response size limit
   * @return the client; nothing is contacted yet
   */
  public static EngineClient create(EngineEndpoint endpoint, EngineOptions options) {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(options, "options");
    return new EngineClient(
        new EngineCaller(endpoint, options, Connector.forEndpoint(endpoint, options)));
  }

  /** {@return the daemon this client talks to} */
  public EngineEndpoint endpoint() {
    return caller.endpoint();
  }

  /**
   * Checks that the daemon answers, and learns its API version.
   *
   * @return what the daemon reports in its ping headers
   * @throws EngineException if the daemon cannot be reached or answers with an error
   */
  public EnginePing ping() throws EngineException {
    return caller.ping();
  }

  /**
   * Asks for the daemon's versions.
   *
   * @return the engine and component versions
   * @throws EngineException if the daemon cannot be reached or answers with an error
   */
  public EngineVersion version() throws EngineException {
    return caller.call(new GetVersion());
  }

  /**
   * Asks for the daemon's configuration and state.
   *
   * @return the system information
   * @throws EngineException if the daemon cannot be reached or answers with an error
   */
  public EngineInfo info() throws EngineException {
    return caller.call(new GetInfo());
  }

  /**
   * Lists containers.
   *
   * @param all whether to include stopped and created containers, not only running ones
   * @return the containers, in the daemon's order (newest first)
   * @throws EngineException if the daemon cannot be reached or answers with an error
   */
  public List<ContainerSummary> containers(boolean all) throws EngineException {
    return caller.call(new ListContainers(all));
  }

  /**
   * Inspects one container.
   *
   * @param idOrName the container's name or (full or unique prefix of its) ID
   * @return its configuration and state; environment values are left out
   * @throws dev.drydock.model.InvalidValueException if {@code idOrName} is empty, too long or holds
   *     {@code /}, {@code ?}, {@code #} or a control character
   * @throws EngineNotFoundException if the daemon has no such container
   * @throws EngineException if the daemon cannot be reached or answers with an error
   */
  public ContainerDetails inspectContainer(String idOrName) throws EngineException {
    return caller.call(new InspectContainer(Objects.requireNonNull(idOrName, "idOrName")));
  }

  /**
   * Lists images.
   *
   * @return the top-level images
   * @throws EngineException if the daemon cannot be reached or answers with an error
   */
  public List<ImageSummary> images() throws EngineException {
    return caller.call(new ListImages());
  }

  /**
   * Inspects one image.
   *
   * @param ref the image's reference (e.g. {@code debian:12}) or ID
   * @return its configuration; environment values are left out
   * @throws dev.drydock.model.InvalidValueException if {@code ref} is empty, too long, has an
   *     empty, {@code .} or {@code ..} path part, or holds {@code ?}, {@code #} or a control
   *     character
   * @throws EngineNotFoundException if the daemon has no such image
   * @throws EngineException if the daemon cannot be reached or answers with an error
   */
  public ImageDetails inspectImage(String ref) throws EngineException {
    return caller.call(new InspectImage(Objects.requireNonNull(ref, "ref")));
  }

  /**
   * Lists the processes of a running container, as {@code docker top} does: the daemon reads them
   * from the host, so nothing is run in the container.
   *
   * @param idOrName the container's name or ID
   * @return its processes
   * @throws dev.drydock.model.InvalidValueException if {@code idOrName} could change the request
   *     path
   * @throws EngineNotFoundException if the daemon has no such container
   * @throws EngineApiException with status 409 if the container is not running
   * @throws EngineException if the daemon cannot be reached or answers with an error
   */
  public ContainerProcesses top(String idOrName) throws EngineException {
    return caller.call(new TopContainer(Objects.requireNonNull(idOrName, "idOrName")));
  }

  /**
   * Asks for an image's build history.
   *
   * @param ref the image's reference or ID
   * @return its build steps, newest first
   * @throws dev.drydock.model.InvalidValueException if {@code ref} could change the request path
   * @throws EngineNotFoundException if the daemon has no such image
   * @throws EngineException if the daemon cannot be reached or answers with an error
   */
  public List<ImageHistoryEntry> imageHistory(String ref) throws EngineException {
    return caller.call(new GetImageHistory(Objects.requireNonNull(ref, "ref")));
  }

  /**
   * Lists networks. The list leaves {@link NetworkDetails#containers()} empty; {@link
   * #inspectNetwork} fills it.
   *
   * @return every network
   * @throws EngineException if the daemon cannot be reached or answers with an error
   */
  public List<NetworkDetails> networks() throws EngineException {
    return caller.call(new ListNetworks());
  }

  /**
   * Inspects one network, with the containers attached to it.
   *
   * @param idOrName the network's name or ID
   * @return the network
   * @throws dev.drydock.model.InvalidValueException if {@code idOrName} could change the request
   *     path
   * @throws EngineNotFoundException if the daemon has no such network
   * @throws EngineException if the daemon cannot be reached or answers with an error
   */
  public NetworkDetails inspectNetwork(String idOrName) throws EngineException {
    return caller.call(new InspectNetwork(Objects.requireNonNull(idOrName, "idOrName")));
  }

  /**
   * Opens the daemon's event stream ({@code docker events}). The stream holds a connection until it
   * ends or is closed; close it (from any thread) to stop waiting.
   *
   * @param query which events, from when, until when, and how long to wait between them
   * @return the open stream
   * @throws EngineApiException if the daemon rejects the query (e.g. a filter it does not know)
   * @throws EngineException if the daemon cannot be reached
   */
  public EventStream events(EventQuery query) throws EngineException {
    return caller.events(new StreamEvents(Objects.requireNonNull(query, "query")));
  }

  /**
   * Negotiates (pinging once) and returns the API version used in request paths.
   *
   * @return the lower of the daemon's API version and {@value #MAX_API_VERSION}
   * @throws EngineException if the daemon cannot be reached or is too old
   */
  public ApiVersion apiVersion() throws EngineException {
    return caller.apiVersion();
  }
}
