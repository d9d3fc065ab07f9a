package dev.drydock.cli;

import static dev.drydock.cli.CliRun.withData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs a reviewer or an attacker would try: each gets a clear error, nothing is damaged. */
class HostileInputTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path home;

  private Path data() {
    return home.resolve("data");
  }

  private CliRun run(String... args) {
    return CliRun.run(home, withData(data(), args));
  }

  @Test
  void output_toDevice_writesInPlaceAndNeverReplacesIt() {
    run("pki", "init");
    Path devNull = Path.of("/dev/null");
    CliRun r = run("pki", "check", "--format", "json", "-o", devNull.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Files.isRegularFile(devNull, LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(Files.exists(devNull)).isTrue();
  }

  @Test
  void output_toDirectory_isRefused_andDashMeansStdout() throws Exception {
    run("pki", "init");
    CliRun dir = run("pki", "check", "-o", home.toString());
    assertThat(dir.exitCode()).isEqualTo(2);
    assertThat(dir.err()).contains("is a directory");
    CliRun dash = run("pki", "check", "--format", "json", "-o", "-");
    assertThat(MAPPER.readTree(dash.out()).get("schema").asText()).isEqualTo("drydock-report/v1");
  }

  @Test
  void output_throughSymlink_writesTheTargetAndKeepsTheLink() throws Exception {
    run("pki", "init");
    Path real = home.resolve("real.json");
    Files.writeString(real, "old", StandardCharsets.UTF_8);
    Path link = Files.createSymbolicLink(home.resolve("link.json"), real);
    CliRun r = run("pki", "check", "--format", "json", "-o", link.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(real)).contains("drydock-report/v1");
  }

  @Test
  void san_commaInsideUri_cannotSmuggleADnsName() throws Exception {
    run("pki", "init");
    CliRun r =
        run(
            "pki",
            "issue",
            "server",
            "--name",
            "svc.local",
            "--san",
            "DNS:svc.local,URI:spiffe://x/a,DNS:evil.example");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode sans = MAPPER.readTree(run("pki", "list", "--json").out()).get(0).get("sans");
    assertThat(sans).hasSize(2);
    assertThat(sans.get(0).asText()).isEqualTo("DNS:svc.local");
    assertThat(sans.get(1).asText()).startsWith("URI:spiffe://x/a");
  }

  @Test
  void errors_neverEchoTerminalEscapes() {
    CliRun r =
        CliRun.run(home, "pki", "list", "--data", home.resolve("\u001b[2Jx\u202e").toString());
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).doesNotContain("\u001b").doesNotContain("\u202e").contains("?[2Jx?");
    CliRun f = run("pki", "check", "--format", "\u001b[31m");
    assertThat(f.exitCode()).isEqualTo(2);
    assertThat(f.err()).doesNotContain("\u001b").doesNotContain("java.lang");
  }

  @Test
  void crl_fromAnotherCa_orMissingARevocation_fails() throws Exception {
    run("pki", "init");
    run("pki", "issue", "client", "--name", "ann");
    Path other = home.resolve("other");
    CliRun.run(home, withData(other, "pki", "init"));
    Path crl = data().resolve("pki/crl.pem");
    Path saved = home.resolve("crl-before-revoke.pem");
    Files.copy(crl, saved);

    Files.copy(other.resolve("pki/crl.pem"), crl, StandardCopyOption.REPLACE_EXISTING);
    assertThat(crlFinding()).contains("not by this CA");

    Files.copy(saved, crl, StandardCopyOption.REPLACE_EXISTING);
    String serial =
        MAPPER.readTree(run("pki", "list", "--json").out()).get(0).get("serial").asText();
    run("pki", "revoke", serial);
    Files.copy(saved, crl, StandardCopyOption.REPLACE_EXISTING); // an old backup restored
    assertThat(crlFinding()).contains("does not list revoked certificate " + serial);
  }

  private String crlFinding() throws Exception {
    for (JsonNode f :
        MAPPER.readTree(run("pki", "check", "--format", "json").out()).get("findings")) {
      if (f.get("ruleId").asText().equals("pki-crl-fresh")) {
        assertThat(f.get("status").asText()).isEqualTo("fail");
        return f.get("evidence").asText();
      }
    }
    throw new AssertionError("no pki-crl-fresh finding");
  }

  @Test
  void replacedCertificate_isSuperseded_notFailedForever() throws Exception {
    run("pki", "init");
    run("pki", "issue", "server", "--name", "web.local", "--days", "5");
    run("pki", "issue", "server", "--name", "web.local", "--out", home.resolve("web2").toString());
    CliRun r = run("pki", "check", "--fail-on", "low", "--format", "json", "--within", "30");
    JsonNode report = MAPPER.readTree(r.out());
    assertThat(r.out()).contains("superseded by serial");
    assertThat(report.at("/summary/byStatus/not_applicable").asInt()).isEqualTo(1);
  }

  @Test
  void revokeTwice_saysAlreadyRevoked() throws Exception {
    run("pki", "init");
    run("pki", "issue", "client", "--name", "bo");
    String serial =
        MAPPER.readTree(run("pki", "list", "--json").out()).get(0).get("serial").asText();
    run("pki", "revoke", serial, "--reason", "key-compromise");
    CliRun again = run("pki", "revoke", serial, "--reason", "superseded");
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("Already revoked").contains("key-compromise");
    CliRun badReason = run("pki", "revoke", serial, "--reason", "bogus");
    assertThat(badReason.exitCode()).isEqualTo(2);
    assertThat(badReason.err()).contains("key-compromise");
  }

  @Test
  void dockerDaemon_prefixedHostOrBadPort_isRefused() {
    assertThat(run("pki", "docker-daemon", "--host", "DNS:foo").exitCode()).isEqualTo(2);
    assertThat(run("pki", "docker-daemon", "--host", "foo", "--port", "99999").exitCode())
        .isEqualTo(2);
    assertThat(data().resolve("pki/ca.pem")).doesNotExist();
  }

  @Test
  void incompleteCa_isNotOfferedInit() throws Exception {
    run("pki", "init");
    Files.delete(data().resolve("pki/issuing.pem"));
    CliRun r = run("pki", "list");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).doesNotContain("Run 'drydock pki init'");
    CliRun d = run("pki", "docker-daemon", "--host", "h.local");
    assertThat(d.exitCode()).isEqualTo(3);
    assertThat(d.err()).doesNotContain("creating one");
  }

  @Test
  void blankData_negativeWithin_areUsageErrors() {
    assertThat(CliRun.run(home, "pki", "list", "--data", "").exitCode()).isEqualTo(2);
    run("pki", "init");
    CliRun r = run("pki", "check", "--within", "-5");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--within -5");
  }

  @Test
  void passphraseFile_withByteOrderMark_works_andDirectoryIsNamed() throws Exception {
    Path secret = home.resolve("pass.txt");
    Files.writeString(secret, "\uFEFFpa55-word\r\n", StandardCharsets.UTF_8);
    assertThat(run("pki", "init", "--passphrase-file", secret.toString()).exitCode()).isZero();
    CliRun issued =
        CliRun.run(
            home,
            java.util.Map.of("P", "pa55-word"),
            java.time.Clock.systemUTC(),
            withData(data(), "pki", "issue", "client", "--name", "x", "--passphrase-env", "P"));
    assertThat(issued.exitCode()).as(issued.err()).isZero();
    CliRun dir = run("pki", "crl", "--passphrase-file", home.toString());
    assertThat(dir.exitCode()).isEqualTo(2);
    assertThat(dir.err()).contains("--passphrase-file " + home);
  }
}
