package dev.drydock.registry;

import static dev.drydock.registry.TestRegistry.bytes;
import static dev.drydock.registry.TestRegistry.errorCode;
import static dev.drydock.registry.TestRegistry.header;
import static dev.drydock.registry.TestRegistry.json;
import static dev.drydock.registry.TestRegistry.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.registry.AuditLog.AuditEvent;
import dev.drydock.registry.AuditLog.Operation;
import dev.drydock.registry.SecurityStore.Account;
import dev.drydock.registry.SecurityStore.AccountKind;
import dev.drydock.registry.SecurityStore.Project;
import dev.drydock.registry.SecurityStore.ProjectPolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Token authentication through real HTTP against a started registry: the challenge, the token
 * endpoint's GET and POST flows, refresh tokens, RBAC, and every refusal class of issue 6.
 */
class AuthTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String SERVICE = RegistryConfig.Auth.DEFAULT_SERVICE;

  @TempDir Path dir;
  private final MemorySecurityStore store = new MemorySecurityStore();
  private final RecordingAuditLog audit = new RecordingAuditLog();
  private final TestSecrets secrets = new TestSecrets();
  private TestRegistry registry;

  @BeforeEach
  void start() throws Exception {
    store.createProject(new Project("team", false, ProjectPolicy.NONE, -1));
    store.createProject(new Project("pub", true, ProjectPolicy.NONE, -1));
    store.createProject(new Project("other", false, ProjectPolicy.NONE, -1));
    user("guest", Role.GUEST);
    user("dev", Role.DEVELOPER);
    user("keeper", Role.MAINTAINER);
    store.createAccount(
        new Account(
            "robot$team+ci",
            AccountKind.ROBOT,
            secrets.hash("robot-secret"),
            false,
            false,
            T0,
            T0.plus(Duration.ofDays(1)),
            "team",
            Set.of(Role.Permission.PULL, Role.Permission.PUSH)));
    registry = TestRegistry.startWithAuth(dir.resolve("data"), store, audit);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  private void user(String name, Role role) throws RegistryException {
    store.createAccount(
        new Account(
            name,
            AccountKind.USER,
            secrets.hash(name + "-pw"),
            false,
            false,
            T0,
            null,
            null,
            Set.of()));
    store.setMember("team", name, role);
  }

  private String realm() {
    return registry.base + "/auth/token";
  }

  private HttpResponse<byte[]> tokenGet(@Nullable String login, String... scopes) throws Exception {
    StringBuilder url = new StringBuilder(realm()).append("?service=").append(SERVICE);
    for (String scope : scopes) {
      url.append("&scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
    }
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url.toString()));
    if (login != null) {
      r.header("Authorization", TestRegistry.basic(login));
    }
    return registry.http.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private String token(@Nullable String login, String... scopes) throws Exception {
    HttpResponse<byte[]> r = tokenGet(login, scopes);
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    return json(r).get("token").textValue();
  }

  private HttpResponse<byte[]> post(Map<String, String> form) throws Exception {
    StringBuilder body = new StringBuilder();
    form.forEach(
        (k, v) ->
            body.append(body.isEmpty() ? "" : "&")
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return registry.http.send(
        HttpRequest.newBuilder(URI.create(realm()))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<byte[]> withBearer(String method, String path, String token)
      throws Exception {
    registry.noLogin();
    return registry.send(method, path, new byte[0], "Authorization", "Bearer " + token);
  }

  private static String challenge(HttpResponse<byte[]> r) {
    return header(r, "WWW-Authenticate");
  }

  @Test
  void baseEndpointChallengesWithRealmAndServiceButNoScope() throws Exception {
    registry.noLogin();
    HttpResponse<byte[]> r = registry.get("/v2/");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(errorCode(r)).isEqualTo("UNAUTHORIZED");
    assertThat(challenge(r))
        .isEqualTo("Bearer realm=\"" + realm() + "\",service=\"" + SERVICE + "\"");
    assertThat(withBearer("GET", "/v2/", token(null)).statusCode()).isEqualTo(200);
    // The docker probe is part of the protocol, not a refusal worth an audit event.
    assertThat(audit.events()).isEmpty();
  }

  @Test
  void challengesNameTheScopeOfTheRouteAndMethod() throws Exception {
    registry.noLogin();
    assertThat(challenge(registry.get("/v2/team/app/manifests/v1")))
        .endsWith(",scope=\"repository:team/app:pull\"");
    assertThat(challenge(registry.send("POST", "/v2/team/app/blobs/uploads/", new byte[0])))
        .endsWith(",scope=\"repository:team/app:pull,push\"");
    assertThat(challenge(registry.delete("/v2/team/app/manifests/v1")))
        .endsWith(",scope=\"repository:team/app:delete\"");
    assertThat(challenge(registry.get("/v2/_catalog"))).endsWith(",scope=\"registry:catalog:*\"");
  }

  @Test
  void firstStartCreatesAnAdministratorWithAnOwnerOnlySecretFile() throws Exception {
    Path secret = dir.resolve("data/admin.secret");
    assertThat(Files.getPosixFilePermissions(secret))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(dir.resolve("data/token-signing.key")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    String value = TestRegistry.adminSecret(dir.resolve("data"));
    assertThat(Base64.getUrlDecoder().decode(value)).hasSize(32);
    Account admin = java.util.Objects.requireNonNull(store.account("admin"));
    assertThat(admin).isNotNull();
    assertThat(admin.admin()).isTrue();
    assertThat(admin.secretHash()).doesNotContain(value);
    // The admin may do everything, including listing the catalog.
    registry.login("admin", value);
    registry.pushImage("team/app", "v1", bytes("layer"));
    assertThat(registry.get("/v2/_catalog").statusCode()).isEqualTo(200);
  }

  @Test
  void aDeveloperPushesAndPullsThroughTheChallengeAndAuditsIt() throws Exception {
    registry.login("dev", "dev-pw");
    var image = registry.pushImage("team/app", "v1", bytes("dev layer"));
    HttpResponse<byte[]> pulled = registry.get("/v2/team/app/manifests/v1");
    assertThat(pulled.statusCode()).isEqualTo(200);
    assertThat(pulled.body()).isEqualTo(image.bytes());
    List<AuditEvent> manifests =
        audit.events().stream()
            .filter(e -> e.operation() == Operation.PUSH || e.operation() == Operation.PULL)
            .toList();
    assertThat(manifests).hasSize(2);
    assertThat(manifests)
        .allSatisfy(
            e -> {
              assertThat(e.principal()).isEqualTo("dev");
              assertThat(e.repository()).isEqualTo("team/app");
              assertThat(e.reference()).isEqualTo("v1");
              assertThat(e.digest()).isEqualTo(image.digest());
              assertThat(e.allowed()).isTrue();
              assertThat(e.remote()).startsWith("127.0.0.1:");
            });
    // Blob reads are not audited one by one, and every token issued to dev is a LOGIN.
    assertThat(audit.events())
        .filteredOn(e -> e.operation() == Operation.LOGIN)
        .isNotEmpty()
        .allMatch(e -> e.allowed() && e.principal().equals("dev"));
  }

  @Test
  void wrongPasswordsAreRefusedAlikeAuditedAndThrottled() throws Exception {
    HttpResponse<byte[]> wrong = tokenGet("dev:nope", "repository:team/app:pull");
    HttpResponse<byte[]> unknown = tokenGet("nobody:nope", "repository:team/app:pull");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(json(wrong).get("errors")).isEqualTo(json(unknown).get("errors"));
    assertThat(json(wrong).get("error").textValue()).isEqualTo("invalid_grant");
    assertThat(audit.events())
        .filteredOn(e -> e.operation() == Operation.LOGIN && !e.allowed())
        .extracting(AuditEvent::principal)
        .containsExactly("dev", "nobody");
    for (int i = 0; i < Authenticator.FREE_FAILURES - 1; i++) {
      assertThat(tokenGet("dev:nope").statusCode()).isEqualTo(401);
    }
    // Now even the right password waits: brute force gets nowhere.
    HttpResponse<byte[]> throttled = tokenGet("dev:dev-pw");
    assertThat(throttled.statusCode()).as(text(throttled)).isEqualTo(429);
    assertThat(errorCode(throttled)).isEqualTo("TOOMANYREQUESTS");
    assertThat(Long.parseLong(header(throttled, "Retry-After"))).isPositive();
    registry.clock.advance(Duration.ofMinutes(16));
    assertThat(tokenGet("dev:dev-pw").statusCode()).isEqualTo(200);
  }

  @Test
  void forgedTokensAreRefusedWithTheReason() throws Exception {
    String good = token("dev:dev-pw", "repository:team/app:pull");
    String[] parts = good.split("\\.", -1);
    String claims =
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace("\"sub\":\"dev\"", "\"sub\":\"admin\"");
    String forged =
        parts[0]
            + "."
            + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(claims))
            + "."
            + parts[2];
    HttpResponse<byte[]> r = withBearer("GET", "/v2/team/app/tags/list", forged);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(challenge(r)).contains("error=\"invalid_token\"");
    assertThat(text(r)).contains("forged or altered").doesNotContain(parts[2]);
    assertThat(audit.events())
        .filteredOn(e -> !e.allowed() && e.operation() == Operation.PULL)
        .singleElement()
        .satisfies(e -> assertThat(e.policy()).isEqualTo("authentication"));
  }

  @Test
  void algNoneTokensAreRefused() throws Exception {
    String good = token("dev:dev-pw", "repository:team/app:pull");
    String header =
        Base64.getUrlEncoder().withoutPadding().encodeToString(bytes("{\"alg\":\"none\"}"));
    String none = header + "." + good.split("\\.", -1)[1] + ".";
    HttpResponse<byte[]> r = withBearer("GET", "/v2/team/app/tags/list", none);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(text(r)).contains("algorithm 'none' is not accepted");
  }

  @Test
  void expiredTokensAreRefused() throws Exception {
    String token = token("dev:dev-pw", "repository:team/app:pull");
    registry.clock.advance(TokenIssuer.DEFAULT_LIFETIME.plusMinutes(1));
    HttpResponse<byte[]> r = withBearer("GET", "/v2/team/app/tags/list", token);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(challenge(r)).contains("error=\"invalid_token\"");
    assertThat(text(r)).contains("token expired");
  }

  @Test
  void tokensForAnotherAudienceAreRefused() throws Exception {
    // Signed with this registry's own key, but for another service.
    KeyPair keys = KeyFiles.signingKey(dir.resolve("data"));
    TokenIssuer other =
        new TokenIssuer(
            RegistryConfig.Auth.DEFAULT_ISSUER,
            keys,
            (subject, scope) -> Set.of("pull"),
            registry.clock);
    String token =
        other
            .issue("dev", "another-registry", List.of(TokenScope.parse("repository:team/app:pull")))
            .token();
    HttpResponse<byte[]> r = withBearer("GET", "/v2/team/app/tags/list", token);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(text(r)).contains("not service '" + SERVICE + "'");
    assertThat(KeyFiles.signingKey(dir.resolve("data")).getPublic())
        .isEqualTo((ECPublicKey) keys.getPublic());
  }

  @Test
  void aTokenForOneRepositoryDoesNotOpenAnother() throws Exception {
    registry.login("admin", TestRegistry.adminSecret(dir.resolve("data")));
    registry.pushImage("team/b", "v1", bytes("b"));
    String token = token("dev:dev-pw", "repository:team/a:pull");
    HttpResponse<byte[]> r = withBearer("GET", "/v2/team/b/manifests/v1", token);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(challenge(r))
        .contains("error=\"insufficient_scope\"")
        .contains("scope=\"repository:team/b:pull\"");
    assertThat(text(r)).contains("'pull' on repository 'team/b'");
  }

  @Test
  void aGuestPushIsRefusedWithADescriptionDockerShows() throws Exception {
    String token = token("guest:guest-pw", "repository:team/app:pull,push");
    HttpResponse<byte[]> r = withBearer("POST", "/v2/team/app/blobs/uploads/", token);
    assertThat(r.statusCode()).isEqualTo(401);
    // Docker prints error_description instead of a generic "requested access ... is denied".
    assertThat(TestRegistry.challengeParams(challenge(r)))
        .containsEntry("error", "insufficient_scope")
        .containsEntry(
            "error_description", "the token does not grant 'push' on repository 'team/app'");
  }

  @Test
  void anInvalidTokenChallengeDescribesTheReason() throws Exception {
    HttpResponse<byte[]> r = withBearer("GET", "/v2/team/app/tags/list", "not-a-token");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(TestRegistry.challengeParams(challenge(r)))
        .containsEntry("error", "invalid_token")
        .containsKey("error_description");
    assertThat(TestRegistry.challengeParams(challenge(r)).get("error_description"))
        .isNotBlank()
        .doesNotContain("\n");
  }

  @Test
  void aDisabledAccountGetsNoToken() throws Exception {
    store.setDisabled("dev", true);
    HttpResponse<byte[]> r = tokenGet("dev:dev-pw", "repository:team/app:pull");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(text(r)).contains(Authenticator.REFUSED);
  }

  @Test
  void aRobotWorksOnlyInItsOwnProjectAndUntilItExpires() throws Exception {
    registry.login("robot$team+ci", "robot-secret");
    registry.pushImage("team/app", "ci", bytes("robot layer"));
    registry.login("admin", TestRegistry.adminSecret(dir.resolve("data")));
    registry.pushImage("other/app", "v1", bytes("other layer"));

    String token = token("robot$team+ci:robot-secret", "repository:other/app:pull,push");
    assertThat(
            json(tokenGet("robot$team+ci:robot-secret", "repository:other/app:pull,push"))
                .get("token"))
        .isNotNull();
    HttpResponse<byte[]> r = withBearer("GET", "/v2/other/app/manifests/v1", token);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(challenge(r)).contains("insufficient_scope");

    registry.clock.advance(Duration.ofDays(2));
    assertThat(tokenGet("robot$team+ci:robot-secret").statusCode()).isEqualTo(401);
  }

  @Test
  void anonymousClientsPullPublicProjectsButNeverPush() throws Exception {
    registry.login("admin", TestRegistry.adminSecret(dir.resolve("data")));
    var image = registry.pushImage("pub/tool", "1", bytes("public"));
    registry.pushImage("team/secret", "1", bytes("private"));
    registry.login(null, null);
    assertThat(registry.get("/v2/pub/tool/manifests/1").body()).isEqualTo(image.bytes());
    HttpResponse<byte[]> hidden = registry.get("/v2/team/secret/manifests/1");
    assertThat(hidden.statusCode()).isEqualTo(401);
    HttpResponse<byte[]> push = registry.send("POST", "/v2/pub/tool/blobs/uploads/", new byte[0]);
    assertThat(push.statusCode()).isEqualTo(401);
    assertThat(challenge(push)).contains("insufficient_scope");
    assertThat(audit.events())
        .filteredOn(e -> !e.allowed() && e.operation() == Operation.PUSH)
        .singleElement()
        .satisfies(e -> assertThat(e.principal()).isEqualTo("anonymous"));
  }

  @Test
  void aGuestCannotPush() throws Exception {
    registry.login("guest", "guest-pw");
    HttpResponse<byte[]> r = registry.send("POST", "/v2/team/app/blobs/uploads/", new byte[0]);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(text(r)).contains("'push' on repository 'team/app'");
  }

  @Test
  void aDeveloperCannotDeleteButAMaintainerCan() throws Exception {
    registry.login("dev", "dev-pw");
    var image = registry.pushImage("team/app", "v1", bytes("to delete"));
    HttpResponse<byte[]> refused = registry.delete("/v2/team/app/manifests/" + image.digest());
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(text(refused)).contains("'delete' on repository 'team/app'");
    registry.login("keeper", "keeper-pw");
    assertThat(registry.delete("/v2/team/app/manifests/" + image.digest()).statusCode())
        .isEqualTo(202);
    assertThat(audit.events())
        .filteredOn(e -> e.operation() == Operation.DELETE)
        .extracting(AuditEvent::principal, AuditEvent::allowed)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("dev", false),
            org.assertj.core.groups.Tuple.tuple("keeper", true));
  }

  @Test
  void singleComponentRepositoriesBelongToNoProjectAndOnlyAdminsUseThem() throws Exception {
    registry.login("dev", "dev-pw");
    HttpResponse<byte[]> r = registry.send("POST", "/v2/app/blobs/uploads/", new byte[0]);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(text(r)).contains("no project").contains("only administrators");
    registry.login("admin", TestRegistry.adminSecret(dir.resolve("data")));
    registry.pushImage("app", "v1", bytes("admin only"));
  }

  @Test
  void crossRepositoryMountUsesATokenWithTwoScopes() throws Exception {
    registry.login("dev", "dev-pw");
    byte[] layer = bytes("shared layer");
    var digest = registry.pushBlob("team/a", layer);
    String token = token("dev:dev-pw", "repository:team/b:pull,push", "repository:team/a:pull");
    HttpResponse<byte[]> mount =
        withBearer("POST", "/v2/team/b/blobs/uploads/?mount=" + digest + "&from=team/a", token);
    assertThat(mount.statusCode()).as(text(mount)).isEqualTo(201);
    // Without pull on the source, the mount falls back to an upload session.
    String narrow = token("dev:dev-pw", "repository:team/c:pull,push");
    HttpResponse<byte[]> fallback =
        withBearer("POST", "/v2/team/c/blobs/uploads/?mount=" + digest + "&from=team/a", narrow);
    assertThat(fallback.statusCode()).isEqualTo(202);
  }

  @Test
  void refreshTokensFromGetAndPostAndTheirRevocation() throws Exception {
    HttpResponse<byte[]> login =
        registry.http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        realm()
                            + "?account=dev&client_id=docker&offline_token=true&service="
                            + SERVICE))
                .header("Authorization", TestRegistry.basic("dev:dev-pw"))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(login.statusCode()).isEqualTo(200);
    String refresh = json(login).get("refresh_token").textValue();
    assertThat(json(login).get("expires_in").asLong()).isEqualTo(300);

    HttpResponse<byte[]> refreshed =
        post(
            Map.of(
                "grant_type", "refresh_token",
                "refresh_token", refresh,
                "service", SERVICE,
                "scope", "repository:team/app:pull,push",
                "client_id", "docker"));
    assertThat(refreshed.statusCode()).as(text(refreshed)).isEqualTo(200);
    String access = json(refreshed).get("access_token").textValue();
    assertThat(json(refreshed).get("token").textValue()).isEqualTo(access);
    assertThat(json(refreshed).get("refresh_token").textValue()).isEqualTo(refresh);
    assertThat(withBearer("GET", "/v2/", access).statusCode()).isEqualTo(200);
    // A refresh token is no access token.
    assertThat(withBearer("GET", "/v2/", refresh).statusCode()).isEqualTo(401);

    // The password grant gives a refresh token with access_type=offline.
    HttpResponse<byte[]> password =
        post(
            Map.of(
                "grant_type", "password",
                "username", "dev",
                "password", "dev-pw",
                "client_id", "docker",
                "access_type", "offline",
                "service", SERVICE));
    assertThat(password.statusCode()).isEqualTo(200);
    assertThat(json(password).get("refresh_token")).isNotNull();

    // A changed secret, then a disabled account, revoke refresh tokens.
    store.setSecret("dev", secrets.hash("new-pw"));
    HttpResponse<byte[]> revoked =
        post(
            Map.of("grant_type", "refresh_token", "refresh_token", refresh, "client_id", "docker"));
    assertThat(revoked.statusCode()).isEqualTo(401);
    assertThat(json(revoked).get("error").textValue()).isEqualTo("invalid_grant");
    String fresh =
        json(post(
                Map.of(
                    "grant_type", "password",
                    "username", "dev",
                    "password", "new-pw",
                    "client_id", "docker",
                    "access_type", "offline")))
            .get("refresh_token")
            .textValue();
    store.setDisabled("dev", true);
    assertThat(
            post(Map.of("grant_type", "refresh_token", "refresh_token", fresh, "client_id", "d"))
                .statusCode())
        .isEqualTo(401);
    store.setDisabled("dev", false);
    registry.clock.advance(Duration.ofHours(25));
    assertThat(
            post(Map.of("grant_type", "refresh_token", "refresh_token", fresh, "client_id", "d"))
                .statusCode())
        .isEqualTo(401);
  }

  @Test
  void malformedTokenRequestsAreBadRequests() throws Exception {
    assertThat(tokenGet(null, "repository:team/app").statusCode()).isEqualTo(400);
    assertThat(post(Map.of("grant_type", "magic", "client_id", "x")).statusCode()).isEqualTo(400);
    assertThat(post(Map.of("grant_type", "password")).statusCode()).isEqualTo(400);
    HttpResponse<byte[]> otherService =
        registry.http.send(
            HttpRequest.newBuilder(URI.create(realm() + "?service=elsewhere")).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(otherService.statusCode()).isEqualTo(400);
    HttpResponse<byte[]> notForm =
        registry.http.send(
            HttpRequest.newBuilder(URI.create(realm()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(notForm.statusCode()).isEqualTo(400);
  }

  @Test
  void thePolicyIsAskedWithThePrincipalAfterAuthentication() throws Exception {
    registry.close();
    registry =
        TestRegistry.startWithAuth(
            dir.resolve("data"),
            store,
            audit,
            request ->
                request.principal().name().equals("dev")
                        && request.action() == AccessPolicy.Action.PUSH
                    ? new AccessPolicy.Decision.Deny("freeze", "pushes are frozen for dev")
                    : AccessPolicy.Decision.ALLOW);
    registry.login("dev", "dev-pw");
    HttpResponse<byte[]> r = registry.send("POST", "/v2/team/app/blobs/uploads/", new byte[0]);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(errorCode(r)).isEqualTo("DENIED");
    assertThat(audit.events())
        .filteredOn(e -> !e.allowed() && e.operation() == Operation.PUSH)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.policy()).isEqualTo("freeze");
              assertThat(e.reason()).contains("frozen");
            });
    // The second start kept the signing key and the administrator: no new secret.
    assertThat(store.accounts().stream().filter(Account::admin)).hasSize(1);
  }
}
