package dev.drydock.engine;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jspecify.annotations.Nullable;

/**
 * A TLS daemon on 127.0.0.1 that requires a client certificate and refuses every one it is shown,
 * as dockerd does with a certificate from another CA, an expired or a revoked one. It names no
 * acceptable CAs, so JSSE clients do present their certificate.
 */
final class RefusingTlsEngine implements AutoCloseable {
  /** How the refusal reaches the client. */
  enum Refusal {
    /** A fatal TLS alert, then close: the client may still see a reset if it was writing. */
    ALERT,
    /** A TCP reset and no alert: the refusal as a client sees it when the reset wins the race. */
    RESET
  }

  private static final char[] PASSWORD = "changeit".toCharArray();

  private final SSLContext context;
  private final String tlsVersion;
  private final Refusal refusal;
  private final BlockingQueue<String> refusedProtocols = new LinkedBlockingQueue<>();
  private final Map<Socket, Socket> tcpUnderTls = new ConcurrentHashMap<>();
  private final LoopbackServer server;

  private RefusingTlsEngine(String tlsVersion, Refusal refusal) throws Exception {
    this.tlsVersion = tlsVersion;
    this.refusal = refusal;
    this.context = serverContext();
    this.server = new LoopbackServer(LoopbackServer.plainSocket(), this::serve);
  }

  static RefusingTlsEngine start(String tlsVersion, Refusal refusal) throws Exception {
    return new RefusingTlsEngine(tlsVersion, refusal);
  }

  int port() {
    return server.port();
  }

  /** {@return the TLS version of the next handshake in which a client certificate was refused} */
  String nextRefusedProtocol() throws InterruptedException {
    return LoopbackServer.next(refusedProtocols, "no client certificate was refused");
  }

  private void serve(Socket plain) {
    try (plain) {
      SSLSocket tls =
          (SSLSocket) context.getSocketFactory().createSocket(plain, null, plain.getPort(), false);
      tcpUnderTls.put(tls, plain);
      try (tls) {
        tls.setUseClientMode(false);
        tls.setNeedClientAuth(true);
        tls.setEnabledProtocols(new String[] {tlsVersion});
        tls.startHandshake();
      } finally {
        tcpUnderTls.remove(tls);
      }
    } catch (IOException e) {
      // the refusal: what this server is for
    }
  }

  private SSLContext serverContext() throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = EngineTlsTest.class.getResourceAsStream("tls/server.p12")) {
      keys.load(in, PASSWORD);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, PASSWORD);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), new TrustManager[] {new RefuseAll()}, null);
    return tls;
  }

  /** Refuses every client; trusts any server (it is never asked to). */
  private final class RefuseAll extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, @Nullable Socket s)
        throws CertificateException {
      if (s instanceof SSLSocket tls && tls.getHandshakeSession() != null) {
        refusedProtocols.add(tls.getHandshakeSession().getProtocol());
      }
      if (refusal == Refusal.RESET) {
        reset(s);
      }
      throw new CertificateException("refused by the test daemon");
    }

    @Override
    public void checkClientTrusted(
        X509Certificate[] chain, String authType, @Nullable SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("refused by the test daemon");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("refused by the test daemon");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, @Nullable Socket s) {}

    @Override
    public void checkServerTrusted(
        X509Certificate[] chain, String authType, @Nullable SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  /** Closes the TCP connection under the TLS socket with a reset, before any alert is sent. */
  private void reset(@Nullable Socket tls) {
    Socket plain = tls == null ? null : tcpUnderTls.get(tls);
    if (plain == null) {
      throw new AssertionError("no TCP connection under " + tls);
    }
    try {
      plain.setSoLinger(true, 0);
      plain.close();
    } catch (IOException e) {
      // the client sees a failure either way
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
