package dev.drydock.cli;

import static dev.drydock.cli.CliRun.withData;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.pki.CaOptions;
import dev.drydock.pki.CertificateAuthority;
import dev.drydock.pki.IssueRequest;
import dev.drydock.pki.IssuedCertificate;
import dev.drydock.pki.TlsOptions;
import dev.drydock.pki.TlsVersions;
import dev.drydock.registry.PasswordHasher;
import dev.drydock.registry.RegistryConfig;
import dev.drydock.registry.Role;
import dev.drydock.registry.SecurityStore;
import dev.drydock.registry.SecurityStore.Account;
import dev.drydock.registry.SecurityStore.AccountKind;
import dev.drydock.registry.SecurityStore.Project;
import dev.drydock.registry.SecurityStore.ProjectPolicy;
import dev.drydock.registry.TrustPullGate;
import dev.drydock.registry.TrustedRegistry;
import dev.drydock.trust.TrustKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The trusted registry as {@code drydock registry serve} assembles it, served over TLS on {@code
 * ::1} under a host name from the hosts file (dockerd skips TLS checks for 127.0.0.0/8), with a
 * certificate from drydock's CA that the daemon trusts through {@code
 * /etc/docker/certs.d/<host:port>/ca.crt}. The data directory also holds the dev and prod keys the
 * trust gate reads, and the vulnerability database the scan on push uses. {@link #close()} removes
 * the hosts entry and the certs.d directory again.
 */
final class TrustedRegistrySite implements AutoCloseable {
  static final Path HOSTS = Path.of("/etc/hosts");
  static final Path CERTS_D = Path.of("/etc/docker/certs.d");
  static final String KEY_PASSWORD = "s3cret";

  /** Users and their passwords; each logs in with its own client configuration. */
  static final Map<String, String> USERS =
      Map.of("alice", "Alice-pw-1", "bob", "Bob-pw-1", "guest", "Guest-pw-1");

  /** {@return the password of {@code user}} */
  static String password(String user) {
    return Objects.requireNonNull(USERS.get(user), user);
  }

  final Path home;
  final Path data;
  final String host;
  final Path caFile;
  final TrustedRegistry registry;
  final String authority;
  final Path certDir;
  private final String hostsLine;
  private final boolean createdCertsD;

  private TrustedRegistrySite(
      Path home,
      String host,
      Path caFile,
      TrustedRegistry registry,
      String hostsLine,
      boolean createdCertsD) {
    this.home = home;
    this.data = home.resolve("data");
    this.host = host;
    this.caFile = caFile;
    this.registry = registry;
    this.authority = host + ":" + registry.server().address().getPort();
    this.certDir = CERTS_D.resolve(authority);
    this.hostsLine = hostsLine;
    this.createdCertsD = createdCertsD;
  }

  /**
   * Generates the keys (dev {@code ci}, prod {@code rel}) and the vulnerability database under
   * {@code home/data}, then starts the registry and makes its host name and CA known.
   */
  static TrustedRegistrySite start(Path home, String runId) throws Exception {
    Path data = home.resolve("data");
    for (String[] key : new String[][] {{"dev", "ci"}, {"prod", "rel"}}) {
      SigningCommandsTest.assertOk(
          CliRun.run(
              home,
              keyEnv(),
              Clock.systemUTC(),
              withData(data, "key", "generate", "--env", key[0], key[1], "--kdf", "legacy")));
    }
    Path advisories = Files.createDirectories(home.resolve("advisories"));
    // Log4Shell only: the one advisory the vulnerable test image matches (see e2e-osv/ATTRIBUTION).
    try (InputStream in =
        Objects.requireNonNull(
            TrustedRegistrySite.class.getResourceAsStream(
                "/dev/drydock/cli/e2e-osv/GHSA-jfh8-c2jp-5v3q.json"))) {
      Files.write(advisories.resolve("GHSA-jfh8-c2jp-5v3q.json"), in.readAllBytes());
    }
    SigningCommandsTest.assertOk(
        CliRun.run(home, withData(data, "db", "update", "--from", advisories.toString())));

    String host = "ddt-" + runId.toLowerCase(Locale.ROOT) + ".trusted.test";
    CertificateAuthority ca =
        CertificateAuthority.init(
            home.resolve("pki"), CaOptions.defaults(), null, Clock.systemUTC());
    IssuedCertificate server =
        ca.unlock(null)
            .issue(IssueRequest.server("registry").sans("DNS:" + host, "IP:::1").build());
    InetAddress ipv6Loopback =
        InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
    // As RegistryServeCommand configures it: TLS 1.2 and 1.3, token authentication on.
    RegistryConfig config =
        RegistryConfig.tls(
            new InetSocketAddress(ipv6Loopback, 0),
            TlsOptions.of(server.tlsFiles()).withVersions(TlsVersions.TLS_1_2_AND_1_3),
            Clock.systemUTC());
    TrustedRegistry registry =
        TrustedRegistry.start(
            config,
            new TrustedRegistry.Options(
                data.resolve("registry"),
                "h2",
                null,
                null,
                TrustPullGate.Keyring.of(
                    new TrustKeys(data, Clock.systemUTC(), new SecureRandom())),
                data.resolve("db"),
                1));
    String hostsLine = "::1 " + host;
    boolean createdCertsD = !Files.exists(CERTS_D);
    TrustedRegistrySite site =
        new TrustedRegistrySite(
            home, host, ca.rootCertificateFile(), registry, hostsLine, createdCertsD);
    try {
      Files.writeString(
          HOSTS,
          Files.readString(HOSTS, StandardCharsets.UTF_8) + hostsLine + "\n",
          StandardCharsets.UTF_8);
      Files.createDirectories(site.certDir);
      Files.copy(site.caFile, site.certDir.resolve("ca.crt"));
      site.accounts();
    } catch (Exception | AssertionError e) {
      site.close();
      throw e;
    }
    return site;
  }

  static Map<String, String> keyEnv() {
    Map<String, String> env = new HashMap<>();
    env.put(SigningPassword.ENV, KEY_PASSWORD);
    return env;
  }

  /**
   * {@code dev} (developer alice, developer bob, guest guest), {@code prod} (trust prod, immutable
   * tags; maintainer bob) and {@code scanned} (HIGH and above blocked, unscanned refused; developer
   * alice).
   */
  private void accounts() throws Exception {
    SecurityStore store = registry.accounts();
    PasswordHasher hasher = new PasswordHasher();
    for (var user : USERS.entrySet()) {
      store.createAccount(
          new Account(
              user.getKey(),
              AccountKind.USER,
              hasher.hash(user.getValue().toCharArray()),
              false,
              false,
              Clock.systemUTC().instant(),
              null,
              null,
              Set.of()));
    }
    store.createProject(new Project("dev", false, ProjectPolicy.NONE, -1));
    store.createProject(
        new Project("prod", false, new ProjectPolicy("prod", null, false, true), -1));
    store.createProject(
        new Project(
            "scanned",
            false,
            new ProjectPolicy(null, dev.drydock.model.Severity.HIGH, true, false),
            -1));
    store.setMember("dev", "alice", Role.DEVELOPER);
    store.setMember("dev", "bob", Role.DEVELOPER);
    store.setMember("dev", "guest", Role.GUEST);
    store.setMember("prod", "bob", Role.MAINTAINER);
    store.setMember("scanned", "alice", Role.DEVELOPER);
  }

  /** {@return a directory for {@code user}'s Docker client configuration (empty until login)} */
  Path dockerConfig(String user) throws Exception {
    return Files.createDirectories(home.resolve("docker-" + user));
  }

  /** {@return the trust policy: dev key ci for dev/**, prod key rel for prod/**} */
  Path policy() throws Exception {
    Path policy = home.resolve("policy.yaml");
    Files.writeString(
        policy,
        String.format(
            Locale.ROOT,
            """
            version: 1
            scopes:
              - match: "%1$s/dev/**"
                environment: dev
                require:
                  - keys: [ci]
              - match: "%1$s/prod/**"
                environment: prod
                require:
                  - keys: [rel]
            """,
            authority));
    return policy;
  }

  /** Runs the drydock CLI in-process as {@code user} (docker config from {@code docker login}). */
  CliRun cli(String user, String... args) throws Exception {
    Map<String, String> env = keyEnv();
    env.put("DOCKER_CONFIG", dockerConfig(user).toString());
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.add("--registry-ca");
    all.add(caFile.toString());
    return CliRun.run(home, env, Clock.systemUTC(), withData(data, all.toArray(String[]::new)));
  }

  @Override
  public void close() throws IOException {
    try {
      registry.close();
      Files.deleteIfExists(certDir.resolve("ca.crt"));
      Files.deleteIfExists(certDir);
      if (createdCertsD) {
        try {
          Files.deleteIfExists(CERTS_D);
        } catch (DirectoryNotEmptyException another) {
          // another test's registry uses it now: it is theirs to remove
        }
      }
    } finally {
      String hosts =
          Files.readString(HOSTS, StandardCharsets.UTF_8)
              .lines()
              .filter(line -> !line.equals(hostsLine))
              .collect(Collectors.joining("\n", "", "\n"));
      Files.writeString(HOSTS, hosts, StandardCharsets.UTF_8);
    }
  }

  /** A jar holding only the Maven metadata of log4j-core 2.14.1 (Log4Shell). */
  Path log4jJar() throws Exception {
    Path jar = home.resolve("log4j-core-2.14.1.jar");
    if (Files.exists(jar)) {
      return jar;
    }
    try (OutputStream file = Files.newOutputStream(jar);
        ZipOutputStream zip = new ZipOutputStream(file)) {
      zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
      zip.write("Manifest-Version: 1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      zip.closeEntry();
      zip.putNextEntry(
          new ZipEntry("META-INF/maven/org.apache.logging.log4j/log4j-core/pom.properties"));
      zip.write(
          "groupId=org.apache.logging.log4j\nartifactId=log4j-core\nversion=2.14.1\n"
              .getBytes(StandardCharsets.US_ASCII));
      zip.closeEntry();
    }
    return jar;
  }

  record Result(int code, String out) {}

  static Result exec(Path dir, Map<String, String> env, List<String> command) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + command);
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  /** Fails with the command's output unless it succeeded. */
  static void assertSucceeded(dev.drydock.testkit.CommandResult r) {
    assertThat(r.succeeded()).as(r.command() + "\n" + r.stdout() + r.stderr()).isTrue();
  }
}
