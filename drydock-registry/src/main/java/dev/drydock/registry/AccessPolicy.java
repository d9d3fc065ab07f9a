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
 * <p>Authentication and the scope check of bearer tokens happen before the policy is asked: the
 * request's {@link Principal} is already established. The policy adds the project rules: the pull
 * gates (trust, vulnerabilities), immutable tags and quotas. {@link #OPEN} allows everything.
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
   * A request to decide on. The server asks once when the request arrives (only {@code action},
   * {@code repository} and {@code principal} are known), and again with more facts: for a manifest
   * pull once its digest is resolved, for a manifest push once it is parsed (with the tag it moves
   * and its size), and for a blob upload before the blob is committed (with its size).
   *
   * @param principal who asks
   * @param action what it wants to do
   * @param repository the repository, or null for registry-wide requests
   * @param manifest the manifest being pulled or pushed, once known; for a {@code DELETE} the
   *     content being deleted: the manifest deleted by digest, or for a blob delete the blob's
   *     digest (the server asks again once the route is known, so immutable tags can protect the
   *     content a tag reaches); null otherwise
   * @param tag the tag a manifest push points at {@code manifest}, or null
   * @param bytes how many bytes the request is about to store (blob commit or manifest push), 0
   *     otherwise; quotas judge this
   * @param remote the client's address
   */
  record AccessRequest(
      Principal principal,
      Action action,
      @Nullable String repository,
      @Nullable Digest manifest,
      @Nullable String tag,
      long bytes,
      @Nullable InetSocketAddress remote) {
    /** Checks the principal and action are present and the size is not negative. */
    public AccessRequest {
      Objects.requireNonNull(principal, "principal");
      Objects.requireNonNull(action, "action");
      if (bytes < 0) {
        throw new IllegalArgumentException("bytes must not be negative: " + bytes);
      }
    }

    /** {@return a request as it first arrives, before any manifest or size is known} */
    public static AccessRequest of(
        Principal principal,
        Action action,
        @Nullable String repository,
        @Nullable InetSocketAddress remote) {
      return new AccessRequest(principal, action, repository, null, null, 0, remote);
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
