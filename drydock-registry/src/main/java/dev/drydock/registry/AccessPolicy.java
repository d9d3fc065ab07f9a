package dev.drydock.registry;

import dev.drydock.model.Digest;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a request may proceed: the seam where token authentication, RBAC and the pull
 * gates (signature, vulnerabilities) plug in. The server asks once per request with the repository
 * and action, and for a manifest pull once more with the resolved manifest digest, so that a gate
 * can judge the exact image. A refusal becomes the spec's {@code DENIED} error whose message names
 * the policy and the reason, which {@code docker pull} shows.
 *
 * <p>drydock has no authentication yet: {@link #OPEN} allows everything, which is why the server
 * only runs without TLS on loopback.
 */
@FunctionalInterface
public interface AccessPolicy {

  /** Allows every request. */
  AccessPolicy OPEN = request -> Decision.ALLOW;

  /** {@return whether the request may proceed, and if not, which policy refused it and why} */
  Decision decide(AccessRequest request);

  /** What a request wants to do. */
  enum Action {
    /** Read manifests, blobs, tags or referrers. */
    PULL,
    /** Upload blobs, push manifests or tags. */
    PUSH,
    /** Delete manifests, tags or blobs. */
    DELETE,
    /** List the repositories ({@code _catalog}). */
    CATALOG
  }

  /**
   * A request to decide on.
   *
   * @param action what it wants to do
   * @param repository the repository, or null for registry-wide requests
   * @param manifest the manifest being pulled, once resolved; null before that and for other
   *     actions
   * @param remote the client's address
   */
  record AccessRequest(
      Action action,
      @Nullable String repository,
      @Nullable Digest manifest,
      @Nullable InetSocketAddress remote) {
    /** Checks the action is present. */
    public AccessRequest {
      Objects.requireNonNull(action, "action");
    }
  }

  /** The answer: allow, or deny naming the policy and the reason. */
  sealed interface Decision {
    /** The shared allow decision. */
    Decision ALLOW = new Allow();

    /** The request may proceed. */
    record Allow() implements Decision {}

    /**
     * The request is refused.
     *
     * @param policy the policy that refused it, e.g. {@code trust:prod}
     * @param reason why, in words the user can act on
     */
    record Deny(String policy, String reason) implements Decision {
      /** Checks both parts are present. */
      public Deny {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(reason, "reason");
      }
    }
  }
}
