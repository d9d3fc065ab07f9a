package dev.drydock.cli;

import static dev.drydock.cli.CliRun.withData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.model.Digest;
import dev.drydock.oci.OciException;
import dev.drydock.oci.RegistryClient;
import dev.drydock.oci.RegistryCredentials;
import dev.drydock.oci.RegistryOptions;
import dev.drydock.testkit.ReferenceRegistry;
import dev.drydock.testkit.TestDocker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code drydock sign|verify|promote} against Debian's docker-registry (distribution 2.8, no
 * referrers API, so bundles go through the {@code sha256-<hex>} tag fallback) on loopback; test
 * images pushed with skopeo. Debian packages: docker-registry, skopeo, apache2-utils, openssl.
 */
class SigningRegistryIT {
  @RegisterExtension static final TestDocker DOCKER = TestDocker.create(System.getenv());
  static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir static Path shared;
  static ReferenceRegistry registry;
  static String host;
  static RegistryClient client;

  @TempDir Path home;
  Path sigs;
  Path policy;
  Map<String, String> env = new HashMap<>();

  @BeforeAll
  static void start() throws Exception {
    registry =
        ReferenceRegistry.start(shared.resolve("registry"), ReferenceRegistry.Options.anonymous());
    host = registry.hostPort();
    client =
        new RegistryClient(
            host,
            new RegistryOptions(
                RegistryCredentials.anonymous(), null, true, Duration.ofSeconds(30)));
    SigningCommandsTest.keys(shared);
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  @BeforeEach
  void data() throws Exception {
    env.put(SigningPassword.ENV, "s3cret");
    sigs = home.resolve("sigs");
    SigningCommandsTest.copyTree(shared.resolve("data"), home.resolve("data"));
    policy = home.resolve("policy.yaml");
    Files.writeString(
        policy,
        String.format(
            Locale.ROOT,
            """
            version: 1
            scopes:
              - match: "%1$s/**"
                environment: dev
                require:
                  - keys: [ci, ci.pgp]
              - match: "%1$s/prod/**"
                environment: prod
                require:
                  - keys: [rel, rel.pgp]
            """,
            host));
  }

  static String push(String image, String repoAndTag) throws Exception {
    String ref = host + "/" + repoAndTag;
    run(
        List.of(
            "skopeo",
            "copy",
            "-q",
            "--dest-tls-verify=false",
            "docker-daemon:" + image,
            "docker://" + ref));
    return ref;
  }

  static String run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(command + ": " + out).isZero();
    return out;
  }

