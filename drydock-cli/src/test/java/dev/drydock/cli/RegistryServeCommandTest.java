package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.pki.CaOptions;
import dev.drydock.pki.CertificateAuthority;
import dev.drydock.pki.IssueRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class RegistryServeCommandTest {
  private static final Pattern SERVING = Pattern.compile("serving (https?://\\S+) from");

  @TempDir Path home;

  @Test
  void withoutACertificateServeExplainsHowToGetOne() {
    CliRun r = CliRun.run(home, CliRun.withData(home.resolve("d"), "registry", "serve"));
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("No TLS certificate", "drydock pki issue server --name registry");
  }

  @Test
  void plainHttpIsRefusedOffLoopback() {
    CliRun r =
        CliRun.run(
            home,
            CliRun.withData(
                home.resolve("d"),
                "registry",
                "serve",
                "--listen",
                "0.0.0.0:0",
                "--insecure-loopback-http"));
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("only on a loopback address");
  }

  @Test
  void nonLoopbackTlsNeedsOnlyACertificate() {
    // Every request is authenticated over TLS, so any address may be served.
    for (String listen : new String[] {"0.0.0.0:0", "[::]:0"}) {
      CliRun r =
          CliRun.run(
              home, CliRun.withData(home.resolve("d"), "registry", "serve", "--listen", listen));
      assertThat(r.exitCode()).as(listen).isEqualTo(2);
      assertThat(r.err()).as(listen).contains("No TLS certificate");
    }
  }

  @Test
  void halfATlsPairIsAUsageError() {
    CliRun r =
        CliRun.run(
            home,
            CliRun.withData(home.resolve("d"), "registry", "serve", "--tls-cert", "/nonexistent"));
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--tls-cert and --tls-key together");
  }

  @Test
  void listenAddressesParse() {
    assertThat(RegistryServeCommand.address("[::1]:5000").getAddress().isLoopbackAddress())
        .isTrue();
    assertThat(RegistryServeCommand.address("127.0.0.1:0").getPort()).isZero();
    for (String bad : new String[] {"5000", "host:", "h:70000", "h:x"}) {
      CliRun r =
          CliRun.run(
              home, CliRun.withData(home.resolve("d"), "registry", "serve", "--listen", bad));
      assertThat(r.exitCode()).as(bad).isEqualTo(2);
      assertThat(r.err()).as(bad).contains("--listen");
    }
  }

  @Test
  @Timeout(120)
  void servesTlsWithTheDefaultPkiCertificateUntilInterrupted() throws Exception {
    Path data = home.resolve("data");
    CertificateAuthority ca =
        CertificateAuthority.init(
            data.resolve("pki"), CaOptions.defaults(), null, Clock.systemUTC());
    ca.unlock(null).issue(IssueRequest.server("registry").sans("IP:127.0.0.1").build());

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context =
        new CliContext(
            Map.of(),
            Clock.systemUTC(),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            home,
            false);
    AtomicInteger exit = new AtomicInteger(-1);
    Thread serving =
        Thread.ofVirtual()
            .start(
                () ->
                    exit.set(
                        Drydock.run(
                            context,
                            "registry",
                            "serve",
                            "--listen",
                            "127.0.0.1:0",
                            "--data",
                            data.toString())));
    URI base = null;
    for (int i = 0; i < 600 && base == null && serving.isAlive(); i++) {
      Matcher m = SERVING.matcher(out.toString());
      if (m.find()) {
        base = URI.create(m.group(1));
      } else {
        Thread.sleep(50);
      }
    }
    assertThat(base).as(out + " / " + err).isNotNull();
    URI served = java.util.Objects.requireNonNull(base);
    assertThat(served.getScheme()).isEqualTo("https");
    try (HttpClient http = HttpClient.newBuilder().sslContext(TrustingTls.trusting(ca)).build()) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(served.resolve("/v2/")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
      assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow())
          .startsWith("Bearer realm=\"" + served + "/auth/token\"");
      // The first start's administrator logs in with the generated secret.
      Path secretFile = data.resolve("registry").resolve("admin.secret");
      String secret = Files.readString(secretFile).strip();
      String basic =
          java.util.Base64.getEncoder()
              .encodeToString(
                  ("admin:" + secret).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      HttpResponse<String> token =
          http.send(
              HttpRequest.newBuilder(served.resolve("/auth/token?service=drydock-registry"))
                  .header("Authorization", "Basic " + basic)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
      String bearer =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(token.body())
              .get("token")
              .textValue();
      HttpResponse<String> authed =
          http.send(
              HttpRequest.newBuilder(served.resolve("/v2/"))
                  .header("Authorization", "Bearer " + bearer)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(authed.statusCode()).isEqualTo(200);
    }
    assertThat(out.toString()).contains("Token authentication at", "admin.secret");

    CliRun busy = CliRun.run(home, CliRun.withData(data, "registry", "gc"));
    assertThat(busy.exitCode()).isEqualTo(3);
    assertThat(busy.err()).contains("stop it before collecting garbage");

    serving.interrupt();
    serving.join(30_000);
    assertThat(exit.get()).isZero();
    assertThat(Files.exists(data.resolve("registry").resolve("blobs"))).isTrue();

    CliRun gc = CliRun.run(home, CliRun.withData(data, "registry", "gc", "--grace", "PT0S"));
    assertThat(gc.exitCode()).as(gc.err()).isZero();
    assertThat(gc.out()).contains("deleted 0 blobs");
  }

  @Test
  @Timeout(120)
  void revokedClientCertificatesAreRefusedAndGoodOnesLogIn() throws Exception {
    Path data = home.resolve("data");
    CertificateAuthority ca =
        CertificateAuthority.init(
            data.resolve("pki"), CaOptions.defaults(), null, Clock.systemUTC());
    var issuer = ca.unlock(null);
    issuer.issue(IssueRequest.server("registry").sans("IP:127.0.0.1").build());
    var good = issuer.issue(IssueRequest.client("carol").build());
    var revoked = issuer.issue(IssueRequest.client("dave").build());
    issuer.revoke(revoked.serial(), dev.drydock.pki.RevocationReason.KEY_COMPROMISE);

    StringWriter out = new StringWriter();
    CliContext context =
        new CliContext(
            Map.of(),
            Clock.systemUTC(),
            new PrintWriter(out, true),
            new PrintWriter(new StringWriter(), true),
            home,
            false);
    Thread serving =
        Thread.ofVirtual()
            .start(
                () ->
                    Drydock.run(
                        context,
                        "registry",
                        "serve",
                        "--listen",
                        "127.0.0.1:0",
                        "--data",
                        data.toString()));
    try {
      URI base = null;
      for (int i = 0; i < 600 && base == null && serving.isAlive(); i++) {
        Matcher m = SERVING.matcher(out.toString());
        if (m.find()) {
          base = URI.create(m.group(1));
        } else {
          Thread.sleep(50);
        }
      }
      URI served = java.util.Objects.requireNonNull(base, out::toString);
      // The accounts exist; the registry's embedded database accepts a second connection.
      try (var db = dev.drydock.registry.JdbcDatabase.open("h2", data.resolve("registry"), null)) {
        var hasher = new dev.drydock.registry.PasswordHasher();
        for (String name : new String[] {"carol", "dave"}) {
          db.securityStore()
              .createAccount(
                  new dev.drydock.registry.SecurityStore.Account(
                      name,
                      dev.drydock.registry.SecurityStore.AccountKind.USER,
                      hasher.hash("unused-password-1".toCharArray()),
                      false,
                      false,
                      java.time.Instant.now(Clock.systemUTC()),
                      null,
                      null,
                      java.util.Set.of()));
        }
      }
      URI tokenUri = served.resolve("/auth/token?service=drydock-registry");
      try (HttpClient http =
          HttpClient.newBuilder()
              .sslContext(
                  dev.drydock.pki.TlsContext.client(
                          dev.drydock.pki.TlsOptions.of(good.tlsFiles()), Clock.systemUTC())
                      .sslContext())
              .build()) {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(tokenUri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      }
      try (HttpClient http =
          HttpClient.newBuilder()
              .sslContext(
                  dev.drydock.pki.TlsContext.client(
                          dev.drydock.pki.TlsOptions.of(revoked.tlsFiles()), Clock.systemUTC())
                      .sslContext())
              .build()) {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () ->
                    http.send(
                        HttpRequest.newBuilder(tokenUri).build(),
                        HttpResponse.BodyHandlers.ofString()))
            .isInstanceOf(java.io.IOException.class);
      }
    } finally {
      serving.interrupt();
      serving.join(30_000);
    }
  }
}
