package dev.drydock.engine;

import java.io.Serial;

/**
 * The daemon has no object (container, image) of the given name or ID: it answered HTTP 404. The
 * object may have been removed since it was listed, or the name is misspelt.
 */
public final class EngineNotFoundException extends EngineApiException {
  @Serial private static final long serialVersionUID = 1L;

  private final String kind;
  private final String name;

  EngineNotFoundException(
      String action, String endpoint, String daemonMessage, String kind, String name) {
    super(
        action,
        endpoint,
        404,
        daemonMessage,
        "the daemon has no "
            + kind
            + " '"
            + name
            + "' (HTTP 404: "
            + daemonMessage
            + "). Check the name or ID, e.g. with `docker "
            + kind
            + " ls"
            + ("container".equals(kind) ? " -a" : "")
            + "`.");
    this.kind = kind;
    this.name = name;
  }

  /** {@return what is missing: {@code container} or {@code image}} */
  public String kind() {
    return kind;
  }

  /** {@return the name or ID that was asked for} */
  public String name() {
    return name;
  }
}
