package dev.drydock.cli;

import dev.drydock.model.InvalidValueException;
import dev.drydock.pki.TlsFiles;
import dev.drydock.pki.TlsOptions;
import dev.drydock.pki.TlsVersions;
import dev.drydock.registry.AccessPolicy;
import dev.drydock.registry.RegistryConfig;
import dev.drydock.registry.RegistryException;
import dev.drydock.registry.RegistryServer;
import dev.drydock.registry.TrustPullGate;
import dev.drydock.registry.TrustedRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code drydock registry serve}: runs the registry until interrupted. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the registry over TLS (HTTP/2 and HTTP/1.1) from <data>/registry until interrupted.",
      "The certificate comes from --tls-cert/--tls-key, from --pki DIR (a directory 'drydock pki issue server' wrote), or by default from <data>/pki/issued/registry/.",
      "Over TLS every request is authenticated (Docker registry token auth at /auth/token, or a client certificate from the drydock CA), checked against the project roles, and judged by the project rules (trust and vulnerability pull gates, immutable tags, quotas). The first start creates the user 'admin' and writes its secret to <data>/registry/admin.secret.",
      "--insecure-loopback-http serves plain HTTP without authentication, on loopback only, for local experiments."
    })
final class RegistryServeCommand implements Callable<Integer> {
  @Mixin GlobalOptions global = new GlobalOptions();

  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      defaultValue = "127.0.0.1:5000",
      description = "Address to serve on (default 127.0.0.1:5000; [::1]:5000 for IPv6).")
  String listen = "127.0.0.1:5000";

  @Option(
      names = "--tls-cert",
      paramLabel = "FILE",
      description = "PEM certificate chain: the server certificate, then its issuers.")
  @Nullable Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key (unencrypted).")
  @Nullable Path tlsKey;

  @Option(
      names = "--tls-ca",
      paramLabel = "FILE",
      description =
          "PEM CA certificate(s) whose client certificates may log in (their common name names"
              + " the account). Default: the drydock CA's <data>/pki/ca.pem; with --tls-cert and no"
              + " drydock CA, give it explicitly.")
  @Nullable Path tlsCa;

  @Option(
      names = "--tls-crl",
      paramLabel = "FILE",
      description =
          "PEM CRL client certificates are checked against (default: the drydock CA's"
              + " <data>/pki/crl.pem when it exists). Read at start: restart after 'drydock pki"
              + " revoke'.")
  @Nullable Path tlsCrl;

  @Option(
      names = "--pki",
      paramLabel = "DIR",
      description =
          "Directory with key.pem, chain.pem and ca.pem, as 'drydock pki issue server' writes (default: <data>/pki/issued/registry).")
  @Nullable Path pki;

  @Option(
      names = "--insecure-loopback-http",
      description =
          "Serve plain HTTP (and h2c) instead of TLS; refused unless --listen is loopback.")
  boolean insecureLoopbackHttp;

  @Mixin RegistryDatabaseOptions database = new RegistryDatabaseOptions();
  @Mixin RegistryS3Options s3 = new RegistryS3Options();

  @Option(
      names = "--scan-threads",
      paramLabel = "N",
      defaultValue = "1",
      description = "Images scanned at once for the vulnerability gate (default 1).")
  int scanThreads = 1;

  @Override
  public Integer call() throws RegistryException {
    Drydock root = global.root();
    InetSocketAddress address = address(listen);
    Path data = RegistryCommand.directory(root);
    // Checked before anything starts, so that a wrong flag fails fast and names itself.
    TrustedRegistry.Options options = options(root, data);
    if (insecureLoopbackHttp && (options.s3() != null || database.shared())) {
      throw new CliException(
          "--insecure-loopback-http serves an open test registry from "
              + data
              + " only: S3 storage and a PostgreSQL database need the trusted (TLS) registry.",
          dev.drydock.report.FailOn.EXIT_USAGE);
    }
    TlsOptions tls = insecureLoopbackHttp ? null : tls(root);
    RegistryConfig config;
    try {
      config =
          tls == null
              ? RegistryConfig.insecureLoopback(address, root.context().clock())
              : RegistryConfig.tls(address, tls, root.context().clock());
    } catch (InvalidValueException e) {
      throw new CliException(e.getMessage() + ".", dev.drydock.report.FailOn.EXIT_USAGE);
    }
    AutoCloseable server;
    URI base;
    if (tls == null) {
      RegistryServer open = RegistryServer.start(config, data, AccessPolicy.OPEN);
      server = open;
      base = open.baseUri();
    } else {
      TrustedRegistry trusted = TrustedRegistry.start(config, options);
      server = trusted;
      base = trusted.baseUri();
    }
    Thread hook = new Thread(() -> closeQuietly(server), "registry-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      var out = root.context().out();
      out.println("drydock registry serving " + base + " from " + data);
      if (tls == null) {
        out.println(
            "Plain HTTP without authentication: anyone who can reach this loopback address may"
                + " push, pull and delete.");
      } else {
        out.println(
            "Token authentication at "
                + base
                + "/auth/token. The first administrator's secret is in "
                + data.resolve("admin.secret")
                + " (written on the first start only).");
      }
      out.flush();
      join(server);
    } catch (InterruptedException stopped) {
      // Interrupted (an embedding program stopping us): a normal, graceful stop.
      Thread.currentThread().interrupt();
    } finally {
      closeQuietly(server);
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running already
      }
    }
    return 0;
  }

  TrustedRegistry.Options options(Drydock root, Path data) {
    TrustedRegistry.S3 storage = s3.s3(root.context().env());
    String password = database.password();
    try {
      TrustKeyring keyring = new TrustKeyring(root.dataDir(), root.context().clock());
      return new TrustedRegistry.Options(
          data,
          database.database,
          password,
          storage,
          TrustPullGate.Keyring.of(keyring.keys()),
          DbCommand.dbDir(root),
          scanThreads);
    } catch (InvalidValueException e) {
      throw new CliException(e.getMessage() + ".", dev.drydock.report.FailOn.EXIT_USAGE);
    }
  }

  private static void join(AutoCloseable server) throws InterruptedException {
    switch (server) {
      case TrustedRegistry t -> t.join();
      case RegistryServer r -> r.join();
      default -> throw new IllegalStateException("unknown server " + server);
    }
  }

  private static void closeQuietly(AutoCloseable server) {
    try {
      server.close();
    } catch (Exception e) {
      System.getLogger(RegistryServeCommand.class.getName())
          .log(System.Logger.Level.WARNING, "stopping the registry: " + e.getMessage(), e);
    }
  }

  private @Nullable TlsOptions tls(Drydock root) {
    TlsFiles files;
    if (tlsCert != null || tlsKey != null) {
      if (tlsCert == null || tlsKey == null || pki != null) {
        throw new CliException(
            "Give --tls-cert and --tls-key together, or --pki DIR.",
            dev.drydock.report.FailOn.EXIT_USAGE);
      }
      // Client certificates log in as accounts: only a CA named on purpose may vouch for them,
      // never the issuers of the server's own (possibly public) certificate.
      Path ca = tlsCa != null ? tlsCa : root.dataDir().resolve("pki").resolve("ca.pem");
      if (!Files.isRegularFile(ca)) {
        throw new CliException(
            "Give --tls-ca FILE: the CA whose client certificates may log in (no drydock CA at "
                + ca
                + ").",
            dev.drydock.report.FailOn.EXIT_USAGE);
      }
      files = new TlsFiles(tlsKey, tlsCert, ca, null);
    } else {
      Path dir =
          pki != null ? pki : root.dataDir().resolve("pki").resolve("issued").resolve("registry");
      if (!Files.isRegularFile(dir.resolve("key.pem"))) {
        throw new CliException(
            "No TLS certificate in "
                + dir
                + ". Issue one with 'drydock pki issue server --name registry --san DNS:<host>', give"
                + " --tls-cert/--tls-key or --pki DIR, or on loopback only --insecure-loopback-http.",
            2);
      }
      files = TlsFiles.in(dir);
    }
    Path defaultCrl = root.dataDir().resolve("pki").resolve("crl.pem");
    Path crl = tlsCrl != null ? tlsCrl : Files.isRegularFile(defaultCrl) ? defaultCrl : null;
    if (crl != null) {
      files = files.withCrl(crl);
    } else {
      root.context()
          .err()
          .println(
              "warning: client certificates are not checked for revocation: give --tls-crl FILE"
                  + " (the issuing CA's CRL).");
    }
    // Docker and skopeo speak TLS 1.3; 1.2 stays for older clients, with AEAD suites only.
    return TlsOptions.of(files).withVersions(TlsVersions.TLS_1_2_AND_1_3);
  }

  /** Parses {@code HOST:PORT} or {@code [IPv6]:PORT}. */
  static InetSocketAddress address(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new CliException(
          "--listen " + text + ": expected HOST:PORT, e.g. 127.0.0.1:5000.",
          dev.drydock.report.FailOn.EXIT_USAGE);
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65535) {
      throw new CliException(
          "--listen " + text + ": the port must be 0 to 65535.",
          dev.drydock.report.FailOn.EXIT_USAGE);
    }
    try {
      return new InetSocketAddress(InetAddress.getAllByName(host)[0], port);
    } catch (UnknownHostException e) {
      throw new CliException(
          "--listen " + text + ": unknown host " + host + ".",
          dev.drydock.report.FailOn.EXIT_USAGE);
    }
  }
}
