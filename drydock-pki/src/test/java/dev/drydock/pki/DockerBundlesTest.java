package dev.drydock.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.InvalidValueException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerBundlesTest {
  @TempDir Path tmp;
  private CertificateAuthority ca;
  private Issuer issuer;

  @BeforeEach
  void createCa() throws Exception {
    ca =
        Fixtures.newCa(tmp.resolve("pki"), new MutableClock(Instant.parse("2026-01-01T00:00:00Z")));
    issuer = ca.unlock(null);
  }

  @Test
  void dockerDaemon_host_writesServerClientAndDaemonJson() throws Exception {
    DockerBundle bundle =
        issuer.dockerDaemon("docker.example", List.of("IP:10.0.0.7"), tmp.resolve("docker"));

    Path out = tmp.resolve("docker").toAbsolutePath();
    for (String dir : List.of("server", "client")) {
      assertThat(out.resolve(dir)).isDirectoryContaining("glob:**/ca.pem");
      assertThat(Pem.readCertificates(out.resolve(dir).resolve("ca.pem")))
          .containsExactly(ca.rootCertificate());
      assertThat(Pem.readCertificates(out.resolve(dir).resolve("cert.pem")))
          .hasSize(2)
          .endsWith(ca.issuingCertificate());
      assertThat(out.resolve(dir).resolve("key.pem")).exists();
      assertThat(out.resolve(dir).resolve("chain.pem"))
          .hasSameTextualContentAs(out.resolve(dir).resolve("cert.pem"));
    }
    assertThat(Certificates.sans(bundle.server().certificate()))
        .extracting(SubjectAltName::toString)
        .containsExactly("DNS:docker.example", "DNS:localhost", "IP:127.0.0.1", "IP:10.0.0.7");
    assertThat(bundle.server().certificate().getExtendedKeyUsage())
        .containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(bundle.client().certificate().getExtendedKeyUsage())
        .containsExactly("1.3.6.1.5.5.7.3.2");
    assertThat(Files.readString(bundle.daemonJson()))
        .isEqualTo(
            "{\n"
                + "  \"tlsverify\": true,\n"
                + "  \"tlscacert\": \""
                + out
                + "/server/ca.pem\",\n"
                + "  \"tlscert\": \""
                + out
                + "/server/cert.pem\",\n"
                + "  \"tlskey\": \""
                + out
                + "/server/key.pem\"\n"
                + "}\n");
    assertThat(ca.list()).hasSize(2);
  }

  @Test
  void dockerDaemon_ipHostAndDuplicates_namesOnce() throws Exception {
    DockerBundle bundle =
        issuer.dockerDaemon("127.0.0.1", List.of("localhost"), tmp.resolve("docker"));
    assertThat(Certificates.sans(bundle.server().certificate()))
        .extracting(SubjectAltName::toString)
        .containsExactly("IP:127.0.0.1", "DNS:localhost");
  }

  @Test
  void dockerDaemon_badHost_throws() {
    assertThatThrownBy(() -> issuer.dockerDaemon("host:2376", List.of(), tmp.resolve("d")))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void quote_specialCharacters_escapedAsJson() {
    assertThat(DockerBundles.quote("a\"b\\c\nd")).isEqualTo("\"a\\\"b\\\\c\\u000ad\"");
  }
}
