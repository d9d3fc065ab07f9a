package dev.drydock.cli;

import static dev.drydock.cli.TrustedRegistrySite.assertSucceeded;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.model.Digest;
import dev.drydock.oci.RegistryClient;
import dev.drydock.oci.RegistryCredentials;
import dev.drydock.oci.RegistryOptions;
import dev.drydock.registry.AuditLog;
import dev.drydock.testkit.CommandResult;
import dev.drydock.testkit.DockerCli;
import dev.drydock.testkit.TestDocker;
import dev.drydock.trust.Environment;
import dev.drydock.trust.ImageSigning;
import dev.drydock.trust.TrustKeys;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trusted registry (issue 6) against real clients: the docker CLI through the daemon with TLS
 * verification, podman, sigstore-js, and drydock's own scan, sign, verify and promote; the
 * registry's refusals (RBAC, trust gate, vulnerability gate) as each client shows them.
 *
 * <p>Debian packages: docker.io, podman, nodejs, npm; the npm registry for {@code
 * @sigstore/oci@0.6.0}. Runs as root (it edits /etc/hosts and /etc/docker/certs.d, and removes
 * its entries afterwards).
 */
class TrustedRegistryIT {
  @RegisterExtension static final TestDocker DOCKER = TestDocker.create(System.getenv());
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final Pattern PUSHED = Pattern.compile("digest: (sha256:[0-9a-f]{64})");

  @TempDir static Path home;
  static TrustedRegistrySite site;
  static DockerCli docker;
  static String prefix;
  static final List<String> IMAGES = new ArrayList<>();
  static final AtomicInteger COUNTER = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    docker = DOCKER.cli();
    DOCKER.images().busybox();
    prefix = "ddt-" + DOCKER.runId().toLowerCase(Locale.ROOT);
    site = TrustedRegistrySite.start(home, DOCKER.runId());
    for (String user : TrustedRegistrySite.USERS.keySet()) {
      String login =
          docker.run(
              "--config",
              site.dockerConfig(user).toString(),
              "login",
              "-u",
              user,
              "-p",
              TrustedRegistrySite.password(user),
              site.authority);
      assertThat(login).contains("Login Succeeded");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (docker != null) {
      for (String image : IMAGES) {
        docker.tryRun(DockerCli.DEFAULT_TIMEOUT, List.of("rmi", image));
      }
    }
    if (site != null) {
      site.close();
    }
  }

  /**
   * {@return a new local image {@code <authority>/<repository>:<tag>}, unique to this run and call
   * (the daemon skips the manifest GET, and so the gates, for a digest it holds already)}
   *
   * @param jar a file to add at {@code /}, or null
   */
  static String image(String repository, String tag, @Nullable Path jar) throws Exception {
    String ref = site.authority + "/" + repository + ":" + tag;
    String container = prefix + "-img-" + COUNTER.incrementAndGet();
    docker.run("create", "--name", container, dev.drydock.testkit.TestImages.BUSYBOX);
    try {
      if (jar != null) {
        docker.run("cp", jar.toString(), container + ":/" + jar.getFileName());
      }
      docker.run("commit", "--change", "LABEL ddt.image=" + container, container, ref);
    } finally {
      docker.tryRun(DockerCli.DEFAULT_TIMEOUT, List.of("rm", container));
    }
    IMAGES.add(ref);
    return ref;
  }

  static String image(String repository, String tag) throws Exception {
    return image(repository, tag, null);
  }

  /** {@code docker push} as {@code user}; {@return the pushed manifest's digest} */
  static Digest push(String user, String ref) throws Exception {
    String out = docker.run("--config", site.dockerConfig(user).toString(), "push", ref);
    Matcher m = PUSHED.matcher(out);
    assertThat(m.find()).as(out).isTrue();
    return Digest.parse(m.group(1));
  }

  static CommandResult pull(String user, String ref) throws Exception {
    return docker.tryRun(
        DockerCli.DEFAULT_TIMEOUT,
        List.of("--config", site.dockerConfig(user).toString(), "pull", ref));
  }

  @Test
  void developerPushesAndPullsBackThroughTheDaemonWithTlsVerification() throws Exception {
    String tag = "push-" + DOCKER.runId().toLowerCase(Locale.ROOT);
    String ref = image("dev/app", tag);
    String id = docker.run("image", "inspect", "--format", "{{.Id}}", ref).strip();
    push("alice", ref);
    docker.run("rmi", ref);
    CommandResult pulled = pull("alice", ref);
    assertSucceeded(pulled);
    assertThat(docker.run("image", "inspect", "--format", "{{.Id}}", ref).strip()).isEqualTo(id);
  }

