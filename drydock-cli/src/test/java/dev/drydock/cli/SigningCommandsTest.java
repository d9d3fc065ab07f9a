package dev.drydock.cli;

import static dev.drydock.cli.CliRun.withData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.model.Digest;
import dev.drydock.model.ImageRef;
import dev.drydock.trust.CosignKeyFile;
import dev.drydock.trust.ImageSignature;
import dev.drydock.trust.LookasideSignatureStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code drydock key|sign|verify} in-process, on images named by digest so that no registry is
 * needed; signatures go to a lookaside directory. Each refusal reason is provoked for real.
 */
class SigningCommandsTest {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final String REPO = "127.0.0.1:5000/team/app";
  static final Digest DIGEST = Digest.parse("sha256:" + "ab".repeat(32));
  static final Digest OTHER = Digest.parse("sha256:" + "cd".repeat(32));
  static final String IMAGE = REPO + "@" + DIGEST;

  @TempDir Path home;
  Path sigs;
  Path policy;
  Map<String, String> env = new HashMap<>();

  @TempDir static Path template;

  /** Keys are made once (scrypt is slow by design) and copied into each test's data directory. */
  @BeforeAll
  static void keys() {
    keys(template);
  }

  /** Generates the test keys dev/ci, prod/rel and dev/other under {@code dir/data}. */
  static void keys(Path dir) {
    Map<String, String> pw = Map.of(SigningPassword.ENV, "s3cret");
    for (String[] key : new String[][] {{"dev", "ci"}, {"prod", "rel"}, {"dev", "other"}}) {
      assertOk(
          CliRun.run(
              dir,
              pw,
              Clock.systemUTC(),
              withData(
                  dir.resolve("data"),
                  "key",
                  "generate",
                  "--env",
                  key[0],
                  key[1],
                  "--kdf",
                  "legacy")));
    }
  }

  static void copyTree(Path from, Path to) throws java.io.IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  @BeforeEach
  void keysAndPolicy() throws Exception {
    env.put(SigningPassword.ENV, "s3cret");
    sigs = home.resolve("sigs");
    copyTree(template.resolve("data"), home.resolve("data"));
    policy = home.resolve("policy.yaml");
    Files.writeString(
        policy,
        """
        version: 1
        scopes:
          - match: "127.0.0.1:5000/team/**"
            environment: dev
            require:
              - keys: [ci, ci.pgp]
          - match: "127.0.0.1:5000/team/**"
            environment: prod
            require:
              - keys: [rel, rel.pgp]
        """);
  }

  CliRun run(String... args) {
    return run(Clock.systemUTC(), args);
  }

  CliRun run(Clock clock, String... args) {
    return CliRun.run(home, env, clock, withData(home.resolve("data"), args));
  }

  static CliRun assertOk(CliRun r) {
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    return r;
  }

  CliRun sign(String key, String format) {
    return run(
        "sign",
        IMAGE,
        "--key",
        key,
        "--format",
        format,
        "--lookaside",
        sigs.toString(),
        "--store",
        "lookaside");
  }

