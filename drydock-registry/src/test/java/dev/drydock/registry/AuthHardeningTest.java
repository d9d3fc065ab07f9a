package dev.drydock.registry;

import static dev.drydock.registry.TestRegistry.errorCode;
import static dev.drydock.registry.TestRegistry.header;
import static dev.drydock.registry.TestRegistry.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.InvalidValueException;
import dev.drydock.registry.SecurityStore.Account;
import dev.drydock.registry.SecurityStore.AccountKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regressions for the security review of authentication: the login throttle under concurrency, per
 * account and per IPv6 /64; the bound on concurrent password verifications; challenge escaping and
 * the Host header; the first administrator's bootstrap; lost audit events.
 */
class AuthHardeningTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;
  private final MemorySecurityStore store = new MemorySecurityStore();
  private final TestSecrets secrets = new TestSecrets();
  private final MutableClock clock = new MutableClock(T0);

  private void alice(SecretVerifier verifier) throws RegistryException {
    store.createAccount(
        new Account(
            "alice",
            AccountKind.USER,
            verifier.hash("alice-pw"),
            false,
            false,
            T0,
            null,
            null,
            Set.of()));
  }

  /** A verifier that, once armed, counts calls and blocks each until released. */
  private static final class BlockingSecrets implements SecretVerifier {
    final TestSecrets real = new TestSecrets();
    final AtomicBoolean armed = new AtomicBoolean();
    final AtomicInteger checked = new AtomicInteger();
    final CountDownLatch release = new CountDownLatch(1);
    volatile CountDownLatch entered = new CountDownLatch(1);

    @Override
    public boolean verify(String secret, String encodedHash) {
      if (armed.get()) {
        checked.incrementAndGet();
        entered.countDown();
        try {
          if (!release.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("never released");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return real.verify(secret, encodedHash);
    }

    @Override
    public String hash(String secret) {
      return real.hash(secret);
    }
  }

  @Test
  void concurrentGuessesAreCountedBeforeTheyAreVerified() throws Exception {
    BlockingSecrets slow = new BlockingSecrets();
    alice(slow);
    Authenticator auth = new Authenticator(store, slow, clock, 200, false);
    int guesses = 100;
    slow.entered = new CountDownLatch(Authenticator.FREE_FAILURES);
    slow.armed.set(true);
    CountDownLatch throttled = new CountDownLatch(guesses - Authenticator.FREE_FAILURES);
    List<Future<Principal>> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < guesses; i++) {
        results.add(
            pool.submit(
                () -> {
                  try {
                    return auth.login("alice", "guess", "10.0.0.1");
                  } catch (Authenticator.LoginException e) {
                    if (e.throttled()) {
                      throttled.countDown();
                    }
                    throw e;
                  }
                }));
      }
      // Without the reservation all 100 would be inside verify() here, none throttled.
      assertThat(throttled.await(60, TimeUnit.SECONDS)).isTrue();
      assertThat(slow.entered.await(60, TimeUnit.SECONDS)).isTrue();
      assertThat(slow.checked.get()).isEqualTo(Authenticator.FREE_FAILURES);
      slow.release.countDown();
    }
    assertThat(slow.checked.get()).isEqualTo(Authenticator.FREE_FAILURES);
    for (Future<Principal> f : results) {
      assertThat(f.state()).isEqualTo(Future.State.FAILED);
    }
  }

  @Test
  void guessesFromManyAddressesHitThePerAccountLimit() throws Exception {
    alice(secrets);
    Authenticator auth = new Authenticator(store, secrets, clock);
    for (int i = 0; i < Authenticator.ACCOUNT_FREE_FAILURES; i++) {
      String from = "10.0." + i + ".1";
      assertThatThrownBy(() -> auth.login("alice", "guess", from))
          .isInstanceOfSatisfying(
              Authenticator.LoginException.class, e -> assertThat(e.throttled()).isFalse());
    }
    assertThatThrownBy(() -> auth.login("alice", "alice-pw", "192.0.2.7"))
        .isInstanceOfSatisfying(
            Authenticator.LoginException.class,
            e -> {
              assertThat(e.throttled()).isTrue();
              assertThat(e.getMessage()).contains("too many failed logins");
            });
    // Another account is not affected, and the limit expires.
    store.createAccount(
        new Account(
            "bob",
            AccountKind.USER,
            secrets.hash("bob-pw"),
            false,
            false,
            T0,
            null,
            null,
            Set.of()));
    assertThat(auth.login("bob", "bob-pw", "192.0.2.7").name()).isEqualTo("bob");
    clock.advance(Authenticator.MAX_BACKOFF.plusSeconds(1));
    assertThat(auth.login("alice", "alice-pw", "192.0.2.7").name()).isEqualTo("alice");
  }

  @Test
  void anIpv6Slash64CountsAsOneAddress() throws Exception {
    alice(secrets);
    Authenticator auth = new Authenticator(store, secrets, clock);
    for (int i = 1; i <= Authenticator.FREE_FAILURES; i++) {
      String from = "2001:db8:1:2::" + i;
      assertThatThrownBy(() -> auth.login("alice", "guess", from))
          .isInstanceOfSatisfying(
              Authenticator.LoginException.class, e -> assertThat(e.throttled()).isFalse());
    }
    assertThatThrownBy(() -> auth.login("alice", "guess", "2001:db8:1:2:ffff::99"))
        .isInstanceOfSatisfying(
            Authenticator.LoginException.class, e -> assertThat(e.throttled()).isTrue());
    // Another /64 is another network.
    assertThat(auth.login("alice", "alice-pw", "2001:db8:1:3::1").name()).isEqualTo("alice");
  }

  @Test
  void throttlingKeysReduceIpv6ToItsSlash64() {
    assertThat(Authenticator.network("2001:db8:1:2:aaaa::1")).isEqualTo("20010db800010002::/64");
    assertThat(Authenticator.network("2001:db8:1:2::2"))
        .isEqualTo(Authenticator.network("2001:db8:1:2:ffff:ffff:ffff:ffff"));
    assertThat(Authenticator.network("10.0.0.1")).isEqualTo("10.0.0.1");
    assertThat(Authenticator.network("::ffff:10.0.0.1")).isEqualTo("10.0.0.1");
    assertThat(Authenticator.network("not:an:address")).isEqualTo("not:an:address");
    assertThat(Authenticator.network("unknown")).isEqualTo("unknown");
  }

  @Test
  void aFullVerificationPoolRefusesAtOnceInsteadOfQueueing() throws Exception {
    BlockingSecrets slow = new BlockingSecrets();
    alice(slow);
    Authenticator auth = new Authenticator(store, slow, clock, 1, false);
    slow.armed.set(true);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<Principal> first = pool.submit(() -> auth.login("alice", "alice-pw", "10.0.0.1"));
      assertThat(slow.entered.await(60, TimeUnit.SECONDS)).isTrue();
      assertThatThrownBy(() -> auth.login("mallory", "guess", "10.9.9.9"))
          .isInstanceOfSatisfying(
              Authenticator.LoginException.class,
              e -> {
                assertThat(e.throttled()).isTrue();
                assertThat(e.getMessage()).isEqualTo(Authenticator.BUSY);
                assertThat(e.retryAfterSeconds()).isEqualTo(1);
              });
      assertThat(slow.checked.get()).isEqualTo(1);
      slow.release.countDown();
      assertThat(first.get(60, TimeUnit.SECONDS).name()).isEqualTo("alice");
    }
    // The slot is free again.
    assertThat(auth.login("alice", "alice-pw", "10.0.0.1").name()).isEqualTo("alice");
  }

  @Test
  void theTokenEndpointAnswers429WithRetryAfterWhenVerificationsAreBusy() throws Exception {
    BlockingSecrets slow = new BlockingSecrets();
    alice(slow);
    RegistryConfig config =
        RegistryConfig.insecureLoopback(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), clock)
            .withAuth(RegistryConfig.Auth.ON.withMaxVerifications(1));
    try (RegistryServer server =
            RegistryServer.start(
                config,
                dir.resolve("data"),
                AccessPolicy.OPEN,
                new RegistryServer.Security(store, slow, new RecordingAuditLog()));
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      HttpRequest wrong =
          HttpRequest.newBuilder(server.baseUri().resolve("/auth/token"))
              .header("Authorization", TestRegistry.basic("alice:wrong"))
              .build();
      slow.armed.set(true);
      Future<HttpResponse<byte[]>> first =
          pool.submit(() -> http.send(wrong, HttpResponse.BodyHandlers.ofByteArray()));
      assertThat(slow.entered.await(60, TimeUnit.SECONDS)).isTrue();
      HttpResponse<byte[]> busy = http.send(wrong, HttpResponse.BodyHandlers.ofByteArray());
      assertThat(busy.statusCode()).as(text(busy)).isEqualTo(429);
      assertThat(errorCode(busy)).isEqualTo("TOOMANYREQUESTS");
      assertThat(header(busy, "Retry-After")).isEqualTo("1");
      slow.release.countDown();
      assertThat(first.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(401);
    }
  }

  @Test
  void challengeDescriptionsAreQuotedControlFreeAndBounded() {
    assertThat(BearerGate.quoted("a \"b\" c\\d")).isEqualTo("a \\\"b\\\" c\\\\d");
    assertThat(BearerGate.quoted("line\r\nbreak\u0000\u007f")).isEqualTo("linebreak");
    assertThat(BearerGate.quoted("caf\u00e9")).isEqualTo("caf?");
    assertThat(BearerGate.quoted("x".repeat(5000))).hasSize(BearerGate.MAX_DESCRIPTION);
  }

  @Test
  void aHostileHostHeaderNeverReachesTheChallenge() throws Exception {
    try (TestRegistry registry =
        TestRegistry.startWithAuth(dir.resolve("data"), store, new RecordingAuditLog())) {
      int port = registry.base.getPort();
      for (String host :
          List.of(
              "evil.example\",error=\"x",
              "evil.example, Bearer realm=x",
              "user@evil.example",
              "evil example")) {
        String response = raw(port, host);
        String challenge = challengeLine(response);
        if (challenge != null) {
          assertThat(challenge).doesNotContain("evil").doesNotContain("error=");
          assertThat(TestRegistry.challengeParams(challenge).get("realm"))
              .isEqualTo("http://127.0.0.1:" + port + "/auth/token");
        } else {
          assertThat(response).startsWith("HTTP/1.1 400");
        }
      }
      // A plain host name is still taken, so clients that reach the registry by name follow it.
      assertThat(challengeLine(raw(port, "registry.example:" + port)))
          .contains("realm=\"http://registry.example:" + port + "/auth/token\"");
    }
  }

  @Test
  void aConfiguredRealmIsUsedWhateverTheHostHeader() throws Exception {
    RegistryConfig config =
        RegistryConfig.insecureLoopback(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), clock)
            .withAuth(
                RegistryConfig.Auth.ON.withRealm(URI.create("https://registry.example:5000/")));
    try (RegistryServer server =
        RegistryServer.start(
            config,
            dir.resolve("data"),
            AccessPolicy.OPEN,
            new RegistryServer.Security(store, secrets, new RecordingAuditLog()))) {
      String challenge = challengeLine(raw(server.baseUri().getPort(), "other.example"));
      assertThat(challenge)
          .contains("realm=\"https://registry.example:5000/auth/token\"")
          .doesNotContain("other.example");
    }
  }

  @Test
  void theRealmAndVerificationBoundAreValidated() {
    RegistryConfig.Auth on = RegistryConfig.Auth.ON;
    assertThat(on.realm()).isNull();
    assertThat(on.adminCertificates()).isFalse();
    assertThat(on.maxVerifications()).isPositive();
    for (String bad :
        List.of(
            "ftp://registry.example",
            "https://user@registry.example",
            "https://registry.example/?q=1",
            "https://registry.example/#f",
            "https://registry.example/a%22b")) {
      assertThatThrownBy(() -> on.withRealm(URI.create(bad)))
          .isInstanceOf(InvalidValueException.class);
    }
    assertThat(on.withRealm(URI.create("https://registry.example:5000")).realmUrl())
        .isEqualTo("https://registry.example:5000/auth/token");
    assertThat(on.withRealm(URI.create("https://[::1]:5000/base/")).realmUrl())
        .isEqualTo("https://[::1]:5000/base/auth/token");
    assertThatThrownBy(() -> on.withMaxVerifications(0)).isInstanceOf(InvalidValueException.class);
    assertThat(on.withAdminCertificates(true).adminCertificates()).isTrue();
  }

  @Test
  void aFailedAccountCreationLeavesNoSecretFile() throws Exception {
    SecurityStore failing =
        (SecurityStore)
            Proxy.newProxyInstance(
                SecurityStore.class.getClassLoader(),
                new Class<?>[] {SecurityStore.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("createAccount")) {
                    throw new RegistryException("the store refuses");
                  }
                  try {
                    return method.invoke(store, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    Path data = dir.resolve("data");
    assertThatThrownBy(() -> Bootstrap.ensureAdmin(failing, secrets, data, clock))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("refuses");
    assertThat(data.resolve(KeyFiles.ADMIN_SECRET)).doesNotExist();
  }

  @Test
  void anUnwritableSecretFileRemovesTheAccountAgain() throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("data"), "a file, not a folder");
    assertThatThrownBy(() -> Bootstrap.ensureAdmin(store, secrets, notADirectory, clock))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("removed again");
    assertThat(store.account(Bootstrap.ADMIN)).isNull();
    // A later start with a usable folder bootstraps normally.
    Path data = dir.resolve("data2");
    assertThat(Bootstrap.ensureAdmin(store, secrets, data, clock)).isTrue();
    Account admin = java.util.Objects.requireNonNull(store.account(Bootstrap.ADMIN));
    String secret = Files.readString(data.resolve(KeyFiles.ADMIN_SECRET)).strip();
    assertThat(secrets.verify(secret, admin.secretHash())).isTrue();
    assertThat(Files.getPosixFilePermissions(data.resolve(KeyFiles.ADMIN_SECRET)))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    try (var files = Files.list(data)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("admin.secret");
    }
  }

  @Test
  void lostAuditEventsAreCounted() {
    AtomicLong lost = new AtomicLong();
    AuditLog.AuditEvent event =
        new AuditLog.AuditEvent(
            T0,
            AuditLog.Operation.PUSH,
            "dev",
            "team/app",
            "v1",
            null,
            "127.0.0.1:1",
            true,
            null,
            null);
    RequestAudit.lostEvent(event, new RegistryException("disk full"), lost);
    RequestAudit.lostEvent(event, new RegistryException("disk full"), lost);
    assertThat(lost.get()).isEqualTo(2);
  }

  /** Sends {@code GET /v2/} with a raw Host header, which {@link HttpClient} would not allow. */
  private static String raw(int port, String host) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /v2/ HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readNBytes(64 * 1024), StandardCharsets.ISO_8859_1);
    }
  }

  private static @org.jspecify.annotations.Nullable String challengeLine(String response) {
    for (String line : response.split("\r\n", -1)) {
      if (line.regionMatches(true, 0, "WWW-Authenticate:", 0, 17)) {
        return line.substring(17).strip();
      }
      if (line.isEmpty()) {
        break;
      }
    }
    return null;
  }
}
