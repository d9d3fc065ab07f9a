package dev.drydock.cli;

import static dev.drydock.cli.CliRun.withData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.model.Digest;
import dev.drydock.model.ImageRef;
import dev.drydock.oci.RegistryClient;
import dev.drydock.oci.RegistryCredentials;
import dev.drydock.oci.RegistryOptions;
import dev.drydock.testkit.ReferenceRegistry;
import dev.drydock.testkit.TestDocker;
import dev.drydock.trust.ImageSignature;
import dev.drydock.trust.RegistrySignatureStore;
import dev.drydock.trust.SignatureFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * drydock's signing commands against real peers, both ways, on Debian's docker-registry with Basic
 * auth (which @sigstore/oci needs: it expects an auth challenge):
 *
 * <ul>
 *   <li>skopeo {@code copy --sign-by} (GnuPG, lookaside from registries.d) → {@code drydock verify}
 *       accepts for dev, refuses for prod;
 *   <li>{@code drydock sign --format openpgp} → skopeo copy and podman pull with a {@code signedBy}
 *       policy.json accept with the dev key and reject with the prod key;
 *   <li>{@code drydock sign --format bundle} → sigstore-js verifies with the right key only;
 *       sigstore-js signs and @sigstore/oci attaches → {@code drydock verify} accepts.
 * </ul>
 *
 * Debian packages: docker-registry, apache2-utils, skopeo, podman, gnupg, nodejs, npm; the npm
 * registry for {@code sigstore@4.1.0} and {@code @sigstore/oci@0.6.0}.
 */
class SigningInteropIT {
  @RegisterExtension static final TestDocker DOCKER = TestDocker.create(System.getenv());
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final String USER = "drydock";
  static final String PASSWORD = "Signing-Interop-1";

  @TempDir static Path shared;
  static ReferenceRegistry registry;
  static String host;
  static Path node;

  @TempDir Path home;
  Path sigs;
  Path policy;
  Path registriesD;
  Map<String, String> env = new HashMap<>();

  @BeforeAll
  static void start() throws Exception {
    registry =
        ReferenceRegistry.start(
            shared.resolve("registry"), ReferenceRegistry.Options.basicAuth(USER, PASSWORD));
    host = registry.hostPort();
    SigningCommandsTest.keys(shared);
    node = Files.createDirectories(shared.resolve("node"));
    for (String script : List.of("sigstore-sign.js", "sigstore-verify.js", "sigstore-attach.js")) {
      try (InputStream in =
          Objects.requireNonNull(
              SigningInteropIT.class.getResourceAsStream("/dev/drydock/cli/signing/" + script))) {
        Files.write(node.resolve(script), in.readAllBytes());
      }
    }
    // @sigstore/oci 0.6.0 requires promise-retry without declaring it (make-fetch-happen 15 moved
    // to @gar/promise-retry), so the test installs it beside.
    Result npm =
        exec(
            node,
            Map.of(),
            List.of(
                "npm",
                "install",
                "--no-audit",
                "--no-fund",
                "--no-save",
                "sigstore@4.1.0",
                "@sigstore/oci@0.6.0",
                "promise-retry@2.0.1"));
    assertThat(npm.code()).as(npm.out()).isZero();
  }

