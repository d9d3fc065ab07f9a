package dev.drydock.pki;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.SSLSocket;

/** Shared set-up for the tests: CAs, issued certificates and a TLS client call. */
final class Fixtures {
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private Fixtures() {}

  static CertificateAuthority newCa(Path dir, Clock clock) throws PkiException {
    return CertificateAuthority.init(dir, CaOptions.defaults(), null, clock);
  }

  static Issuer newIssuer(Path dir, Clock clock) throws PkiException {
    return newCa(dir, clock).unlock(null);
  }

  static IssuedCertificate server(Issuer issuer, Path dir) throws PkiException {
    return issuer.issue(
        IssueRequest.server("server").sans("IP:127.0.0.1", "localhost").build(), dir);
  }

  static IssuedCertificate client(Issuer issuer, Path dir, String name) throws PkiException {
    return issuer.issue(IssueRequest.client(name).organisationalUnits("ops", "admin").build(), dir);
  }

  /** A client certificate whose validity ended a day before the clock's now. */
  static IssuedCertificate expiredClient(Issuer issuer, Path dir, Clock clock) throws PkiException {
    java.time.Instant now = clock.instant();
    return issuer.issue(
        IssueRequest.client("old")
            .validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)))
            .build(),
        dir);
  }

  /** Connects, sends one line and returns the server's answer; throws when TLS fails. */
  static String talk(TlsContext client, int port, String line) throws IOException {
    try (SSLSocket socket = client.connect("127.0.0.1", port, TIMEOUT)) {
      Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
      out.write(line + "\n");
      out.flush();
      var in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      String answer = in.readLine();
      if (answer == null) {
        throw new IOException("the server closed the connection without answering");
      }
      return answer;
    }
  }
}