  @Test
  void guestPushIsRefusedWithAClearError() throws Exception {
    String ref = image("dev/guest", "1");
    CommandResult refused =
        docker.tryRun(
            DockerCli.DEFAULT_TIMEOUT,
            List.of("--config", site.dockerConfig("guest").toString(), "push", ref));
    assertThat(refused.succeeded()).as(refused.stdout()).isFalse();
    // docker 20.10 turns the registry's insufficient_scope challenge into a DENIED line whose
    // text is the challenge's error_description: the registry's own reason, not docker's generic
    // "requested access to the resource is denied".
    assertThat(refused.stderr())
        .contains("denied: the token does not grant 'push' on repository 'dev/guest'");
    // The registry's audit log keeps the reason.
    List<AuditLog.AuditEvent> denied =
        site.registry
            .audit()
            .query(new AuditLog.AuditQuery(null, null, "guest", "dev/guest", null, false, 100));
    assertThat(denied)
        .as("denied events of guest in dev/guest")
        .isNotEmpty()
        .anySatisfy(e -> assertThat(e.reason()).contains("'push' on repository 'dev/guest'"));
    // Pulling stays allowed for the guest.
    String pushed = image("dev/app", "guest-" + COUNTER.incrementAndGet());
    push("alice", pushed);
    docker.run("rmi", pushed);
    assertSucceeded(pull("guest", pushed));
  }

  @Test
  void unsignedProdImageIsRefusedUntilPromoted() throws Exception {
    String tag = "p" + COUNTER.incrementAndGet();
    String unsigned = image("prod/app", "unsigned-" + tag);
    // The same image goes to dev as well, to be signed there and promoted.
    String source = site.authority + "/dev/app:" + tag;
    docker.run("tag", unsigned, source);
    IMAGES.add(source);
    Digest digest = push("bob", unsigned);
    assertThat(push("bob", source)).isEqualTo(digest);
    docker.run("rmi", unsigned, source);

    CommandResult refused = pull("bob", unsigned);
    assertThat(refused.succeeded()).as(refused.stdout()).isFalse();
    assertThat(refused.stderr())
        .contains(
            "denied by policy trust:prod: image "
                + digest
                + " has no signature: sign it with a prod key (drydock promote)");

    SigningCommandsTest.assertOk(site.cli("bob", "sign", source, "--key", "ci"));
    String dest = site.authority + "/prod/app:" + tag;
    IMAGES.add(dest);
    CliRun promoted =
        site.cli(
            "bob",
            "promote",
            source,
            "--to",
            dest,
            "--key",
            "rel",
            "--policy",
            site.policy().toString());
    SigningCommandsTest.assertOk(promoted);
    assertThat(promoted.out()).contains("Promoted");
    // Signatures belong to the digest: the tag refused before now pulls too.
    CommandResult allowed = pull("bob", unsigned);
    assertSucceeded(allowed);
    assertThat(allowed.stdout()).contains(digest.toString());
    CommandResult promotedPull = pull("bob", dest);
    assertSucceeded(promotedPull);
  }

  @Test
  void vulnerableImageIsRefusedNamingTheCve() throws Exception {
    String ref = image("scanned/log4j", "1", site.log4jJar());
    Digest digest = push("alice", ref);
    docker.run("rmi", ref);
    String denied = "denied: denied by policy vulnerability:high: image " + digest;
    // The scan runs after the push; until it is done the pull is refused as pending.
    CommandResult refused = pull("alice", ref);
    for (int i = 0; i < 60 && !refused.stderr().contains("CVE-2021-44228"); i++) {
      assertThat(refused.succeeded()).as(refused.stdout()).isFalse();
      assertThat(refused.stderr()).contains(denied + " cannot be pulled yet");
      TimeUnit.MILLISECONDS.sleep(500);
      refused = pull("alice", ref);
    }
    assertThat(refused.succeeded()).as(refused.stdout()).isFalse();
    assertThat(refused.stderr())
        .contains(
            denied + " has 1 vulnerability at or above high: ",
            "CVE-2021-44228",
            "log4j-core 2.14.1",
            "upgrade the packages to the fixed versions and push again");
  }

  @Test
  void drydockScansSignsAndVerifiesThroughTheRegistry() throws Exception {
    String ref = image("dev/app", "scan-" + COUNTER.incrementAndGet(), site.log4jJar());
    Digest digest = push("alice", ref);
    CliRun scan = site.cli("alice", "scan", ref, "--source", "registry", "--format", "json");
    assertThat(scan.exitCode()).as(scan.err()).isZero();
    assertThat(scan.out()).contains("CVE-2021-44228", "log4j-core");
    CliRun signed = SigningCommandsTest.assertOk(site.cli("alice", "sign", ref, "--key", "ci"));
    assertThat(signed.out()).contains(digest.toString());
    JsonNode verified =
        MAPPER.readTree(
            SigningCommandsTest.assertOk(
                    site.cli(
                        "alice",
                        "verify",
                        ref,
                        "--env",
                        "dev",
                        "--policy",
                        site.policy().toString(),
                        "--format",
                        "json"))
                .out());
    assertThat(verified.get("digest").asText()).isEqualTo(digest.toString());
    assertThat(verified.get("signers").get(0).get("keyName").asText()).isEqualTo("ci");
    // the guest may read but not sign (a signature is a push)
    CliRun guest = site.cli("guest", "sign", ref, "--key", "ci");
    assertThat(guest.exitCode()).as(guest.out()).isNotZero();
  }

