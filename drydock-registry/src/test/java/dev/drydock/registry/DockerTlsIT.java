package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.pki.TlsOptions;
import dev.drydock.testkit.DockerCli;
import dev.drydock.testkit.TestDocker;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker push and pull with TLS verification through the real daemon. dockerd skips TLS checks for
 * 127.0.0.0/8, so the registry listens on {@code ::1} under a host name from the hosts file, and
 * the daemon trusts drydock's CA through {@code /etc/docker/certs.d/<host:port>/ca.crt}, which
 * needs no restart. Both entries are removed afterwards.
 */
class DockerTlsIT {
  private static final Path HOSTS = Path.of("/etc/hosts");
  private static final Path CERTS_D = Path.of("/etc/docker/certs.d");

  @RegisterExtension static final TestDocker DOCKER = TestDocker.create(System.getenv());

  @TempDir Path dir;

  private static int logins(RecordingAuditLog audit) {
    return (int)
        audit.events().stream().filter(e -> e.operation() == AuditLog.Operation.LOGIN).count();
  }

  @Test
  void pushAndPullVerifyTheDrydockCertificate() throws Exception {
    DockerCli docker = DOCKER.cli();
    String source = DOCKER.images().busybox();
    String id = docker.run("image", "inspect", "--format", "{{.Id}}", source).strip();
    String host = "ddt-" + DOCKER.runId().toLowerCase(Locale.ROOT) + ".registry.test";
    TlsFixture tls = TlsFixture.create(dir, "DNS:" + host, "IP:::1");
    InetAddress ipv6Loopback =
        InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
    // The certificate push below is the administrator's: that needs adminCertificates on.
    RegistryConfig config =
        RegistryConfig.tls(
                new InetSocketAddress(ipv6Loopback, 0),
                TlsOptions.of(tls.server.tlsFiles()),
                Clock.systemUTC())
            .withAuth(RegistryConfig.Auth.ON.withAdminCertificates(true));
    String hostsLine = "::1 " + host;
    boolean createdCertsD = !Files.exists(CERTS_D);
    RecordingAuditLog audit = new RecordingAuditLog();
    // A private client configuration, so that the login does not touch the user's.
    String clientConfig = Files.createDirectories(dir.resolve("docker-config")).toString();
    try (RegistryServer server =
        RegistryServer.start(
            config,
            dir.resolve("data"),
            AccessPolicy.OPEN,
            new RegistryServer.Security(new MemorySecurityStore(), new TestSecrets(), audit))) {
      String authority = host + ":" + server.address().getPort();
      Path certDir = CERTS_D.resolve(authority);
      String ref = authority + "/secure/busybox:1";
      String certRef = authority + "/secure/cert:1";
      String untrustedRef = host + ":" + server.address().getPort() + "/secure/untrusted:1";
      Files.writeString(
          HOSTS,
          Files.readString(HOSTS, StandardCharsets.UTF_8) + hostsLine + "\n",
          StandardCharsets.UTF_8);
      try {
        // Before the CA is installed, the daemon refuses the certificate.
        docker.run("tag", source, untrustedRef);
        var refused = docker.tryRun(DockerCli.DEFAULT_TIMEOUT, List.of("push", untrustedRef));
        assertThat(refused.succeeded()).isFalse();
        assertThat(refused.stdout() + refused.stderr()).contains("x509");

        Files.createDirectories(certDir);
        Files.copy(tls.ca.rootCertificateFile(), certDir.resolve("ca.crt"));
        docker.run("tag", source, ref);
        // Without a login the registry's challenge is not met.
        var anonymous =
            docker.tryRun(
                DockerCli.DEFAULT_TIMEOUT, List.of("--config", clientConfig, "push", ref));
        assertThat(anonymous.succeeded()).isFalse();
        assertThat(anonymous.stdout() + anonymous.stderr())
            .containsAnyOf("unauthorized", "denied", "authentication required");
        var wrong =
            docker.tryRun(
                DockerCli.DEFAULT_TIMEOUT,
                List.of(
                    "--config", clientConfig, "login", "-u", "admin", "-p", "wrong", authority));
        assertThat(wrong.succeeded()).isFalse();

        // docker login: GET /auth/token with Basic and offline_token=true; the refresh token
        // becomes the CLI's identity token, which push and pull then trade for access tokens
        // with POST grant_type=refresh_token.
        String secret = TestRegistry.adminSecret(dir.resolve("data"));
        assertThat(
                docker.run(
                    "--config", clientConfig, "login", "-u", "admin", "-p", secret, authority))
            .contains("Login Succeeded");
        assertThat(Files.readString(Path.of(clientConfig, "config.json")))
            .contains("identitytoken");
        // Only the identity token is kept, never the secret: push and pull use the refresh grant.
        assertThat(Files.readString(Path.of(clientConfig, "config.json")))
            .doesNotContain(
                java.util.Base64.getEncoder()
                    .encodeToString(("admin:" + secret).getBytes(StandardCharsets.UTF_8)));
        assertThat(docker.run("--config", clientConfig, "push", ref)).contains("digest: sha256:");
        docker.run("rmi", ref);
        docker.run("--config", clientConfig, "pull", ref);
        assertThat(audit.events())
            .filteredOn(e -> e.allowed() && e.operation() == AuditLog.Operation.PUSH)
            .isNotEmpty()
            .allMatch(e -> e.principal().equals("admin") && e.digest() != null);
        assertThat(docker.run("image", "inspect", "--format", "{{.Id}}", ref).strip())
            .isEqualTo(id);

        // mTLS: a client certificate from the drydock CA in certs.d names the account; with it
        // and no login at all the daemon pushes, and the registry never challenges it.
        var certificate = tls.client("admin");
        // The chain, not the leaf alone: the client matches it against the CA the server names.
        Files.copy(certificate.chainFile(), certDir.resolve("client.cert"));
        Files.copy(certificate.keyFile(), certDir.resolve("client.key"));
        String emptyConfig = Files.createDirectories(dir.resolve("no-login")).toString();
        docker.run("tag", source, certRef);
        int loginsBefore = logins(audit);
        var certPush =
            docker.tryRun(
                DockerCli.DEFAULT_TIMEOUT, List.of("--config", emptyConfig, "push", certRef));
        assertThat(certPush.succeeded()).as(certPush.stderr() + audit.events()).isTrue();
        assertThat(logins(audit)).isEqualTo(loginsBefore);
        assertThat(audit.events())
            .filteredOn(
                e ->
                    e.allowed()
                        && e.operation() == AuditLog.Operation.PUSH
                        && "secure/cert".equals(e.repository()))
            .singleElement()
            .satisfies(e -> assertThat(e.principal()).isEqualTo("admin"));
      } finally {
        docker.tryRun(DockerCli.DEFAULT_TIMEOUT, List.of("rmi", ref));
        docker.tryRun(DockerCli.DEFAULT_TIMEOUT, List.of("rmi", certRef));
        Files.deleteIfExists(certDir.resolve("client.cert"));
        Files.deleteIfExists(certDir.resolve("client.key"));
        docker.tryRun(DockerCli.DEFAULT_TIMEOUT, List.of("rmi", untrustedRef));
        Files.deleteIfExists(certDir.resolve("ca.crt"));
        Files.deleteIfExists(certDir);
        if (createdCertsD) {
          Files.deleteIfExists(CERTS_D);
        }
        String hosts =
            Files.readString(HOSTS, StandardCharsets.UTF_8)
                .lines()
                .filter(line -> !line.equals(hostsLine))
                .collect(Collectors.joining("\n", "", "\n"));
        Files.writeString(HOSTS, hosts, StandardCharsets.UTF_8);
      }
    }
  }
}
