package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.InvalidValueException;
import dev.drydock.pki.TlsOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The authentication settings and the rules that tie them to TLS. */
class AuthConfigTest {
  @TempDir Path dir;

  private static final InetSocketAddress LOOPBACK =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

  @Test
  void tlsAlwaysHasAuthenticationAndPlainLoopbackHasNoneByDefault() throws Exception {
    TlsFixture tls = TlsFixture.create(dir);
    RegistryConfig secure =
        RegistryConfig.tls(LOOPBACK, TlsOptions.of(tls.server.tlsFiles()), Clock.systemUTC());
    assertThat(secure.auth()).isEqualTo(RegistryConfig.Auth.ON);
    assertThatThrownBy(() -> secure.withAuth(RegistryConfig.Auth.OFF))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("with TLS, authentication is always on");
    assertThat(RegistryConfig.insecureLoopback(LOOPBACK, Clock.systemUTC()).auth().enabled())
        .isFalse();
    // Authentication on without a security store is a named error, not an open registry.
    assertThatThrownBy(() -> RegistryServer.start(secure, dir.resolve("data"), AccessPolicy.OPEN))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("security store");
  }

  @Test
  void namesAndLifetimesAreChecked() {
    Duration fiveMinutes = Duration.ofMinutes(5);
    Duration day = Duration.ofDays(1);
    assertThatThrownBy(() -> new RegistryConfig.Auth(true, "bad\"name", "iss", fiveMinutes, day))
        .hasMessageContaining("token service or issuer name");
    assertThatThrownBy(
            () -> new RegistryConfig.Auth(true, "svc", "iss", Duration.ofSeconds(30), day))
        .hasMessageContaining("1 minute..1 hour");
    assertThatThrownBy(
            () -> new RegistryConfig.Auth(true, "svc", "iss", fiveMinutes, Duration.ofDays(31)))
        .hasMessageContaining("refresh token lifetime");
    assertThat(new RegistryConfig.Auth(true, "reg.example:5000", "iss", fiveMinutes, day).service())
        .isEqualTo("reg.example:5000");
  }

  @Test
  void theSigningKeyIsKeptAcrossStartsAndADamagedOneIsANamedError() throws Exception {
    Path keys = dir.resolve("keys");
    var first = KeyFiles.signingKey(keys);
    assertThat(KeyFiles.signingKey(keys).getPublic()).isEqualTo(first.getPublic());
    Files.writeString(keys.resolve(KeyFiles.SIGNING_KEY), "not a key");
    assertThatThrownBy(() -> KeyFiles.signingKey(keys))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("remove both token-signing files");
  }

  @Test
  void anAccountNamedAdminThatIsNoAdministratorStopsTheBootstrap() throws Exception {
    MemorySecurityStore store = new MemorySecurityStore();
    TestSecrets secrets = new TestSecrets();
    store.createAccount(
        new SecurityStore.Account(
            "admin",
            SecurityStore.AccountKind.USER,
            secrets.hash("x"),
            false,
            false,
            java.time.Instant.EPOCH,
            null,
            null,
            java.util.Set.of()));
    assertThatThrownBy(() -> Bootstrap.ensureAdmin(store, secrets, dir, Clock.systemUTC()))
        .hasMessageContaining("is not one");
    assertThat(Files.exists(dir.resolve(KeyFiles.ADMIN_SECRET))).isFalse();
  }
}
