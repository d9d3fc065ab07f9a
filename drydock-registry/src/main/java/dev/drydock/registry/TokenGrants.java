package dev.drydock.registry;

import java.util.Set;

/**
 * The authorization decision behind the token endpoint: which actions a subject may perform on a
 * requested resource. The issuer grants the intersection of this set and the requested actions, so
 * an implementation may return more than was asked (e.g. {@code pull, push} for an owner).
 */
@FunctionalInterface
public interface TokenGrants {
  /** Grants nothing: every token carries an empty access claim. */
  TokenGrants NONE = (subject, requested) -> Set.of();

  /**
   * {@return the actions {@code subject} may perform on the requested resource}
   *
   * @param subject the authenticated account, or the empty string for an anonymous client
   * @param requested the resource and actions the client asked for
   */
  Set<String> allowedActions(String subject, TokenScope requested);
}
