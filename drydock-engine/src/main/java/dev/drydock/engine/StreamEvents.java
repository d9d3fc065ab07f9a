package dev.drydock.engine;

/**
 * {@code GET /events}: the daemon's event stream. Its answer is read by {@link EventStream}, not
 * buffered, so {@link #handle} is never used.
 *
 * @see <a
 *     href="https://docs.docker.com/reference/api/engine/version/v1.41/#tag/System/operation/SystemEvents">SystemEvents</a>
 */
final class StreamEvents implements EngineAction<Void> {
  private final EventQuery query;

  StreamEvents(EventQuery query) {
    this.query = query;
  }

  EventQuery query() {
    return query;
  }

  @Override
  public String description() {
    return "stream events";
  }

  @Override
  public String path() {
    return EventCodec.path(query);
  }

  @Override
  public Void handle(Response response) {
    throw new UnsupportedOperationException("the event stream is read by EventStream");
  }
}
