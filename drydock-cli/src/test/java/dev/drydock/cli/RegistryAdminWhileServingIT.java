package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.pki.CaOptions;
import dev.drydock.pki.CertificateAuthority;
import dev.drydock.pki.IssueRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The administration commands change accounts while {@code registry serve} runs in another process
 * (the packaged {@code target/drydock.jar}): the embedded H2 database's automatic mixed mode lets
 * both use it, and logins see each change at once.
 */
class RegistryAdminWhileServingIT {
  private static final Pattern SERVING = Pattern.compile("serving (https://\\S+) from");

  @TempDir Path home;

  @Test
  @Timeout(180)
  void accountsChangedByTheCliTakeEffectInTheRunningRegistry() throws Exception {
    Path data = home.resolve("data");
    CertificateAuthority ca =
        CertificateAuthority.init(
            data.resolve("pki"), CaOptions.defaults(), null, Clock.systemUTC());
    ca.unlock(null).issue(IssueRequest.server("registry").sans("IP:127.0.0.1").build());
    Path jar = Path.of("target", "drydock.jar").toAbsolutePath();
    assertThat(jar).as("packaged CLI").exists();
    String java = ProcessHandle.current().info().command().orElse("java");
    Path log = home.resolve("serve.log");
    Process serve =
        new ProcessBuilder(
                List.of(
                    java,
                    "-jar",
                    jar.toString(),
                    "registry",
                    "serve",
                    "--listen",
                    "127.0.0.1:0",
                    "--data",
                    data.toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      URI base = awaitServing(serve, log);
      RegistryAdminRun cli = new RegistryAdminRun(home, data, Clock.systemUTC());
      Path pw = home.resolve("pw");
      Files.writeString(pw, "alice-long-password\n");
      cli.ok("user", "add", "alice", "--password-file", pw.toString());

      try (HttpClient http = HttpClient.newBuilder().sslContext(TrustingTls.trusting(ca)).build()) {
        assertThat(token(http, base, "alice", "alice-long-password")).isEqualTo(200);
        assertThat(token(http, base, "alice", "wrong-password-123")).isEqualTo(401);
        cli.ok("user", "disable", "alice");
        assertThat(token(http, base, "alice", "alice-long-password")).isEqualTo(401);
        cli.ok("user", "enable", "alice");
        assertThat(token(http, base, "alice", "alice-long-password")).isEqualTo(200);
      }
      // The server's login events and the CLI's changes are in one trail.
      String audit = cli.ok("audit");
      assertThat(audit)
          .contains("user add alice", "user disable alice", "cli:tester")
          .containsPattern("login\\s+alice.*allowed")
          .containsPattern("login\\s+alice.*denied");
    } finally {
      serve.destroy();
      if (!serve.waitFor(30, TimeUnit.SECONDS)) {
        serve.destroyForcibly();
      }
    }
  }

  private static URI awaitServing(Process serve, Path log) throws Exception {
    for (int i = 0; i < 1200 && serve.isAlive(); i++) {
      String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
      Matcher m = SERVING.matcher(text);
      if (m.find()) {
        return URI.create(m.group(1));
      }
      Thread.sleep(50);
    }
    throw new AssertionError("serve did not start: " + Files.readString(log));
  }

  private static int token(HttpClient http, URI base, String user, String password)
      throws Exception {
    String basic =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(base.resolve("/auth/token?service=drydock-registry"))
                .header("Authorization", "Basic " + basic)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return r.statusCode();
  }
}
