package dev.drydock.engine;

import java.io.Serial;

/**
 * The TLS handshake with a daemon failed, or the daemon dropped the connection right after it
 * without answering (how TLS 1.3 daemons refuse a client certificate); {@link #failure()} says
 * which side rejected which.
 */
public final class EngineTlsException extends EngineException {
  @Serial private static final long serialVersionUID = 1L;

  /** Which side of the handshake gave up. */
  public enum Failure {
    /** We do not trust the daemon's certificate, or it does not name the host we connected to. */
    SERVER_NOT_TRUSTED,
    /** The daemon refused our client certificate, or wanted one and we sent none. */
    CLIENT_CERTIFICATE_REFUSED,
    /** Anything else, e.g. no common protocol version or the port does not speak TLS. */
    HANDSHAKE_FAILED
  }

  private final Failure failure;

  EngineTlsException(
      String action, String endpoint, Failure failure, String reason, Throwable cause) {
    super(action, endpoint, reason, cause);
    this.failure = failure;
  }

  /** {@return which side of the handshake gave up} */
  public Failure failure() {
    return failure;
  }
}