  @AfterAll
  static void stop() throws Exception {
    if (registry != null) {
      registry.close();
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    env.put(SigningPassword.ENV, "s3cret");
    sigs = Files.createDirectories(home.resolve("sigs"));
    SigningCommandsTest.copyTree(shared.resolve("data"), home.resolve("data"));
    String auth =
        Base64.getEncoder()
            .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    Files.createDirectories(home.resolve(".docker"));
    Files.writeString(
        home.resolve(".docker/config.json"),
        "{\"auths\": {\"" + host + "\": {\"auth\": \"" + auth + "\"}}}");
    // containers/image reads the lookaside from registries.d; "sigstore" is the old name of
    // "lookaside" that every version reads.
    registriesD = Files.createDirectories(home.resolve(".config/containers/registries.d"));
    Files.writeString(
        registriesD.resolve("drydock-test.yaml"),
        "docker:\n  "
            + host
            + ":\n    sigstore: file://"
            + sigs
            + "\n    sigstore-staging: file://"
            + sigs
            + "\n");
    policy = home.resolve("policy.yaml");
  }

  void policy(String devKeys) throws IOException {
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
                  - keys: [%2$s]
              - match: "%1$s/**"
                environment: prod
                require:
                  - keys: [rel, rel.pgp]
            """,
            host,
            devKeys));
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

  Result ok(Map<String, String> extraEnv, String... command) throws Exception {
    Result r = exec(home, extraEnv, List.of(command));
    assertThat(r.code()).as(String.join(" ", command) + ":\n" + r.out()).isZero();
    return r;
  }

  CliRun cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (!args[0].equals("key")) {
      all.add("--insecure-http");
    }
    return CliRun.run(
        home, env, Clock.systemUTC(), withData(home.resolve("data"), all.toArray(String[]::new)));
  }

  JsonNode verify(String image, String environment, int expectedExit) throws Exception {
    CliRun r =
        cli(
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
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(expectedExit);
    return MAPPER.readTree(r.out());
  }

  String push(String repoAndTag) throws Exception {
    String ref = host + "/" + repoAndTag;
    ok(
        Map.of(),
        "skopeo",
        "copy",
        "-q",
        "--dest-tls-verify=false",
        "--dest-creds",
        USER + ":" + PASSWORD,
        "docker-daemon:" + DOCKER.images().busybox(),
        "docker://" + ref);
    return ref;
  }

  static Digest digest(String image) throws Exception {
    ImageRef ref = ImageRef.parse(image);
    return new RegistryClient(host, options()).manifest(ref).digest();
  }

  static RegistryOptions options() {
    return new RegistryOptions(
        RegistryCredentials.basic(USER, PASSWORD), null, true, Duration.ofSeconds(30));
  }

  @Test
  void skopeoSignByGpgVerifiesForDevOnly() throws Exception {
    Path gnupg = Files.createDirectories(home.resolve("gnupg"));
    Files.setPosixFilePermissions(
        gnupg, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    Map<String, String> gpgEnv = Map.of("GNUPGHOME", gnupg.toString());
    try {
      ok(
          gpgEnv,
          "gpg",
          "--batch",
          "--passphrase",
          "",
          "--pinentry-mode",
          "loopback",
          "--quick-gen-key",
          "dev builder <builder@drydock.invalid>",
          "nistp256",
          "sign",
          "never");
      ok(gpgEnv, "gpg", "--batch", "--output", home.resolve("builder.gpg").toString(), "--export");
      String image = host + "/gpg/app:1";
      ok(
          gpgEnv,
          "skopeo",
          "--registries.d",
          registriesD.toString(),
          "copy",
          "-q",
          "--dest-tls-verify=false",
          "--dest-creds",
          USER + ":" + PASSWORD,
          "--sign-by",
          "builder@drydock.invalid",
          "docker-daemon:" + DOCKER.images().busybox(),
          "docker://" + image);
      try (java.util.stream.Stream<Path> written = Files.list(sigs)) {
        assertThat(written.toList()).as("skopeo wrote to the lookaside").isNotEmpty();
      }

      SigningCommandsTest.assertOk(
          cli(
              "key",
              "import",
              "--env",
              "dev",
              "--openpgp",
              "builder",
              home.resolve("builder.gpg").toString()));
      policy("builder");
      JsonNode dev = verify(image, "dev", 0);
      assertThat(dev.get("signers").get(0).get("keyName").asText()).isEqualTo("builder");
      assertThat(dev.get("signers").get(0).get("format").asText()).isEqualTo("openpgp");
      assertThat(dev.get("signers").get(0).get("dockerReference").asText()).isEqualTo(image);
      JsonNode prod = verify(image, "prod", 1);
      assertThat(prod.get("reason").asText()).isEqualTo("WRONG_KEY");
    } finally {
      exec(home, gpgEnv, List.of("gpgconf", "--kill", "gpg-agent"));
    }
  }

  private Path signedByPolicy(String keyFile) throws IOException {
    Path file = home.resolve("policy-" + keyFile.hashCode() + ".json");
    Files.writeString(
        file,
        "{\"default\": [{\"type\": \"reject\"}], \"transports\": {\"docker\": {\""
            + host
            + "\": [{\"type\": \"signedBy\", \"keyType\": \"GPGKeys\", \"keyPath\": \""
            + keyFile
            + "\"}]}, \"dir\": {\"\": [{\"type\": \"insecureAcceptAnything\"}]}}}");
    return file;
  }

  @Test
  void skopeoAndPodmanAcceptDrydocksOpenPgpSignatureWithTheDevKeyOnly() throws Exception {
    String image = push("pgp/app:1");
    SigningCommandsTest.assertOk(
        cli("sign", image, "--key", "ci", "--format", "openpgp", "--lookaside", sigs.toString()));
    String devKey = home.resolve("data/trust/keys/dev/ci/openpgp.pub").toString();
    String prodKey = home.resolve("data/trust/keys/prod/rel/openpgp.pub").toString();

    Result accepted =
        ok(
            Map.of(),
            "skopeo",
            "--policy",
            signedByPolicy(devKey).toString(),
            "--registries.d",
            registriesD.toString(),
            "copy",
            "-q",
            "--src-tls-verify=false",
            "--src-creds",
            USER + ":" + PASSWORD,
            "docker://" + image,
            "dir:" + home.resolve("copy-ok"));
    assertThat(accepted.code()).isZero();
    Result rejected =
        exec(
            home,
            Map.of(),
            List.of(
                "skopeo",
                "--policy",
                signedByPolicy(prodKey).toString(),
                "--registries.d",
                registriesD.toString(),
                "copy",
                "-q",
                "--src-tls-verify=false",
                "--src-creds",
                USER + ":" + PASSWORD,
                "docker://" + image,
                "dir:" + home.resolve("copy-no")));
    assertThat(rejected.code()).as(rejected.out()).isNotZero();
    assertThat(rejected.out()).containsIgnoringCase("signature");

    // podman, rootful, with its own storage and the registries.d under $HOME
    Map<String, String> podmanEnv = Map.of("HOME", home.toString());
    List<String> podman =
        List.of(
            "podman",
            "--root",
            home.resolve("podman-root").toString(),
            "--runroot",
            home.resolve("podman-run").toString(),
            "--storage-driver",
            "vfs",
            "pull",
            "-q",
            "--tls-verify=false",
            "--creds",
            USER + ":" + PASSWORD);
    List<String> pullOk = new ArrayList<>(podman);
    pullOk.addAll(List.of("--signature-policy", signedByPolicy(devKey).toString(), image));
    Result podmanOk = exec(home, podmanEnv, pullOk);
    assertThat(podmanOk.code()).as("podman pull (dev key): " + podmanOk.out()).isZero();
    List<String> pullNo = new ArrayList<>(podman);
    pullNo.addAll(List.of("--signature-policy", signedByPolicy(prodKey).toString(), image));
    Result podmanNo = exec(home, podmanEnv, pullNo);
    assertThat(podmanNo.code()).as(podmanNo.out()).isNotZero();
    assertThat(podmanNo.out()).containsIgnoringCase("signature");
  }

  @Test
  void sigstoreJsVerifiesDrydocksBundleFromTheRegistryWithTheRightKeyOnly() throws Exception {
    String image = push("bundle/app:1");
    SigningCommandsTest.assertOk(cli("sign", image, "--key", "ci", "--format", "bundle"));
    Digest digest = digest(image);
    List<ImageSignature> stored =
        new RegistrySignatureStore(options(), Clock.systemUTC())
            .read(ImageRef.parse(image), digest);
    assertThat(stored)
        .extracting(ImageSignature::format)
        .containsExactly(SignatureFormat.COSIGN_BUNDLE);
    Path bundle = home.resolve("bundle.json");
    Files.write(bundle, stored.getFirst().bytes());
    Result ok =
        exec(
            node,
            Map.of(),
            List.of(
                "node",
                "sigstore-verify.js",
                bundle.toString(),
                home.resolve("data/trust/keys/dev/ci/cosign.pub").toString(),
                digest.hex()));
    assertThat(ok.out()).contains("OK predicateType=https://sigstore.dev/cosign/sign/v1");
    assertThat(ok.code()).isZero();
    Result wrong =
        exec(
            node,
            Map.of(),
            List.of(
                "node",
                "sigstore-verify.js",
                bundle.toString(),
                home.resolve("data/trust/keys/prod/rel/cosign.pub").toString(),
                digest.hex()));
    assertThat(wrong.out()).contains("FAIL");
    assertThat(wrong.code()).isNotZero();
  }

  @Test
  void drydockVerifiesWhatSigstoreJsSignedAndAttached() throws Exception {
    String image = push("attached/app:1");
    Digest digest = digest(image);
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(256);
    KeyPair pair = gen.generateKeyPair();
    Path key = home.resolve("js.pem");
    Path pub = home.resolve("js.pub");
    Files.writeString(key, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    Files.writeString(pub, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    Result signed =
        exec(
            node,
            Map.of(),
            List.of(
                "/bin/sh",
                "-c",
                "node sigstore-sign.js '"
                    + key
                    + "' '"
                    + pub
                    + "' "
                    + digest.hex()
                    + " > '"
                    + home.resolve("js-bundle.json")
                    + "'"));
    assertThat(signed.code()).as(signed.out()).isZero();
    Result attached =
        exec(
            node,
            Map.of("HOME", home.toString()),
            List.of(
                "node",
                "sigstore-attach.js",
                host + "/attached/app",
                digest.toString(),
                home.resolve("js-bundle.json").toString()));
    assertThat(attached.out()).as(attached.out()).startsWith("ATTACHED sha256:");

    SigningCommandsTest.assertOk(
        cli("key", "import", "--env", "dev", "sigstore-js", key.toString()));
    policy("sigstore-js");
    JsonNode dev = verify(image, "dev", 0);
    assertThat(dev.get("signers").get(0).get("keyName").asText()).isEqualTo("sigstore-js");
    assertThat(dev.get("signers").get(0).get("format").asText()).isEqualTo("bundle");
    assertThat(verify(image, "prod", 1).get("reason").asText()).isEqualTo("WRONG_KEY");
  }

  static String pem(String label, byte[] der) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + label
        + "-----\n";
  }
}
