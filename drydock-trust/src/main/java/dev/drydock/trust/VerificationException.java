package dev.drydock.trust;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A signature or an image was refused; {@link #reason()} says why. Verification fails closed. */
public final class VerificationException extends TrustException {
  private static final long serialVersionUID = 1L;

  private final RefusalReason reason;

  /** Creates a refusal with its reason and a message naming the input. */
  public VerificationException(RefusalReason reason, String message) {
    this(reason, message, null);
  }

  /** Creates a refusal with its reason, a message naming the input and the cause. */
  public VerificationException(RefusalReason reason, String message, @Nullable Throwable cause) {
    super(reason + ": " + message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** {@return why the input was refused} */
  public RefusalReason reason() {
    return reason;
  }
}
