package dev.drydock.registry;

import dev.drydock.model.Digest;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/** Turns a handled request into its {@link AuditLog} event. */
final class RequestAudit {
  private static final System.Logger LOG = System.getLogger(RequestAudit.class.getName());

  private RequestAudit() {}

  /**
   * Audits a request: every refusal (401/403), and of the allowed ones manifest pulls (GET, not
   * HEAD), pushes and deletes, and blob deletes. Blob reads and uploads are not audited one by one
   * (a pull reads many blobs; the manifest event names the image). The unauthenticated {@code /v2/}
   * probe every client starts with is part of the protocol, not a refusal, and not audited.
   */
  static void record(
      AuditLog audit,
      Clock clock,
      Exchange x,
      int status,
      @Nullable String reason,
      AtomicLong lost) {
    boolean allowed = status < 300;
    Exchange.Trail t = x.trail();
    AuditLog.Operation op = t.operation;
    if (op == null
        || (allowed && !t.audited)
        || (!allowed && status == 401 && x.header("Authorization") == null)) {
      return;
    }
    Digest digest = t.digest;
    String header = x.responseHeader("Docker-Content-Digest");
    if (digest == null && header != null) {
      try {
        digest = Digest.parse(header);
      } catch (RuntimeException e) {
        digest = null;
      }
    }
    AuditLog.AuditEvent event =
        new AuditLog.AuditEvent(
            clock.instant(),
            op,
            x.principal().toString(),
            t.repository,
            t.reference,
            digest,
            remote(x),
            allowed,
            allowed ? null : t.policy,
            reason);
    try {
      audit.record(event);
    } catch (RegistryException | RuntimeException e) {
      lostEvent(event, e, lost);
    }
  }

  /**
   * Logs an event the audit log could not take, at WARNING with its full content, so that a log
   * collector (SIEM) still gets it, together with the running count of lost events. The event holds
   * no secrets: principal names, repository, digest, address and the refusal reason only.
   */
  static void lostEvent(AuditLog.AuditEvent event, Exception cause, AtomicLong lost) {
    long count = lost.incrementAndGet();
    LOG.log(
        Level.WARNING,
        "audit event lost (" + count + " lost since start): " + event + "; cause: " + cause,
        cause);
  }

  /** {@return the client's address as {@code host:port}, or null} */
  static @Nullable String remote(Exchange x) {
    var remote = x.remote();
    if (remote == null) {
      return null;
    }
    String host =
        remote.getAddress() == null ? remote.getHostString() : remote.getAddress().getHostAddress();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + remote.getPort();
  }
}
