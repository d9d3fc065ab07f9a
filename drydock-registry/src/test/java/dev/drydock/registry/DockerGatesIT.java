package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Digest;
import dev.drydock.model.ImageRef;
import dev.drydock.oci.RegistryCredentials;
import dev.drydock.oci.RegistryOptions;
import dev.drydock.registry.SecurityStore.Project;
import dev.drydock.registry.SecurityStore.ProjectPolicy;
import dev.drydock.testkit.CommandResult;
import dev.drydock.testkit.DockerCli;
import dev.drydock.testkit.TestDocker;
import dev.drydock.trust.Environment;
import dev.drydock.trust.ImageSigning;
import dev.drydock.trust.KdfStrength;
import dev.drydock.trust.KeyAlgorithm;
import dev.drydock.trust.RegistrySignatureStore;
import dev.drydock.trust.TrustKeys;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trust gate as the real docker client meets it: a pull of an unsigned image is refused with
 * the gate's message, and succeeds once a prod signature is attached (as {@code drydock promote}
 * attaches it).
 */
class DockerGatesIT {
  @RegisterExtension static final TestDocker DOCKER = TestDocker.create(System.getenv());
  private static final char[] PASSWORD = "it".toCharArray();

  @TempDir Path data;
  @TempDir Path keyDir;

  @Test
  void dockerPullShowsTheRefusalAndPullsOnceSigned() throws Exception {
    MutableClock clock = new MutableClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));
    TrustKeys keys = new TrustKeys(keyDir, clock, new SecureRandom());
    keys.generate(
        "release",
        Environment.PROD,
        KeyAlgorithm.ECDSA_P256,
        Duration.ofDays(30),
        PASSWORD,
        KdfStrength.LEGACY);
    DockerCli docker = DOCKER.cli();
    String source = DOCKER.images().busybox();
    String project = "ddt-" + DOCKER.runId().toLowerCase(Locale.ROOT);
    try (GatedRegistry g =
        GatedRegistry.start(
            data,
            s ->
                List.of(
                    new TrustPullGate(
                        TrustPullGate.Keyring.of(keys),
                        s.blobs(),
                        s.metadata(),
                        s.config().maxManifestBytes(),
                        clock)))) {
      g.project(new Project(project, false, new ProjectPolicy("prod", null, false, true), -1));
      String host = "127.0.0.1:" + g.registry.server.address().getPort();
      String ref = host + "/" + project + "/busybox:1";
      // An image of its own (the daemon must not hold it after rmi: docker 20.10 skips the
      // manifest GET, and so the gate, when the HEAD names a digest it already has).
      String container = project + "-gates";
      docker.run("create", "--name", container, source);
      try {
        docker.run("commit", "--change", "LABEL ddt.gates=" + project, container, ref);
      } finally {
        docker.tryRun(DockerCli.DEFAULT_TIMEOUT, List.of("rm", container));
      }
      try {
        String pushed = docker.run("push", ref);
        Matcher m = Pattern.compile("digest: (sha256:[0-9a-f]{64})").matcher(pushed);
        assertThat(m.find()).as(pushed).isTrue();
        Digest digest = Digest.parse(m.group(1));
        docker.run("rmi", ref);

        CommandResult refused = docker.tryRun(DockerCli.DEFAULT_TIMEOUT, List.of("pull", ref));
        assertThat(g.registry.get("/v2/" + project + "/busybox/manifests/1").statusCode())
            .isEqualTo(403);
        assertThat(refused.exitCode()).as(refused.stdout() + refused.stderr()).isNotZero();
        assertThat(refused.stderr())
            .contains(
                "denied: denied by policy trust:prod: image "
                    + digest
                    + " has no signature: sign it with a prod key (drydock promote)");

        new RegistrySignatureStore(
                new RegistryOptions(
                    RegistryCredentials.anonymous(), null, true, Duration.ofSeconds(10)),
                clock)
            .append(
                ImageRef.parse(host + "/" + project + "/busybox@" + digest),
                digest,
                new ImageSigning(clock)
                    .cosignBundle(digest, keys.signer(Environment.PROD, "release", PASSWORD)));
        assertThat(docker.run("pull", ref)).contains(digest.toString());
      } finally {
        docker.tryRun(DockerCli.DEFAULT_TIMEOUT, List.of("rmi", ref));
      }
    }
  }
}
