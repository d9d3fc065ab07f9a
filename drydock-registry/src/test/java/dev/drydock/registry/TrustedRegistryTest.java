package dev.drydock.registry;

import static dev.drydock.registry.TestRegistry.bytes;
import static dev.drydock.registry.TestRegistry.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.InvalidValueException;
import dev.drydock.model.Severity;
import dev.drydock.pki.TlsOptions;
import dev.drydock.registry.AuditLog.AuditEvent;
import dev.drydock.registry.AuditLog.AuditQuery;
import dev.drydock.registry.AuditLog.Operation;
import dev.drydock.registry.SecurityStore.Project;
import dev.drydock.registry.SecurityStore.ProjectPolicy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assembled trusted registry as {@code drydock registry serve} runs it: real Argon2id secrets,
 * the embedded database, token auth over TLS, and the project rules in front of every pull.
 */
class TrustedRegistryTest {
  @TempDir Path dir;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T00:00:00Z"));

  private RegistryConfig config(TlsFixture tls) {
    return RegistryConfig.tls(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        TlsOptions.of(tls.server.tlsFiles()),
        clock);
  }

  private TrustedRegistry.Options options(Path data) {
    return new TrustedRegistry.Options(
        data, "h2", null, null, List::of, dir.resolve("no-vulndb"), 1);
  }

  private TestRegistry client(TrustedRegistry trusted, TlsFixture tls, Path data) throws Exception {
    HttpClient http =
        HttpClient.newBuilder()
            .sslContext(tls.clientContext())
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    return TestRegistry.wrap(trusted.server(), clock, data, http)
        .login("admin", TestRegistry.adminSecret(data));
  }

  @Test
  void gatesFailClosedBehindRealTokenAuthAndEveryStepIsAudited() throws Exception {
    TlsFixture tls = TlsFixture.create(dir);
    Path data = dir.resolve("registry");
    try (TrustedRegistry trusted = TrustedRegistry.start(config(tls), options(data))) {
      assertThat(Files.getPosixFilePermissions(data.resolve("admin.secret")))
          .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
      trusted.accounts().createProject(new Project("dev", false, ProjectPolicy.NONE, -1));
      trusted.accounts().createProject(new Project("prod", false, ProjectPolicy.PROD, -1));
      trusted
          .accounts()
          .createProject(
              new Project(
                  "scanned", false, new ProjectPolicy(null, Severity.HIGH, true, false), -1));
      TestRegistry admin = client(trusted, tls, data);
      admin.pushImage("dev/app", "v1", bytes("dev layer"));
      admin.pushImage("prod/app", "v1", bytes("prod layer"));
      admin.pushImage("scanned/app", "v1", bytes("scanned layer"));

      assertThat(admin.get("/v2/dev/app/manifests/v1").statusCode()).isEqualTo(200);
      // No key in the keyring signs anything: the prod project refuses the image.
      HttpResponse<byte[]> prod = admin.get("/v2/prod/app/manifests/v1");
      assertThat(prod.statusCode()).isEqualTo(403);
      assertThat(text(prod)).contains("trust:prod");
      // No vulnerability database exists: the scan cannot run, and the gate refuses.
      HttpResponse<byte[]> scanned = admin.get("/v2/scanned/app/manifests/v1");
      assertThat(scanned.statusCode()).isEqualTo(403);
      // Immutable prod tags: pointing v1 at another image is refused.
      TestRegistry.Pushed v2 = admin.pushImage("prod/app", "v2", bytes("other"));
      HttpResponse<byte[]> moved =
          admin.pushManifest(
              "prod/app", "v1", "application/vnd.oci.image.manifest.v1+json", v2.bytes());
      assertThat(moved.statusCode()).isEqualTo(403);
      assertThat(text(moved)).contains("immutable:prod");

      // A wrong password is refused and audited; nothing says whether the user exists.
      TestRegistry intruder = client(trusted, tls, data).noLogin();
      HttpResponse<byte[]> token =
          intruder.send(
              "GET",
              "/auth/token?service=drydock-registry",
              new byte[0],
              "Authorization",
              TestRegistry.basic("admin:wrong"));
      assertThat(token.statusCode()).isEqualTo(401);

      List<AuditEvent> events = trusted.audit().query(AuditQuery.all(1000));
      assertThat(events)
          .anySatisfy(e -> assertThat(e.operation()).isEqualTo(Operation.LOGIN))
          .anySatisfy(
              e -> {
                assertThat(e.operation()).isEqualTo(Operation.LOGIN);
                assertThat(e.allowed()).isFalse();
              })
          .anySatisfy(
              e -> {
                assertThat(e.operation()).isEqualTo(Operation.PULL);
                assertThat(e.repository()).isEqualTo("prod/app");
                assertThat(e.allowed()).isFalse();
                assertThat(e.policy()).isEqualTo("trust:prod");
              })
          .anySatisfy(
              e -> {
                assertThat(e.operation()).isEqualTo(Operation.PUSH);
                assertThat(e.repository()).isEqualTo("dev/app");
                assertThat(e.allowed()).isTrue();
                assertThat(e.principal()).isEqualTo("admin");
              });
      assertThat(events).noneSatisfy(e -> assertThat(String.valueOf(e.reason())).contains("wrong"));

      // The data directory is in use: a second registry on it is refused, the first serves on.
      assertThatThrownBy(() -> TrustedRegistry.start(config(tls), options(data)))
          .isInstanceOf(RegistryException.class);
      assertThat(admin.get("/v2/dev/app/manifests/v1").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void restartKeepsAccountsImagesAndTheFirstSecret() throws Exception {
    TlsFixture tls = TlsFixture.create(dir);
    Path data = dir.resolve("registry");
    String secret;
    try (TrustedRegistry trusted = TrustedRegistry.start(config(tls), options(data))) {
      trusted.accounts().createProject(new Project("dev", false, ProjectPolicy.NONE, -1));
      secret = TestRegistry.adminSecret(data);
      client(trusted, tls, data).pushImage("dev/app", "v1", bytes("kept"));
    }
    try (TrustedRegistry again = TrustedRegistry.start(config(tls), options(data))) {
      assertThat(TestRegistry.adminSecret(data)).isEqualTo(secret);
      assertThat(again.accounts().project("dev")).isNotNull();
      assertThat(client(again, tls, data).get("/v2/dev/app/manifests/v1").statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void authenticationCannotBeTurnedOff() {
    RegistryConfig open =
        RegistryConfig.insecureLoopback(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), clock);
    assertThatThrownBy(() -> TrustedRegistry.start(open, options(dir.resolve("r"))))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("always authenticates");
  }
}
