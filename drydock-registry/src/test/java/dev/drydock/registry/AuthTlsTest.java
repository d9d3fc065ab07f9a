package dev.drydock.registry;

import static dev.drydock.registry.TestRegistry.bytes;
import static dev.drydock.registry.TestRegistry.errorCode;
import static dev.drydock.registry.TestRegistry.header;
import static dev.drydock.registry.TestRegistry.json;
import static dev.drydock.registry.TestRegistry.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.pki.IssuedCertificate;
import dev.drydock.pki.TlsOptions;
import dev.drydock.registry.AuditLog.AuditEvent;
import dev.drydock.registry.AuditLog.Operation;
import dev.drydock.registry.SecurityStore.Account;
import dev.drydock.registry.SecurityStore.AccountKind;
import dev.drydock.registry.SecurityStore.Project;
import dev.drydock.registry.SecurityStore.ProjectPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authentication over TLS with HTTP/2: the docker flow step by step (challenge, token, retry), and
 * client certificates from the drydock CA as identities.
 */
class AuthTlsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;

  private final MemorySecurityStore store = new MemorySecurityStore();
  private final RecordingAuditLog audit = new RecordingAuditLog();
  private final TestSecrets secrets = new TestSecrets();

  private RegistryServer start(TlsFixture tls) throws Exception {
    return start(tls, false);
  }

  private RegistryServer start(TlsFixture tls, boolean adminCertificates) throws Exception {
    store.createProject(new Project("team", false, ProjectPolicy.NONE, -1));
    store.createProject(new Project("other", false, ProjectPolicy.NONE, -1));
    store.createAccount(
        new Account(
            "dev",
            AccountKind.USER,
            secrets.hash("dev-pw"),
            false,
            false,
            T0,
            null,
            null,
            Set.of()));
    store.setMember("team", "dev", Role.DEVELOPER);
    RegistryConfig config =
        RegistryConfig.tls(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                TlsOptions.of(tls.server.tlsFiles()),
                Clock.systemUTC())
            .withAuth(RegistryConfig.Auth.ON.withAdminCertificates(adminCertificates));
    assertThat(config.auth().enabled()).isTrue();
    return RegistryServer.start(
        config,
        dir.resolve("data"),
        AccessPolicy.OPEN,
        new RegistryServer.Security(store, secrets, audit));
  }

  private static HttpClient client(SSLContext context) {
    return HttpClient.newBuilder()
        .sslContext(context)
        .version(HttpClient.Version.HTTP_2)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  @Test
  void dockerFlowOverHttp2ChallengeTokenRetry() throws Exception {
    TlsFixture tls = TlsFixture.create(dir);
    try (RegistryServer server = start(tls);
        HttpClient http = client(tls.clientContext())) {
      URI base = server.baseUri();
      HttpResponse<byte[]> probe =
          http.send(
              HttpRequest.newBuilder(base.resolve("/v2/")).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(probe.statusCode()).isEqualTo(401);
      assertThat(probe.version()).isEqualTo(HttpClient.Version.HTTP_2);
      Map<String, String> challenge =
          TestRegistry.challengeParams(header(probe, "WWW-Authenticate"));
      assertThat(challenge.get("realm")).isEqualTo(base + "/auth/token");
      assertThat(challenge.get("realm")).startsWith("https://");

      HttpResponse<byte[]> tokenResponse =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          challenge.get("realm")
                              + "?service="
                              + challenge.get("service")
                              + "&scope="
                              + URLEncoder.encode(
                                  "repository:team/app:pull,push", StandardCharsets.UTF_8)))
                  .header("Authorization", TestRegistry.basic("dev:dev-pw"))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(tokenResponse.statusCode()).isEqualTo(200);
      assertThat(header(tokenResponse, "Cache-Control")).isEqualTo("no-store");
      String token = json(tokenResponse).get("token").textValue();
      assertThat(json(tokenResponse).get("expires_in").asLong()).isGreaterThanOrEqualTo(60);

      HttpResponse<byte[]> retried =
          http.send(
              HttpRequest.newBuilder(base.resolve("/v2/"))
                  .header("Authorization", "Bearer " + token)
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(retried.statusCode()).isEqualTo(200);
      assertThat(retried.version()).isEqualTo(HttpClient.Version.HTTP_2);

      try (TestRegistry registry =
          TestRegistry.wrap(server, new MutableClock(T0), dir.resolve("data"), http)) {
        registry.login("dev", "dev-pw");
        // Each PUT is first refused with 401 while its body is in flight: over h2 the registry
        // reads small bodies before the challenge, or the JDK client reports Jetty's RST_STREAM.
        var image = registry.pushImage("team/app", "v1", bytes("over h2 with a token"));
        HttpResponse<byte[]> pulled = registry.get("/v2/team/app/manifests/v1");
        assertThat(pulled.body()).isEqualTo(image.bytes());
        assertThat(pulled.version()).isEqualTo(HttpClient.Version.HTTP_2);
      }
    }
  }

  @Test
  void aClientCertificateNamesTheAccountWithoutAPassword() throws Exception {
    TlsFixture tls = TlsFixture.create(dir);
    IssuedCertificate dev = tls.client("dev");
    try (RegistryServer server = start(tls);
        HttpClient http = client(tls.clientContext(dev));
        TestRegistry registry =
            TestRegistry.wrap(server, new MutableClock(T0), dir.resolve("data"), http)) {
      registry.noLogin();
      assertThat(registry.get("/v2/").statusCode()).isEqualTo(200);
      var image = registry.pushImage("team/app", "cert", bytes("pushed by certificate"));
      assertThat(registry.get("/v2/team/app/manifests/cert").body()).isEqualTo(image.bytes());
      assertThat(audit.events())
          .filteredOn(e -> e.operation() == Operation.PUSH && e.allowed())
          .singleElement()
          .extracting(AuditEvent::principal)
          .isEqualTo("dev");

      HttpResponse<byte[]> denied = registry.get("/v2/other/app/tags/list");
      assertThat(denied.statusCode()).as(text(denied)).isEqualTo(403);
      assertThat(errorCode(denied)).isEqualTo("DENIED");
      assertThat(text(denied)).contains("'pull' on repository 'other/app'");

      // The token endpoint also takes the certificate instead of Basic credentials.
      HttpResponse<byte[]> token =
          registry.get("/auth/token?service=drydock-registry&scope=repository:team/app:push");
      assertThat(token.statusCode()).isEqualTo(200);
      assertThat(audit.events())
          .filteredOn(e -> e.operation() == Operation.LOGIN)
          .singleElement()
          .satisfies(e -> assertThat(e.allowed()).isTrue());
    }
  }

  @Test
  void aCertificateLoginGetsNoRefreshToken() throws Exception {
    TlsFixture tls = TlsFixture.create(dir);
    try (RegistryServer server = start(tls);
        HttpClient http = client(tls.clientContext(tls.client("dev")));
        TestRegistry registry =
            TestRegistry.wrap(server, new MutableClock(T0), dir.resolve("data"), http)) {
      registry.noLogin();
      String offline =
          "/auth/token?service=drydock-registry&offline_token=true&client_id=test"
              + "&scope=repository:team/app:pull";
      HttpResponse<byte[]> byCertificate = registry.get(offline);
      assertThat(byCertificate.statusCode()).as(text(byCertificate)).isEqualTo(200);
      assertThat(json(byCertificate).get("token")).isNotNull();
      // A refresh token would outlive the certificate's revocation or expiry.
      assertThat(json(byCertificate).get("refresh_token")).isNull();
      HttpResponse<byte[]> byPassword =
          registry.send(
              "GET", offline, new byte[0], "Authorization", TestRegistry.basic("dev:dev-pw"));
      assertThat(byPassword.statusCode()).isEqualTo(200);
      assertThat(json(byPassword).get("refresh_token")).isNotNull();
    }
  }

  @Test
  void administratorCertificatesAreRefusedUnlessEnabled() throws Exception {
    TlsFixture tls = TlsFixture.create(dir);
    IssuedCertificate admin = tls.client("admin");
    try (RegistryServer server = start(tls);
        HttpClient http = client(tls.clientContext(admin));
        TestRegistry registry =
            TestRegistry.wrap(server, new MutableClock(T0), dir.resolve("data"), http)) {
      registry.noLogin();
      HttpResponse<byte[]> probe = registry.get("/v2/");
      assertThat(probe.statusCode()).isEqualTo(401);
      assertThat(text(probe)).contains("adminCertificates");
      HttpResponse<byte[]> token = registry.get("/auth/token?service=drydock-registry");
      assertThat(token.statusCode()).isEqualTo(401);
      assertThat(text(token)).contains("certificate logins for administrators are off");
      // The password still works.
      HttpResponse<byte[]> byPassword =
          registry.send(
              "GET",
              "/auth/token?service=drydock-registry",
              new byte[0],
              "Authorization",
              TestRegistry.basic("admin:" + TestRegistry.adminSecret(dir.resolve("data"))));
      assertThat(byPassword.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void administratorCertificatesWorkWhenEnabled() throws Exception {
    TlsFixture tls = TlsFixture.create(dir);
    try (RegistryServer server = start(tls, true);
        HttpClient http = client(tls.clientContext(tls.client("admin")));
        TestRegistry registry =
            TestRegistry.wrap(server, new MutableClock(T0), dir.resolve("data"), http)) {
      registry.noLogin();
      assertThat(registry.get("/v2/").statusCode()).isEqualTo(200);
      assertThat(registry.get("/v2/_catalog").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aCertificateForAnUnknownAccountIsAnonymous() throws Exception {
    TlsFixture tls = TlsFixture.create(dir);
    IssuedCertificate stranger = tls.client("stranger");
    try (RegistryServer server = start(tls);
        HttpClient http = client(tls.clientContext(stranger))) {
      HttpResponse<byte[]> r =
          http.send(
              HttpRequest.newBuilder(server.baseUri().resolve("/v2/team/app/tags/list")).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(header(r, "WWW-Authenticate")).startsWith("Bearer realm=\"https://");
    }
  }

  @Test
  void aCertificateFromAnotherCaNeverNamesAnAccount() throws Exception {
    TlsFixture tls = TlsFixture.create(dir.resolve("ours"));
    TlsFixture foreign = TlsFixture.create(dir.resolve("theirs"));
    IssuedCertificate impostor = foreign.client("dev");
    try (RegistryServer server = start(tls);
        HttpClient http = client(mixedContext(tls, impostor))) {
      // The server names its CA in the CertificateRequest, so JSSE clients withhold a foreign
      // certificate; one presented anyway fails the handshake. Either way: no identity.
      HttpResponse<byte[]> r;
      try {
        r =
            http.send(
                HttpRequest.newBuilder(server.baseUri().resolve("/v2/")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        return;
      }
      assertThat(r.statusCode()).isEqualTo(401);
    }
  }

  /** A context presenting {@code client} (of another CA) that still trusts our server. */
  private static SSLContext mixedContext(TlsFixture ours, IssuedCertificate client)
      throws Exception {
    // The foreign client's key and certificate, and trust in our server's CA.
    javax.net.ssl.KeyManagerFactory kmf =
        javax.net.ssl.KeyManagerFactory.getInstance(
            javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
    java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    java.security.PrivateKey key =
        java.security.KeyFactory.getInstance(keyAlgorithm(client))
            .generatePrivate(
                new java.security.spec.PKCS8EncodedKeySpec(
                    java.util.Base64.getMimeDecoder()
                        .decode(
                            java.nio.file.Files.readString(client.keyFile())
                                .replaceAll("-----[A-Z ]+-----", ""))));
    ks.setKeyEntry(
        "c", key, new char[0], new java.security.cert.Certificate[] {client.certificate()});
    kmf.init(ks, new char[0]);
    javax.net.ssl.TrustManagerFactory tmf =
        javax.net.ssl.TrustManagerFactory.getInstance(
            javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (var in = java.nio.file.Files.newInputStream(ours.ca.rootCertificateFile())) {
      trust.setCertificateEntry(
          "root",
          java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return context;
  }

  private static String keyAlgorithm(IssuedCertificate client) {
    String alg = client.certificate().getPublicKey().getAlgorithm();
    return alg.equals("EC") ? "EC" : alg;
  }
}