  CliRun verify(String environment, String... more) {
    String[] base = {
      "verify",
      IMAGE,
      "--env",
      environment,
      "--policy",
      policy.toString(),
      "--lookaside",
      sigs.toString(),
      "--store",
      "lookaside"
    };
    return run(Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new));
  }

  @Test
  void generateWritesCosignKeyFilesAndListShowsThem() throws Exception {
    Path dir = home.resolve("data/trust/keys/dev/ci");
    assertThat(Files.readString(dir.resolve("cosign.key")))
        .startsWith("-----BEGIN " + CosignKeyFile.COSIGN_LABEL + "-----");
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("cosign.key"))))
        .isEqualTo("rw-------");
    assertThat(Files.readString(dir.resolve("cosign.pub"))).startsWith("-----BEGIN PUBLIC KEY");
    JsonNode list = MAPPER.readTree(assertOk(run("key", "list", "--json")).out());
    assertThat(list).hasSize(6); // three keys, each with its OpenPGP form
    assertThat(list.findValuesAsText("name"))
        .containsExactlyInAnyOrder("ci", "ci.pgp", "other", "other.pgp", "rel", "rel.pgp");
    assertThat(list.findValuesAsText("status")).containsOnly("active");
    assertThat(assertOk(run("key", "list")).out()).contains("prod", "rel", "openpgp");
  }

  @Test
  void generateRefusesDuplicatesBadNamesAndMissingPasswords() {
    assertThat(run("key", "generate", "--env", "prod", "ci").exitCode()).isEqualTo(2);
    assertThat(run("key", "generate", "--env", "dev", "Bad Name").exitCode()).isEqualTo(2);
    assertThat(run("key", "generate", "--env", "test", "x").exitCode()).isEqualTo(2);
    assertThat(run("key", "generate", "--env", "dev", "x", "--algorithm", "dsa").exitCode())
        .isEqualTo(2);
    env.remove(SigningPassword.ENV);
    CliRun none = run("key", "generate", "--env", "dev", "nopw");
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).contains("--password-file");
  }

  @Test
  void generateWithOutDirAndPasswordFileAndOtherAlgorithms() throws Exception {
    env.remove(SigningPassword.ENV);
    Path pw = home.resolve("pw.txt");
    Files.writeString(pw, "from-file\n");
    Path out = home.resolve("out");
    assertOk(
        run(
            "key",
            "generate",
            "--env",
            "prod",
            "edkey",
            "--algorithm",
            "ed25519",
            "--kdf",
            "legacy",
            "--out",
            out.toString(),
            "--password-file",
            pw.toString()));
    assertThat(out.resolve("edkey.key")).exists();
    assertThat(out.resolve("edkey.pub")).exists();
    assertThat(out.resolve("edkey.pgp")).exists();
    CliRun signed =
        run(
            "sign",
            IMAGE,
            "--key",
            out.resolve("edkey.key").toString(),
            "--format",
            "bundle",
            "--lookaside",
            sigs.toString(),
            "--password-file",
            pw.toString(),
            "--store",
            "lookaside");
    assertOk(signed);
    assertThat(signed.out()).contains("for prod with key edkey");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bundle", "cosign-legacy", "openpgp"})
  void devSignatureVerifiesForDevAndNeverForProd(String format) throws Exception {
    assertOk(sign("ci", format));
    CliRun dev = assertOk(verify("dev"));
    assertThat(dev.out()).contains("Verified " + REPO + "@" + DIGEST + " for dev", format);
    CliRun prod = verify("prod");
    assertThat(prod.exitCode()).isEqualTo(1);
    assertThat(prod.err()).contains("refused: WRONG_KEY");

    // promotion's second signature: prod now verifies, and dev still does
    assertOk(sign("prod/rel", format));
    JsonNode json = MAPPER.readTree(assertOk(verify("prod", "--format", "json")).out());
    assertThat(json.get("verified").asBoolean()).isTrue();
    assertThat(json.get("signers").get(0).get("environment").asText()).isEqualTo("prod");
    assertThat(json.get("signers").get(0).get("format").asText()).isEqualTo(format);
    assertOk(verify("dev"));
  }

  @Test
  void signingWithAKeyFileUsesTheKeyRingsEnvironment() {
    Path file = home.resolve("data/trust/keys/dev/ci/cosign.key");
    CliRun r = assertOk(sign(file.toString(), "bundle"));
    assertThat(r.out()).contains("for dev with key ci");
    env.put(SigningPassword.ENV, "wrong");
    CliRun wrong = sign(file.toString(), "bundle");
    assertThat(wrong.exitCode()).isEqualTo(3);
    assertThat(wrong.err()).containsIgnoringCase("password");
  }

  @Test
  void refusesNoSignature() throws Exception {
    CliRun r = verify("dev", "--format", "json");
    assertThat(r.exitCode()).isEqualTo(1);
    JsonNode json = MAPPER.readTree(r.out());
    assertThat(json.get("verified").asBoolean()).isFalse();
    assertThat(json.get("reason").asText()).isEqualTo("NO_SIGNATURE");
  }

  @Test
  void refusesWrongKey() {
    assertOk(sign("other", "bundle"));
    assertThat(verify("dev").err()).contains("refused: WRONG_KEY");
  }

  @Test
  void refusesWrongDigest() throws Exception {
    assertOk(
        run(
            "sign",
            REPO + "@" + OTHER,
            "--key",
            "ci",
            "--format",
            "bundle",
            "--lookaside",
            sigs.toString(),
            "--store",
            "lookaside"));
    LookasideSignatureStore store = new LookasideSignatureStore(sigs);
    ImageRef ref = ImageRef.parse(IMAGE);
    Path from = store.directory(ref, OTHER).resolve("bundle-1.json");
    Files.createDirectories(store.directory(ref, DIGEST));
    Files.copy(from, store.directory(ref, DIGEST).resolve("bundle-1.json"));
    assertThat(reason()).isEqualTo("WRONG_DIGEST");
  }

  @Test
  void refusesTamperedPayload() throws Exception {
    assertOk(sign("ci", "bundle"));
    Path file =
        new LookasideSignatureStore(sigs)
            .directory(ImageRef.parse(IMAGE), DIGEST)
            .resolve("bundle-1.json");
    ObjectNode bundle = (ObjectNode) MAPPER.readTree(file.toFile());
    ObjectNode envelope = (ObjectNode) bundle.get("dsseEnvelope");
    String payload =
        new String(
            Base64.getDecoder().decode(envelope.get("payload").asText()), StandardCharsets.UTF_8);
    envelope.put(
        "payload",
        Base64.getEncoder()
            .encodeToString(
                payload.replace(DIGEST.hex(), OTHER.hex()).getBytes(StandardCharsets.UTF_8)));
    MAPPER.writeValue(file.toFile(), bundle);
    assertThat(reason()).isEqualTo("TAMPERED_PAYLOAD");
  }

  @Test
  void refusesRevokedKey() throws Exception {
    assertOk(sign("ci", "openpgp"));
    String keyId = MAPPER.readTree(run("key", "list", "--json").out()).get(0).get("keyId").asText();
    CliRun revoked = assertOk(run("key", "revoke", keyId.substring(0, 12)));
    assertThat(revoked.out()).contains("Revoked dev key ci");
    assertThat(reason()).isEqualTo("REVOKED_KEY");
    JsonNode list = MAPPER.readTree(run("key", "list", "--json").out());
    assertThat(list.get(0).get("status").asText()).isEqualTo("revoked");
    assertThat(list.get(1).get("status").asText()).isEqualTo("revoked"); // its OpenPGP form
    CliRun again = sign("ci", "bundle");
    assertThat(again.exitCode()).isEqualTo(3);
    assertThat(again.err()).contains("revoked");
  }

  @Test
  void refusesExpiredKey() throws Exception {
    assertOk(sign("ci", "cosign-legacy"));
    Clock later = Clock.offset(Clock.systemUTC(), Duration.ofDays(400));
    CliRun r =
        run(
            later,
            "verify",
            IMAGE,
            "--env",
            "dev",
            "--policy",
            policy.toString(),
            "--lookaside",
            sigs.toString(),
            "--format",
            "json",
            "--store",
            "lookaside");
    assertThat(MAPPER.readTree(r.out()).get("reason").asText()).isEqualTo("EXPIRED_KEY");
  }

  @Test
  void refusesUnknownCriticalField() throws Exception {
    PrivateKey key =
        CosignKeyFile.decrypt(
            "ci",
            Files.readAllBytes(home.resolve("data/trust/keys/dev/ci/cosign.key")),
            "s3cret".toCharArray());
    String payload =
        "{\"critical\":{\"identity\":{\"docker-reference\":\""
            + REPO
            + "\"},\"image\":{\"docker-manifest-digest\":\""
            + DIGEST
            + "\"},\"type\":\"cosign container image signature\",\"future\":\"x\"},\"optional\":null}";
    Signature ecdsa = Signature.getInstance("SHA256withECDSA");
    ecdsa.initSign(key);
    ecdsa.update(payload.getBytes(StandardCharsets.UTF_8));
    new LookasideSignatureStore(sigs)
        .append(
            ImageRef.parse(IMAGE),
            DIGEST,
            ImageSignature.cosignSimpleSigning(
                payload.getBytes(StandardCharsets.UTF_8),
                Base64.getEncoder().encodeToString(ecdsa.sign())));
    assertThat(reason()).isEqualTo("UNKNOWN_CRITICAL_FIELD");
  }

  @Test
  void refusesMalformedBundle() throws Exception {
    Path dir = new LookasideSignatureStore(sigs).directory(ImageRef.parse(IMAGE), DIGEST);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("bundle-1.json"), "{\"mediaType\":\"not a bundle\"}");
    assertThat(reason()).isEqualTo("MALFORMED_BUNDLE");
  }

  private String reason() throws Exception {
    CliRun r = verify("dev", "--format", "json");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    return MAPPER.readTree(r.out()).get("reason").asText();
  }

  @Test
  void importsOpenPgpKeysAndPkcs8KeysAndRevokesImports() throws Exception {
    // The prod key's OpenPGP form imported as a dev key would erase the separation: refused.
    Path prodPgp = home.resolve("data/trust/keys/prod/rel/openpgp.pub");
    CliRun crossed =
        run("key", "import", "--env", "dev", "--openpgp", "sneaky", prodPgp.toString());
    assertThat(crossed.exitCode()).isEqualTo(2);
    assertThat(crossed.err()).contains("known already as rel.pgp (prod");
    Path pgp = home.resolve("foreign.gpg");
    try (var in =
        SigningCommandsTest.class.getResourceAsStream("signing/containers-image-public-key.gpg")) {
      Files.write(pgp, java.util.Objects.requireNonNull(in).readAllBytes());
    }
    CliRun imported =
        assertOk(run("key", "import", "--env", "dev", "--openpgp", "builder", pgp.toString()));
    assertThat(imported.out()).contains("Imported OpenPGP key builder for dev");
    assertOk(run("key", "revoke", "builder"));
    JsonNode list = MAPPER.readTree(run("key", "list", "--json").out());
    assertThat(list.findValuesAsText("name")).contains("builder");

    java.security.KeyPairGenerator gen = java.security.KeyPairGenerator.getInstance("EC");
    gen.initialize(256);
    byte[] der = gen.generateKeyPair().getPrivate().getEncoded();
    Path pem = home.resolve("plain.pem");
    Files.writeString(
        pem,
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(der)
            + "\n-----END PRIVATE KEY-----\n");
    assertOk(run("key", "import", "--env", "dev", "js", pem.toString()));
    assertOk(sign("js", "bundle"));
    // The same key material again, under a prod name: refused, and a revoked key stays revoked.
    CliRun again = run("key", "import", "--env", "prod", "js-prod", pem.toString());
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err()).contains("known already as js (dev");
    CliRun revokedAgain =
        run("key", "import", "--env", "dev", "--openpgp", "builder2", pgp.toString());
    assertThat(revokedAgain.exitCode()).isEqualTo(2);
    assertThat(revokedAgain.err()).contains("revoked");
    assertThat(run("key", "revoke", "nonexistent").exitCode()).isEqualTo(2);
  }

  @Test
  void usageErrors() {
    assertThat(sign("ci", "pgp2").exitCode()).isEqualTo(2);
    assertThat(run("sign", IMAGE, "--key", "ci", "--format", "openpgp").exitCode()).isEqualTo(2);
    assertThat(run("sign", "Not An Image", "--key", "ci", "--lookaside", "x").exitCode())
        .isEqualTo(2);
    CliRun remote =
        run(
            "sign",
            "registry.example.com/app:1",
            "--key",
            "ci",
            "--insecure-http",
            "--lookaside",
            sigs.toString());
    assertThat(remote.exitCode()).isEqualTo(2);
    assertThat(remote.err()).contains("loopback");
    assertThat(verify("dev", "--format", "xml").exitCode()).isEqualTo(2);
    assertThat(verify("stage").exitCode()).isEqualTo(2);
    assertThat(
            run("verify", IMAGE, "--env", "dev", "--policy", home.resolve("none.yaml").toString())
                .exitCode())
        .isEqualTo(2);
    assertThat(run("sign", IMAGE, "--key", "nokey", "--lookaside", "x").exitCode()).isEqualTo(2);
    assertThat(assertOk(run("key")).out()).contains("generate");
  }
}
