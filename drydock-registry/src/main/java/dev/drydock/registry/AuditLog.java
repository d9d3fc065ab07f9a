package dev.drydock.registry;

import dev.drydock.model.Digest;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The registry's audit trail: every push, pull, delete, login and policy decision, who made it,
 * from where, on what digest, allowed or denied and why. Stored with the {@link SecurityStore}
 * (embedded or PostgreSQL), queryable through {@code drydock registry audit}, and rendered as ECS
 * JSON events for the SIEM. Every implementation extends the contract suite {@code
 * AuditLogContract}.
 */
public interface AuditLog {

  /** Discards every event; for registries that keep no trail (tests of other features). */
  AuditLog NONE =
      new AuditLog() {
        @Override
        public void record(AuditEvent event) {}

        @Override
        public List<AuditEvent> query(AuditQuery query) {
          return List.of();
        }
      };

  /**
   * Appends an event. Must not lose events that returned normally.
   *
   * @throws RegistryException when the event cannot be stored
   */
  void record(AuditEvent event) throws RegistryException;

  /**
   * {@return the newest {@code query.limit()} events matching {@code query}, listed oldest first}
   */
  List<AuditEvent> query(AuditQuery query) throws RegistryException;

  /** What was done. */
  enum Operation {
    /** Token issued, or refused (a failed login). */
    LOGIN,
    /** A manifest pulled. */
    PULL,
    /** A manifest or blob pushed. */
    PUSH,
    /** A manifest, tag or blob deleted. */
    DELETE,
    /** An administrative change: accounts, projects, members, policies. */
    ADMIN
  }

  /**
   * One audited event.
   *
   * @param time when it happened
   * @param operation what was done
   * @param principal who did it ({@link Principal#toString()}: the account, or {@code anonymous})
   * @param repository the repository, or null (logins, administration)
   * @param reference the tag or digest asked for, or null
   * @param digest the digest involved once resolved, or null
   * @param remote the client's address ({@code host:port}), or null
   * @param allowed whether it was allowed
   * @param policy the policy that decided a refusal ({@code rbac}, {@code trust:prod}, ...), or
   *     null
   * @param reason why it was refused, or for administration what changed; null otherwise
   */
  record AuditEvent(
      Instant time,
      Operation operation,
      String principal,
      @Nullable String repository,
      @Nullable String reference,
      @Nullable Digest digest,
      @Nullable String remote,
      boolean allowed,
      @Nullable String policy,
      @Nullable String reason) {
    /** Checks the required parts. */
    public AuditEvent {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(operation, "operation");
      Objects.requireNonNull(principal, "principal");
    }
  }

  /**
   * Which events to return; null fields match everything.
   *
   * @param since the earliest time, inclusive
   * @param until the latest time, exclusive
   * @param principal only this principal
   * @param repository only this repository
   * @param operation only this operation
   * @param allowed only allowed (true) or denied (false) events
   * @param limit the most events returned, 1 to 100,000
   */
  record AuditQuery(
      @Nullable Instant since,
      @Nullable Instant until,
      @Nullable String principal,
      @Nullable String repository,
      @Nullable Operation operation,
      @Nullable Boolean allowed,
      int limit) {
    /** The largest page. */
    public static final int MAX_LIMIT = 100_000;

    /** Checks the limit. */
    public AuditQuery {
      if (limit < 1 || limit > MAX_LIMIT) {
        throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ": " + limit);
      }
    }

    /** {@return a query for the latest {@code limit} events of any kind} */
    public static AuditQuery all(int limit) {
      return new AuditQuery(null, null, null, null, null, null, limit);
    }
  }
}
