package dev.drydock.audit;

import org.jspecify.annotations.Nullable;

/**
 * The checked root of drydock-audit: an audit that cannot complete at all (the daemon cannot be
 * reached, the report directory cannot be written, a baseline file is not an audit report). A part
 * that fails on its own (the benchmark, one image) is recorded in the report as skipped instead.
 */
public class AuditException extends Exception {
  private static final long serialVersionUID = 1L;

  /** An audit failure with its cause. */
  public AuditException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
