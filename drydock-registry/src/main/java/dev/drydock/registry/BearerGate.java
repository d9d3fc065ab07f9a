package dev.drydock.registry;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Authentication of distribution API requests
 * (https://distribution.github.io/distribution/spec/auth/token/): a request carries a bearer token
 * from {@code /auth/token}, or comes over a TLS connection whose client certificate names an
 * account. Without either it is answered {@code 401} with a {@code WWW-Authenticate: Bearer}
 * challenge naming the realm, the service and the scope the route needs, which is what docker,
 * skopeo and podman follow. A token that does not verify gets {@code error="invalid_token"} and the
 * verifier's reason; a token without the needed scope gets {@code error="insufficient_scope"} (RFC
 * 6750 section 3.1). Certificate principals without a token are checked against the RBAC grants
 * directly.
 */
final class BearerGate {
  private final TokenVerifier verifier;
  private final TokenGrants grants;
  private final Authenticator authenticator;
  private final String service;
  private final @Nullable String realm;

  /** The longest {@code error_description} put into a challenge. */
  static final int MAX_DESCRIPTION = 300;

  BearerGate(
      TokenVerifier verifier, TokenGrants grants, Authenticator authenticator, String service) {
    this(verifier, grants, authenticator, service, null);
  }

  /**
   * @param realm the token endpoint's URL clients are sent to, or null to derive it from the
   *     request's (validated) Host header
   */
  BearerGate(
      TokenVerifier verifier,
      TokenGrants grants,
      Authenticator authenticator,
      String service,
      @Nullable String realm) {
    this.verifier = verifier;
    this.grants = grants;
    this.authenticator = authenticator;
    this.service = service;
    this.realm = realm;
  }

  /**
   * Establishes who made the request: from a client certificate first (so the token endpoint sees
   * it), then from a bearer token, which wins when both are present.
   *
   * @param api whether this is a distribution API request (bearer tokens are read only there)
   */
  void identify(Exchange x, boolean api) throws RegistryException {
    X509Certificate certificate = x.clientCertificate();
    if (certificate != null) {
      try {
        Principal p = authenticator.certificate(certificate);
        if (p != null) {
          x.principal(p);
        }
      } catch (Authenticator.LoginException e) {
        // Stays anonymous; the refusal the client then gets says why the certificate did not count.
        x.certificateRefusal(String.valueOf(e.getMessage()));
      }
    }
    String authorization = x.header("Authorization");
    if (!api || authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return;
    }
    try {
      TokenClaims claims = verifier.verify(authorization.substring(7).strip(), service);
      x.claims(claims);
      x.principal(Authenticator.principalOf(claims.subject()));
    } catch (TokenException e) {
      // Refused once the route is known, so that the audit event names the repository.
      x.tokenError(String.valueOf(e.getMessage()));
    }
  }

  /** Requires an authenticated client (any valid token, or a certificate) for {@code /v2/}. */
  void requireAuthenticated(Exchange x) {
    refuseBadToken(x);
    if (x.claims() == null && x.principal().kind() != Principal.Kind.CERTIFICATE) {
      throw challenge(x, null, null, "authentication required: get a token from the realm");
    }
  }

  /**
   * Requires {@code action} on a resource.
   *
   * @param challengeActions the actions the challenge asks for (what the client will need next)
   */
  void require(Exchange x, String type, String name, String action, String challengeActions) {
    refuseBadToken(x);
    if (!permits(x, type, name, action)) {
      String scope = type + ":" + name + ":" + challengeActions;
      String what =
          "repository".equals(type)
              ? "'" + action + "' on repository '" + name + "'"
              : "'" + action + "' on " + type + " '" + name + "'";
      String hint =
          "repository".equals(type) && RbacGrants.projectOf(name) == null
              ? "; repository "
                  + name
                  + " has a single name component and so no project: only"
                  + " administrators may use it, use <project>/"
                  + name
              : "";
      if (x.claims() != null) {
        throw challenge(x, scope, "insufficient_scope", "the token does not grant " + what + hint);
      }
      if (x.principal().kind() == Principal.Kind.CERTIFICATE) {
        x.trail().policy = "rbac";
        throw new DistributionException(
            ErrorCode.DENIED,
            "certificate user " + x.principal() + " is not granted " + what + hint,
            null);
      }
      throw challenge(x, scope, null, "authentication required for " + what + hint);
    }
  }

  private void refuseBadToken(Exchange x) {
    String error = x.tokenError();
    if (error != null) {
      throw challenge(x, null, "invalid_token", error);
    }
  }

  /** {@return whether the request's token or certificate grants {@code action}} */
  boolean permits(Exchange x, String type, String name, String action) {
    TokenClaims claims = x.claims();
    if (claims != null) {
      return claims.access().stream().anyMatch(s -> s.covers(type, name, action));
    }
    Principal p = x.principal();
    if (p.kind() == Principal.Kind.CERTIFICATE) {
      Set<String> allowed;
      try {
        allowed = grants.allowedActions(p.subject(), new TokenScope(type, name, List.of(action)));
      } catch (IllegalArgumentException e) {
        return false;
      }
      return allowed.contains(action) || allowed.contains("*");
    }
    return false;
  }

  private DistributionException challenge(
      Exchange x, @Nullable String scope, @Nullable String error, String message) {
    String note = x.certificateRefusal();
    if (note != null) {
      message = message + "; " + note;
    }
    StringBuilder value =
        new StringBuilder("Bearer realm=\"")
            .append(realm != null ? realm : x.origin() + TokenEndpoint.PATH)
            .append("\",service=\"")
            .append(service)
            .append('"');
    if (scope != null) {
      value.append(",scope=\"").append(scope).append('"');
    }
    if (error != null) {
      value.append(",error=\"").append(error).append('"');
      // Docker shows error_description as the failure's message (RFC 6750 section 3).
      value.append(",error_description=\"").append(quoted(message)).append('"');
    }
    x.header("WWW-Authenticate", value.toString());
    x.trail().policy = "authentication";
    return new DistributionException(ErrorCode.UNAUTHORIZED, 401, message, null);
  }

  /**
   * {@return text made safe inside a quoted-string (RFC 9110 section 5.6.4)} Quotes and backslashes
   * are escaped, control characters dropped, non-ASCII replaced by {@code ?} (a header value is
   * Latin-1 at best), and the result bounded to {@link #MAX_DESCRIPTION} characters.
   */
  static String quoted(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_DESCRIPTION) + 8);
    for (int i = 0; i < text.length() && out.length() < MAX_DESCRIPTION; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        continue;
      }
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c > 0x7e ? '?' : c);
    }
    return out.toString();
  }
}
