package dev.drydock.registry;

import org.jspecify.annotations.Nullable;

/**
 * A request the registry refuses with one of the spec's error codes; the handler turns it into the
 * spec's JSON error body. Unchecked because it is a refusal of bad input, not a failure.
 */
final class DistributionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final int status;
  private final @Nullable String detail;

  DistributionException(ErrorCode code, String message) {
    this(code, code.status(), message, null);
  }

  DistributionException(ErrorCode code, String message, @Nullable String detail) {
    this(code, code.status(), message, detail);
  }

  DistributionException(ErrorCode code, int status, String message, @Nullable String detail) {
    super(message);
    this.code = code;
    this.status = status;
    this.detail = detail;
  }

  ErrorCode code() {
    return code;
  }

  int status() {
    return status;
  }

  @Nullable String detail() {
    return detail;
  }
}
