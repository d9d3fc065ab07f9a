package dev.drydock.engine;

/**
 * One remote Engine API action: where it goes and how its answer becomes a value. {@link
 * EngineCaller} adds transport, the API version prefix and error mapping.
 *
 * @param <T> the value the action produces
 */
interface EngineAction<T> {
  /** {@return what the action does, for messages: "Tried to <description> at <endpoint>..."} */
  String description();

  /** {@return the path below the version prefix, e.g. {@code /info}} */
  String path();

  /** {@return whether the path takes the negotiated {@code /v1.xx} prefix; only ping does not} */
  default boolean versioned() {
    return true;
  }

  /** {@return the HTTP method} */
  default String method() {
    return "GET";
  }

  /**
   * Turns a successful (status below 400) response into the action's value.
   *
   * @throws ResponseFormatException if the response is not what the API documents
   */
  T handle(Response response) throws ResponseFormatException;
}
