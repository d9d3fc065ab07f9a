package dev.drydock.pki;

import java.net.Socket;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jspecify.annotations.Nullable;

/**
 * Trusts peers whose chains lead to drydock's root CA, re-reading the root and CRL files when they
 * change. Clients are checked for clientAuth; servers for serverAuth and, when the connection asks
 * for endpoint identification, for the host name (JSSE leaves that to extended trust managers). A
 * named CRL file that goes missing refuses every peer until it is back; one that turns out corrupt
 * on a reload leaves the previous CRL in force.
 */
final class ReloadingTrustManager extends X509ExtendedTrustManager {
  private final Reloadable<TrustMaterial> trust;
  private final Clock clock;

  private ReloadingTrustManager(Reloadable<TrustMaterial> trust, Clock clock) {
    this.trust = trust;
    this.clock = clock;
  }

  static ReloadingTrustManager load(
      Path caFile, @Nullable Path crlFile, Duration interval, Clock clock) throws PkiException {
    List<Path> files = new ArrayList<>(List.of(caFile));
    if (crlFile != null) {
      files.add(crlFile);
    }
    return new ReloadingTrustManager(
        Reloadable.load(files, () -> TrustMaterial.read(caFile, crlFile), interval, clock), clock);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    verify(chain, CertificateKind.CLIENT);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, @Nullable Socket socket)
      throws CertificateException {
    verify(chain, CertificateKind.CLIENT);
  }

  @Override
  public void checkClientTrusted(
      X509Certificate[] chain, String authType, @Nullable SSLEngine engine)
      throws CertificateException {
    verify(chain, CertificateKind.CLIENT);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    verify(chain, CertificateKind.SERVER);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, @Nullable Socket socket)
      throws CertificateException {
    verify(chain, CertificateKind.SERVER);
    if (socket instanceof SSLSocket ssl) {
      checkHost(chain[0], ssl.getSSLParameters(), ssl.getHandshakeSession());
    }
  }

  @Override
  public void checkServerTrusted(
      X509Certificate[] chain, String authType, @Nullable SSLEngine engine)
      throws CertificateException {
    verify(chain, CertificateKind.SERVER);
    if (engine != null) {
      checkHost(chain[0], engine.getSSLParameters(), engine.getHandshakeSession());
    }
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return trust.current().roots().toArray(X509Certificate[]::new);
  }

  private void verify(X509Certificate @Nullable [] chain, CertificateKind kind)
      throws CertificateException {
    if (chain == null) {
      throw new CertificateException("the peer sent no certificate");
    }
    PeerVerifier.verify(chain, kind, trust.current(), clock.instant());
  }

  private static void checkHost(
      X509Certificate leaf, SSLParameters parameters, @Nullable SSLSession handshake)
      throws CertificateException {
    String algorithm = parameters.getEndpointIdentificationAlgorithm();
    if (algorithm == null || algorithm.isEmpty()) {
      return;
    }
    String host = handshake == null ? null : handshake.getPeerHost();
    if (host == null || host.isEmpty()) {
      throw new CertificateException(
          "cannot check the server's name: the connection was opened without a host name");
    }
    HostnameMatcher.check(host, leaf);
  }
}
