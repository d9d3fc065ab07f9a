package dev.drydock.testkit;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/** A throw-away CA, daemon certificate and client certificate made with openssl for TLS tests. */
final class TlsFiles {
  private static final char[] PASSWORD = "changeit".toCharArray();

  private final Path dir;
  private final Commands openssl = new Commands(Map.of());

  private TlsFiles(Path dir) {
    this.dir = dir;
  }

  static TlsFiles create(Path dir) throws Exception {
    TlsFiles files = new TlsFiles(dir);
    files.ca("ca");
    files.ca("other-ca");
    files.leaf(
        "server", "ca", "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth");
    files.leaf("client", "ca", "extendedKeyUsage=clientAuth");
    return files;
  }

  Path file(String name) {
    return dir.resolve(name);
  }

  /** {@return a client context trusting {@code ca} and presenting the client key if asked to} */
  SSLContext clientContext(String ca, boolean withClientKey) throws Exception {
    @Nullable KeyManager[] keyManagers = null;
    if (withClientKey) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(file("client.p12"))) {
        keys.load(in, PASSWORD);
      }
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, PASSWORD);
      keyManagers = kmf.getKeyManagers();
    }
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(file(ca + ".crt"))) {
      trust.setCertificateEntry(
          "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers, tmf.getTrustManagers(), null);
    return context;
  }

  private void ca(String name) throws Exception {
    key(name);
    run(
        "openssl",
        "req",
        "-x509",
        "-key",
        path(name + ".key"),
        "-out",
        path(name + ".crt"),
        "-days",
        "2",
        "-subj",
        "/CN=" + name,
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign");
  }

  private void leaf(String name, String ca, String extensions) throws Exception {
    key(name);
    Files.writeString(file(name + ".ext"), extensions + "\n");
    run(
        "openssl",
        "req",
        "-new",
        "-key",
        path(name + ".key"),
        "-subj",
        "/CN=" + name,
        "-out",
        path(name + ".csr"));
    run(
        "openssl",
        "x509",
        "-req",
        "-in",
        path(name + ".csr"),
        "-CA",
        path(ca + ".crt"),
        "-CAkey",
        path(ca + ".key"),
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        path(name + ".ext"),
        "-out",
        path(name + ".crt"));
    run(
        "openssl",
        "pkcs12",
        "-export",
        "-in",
        path(name + ".crt"),
        "-inkey",
        path(name + ".key"),
        "-out",
        path(name + ".p12"),
        "-passout",
        "pass:changeit");
  }

  private void key(String name) throws Exception {
    run(
        "openssl",
        "genpkey",
        "-algorithm",
        "EC",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-out",
        path(name + ".key"));
  }

  private String path(String name) {
    return file(name).toString();
  }

  private void run(String... command) throws Exception {
    openssl.run(List.of(command), Map.of(), Duration.ofSeconds(30));
  }
}
