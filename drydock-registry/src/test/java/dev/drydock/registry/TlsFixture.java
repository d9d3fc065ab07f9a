package dev.drydock.registry;

import dev.drydock.pki.CaOptions;
import dev.drydock.pki.CertificateAuthority;
import dev.drydock.pki.IssueRequest;
import dev.drydock.pki.IssuedCertificate;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A drydock CA with a server certificate for the loopback registry, and a client that trusts it.
 */
final class TlsFixture {
  final CertificateAuthority ca;
  final IssuedCertificate server;

  private TlsFixture(CertificateAuthority ca, IssuedCertificate server) {
    this.ca = ca;
    this.server = server;
  }

  static TlsFixture create(Path dir, String... sans) throws Exception {
    CertificateAuthority ca =
        CertificateAuthority.init(
            dir.resolve("pki"), CaOptions.defaults(), null, Clock.systemUTC());
    IssueRequest.Builder request =
        IssueRequest.server("registry").sans("IP:127.0.0.1", "DNS:localhost");
    request.sans(sans);
    IssuedCertificate issued = ca.unlock(null).issue(request.build());
    return new TlsFixture(ca, issued);
  }

  /** {@return a client certificate from this CA whose common name is {@code account}} */
  IssuedCertificate client(String account) throws Exception {
    return ca.unlock(null).issue(IssueRequest.client(account).build());
  }

  /** {@return a client context that presents {@code client} and trusts only this CA} */
  SSLContext clientContext(IssuedCertificate client) throws Exception {
    return dev.drydock.pki.TlsContext.client(
            dev.drydock.pki.TlsOptions.of(client.tlsFiles()), Clock.systemUTC())
        .sslContext();
  }

  /** {@return a client context that trusts only this CA} */
  SSLContext clientContext() throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(ca.rootCertificateFile())) {
      Certificate root = CertificateFactory.getInstance("X.509").generateCertificate(in);
      trust.setCertificateEntry("drydock-root", root);
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }
}