  @Test
  void podmanPullsWithTlsVerification() throws Exception {
    String ref = image("dev/podman", "1");
    Digest digest = push("alice", ref);
    TrustedRegistrySite.Result pulled =
        TrustedRegistrySite.exec(
            home,
            Map.of(),
            List.of(
                "podman",
                "pull",
                "--cert-dir",
                site.certDir.toString(),
                "--creds",
                "alice:" + TrustedRegistrySite.password("alice"),
                ref));
    try {
      assertThat(pulled.code()).as(pulled.out()).isZero();
      TrustedRegistrySite.Result inspect =
          TrustedRegistrySite.exec(
              home,
              Map.of(),
              List.of("podman", "image", "inspect", "--format", "{{.Digest}}", ref));
      assertThat(inspect.out().strip()).isEqualTo(digest.toString());
    } finally {
      TrustedRegistrySite.exec(home, Map.of(), List.of("podman", "rmi", "--force", ref));
    }
  }

  @Test
  void sigstoreJsAttachesABundleThroughTheReferrersApi() throws Exception {
    String ref = image("dev/attached", "1");
    Digest digest = push("alice", ref);
    Path node = Files.createDirectories(home.resolve("node"));
    try (InputStream in =
        Objects.requireNonNull(
            TrustedRegistryIT.class.getResourceAsStream(
                "/dev/drydock/cli/trusted/sigstore-attach.js"))) {
      Files.write(node.resolve("sigstore-attach.js"), in.readAllBytes());
    }
    // @sigstore/oci 0.6.0 requires promise-retry without declaring it.
    TrustedRegistrySite.Result npm =
        TrustedRegistrySite.exec(
            node,
            Map.of(),
            List.of(
                "npm",
                "install",
                "--no-audit",
                "--no-fund",
                "--no-save",
                "@sigstore/oci@0.6.0",
                "promise-retry@2.0.1"));
    assertThat(npm.code()).as(npm.out()).isZero();
    Clock clock = Clock.systemUTC();
    byte[] bundle =
        new ImageSigning(clock)
            .cosignBundle(
                digest,
                new TrustKeys(site.data, clock, new SecureRandom())
                    .signer(Environment.DEV, "ci", TrustedRegistrySite.KEY_PASSWORD.toCharArray()))
            .bytes();
    Path bundleFile = Files.write(home.resolve("bundle.json"), bundle);
    TrustedRegistrySite.Result attached =
        TrustedRegistrySite.exec(
            node,
            Map.of(
                "REGISTRY_USERNAME",
                "alice",
                "REGISTRY_PASSWORD",
                TrustedRegistrySite.password("alice"),
                "NODE_EXTRA_CA_CERTS",
                site.caFile.toString()),
            List.of(
                "node",
                "sigstore-attach.js",
                site.authority + "/dev/attached",
                digest.toString(),
                bundleFile.toString()));
    assertThat(attached.code()).as(attached.out()).isZero();
    assertThat(attached.out()).startsWith("ATTACHED sha256:");
    Digest referrer = Digest.parse(attached.out().strip().substring("ATTACHED ".length()));
    // Through the referrers API (the registry answered OCI-Subject), not the tag fallback.
    RegistryClient client =
        new RegistryClient(
            site.authority,
            new RegistryOptions(
                RegistryCredentials.basic("alice", TrustedRegistrySite.password("alice")),
                RegistryClient.trusting(site.caFile),
                false,
                Duration.ofSeconds(30)));
    assertThat(client.referrers("dev/attached", digest, null))
        .singleElement()
        .satisfies(d -> assertThat(d.digest()).isEqualTo(referrer));
    assertThat(client.tags("dev/attached")).containsExactly("1");
    JsonNode verified =
        MAPPER.readTree(
            SigningCommandsTest.assertOk(
                    site.cli(
                        "alice",
                        "verify",
                        ref,
                        "--env",
                        "dev",
                        "--policy",
                        site.policy().toString(),
                        "--format",
                        "json"))
                .out());
    assertThat(verified.get("signers").get(0).get("keyName").asText()).isEqualTo("ci");
    assertThat(verified.get("signers").get(0).get("format").asText()).isEqualTo("bundle");
  }
}
