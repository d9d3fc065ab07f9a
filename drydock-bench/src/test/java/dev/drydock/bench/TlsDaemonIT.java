package dev.drydock.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Finding;
import dev.drydock.model.Report;
import dev.drydock.model.Status;
import dev.drydock.testkit.PrivateDockerd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A private daemon with {@code --tlsverify --tlscacert X --tlscert Y --tlskey Z} (the space form
 * docker-bench-security does not parse): 2.7 passes and 3.9 to 3.14 examine exactly these files.
 */
class TlsDaemonIT {
  @TempDir Path dir;

  private void openssl(String... args) throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
    cmd.addAll(List.of(args));
    Process p =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("openssl.log").toFile())
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("openssl.log"))).isZero();
  }

  @Test
  void tlsFilesOfTheServingDaemonAreChecked() throws Exception {
    String ec = "ec_paramgen_curve:P-256";
    openssl(
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        ec,
        "-nodes",
        "-keyout",
        "ca-key.pem",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=ddt-ca");
    openssl(
        "req",
        "-newkey",
        "ec",
        "-pkeyopt",
        ec,
        "-nodes",
        "-keyout",
        "key.pem",
        "-out",
        "server.csr",
        "-subj",
        "/CN=127.0.0.1");
    Files.writeString(
        dir.resolve("ext.cnf"), "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
    openssl(
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca-key.pem",
        "-CAcreateserial",
        "-out",
        "cert.pem",
        "-days",
        "2",
        "-extfile",
        "ext.cnf");
    Path ca = dir.resolve("ca.pem");
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    Files.setAttribute(ca, "unix:mode", 0444);
    Files.setAttribute(cert, "unix:mode", 0644);
    Files.setAttribute(key, "unix:mode", 0600);
    try (PrivateDockerd d =
        PrivateDockerd.builder(System.getenv()).tcp(0).tls(ca, cert, key).start()) {
      Report r = HostAudits.run(d.endpoint(), Path.of("/"));
      Finding tls = HostAudits.only(r, "2.8");
      assertThat(tls.status()).isEqualTo(Status.PASS);
      assertThat(tls.subject()).isEqualTo(d.tcpAddress().orElseThrow());
      assertThat(tls.evidence()).contains("--tlsverify is on");
      Finding caOwner = HostAudits.only(r, "3.9");
      assertThat(caOwner.subject()).isEqualTo(ca.toString());
      assertThat(caOwner.status()).isEqualTo(Status.PASS);
      assertThat(HostAudits.only(r, "3.10").status()).isEqualTo(Status.PASS);
      Finding certMode = HostAudits.only(r, "3.12");
      assertThat(certMode.subject()).isEqualTo(cert.toString());
      assertThat(certMode.status()).isEqualTo(Status.FAIL);
      assertThat(certMode.evidence()).contains("0644", "0200");
      Finding keyMode = HostAudits.only(r, "3.14");
      assertThat(keyMode.subject()).isEqualTo(key.toString());
      assertThat(keyMode.status()).isEqualTo(Status.FAIL);
      Files.setAttribute(key, "unix:mode", 0400);
      Report again = HostAudits.run(d.endpoint(), Path.of("/"));
      assertThat(HostAudits.only(again, "3.14").status()).isEqualTo(Status.PASS);
      assertThat(HostAudits.only(again, "3.13").status()).isEqualTo(Status.PASS);
    }
  }
}
