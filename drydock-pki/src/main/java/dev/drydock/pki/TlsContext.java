package dev.drydock.pki;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * A mutually authenticated TLS context for a drydock server or client, built from the PEM files the
 * CA writes. Both ends present certificates; a server accepts only clients whose certificates chain
 * to the trusted root, carry clientAuth and are not in the CRL; a client accepts only servers with
 * serverAuth certificates that name the host it dialled. When {@link TlsFiles#crl()} is named but
 * the file is missing or unreadable, every peer is refused, naming the file: revocation checking
 * fails closed, never silently off.
 *
 * <p>Key, chain, root and CRL files are re-read when they change (checked at most every {@link
 * TlsOptions#reloadInterval()}), so rotated certificates take effect for new handshakes without a
 * restart. Apply {@link #sslParameters()} to every socket or engine (the {@link #serverSocket} and
 * {@link #connect} helpers do): they pin the TLS versions and require client certificates. TLS
 * sessions may be resumed for five minutes without a fresh certificate check.
 */
public final class TlsContext {
  private static final int SESSION_SECONDS = 300;
  private static final List<String> TLS13_SUITES =
      List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256");
  private static final List<String> TLS12_SUITES =
      List.of(
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  private final SSLContext context;
  private final CertificateKind role;
  private final TlsVersions versions;

  private TlsContext(SSLContext context, CertificateKind role, TlsVersions versions) {
    this.context = context;
    this.role = role;
    this.versions = versions;
  }

  /**
   * Builds a server context that requires and verifies client certificates.
   *
   * @throws PkiException when a file is missing or malformed, or the key does not match the chain
   */
  public static TlsContext server(TlsOptions options, Clock clock) throws PkiException {
    return create(options, clock, CertificateKind.SERVER);
  }

  /**
   * Builds a client context that presents its certificate and verifies the server's.
   *
   * @throws PkiException when a file is missing or malformed, or the key does not match the chain
   */
  public static TlsContext client(TlsOptions options, Clock clock) throws PkiException {
    return create(options, clock, CertificateKind.CLIENT);
  }

  private static TlsContext create(TlsOptions options, Clock clock, CertificateKind role)
      throws PkiException {
    TlsFiles files = options.files();
    Duration interval = options.reloadInterval();
    var keys = ReloadingKeyManager.load(files.key(), files.chain(), interval, clock);
    var trust = ReloadingTrustManager.load(files.trustedCa(), files.crl(), interval, clock);
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(new KeyManager[] {keys}, new TrustManager[] {trust}, new SecureRandom());
      context.getServerSessionContext().setSessionTimeout(SESSION_SECONDS);
      context.getClientSessionContext().setSessionTimeout(SESSION_SECONDS);
      return new TlsContext(context, role, options.versions());
    } catch (GeneralSecurityException e) {
      throw new PkiException("This JDK cannot create a TLS context: " + e.getMessage(), e);
    }
  }

  /** {@return the JSSE context; use it with {@link #sslParameters()}} */
  public SSLContext sslContext() {
    return context;
  }

  /**
   * {@return fresh parameters: the allowed versions and AEAD suites, and for servers a required
   * client certificate, for clients host name verification}
   */
  public SSLParameters sslParameters() {
    SSLParameters parameters = context.getDefaultSSLParameters();
    parameters.setProtocols(versions.protocols().toArray(String[]::new));
    parameters.setCipherSuites(cipherSuites());
    if (role == CertificateKind.SERVER) {
      parameters.setNeedClientAuth(true);
      parameters.setUseCipherSuitesOrder(true);
    } else {
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
    }
    return parameters;
  }

  /**
   * Opens a server socket bound to {@code address} with {@link #sslParameters()} applied.
   *
   * @throws IOException when the address cannot be bound
   * @throws IllegalStateException when this is a client context
   */
  public SSLServerSocket serverSocket(InetSocketAddress address) throws IOException {
    requireRole(CertificateKind.SERVER);
    SSLServerSocket socket =
        (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
    try {
      socket.setSSLParameters(sslParameters());
      socket.bind(address);
      return socket;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /**
   * Connects to {@code host:port} and completes the handshake, verifying the server. With TLS 1.3 a
   * server that refuses this client's certificate says so on the first read, not here.
   *
   * @param timeout bounds the connect and the handshake, and stays the socket's read timeout
   * @throws IOException when the connection or the handshake fails
   * @throws IllegalStateException when this is a server context
   */
  public SSLSocket connect(String host, int port, Duration timeout) throws IOException {
    requireRole(CertificateKind.CLIENT);
    int millis = Math.toIntExact(timeout.toMillis());
    Socket plain = new Socket();
    try {
      plain.connect(new InetSocketAddress(host, port), millis);
      plain.setSoTimeout(millis);
      SSLSocket socket =
          (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
      socket.setSSLParameters(sslParameters());
      socket.startHandshake();
      return socket;
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }

  private String[] cipherSuites() {
    List<String> supported = List.of(context.getSupportedSSLParameters().getCipherSuites());
    List<String> wanted = new ArrayList<>(TLS13_SUITES);
    if (versions == TlsVersions.TLS_1_2_AND_1_3) {
      wanted.addAll(TLS12_SUITES);
    }
    return wanted.stream().filter(supported::contains).toArray(String[]::new);
  }

  private void requireRole(CertificateKind wanted) {
    if (role != wanted) {
      throw new IllegalStateException(
          "this is a " + role + " TLS context; build a " + wanted + " context for that");
    }
  }
}