  CliRun cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (!args[0].equals("db")) {
      all.add("--insecure-http");
    }
    return CliRun.run(
        home, env, Clock.systemUTC(), withData(home.resolve("data"), all.toArray(String[]::new)));
  }

  CliRun verify(String image, String environment) {
    return cli(
        "verify",
        image,
        "--env",
        environment,
        "--policy",
        policy.toString(),
        "--lookaside",
        sigs.toString(),
        "--format",
        "json");
  }

  static List<String> tags(String repository) {
    try {
      return client.tags(repository);
    } catch (OciException e) {
      return List.of(); // distribution answers NAME_UNKNOWN for a repository never pushed
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"bundle", "cosign-legacy", "openpgp"})
  void signAndVerifyByTagInTheRegistry(String format) throws Exception {
    String image = push(DOCKER.images().busybox(), "rt-" + format + "/app:1");
    String repo = "rt-" + format + "/app";
    Digest digest = client.manifest(repo, "1").digest();
    CliRun signed =
        SigningCommandsTest.assertOk(
            cli("sign", image, "--key", "ci", "--format", format, "--lookaside", sigs.toString()));
    assertThat(signed.out()).contains(digest.toString());
    switch (format) {
      case "bundle" -> assertThat(tags(repo)).contains("sha256-" + digest.hex());
      case "cosign-legacy" -> assertThat(tags(repo)).contains("sha256-" + digest.hex() + ".sig");
      default -> assertThat(tags(repo)).containsExactly("1");
    }
    JsonNode dev = MAPPER.readTree(SigningCommandsTest.assertOk(verify(image, "dev")).out());
    assertThat(dev.get("digest").asText()).isEqualTo(digest.toString());
    assertThat(dev.get("signers").get(0).get("format").asText()).isEqualTo(format);
    CliRun prod = verify(image, "prod");
    assertThat(prod.exitCode()).isEqualTo(1);
    assertThat(MAPPER.readTree(prod.out()).get("reason").asText()).isEqualTo("POLICY_UNSATISFIED");
  }

  @Test
  void unsignedImageIsRefused() throws Exception {
    String image = push(DOCKER.images().busybox(), "unsigned/app:1");
    CliRun r = verify(image, "dev");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(MAPPER.readTree(r.out()).get("reason").asText()).isEqualTo("NO_SIGNATURE");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bundle", "cosign-legacy", "openpgp"})
  void promoteCopiesByDigestAndAddsProdKeepingDev(String format) throws Exception {
    String src = push(DOCKER.images().busybox(), "dev/p-" + format + ":1");
    SigningCommandsTest.assertOk(
        cli("sign", src, "--key", "ci", "--format", format, "--lookaside", sigs.toString()));
    String dest = host + "/prod/p-" + format + ":1";
    CliRun promoted =
        cli(
            "promote",
            src,
            "--to",
            dest,
            "--env",
            "prod",
            "--key",
            "rel",
            "--policy",
            policy.toString(),
            "--format",
            format,
            "--lookaside",
            sigs.toString());
    SigningCommandsTest.assertOk(promoted);
    assertThat(promoted.out()).contains("Promoted " + dest.replace(":1", ""));
    JsonNode prod = MAPPER.readTree(SigningCommandsTest.assertOk(verify(dest, "prod")).out());
    assertThat(prod.get("signers").get(0).get("keyName").asText()).startsWith("rel");
    // the dev signature came along (OpenPGP ones name the source repository, so only cosign's
    // repository-free bundle verifies for dev under the new name)
    if (format.equals("bundle")) {
      SigningCommandsTest.assertOk(verify(dest, "dev"));
    }
    assertThat(tags("prod/p-" + format)).contains("1");
  }

  @Test
  void promoteRefusesAndChangesNothing() throws Exception {
    String unsigned = push(DOCKER.images().busybox(), "dev/r-unsigned:1");
    assertRefused(unsigned, "prod/r-unsigned:1", "rel", "NO_SIGNATURE");

    String signed = push(DOCKER.images().busybox(), "dev/r-signed:1");
    SigningCommandsTest.assertOk(cli("sign", signed, "--key", "ci", "--format", "bundle"));
    // a dev key cannot sign for prod
    assertRefused(signed, "prod/r-devkey:1", "ci", "signs for dev");
    // a destination outside every prod scope
    assertRefused(signed, "elsewhere/r-scope:1", "rel", "POLICY_UNSATISFIED");
    // signed by a key the dev policy does not accept
    String other = push(DOCKER.images().busybox(), "dev/r-other:1");
    SigningCommandsTest.assertOk(cli("sign", other, "--key", "other", "--format", "bundle"));
    assertRefused(other, "prod/r-other:1", "rel", "WRONG_KEY");
  }

  @Test
  void promoteGateRefusesAVulnerableImageAndPassesABelowThresholdOne() throws Exception {
    Path advisories = Files.createDirectories(home.resolve("advisories"));
    Files.writeString(
        advisories.resolve("a.json"),
        """
        {"schema_version": "1.6.0", "id": "DDT-2026-0101", "modified": "2026-11-01T00:00:00Z",
         "summary": "test advisory for dpkg", "aliases": ["CVE-2099-0101"],
         "database_specific": {"severity": "HIGH"},
         "affected": [{"package": {"ecosystem": "Debian:12", "name": "dpkg"},
           "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "99.0"}]}]}]}
        """);
    SigningCommandsTest.assertOk(cli("db", "update", "--from", advisories.toString()));
    String src = push(DOCKER.images().debian(), "dev/gated:12");
    SigningCommandsTest.assertOk(cli("sign", src, "--key", "ci", "--format", "bundle"));
    CliRun refused =
        cli(
            "promote",
            src,
            "--to",
            host + "/prod/gated:12",
            "--key",
            "rel",
            "--policy",
            policy.toString(),
            "--gate-severity",
            "high");
    assertThat(refused.exitCode()).as(refused.err()).isEqualTo(1);
    assertThat(refused.err()).contains("CVE-2099-0101", "nothing changed");
    assertThat(tags("prod/gated")).isEmpty();
    CliRun passed =
        cli(
            "promote",
            src,
            "--to",
            host + "/prod/gated:12",
            "--key",
            "rel",
            "--policy",
            policy.toString(),
            "--gate-severity",
            "critical");
    SigningCommandsTest.assertOk(passed);
    assertThat(passed.out()).contains("gate: no vulnerability at or above critical");
  }

  /**
   * Records per-image sign and verify time through the CLI (key decryption with the legacy scrypt
   * cost, digest resolution and the registry round trips included) for docs/benchmarks.md; logs the
   * median of {@value #RUNS} runs per format, asserts nothing about speed.
   */
  @Test
  void signAndVerifyTimings() throws Exception {
    String image = push(DOCKER.images().busybox(), "bench/app:1");
    StringBuilder report = new StringBuilder("sign/verify median of " + RUNS + " runs (ms):");
    for (String format : List.of("bundle", "cosign-legacy", "openpgp")) {
      long[] sign = new long[RUNS];
      long[] verify = new long[RUNS];
      for (int i = 0; i < RUNS; i++) {
        long t0 = System.nanoTime();
        SigningCommandsTest.assertOk(
            cli("sign", image, "--key", "ci", "--format", format, "--lookaside", sigs.toString()));
        long t1 = System.nanoTime();
        SigningCommandsTest.assertOk(verify(image, "dev"));
        long t2 = System.nanoTime();
        sign[i] = t1 - t0;
        verify[i] = t2 - t1;
      }
      java.util.Arrays.sort(sign);
      java.util.Arrays.sort(verify);
      report.append(
          String.format(
              Locale.ROOT,
              " %s sign %.1f verify %.1f;",
              format,
              sign[RUNS / 2] / 1e6,
              verify[RUNS / 2] / 1e6));
    }
    System.getLogger(SigningRegistryIT.class.getName()).log(System.Logger.Level.INFO, report);
  }

  static final int RUNS = 15;

  private void assertRefused(String src, String destRepoAndTag, String key, String why) {
    String dest = host + "/" + destRepoAndTag;
    CliRun r =
        cli(
            "promote",
            src,
            "--to",
            dest,
            "--key",
            key,
            "--policy",
            policy.toString(),
            "--lookaside",
            sigs.toString());
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.err()).contains("nothing changed", why);
    String repository = destRepoAndTag.substring(0, destRepoAndTag.indexOf(':'));
    assertThat(tags(repository)).as("no tag, image or signature in " + repository).isEmpty();
  }
}
