package dev.drydock.engine;

import org.jspecify.annotations.Nullable;

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
   * {@return the named object the action reads, so that a 404 becomes {@link
   * EngineNotFoundException}; null if the action reads no named object}
   */
  default @Nullable Subject subject() {
    return null;
  }

  /**
   * Turns a successful (status below 400) response into the action's value.
   *
   * @throws ResponseFormatException if the response is not what the API documents
   */
  T handle(Response response) throws ResponseFormatException;

  /**
   * A named daemon object.
   *
   * @param kind e.g. {@code container}
   * @param name the name or ID as the caller gave it
   */
  record Subject(String kind, String name) {}
}
