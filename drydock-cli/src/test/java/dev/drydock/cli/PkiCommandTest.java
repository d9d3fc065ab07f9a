package dev.drydock.cli;

import static dev.drydock.cli.CliRun.withData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PkiCommandTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path home;

  private Path data() {
    return home.resolve("data");
  }

  private CliRun run(String... args) {
    return CliRun.run(home, withData(data(), args));
  }

  private CliRun runWithEnv(Map<String, String> env, String... args) {
    return CliRun.run(home, env, Clock.systemUTC(), withData(data(), args));
  }

  @Test
  void init_thenIssueListRevoke_roundTrip() throws Exception {
    assertThat(run("pki", "init").exitCode()).isZero();
    CliRun issued =
        run(
            "pki",
            "issue",
            "server",
            "--name",
            "registry.local",
            "--san",
            "DNS:registry.local,IP:10.0.0.5");
    assertThat(issued.exitCode()).as(issued.err()).isZero();
    assertThat(issued.out()).contains("CN=registry.local");
    Path key = data().resolve("pki/issued/registry.local/key.pem");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");

    assertThat(run("pki", "issue", "client", "--name", "alice", "--ou", "dev,ops").exitCode())
        .isZero();
    JsonNode list = MAPPER.readTree(run("pki", "list", "--json").out());
    assertThat(list).hasSize(2);
    String serial = list.get(1).get("serial").asText();

    CliRun revoked = run("pki", "revoke", serial, "--reason", "key-compromise");
    assertThat(revoked.exitCode()).as(revoked.err()).isZero();
    JsonNode after = MAPPER.readTree(run("pki", "list", "--json").out());
    assertThat(after.get(1).get("status").asText()).isEqualTo("revoked");
    assertThat(after.get(1).get("revocationReason").asText()).isEqualTo("key_compromise");
    assertThat(run("pki", "list").out()).contains("revoked").contains("CN=alice");
  }

  @Test
  void init_twice_refusesToOverwrite() {
    assertThat(run("pki", "init").exitCode()).isZero();
    CliRun again = run("pki", "init");
    assertThat(again.exitCode()).isEqualTo(3);
    assertThat(again.err()).contains(data().resolve("pki").toString());
  }

  @Test
  void encryptedCa_needsTheRightPassphrase() throws Exception {
    Path secret = home.resolve("pass.txt");
    Files.writeString(secret, "correct horse battery staple\n", StandardCharsets.UTF_8);
    CliRun init = run("pki", "init", "--passphrase-file", secret.toString());
    assertThat(init.exitCode()).as(init.err()).isZero();
    assertThat(Files.readString(data().resolve("pki/issuing-key.pem")))
        .startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");

    CliRun none = run("pki", "issue", "client", "--name", "bob");
    assertThat(none.exitCode()).isEqualTo(3);
    assertThat(none.err()).containsIgnoringCase("passphrase").doesNotContain("Exception");

    CliRun wrong =
        runWithEnv(
            Map.of("DRYDOCK_PKI_PASSPHRASE", "wrong"), "pki", "issue", "client", "--name", "bob");
    assertThat(wrong.exitCode()).isEqualTo(3);
    assertThat(wrong.err()).containsIgnoringCase("passphrase");

    CliRun right =
        runWithEnv(
            Map.of("MY_PASS", "correct horse battery staple"),
            "pki",
            "issue",
            "client",
            "--name",
            "bob",
            "--passphrase-env",
            "MY_PASS");
    assertThat(right.exitCode()).as(right.err()).isZero();

    CliRun missingVar = run("pki", "crl", "--passphrase-env", "NOT_SET_ANYWHERE");
    assertThat(missingVar.exitCode()).isEqualTo(2);
    assertThat(missingVar.err()).contains("NOT_SET_ANYWHERE");
  }

  @Test
  void issue_badInput_namesTheInput() {
    run("pki", "init");
    CliRun badSan = run("pki", "issue", "server", "--name", "x.local", "--san", "FOO:bar");
    assertThat(badSan.exitCode()).isEqualTo(2);
    assertThat(badSan.err()).contains("FOO:bar");

    CliRun badIp = run("pki", "issue", "server", "--name", "x.local", "--san", "IP:999.1.1.1");
    assertThat(badIp.exitCode()).isEqualTo(2);
    assertThat(badIp.err()).contains("999.1.1.1");

    CliRun traversal = run("pki", "issue", "client", "--name", "../../etc/evil");
    assertThat(traversal.exitCode()).isEqualTo(2);
    assertThat(home.resolve("etc")).doesNotExist();

    CliRun tooLong = run("pki", "issue", "server", "--name", "x.local", "--days", "5000");
    assertThat(tooLong.exitCode()).isEqualTo(2);
    assertThat(tooLong.err()).contains("5000");

    CliRun badSerial = run("pki", "revoke", "not-hex");
    assertThat(badSerial.exitCode()).isEqualTo(2);
    CliRun unknownSerial = run("pki", "revoke", "ABCDEF0123");
    assertThat(unknownSerial.exitCode()).isEqualTo(3);
    assertThat(unknownSerial.err()).contains("ABCDEF0123");
  }

  @Test
  void check_reportsUnencryptedKeysAndFailsOnLow() throws Exception {
    run("pki", "init");
    run("pki", "issue", "client", "--name", "carol");
    CliRun table = run("pki", "check");
    assertThat(table.exitCode()).isZero();
    assertThat(table.out()).contains("pki-key-encrypted").contains("Score");

    CliRun gate = run("pki", "check", "--fail-on", "low", "--format", "json");
    assertThat(gate.exitCode()).isEqualTo(1);
    JsonNode report = MAPPER.readTree(gate.out());
    assertThat(report.get("schema").asText()).isEqualTo("drydock-report/v1");
    assertThat(report.get("tool").asText()).isEqualTo("pki-check");
    assertThat(report.at("/summary/byStatus/fail").asInt()).isEqualTo(2);

    Files.setPosixFilePermissions(
        data().resolve("pki/issuing-key.pem"), PosixFilePermissions.fromString("rw-r--r--"));
    CliRun critical = run("pki", "check", "--fail-on", "critical", "--format", "junit");
    assertThat(critical.exitCode()).isEqualTo(1);
    assertThat(critical.out()).contains("<failure").contains("pki-key-permissions");
  }

  @Test
  void check_expiringCertificate_isFlagged() throws Exception {
    run("pki", "init");
    run("pki", "issue", "client", "--name", "dave", "--days", "10");
    JsonNode report =
        MAPPER.readTree(run("pki", "check", "--format", "json", "--within", "30").out());
    boolean flagged = false;
    for (JsonNode f : report.get("findings")) {
      if (f.get("ruleId").asText().equals("pki-cert-expiry")
          && f.get("subject").asText().contains("dave")) {
        flagged = f.get("status").asText().equals("fail");
      }
    }
    assertThat(flagged).isTrue();
  }

  @Test
  void check_writesSarifToFile() throws Exception {
    run("pki", "init");
    Path out = home.resolve("reports/pki.sarif");
    CliRun r = run("pki", "check", "--format", "sarif", "-o", out.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(MAPPER.readTree(out.toFile()).get("version").asText()).isEqualTo("2.1.0");
    try (var files = Files.list(out.getParent())) {
      assertThat(files).as("no temporary file left behind").hasSize(1);
    }
  }

  @Test
  void dockerDaemon_createsCaWhenMissing_andWritesBundle() {
    CliRun r =
        run(
            "pki",
            "docker-daemon",
            "--host",
            "docker.example.internal",
            "--out",
            home.resolve("tls").toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("creating one");
    assertThat(r.out())
        .contains("DOCKER_TLS_VERIFY=1")
        .contains("tcp://docker.example.internal:2376");
    for (String f :
        new String[] {
          "server/cert.pem",
          "server/key.pem",
          "server/ca.pem",
          "client/cert.pem",
          "client/key.pem",
          "client/ca.pem",
          "daemon.json"
        }) {
      assertThat(home.resolve("tls").resolve(f)).exists();
    }
  }

  @Test
  void commands_withoutCa_sayHowToCreateOne() {
    for (String[] cmd :
        new String[][] {
          {"pki", "list"},
          {"pki", "check"},
          {"pki", "crl"},
          {"pki", "issue", "client", "--name", "x"}
        }) {
      CliRun r = run(cmd);
      assertThat(r.exitCode()).as(String.join(" ", cmd)).isEqualTo(3);
      assertThat(r.err()).as(String.join(" ", cmd)).contains("drydock pki init");
    }
  }

  @Test
  void dockerDaemon_badHost_leavesNoCaBehind() {
    CliRun r = run("pki", "docker-daemon", "--host", "bad host!");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("bad host!");
    assertThat(data().resolve("pki/ca.pem")).doesNotExist();
  }

  @Test
  void dockerDaemon_ipv6Host_isBracketedInDockerHost() {
    CliRun r = run("pki", "docker-daemon", "--host", "::1");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("DOCKER_HOST=tcp://[::1]:2376");
  }

  @Test
  void check_rootKeyOffline_isFine() throws Exception {
    run("pki", "init");
    Files.move(data().resolve("pki/ca-key.pem"), home.resolve("offline-ca-key.pem"));
    CliRun r = run("pki", "check", "--format", "json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("root key kept offline");
    CliRun issued = run("pki", "issue", "client", "--name", "erin");
    assertThat(issued.exitCode()).as(issued.err()).isZero();
  }

  @Test
  void missingPassphrase_namesTheOptions() throws Exception {
    Path secret = home.resolve("p");
    Files.writeString(secret, "s3cret-pass\n", StandardCharsets.UTF_8);
    run("pki", "init", "--passphrase-file", secret.toString());
    CliRun r = run("pki", "crl");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("--passphrase-file").contains("DRYDOCK_PKI_PASSPHRASE");
  }

  @Test
  void keyAlgorithm_option_choosesTheKeyType() throws Exception {
    assertThat(run("pki", "init", "--key-algorithm", "ec_p384").exitCode()).isZero();
    CliRun r = run("pki", "issue", "client", "--name", "frank", "--key-algorithm", "RSA_3072");
    assertThat(r.exitCode()).as(r.err()).isZero();
    var factory = java.security.cert.CertificateFactory.getInstance("X.509");
    try (var in = Files.newInputStream(data().resolve("pki/issued/frank/cert.pem"));
        var ca = Files.newInputStream(data().resolve("pki/ca.pem"))) {
      assertThat(factory.generateCertificate(in).getPublicKey().getAlgorithm()).isEqualTo("RSA");
      assertThat(factory.generateCertificate(ca).getPublicKey().getAlgorithm()).isEqualTo("EC");
    }
    assertThat(run("pki", "issue", "client", "--name", "g", "--key-algorithm", "DSA").exitCode())
        .isEqualTo(2);
  }
}
