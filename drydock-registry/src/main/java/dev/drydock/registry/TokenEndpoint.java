package dev.drydock.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.registry.AuditLog.AuditEvent;
import dev.drydock.registry.AuditLog.Operation;
import dev.drydock.registry.SecurityStore.Account;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The token service at {@code /auth/token}, served by the registry itself.
 *
 * <ul>
 *   <li>GET (https://distribution.github.io/distribution/spec/auth/token/): optional HTTP Basic
 *       with a user's password or a robot's secret, {@code service}, any number of {@code scope}
 *       parameters; with {@code offline_token=true} and a {@code client_id} a refresh token too.
 *       Without credentials a client certificate from the drydock CA names the account (never a
 *       system administrator unless {@code adminCertificates} is on, and never with a refresh
 *       token: it would outlive the certificate's revocation); with neither, the token carries only
 *       what anonymous clients may do.
 *   <li>POST (https://distribution.github.io/distribution/spec/auth/oauth/), form-encoded: {@code
 *       grant_type=password} (username, password, client_id, access_type=offline for a refresh
 *       token) or {@code grant_type=refresh_token} (refresh_token, service, scope, client_id).
 * </ul>
 *
 * Refusals are 401 (wrong credentials, with the same message whether or not the account exists),
 * 400 (malformed request) or 429 (throttled, or all password verification slots busy; with {@code
 * Retry-After}), each with a JSON body in both the distribution and the OAuth2 error shapes; every
 * refusal and every token issued to an account is audited as LOGIN.
 */
final class TokenEndpoint {
  static final String PATH = "/auth/token";
  private static final int MAX_FORM = 16 * 1024;
  private static final int MAX_FIELDS = 64;

  private final Authenticator authenticator;
  private final TokenIssuer issuer;
  private final RefreshTokens refresh;
  private final String service;
  private final AuditLog audit;
  private final Clock clock;
  private final ObjectMapper json;

  TokenEndpoint(
      Authenticator authenticator,
      TokenIssuer issuer,
      RefreshTokens refresh,
      String service,
      AuditLog audit,
      Clock clock,
      ObjectMapper json) {
    this.authenticator = authenticator;
    this.issuer = issuer;
    this.refresh = refresh;
    this.service = service;
    this.audit = audit;
    this.clock = clock;
    this.json = json;
  }

  /** A refusal with its HTTP status and OAuth2 error code. */
  static final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;
    final String error;
    final long retryAfterSeconds;

    Refusal(int status, String error, String message) {
      this(status, error, message, 0);
    }

    Refusal(int status, String error, String message, long retryAfterSeconds) {
      super(message);
      this.status = status;
      this.error = error;
      this.retryAfterSeconds = retryAfterSeconds;
    }
  }

  void handle(Exchange x) throws IOException, RegistryException {
    String claimed = null;
    try {
      switch (x.method()) {
        case "GET" -> {
          claimed = basicUser(x);
          get(x);
        }
        case "POST" -> {
          Map<String, List<String>> form = form(x);
          claimed = first(form, "username");
          post(x, form);
        }
        default -> throw new Refusal(405, "invalid_request", "use GET or POST for tokens");
      }
    } catch (Refusal r) {
      if (r.status == 401 || r.status == 429) {
        record(x, claimed == null ? "anonymous" : Refs.clip(claimed), false, r.getMessage());
      }
      if (r.status == 401) {
        x.header("WWW-Authenticate", "Basic realm=\"drydock registry\"");
      }
      if (r.status == 429) {
        x.header("Retry-After", Long.toString(Math.max(1, r.retryAfterSeconds)));
      }
      ObjectNode body = json.createObjectNode();
      body.putArray("errors")
          .addObject()
          .put(
              "code",
              r.status == 429 ? "TOOMANYREQUESTS" : r.status == 401 ? "UNAUTHORIZED" : "DENIED")
          .put("message", r.getMessage());
      body.put("error", r.error).put("error_description", r.getMessage());
      x.send(r.status, RegistryHandler.JSON, json.writeValueAsBytes(body));
    }
  }

  private void get(Exchange x) throws Refusal, RegistryException, IOException {
    checkService(x.query("service"));
    List<TokenScope> scopes = scopes(x.queryAll("scope"));
    Principal principal;
    Account account = null;
    String authorization = x.header("Authorization");
    if (authorization != null) {
      String[] credentials = basic(authorization);
      principal = login(x, credentials[0], credentials[1]);
      account = authenticator.active(principal.name());
    } else if (!x.principal().equals(Principal.ANONYMOUS)) {
      principal = x.principal(); // the client certificate, verified in the handshake
      account = authenticator.active(principal.name());
    } else if (x.certificateRefusal() != null) {
      throw new Refusal(401, "invalid_grant", String.valueOf(x.certificateRefusal()));
    } else {
      principal = Principal.ANONYMOUS;
    }
    boolean offline = "true".equals(x.query("offline_token")) && x.query("client_id") != null;
    // A certificate login gets no refresh token: it would outlive the certificate's revocation or
    // expiry, which only the TLS handshake checks.
    boolean refreshable = offline && principal.kind() != Principal.Kind.CERTIFICATE;
    respond(x, principal, scopes, refreshable && account != null ? refresh.issue(account) : null);
  }

  private void post(Exchange x, Map<String, List<String>> form)
      throws Refusal, RegistryException, IOException {
    checkService(first(form, "service"));
    if (first(form, "client_id") == null) {
      throw new Refusal(400, "invalid_request", "client_id is required");
    }
    List<TokenScope> scopes = scopes(form.getOrDefault("scope", List.of()));
    String grant = first(form, "grant_type");
    switch (grant == null ? "" : grant) {
      case "password" -> {
        String user = first(form, "username");
        String password = first(form, "password");
        if (user == null || password == null) {
          throw new Refusal(400, "invalid_request", "username and password are required");
        }
        Principal principal = login(x, user, password);
        Account account = authenticator.active(principal.name());
        boolean offline = "offline".equals(first(form, "access_type"));
        respond(x, principal, scopes, offline && account != null ? refresh.issue(account) : null);
      }
      case "refresh_token" -> {
        String token = first(form, "refresh_token");
        if (token == null) {
          throw new Refusal(400, "invalid_request", "refresh_token is required");
        }
        TokenClaims claims;
        try {
          claims = refresh.verify(token);
        } catch (TokenException e) {
          throw new Refusal(
              401, "invalid_grant", "refresh token refused: " + String.valueOf(e.getMessage()));
        }
        Account account = authenticator.active(claims.subject());
        if (account == null || !RefreshTokens.boundTo(claims, account)) {
          throw new Refusal(
              401,
              "invalid_grant",
              "refresh token refused: the account is disabled, expired, deleted or its secret"
                  + " changed; log in again");
        }
        respond(x, Authenticator.principalOf(account, false), scopes, token);
      }
      default ->
          throw new Refusal(
              400, "unsupported_grant_type", "grant_type must be password or refresh_token");
    }
  }

  private Principal login(Exchange x, String user, String secret)
      throws Refusal, RegistryException {
    try {
      return authenticator.login(user, secret, remoteHost(x));
    } catch (Authenticator.LoginException e) {
      throw new Refusal(
          e.throttled() ? 429 : 401,
          "invalid_grant",
          String.valueOf(e.getMessage()),
          e.throttled() ? e.retryAfterSeconds() : 0);
    }
  }

  private void respond(
      Exchange x, Principal principal, List<TokenScope> scopes, @Nullable String refreshToken)
      throws IOException, RegistryException {
    TokenIssuer.Issued issued = issuer.issue(principal.subject(), service, scopes);
    if (principal.kind() != Principal.Kind.ANONYMOUS) {
      record(x, principal.toString(), true, null);
    }
    ObjectNode body = json.createObjectNode();
    body.put("token", issued.token());
    body.put("access_token", issued.token());
    body.put("expires_in", issuer.lifetime().toSeconds());
    body.put("issued_at", issued.claims().issuedAt().toString());
    if (refreshToken != null) {
      body.put("refresh_token", refreshToken);
    }
    x.header("Cache-Control", "no-store");
    x.send(200, RegistryHandler.JSON, json.writeValueAsBytes(body));
  }

  private void record(Exchange x, String principal, boolean allowed, @Nullable String reason)
      throws RegistryException {
    Instant now = clock.instant();
    audit.record(
        new AuditEvent(
            now,
            Operation.LOGIN,
            principal,
            null,
            null,
            null,
            RequestAudit.remote(x),
            allowed,
            allowed ? null : "authentication",
            reason));
  }

  private void checkService(@Nullable String requested) throws Refusal {
    if (requested != null && !requested.equals(service)) {
      throw new Refusal(
          400,
          "invalid_request",
          "this token service issues tokens for service '" + service + "', not the one asked for");
    }
  }

  private static List<TokenScope> scopes(List<String> parameters) throws Refusal {
    try {
      return TokenScope.parseAll(parameters);
    } catch (TokenException e) {
      throw new Refusal(400, "invalid_scope", String.valueOf(e.getMessage()));
    }
  }

  private static @Nullable String basicUser(Exchange x) {
    String authorization = x.header("Authorization");
    if (authorization == null) {
      return null;
    }
    try {
      return basic(authorization)[0];
    } catch (Refusal e) {
      return null;
    }
  }

  static String[] basic(String authorization) throws Refusal {
    if (!authorization.regionMatches(true, 0, "Basic ", 0, 6) || authorization.length() > 4096) {
      throw new Refusal(400, "invalid_request", "only HTTP Basic credentials are accepted here");
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).strip()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new Refusal(400, "invalid_request", "the Basic credentials are not valid base64");
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      throw new Refusal(400, "invalid_request", "the Basic credentials have no ':'");
    }
    return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
  }

  private static Map<String, List<String>> form(Exchange x) throws Refusal, IOException {
    if (!"application/x-www-form-urlencoded".equals(x.contentType())) {
      throw new Refusal(
          400, "invalid_request", "POST a form (application/x-www-form-urlencoded) to get a token");
    }
    if (x.contentLength() > MAX_FORM) {
      throw new Refusal(400, "invalid_request", "the form is larger than " + MAX_FORM + " bytes");
    }
    byte[] bytes;
    try (InputStream in = x.body()) {
      bytes = in.readNBytes(MAX_FORM + 1);
    }
    if (bytes.length > MAX_FORM) {
      throw new Refusal(400, "invalid_request", "the form is larger than " + MAX_FORM + " bytes");
    }
    return parseForm(new String(bytes, StandardCharsets.UTF_8));
  }

  /** Parses an {@code application/x-www-form-urlencoded} body of at most {@link #MAX_FIELDS}. */
  static Map<String, List<String>> parseForm(String text) throws Refusal {
    Map<String, List<String>> fields = new HashMap<>();
    String[] pairs = text.split("&", MAX_FIELDS + 1);
    if (pairs.length > MAX_FIELDS) {
      throw new Refusal(400, "invalid_request", "the form has more than " + MAX_FIELDS + " fields");
    }
    for (String pair : pairs) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        String name =
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value =
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        fields.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      } catch (IllegalArgumentException e) {
        throw new Refusal(400, "invalid_request", "the form is not valid URL encoding");
      }
    }
    return fields;
  }

  private static @Nullable String first(Map<String, List<String>> form, String name) {
    List<String> values = form.get(name);
    return values == null || values.isEmpty() ? null : values.getFirst();
  }

  private static String remoteHost(Exchange x) {
    var remote = x.remote();
    return remote == null
        ? "unknown"
        : remote.getAddress() == null
            ? remote.getHostString()
            : remote.getAddress().getHostAddress();
  }
}
