package dev.drydock.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.pki.PkiException;
import dev.drydock.pki.TlsContext;
import dev.drydock.pki.TlsOptions;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.VirtualThreadPool;
import org.jspecify.annotations.Nullable;

/**
 * The registry's HTTP server: Jetty's core API on virtual threads, HTTP/2 and HTTP/1.1 over TLS
 * (ALPN), or cleartext HTTP/1.1 and h2c on loopback. Expired upload sessions are removed every
 * minute.
 */
public final class RegistryServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(RegistryServer.class.getName());
  private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(2);

  private final Server server;
  private final ServerConnector connector;
  private final boolean tls;
  private final BlobStorage blobs;
  private final MetadataStore metadata;
  private final RegistryConfig config;
  private final ReadWriteLock maintenance = new ReentrantReadWriteLock();
  private @Nullable DataLock lock;
  private final ScheduledExecutorService expiry =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofVirtual().name("registry-upload-expiry").factory());

  /**
   * What authentication needs: the accounts, how to check their secrets, and where to audit.
   *
   * @param store accounts, projects and members
   * @param secrets checks and hashes passwords and robot secrets ({@code PasswordHasher})
   * @param audit receives login, pull, push, delete and refusal events
   */
  public record Security(SecurityStore store, SecretVerifier secrets, AuditLog audit) {
    /** Checks the parts are present. */
    public Security {
      java.util.Objects.requireNonNull(store, "store");
      java.util.Objects.requireNonNull(secrets, "secrets");
      java.util.Objects.requireNonNull(audit, "audit");
    }
  }

  private RegistryServer(
      RegistryConfig config,
      BlobStorage blobs,
      MetadataStore metadata,
      AccessPolicy access,
      @Nullable Security security,
      @Nullable Path keyDir)
      throws RegistryException {
    this.config = config;
    this.blobs = blobs;
    this.metadata = metadata;
    VirtualThreadPool pool = new VirtualThreadPool();
    pool.setName("drydock-registry");
    this.server = new Server(pool);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    TlsOptions tlsOptions = config.tls();
    this.tls = tlsOptions != null;
    if (tlsOptions != null) {
      SecureRequestCustomizer secure = new SecureRequestCustomizer();
      // Clients dial IP addresses and host names the certificate's SANs name; JSSE checks those.
      secure.setSniHostCheck(false);
      http.addCustomizer(secure);
      HttpConnectionFactory h1 = new HttpConnectionFactory(http);
      HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(http);
      ALPNServerConnectionFactory alpn =
          new ALPNServerConnectionFactory(h2.getProtocol(), "http/1.1");
      alpn.setDefaultProtocol(h1.getProtocol());
      SslConnectionFactory ssl =
          new SslConnectionFactory(sslFactory(tlsOptions), alpn.getProtocol());
      this.connector = new ServerConnector(server, ssl, alpn, h2, h1);
    } else {
      this.connector =
          new ServerConnector(
              server, new HttpConnectionFactory(http), new HTTP2CServerConnectionFactory(http));
    }
    connector.setHost(config.listen().getHostString());
    connector.setPort(config.listen().getPort());
    connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
    server.addConnector(connector);
    server.setHandler(
        new RegistryHandler(
            new RegistryHandler.Storage(blobs, metadata, config),
            access,
            maintenance,
            authentication(config, security, keyDir),
            security == null ? AuditLog.NONE : security.audit()));
    server.setStopTimeout(5_000);
  }

  private static RegistryHandler.@Nullable Security authentication(
      RegistryConfig config, @Nullable Security security, @Nullable Path keyDir)
      throws RegistryException {
    RegistryConfig.Auth auth = config.auth();
    if (!auth.enabled()) {
      return null;
    }
    if (security == null || keyDir == null) {
      throw new RegistryException(
          "Registry authentication is on (always with TLS): start the server with a security"
              + " store and a data directory for its token key");
    }
    Clock clock = config.clock();
    KeyPair keys = KeyFiles.signingKey(keyDir);
    Bootstrap.ensureAdmin(security.store(), security.secrets(), keyDir, clock);
    RbacGrants grants = new RbacGrants(security.store(), clock);
    TokenIssuer issuer = new TokenIssuer(auth.issuer(), keys, grants, clock, auth.tokenLifetime());
    TokenVerifier verifier =
        new TokenVerifier(auth.issuer(), List.of((ECPublicKey) keys.getPublic()), clock);
    Authenticator authenticator =
        new Authenticator(
            security.store(),
            security.secrets(),
            clock,
            auth.maxVerifications(),
            auth.adminCertificates());
    RefreshTokens refresh =
        new RefreshTokens(
            auth.issuer(), auth.service(), keys, verifier, clock, auth.refreshLifetime());
    return new RegistryHandler.Security(
        new BearerGate(verifier, grants, authenticator, auth.service(), auth.realmUrl()),
        new TokenEndpoint(
            authenticator,
            issuer,
            refresh,
            auth.service(),
            security.audit(),
            clock,
            new ObjectMapper()));
  }

  private SslContextFactory.Server sslFactory(TlsOptions options) throws RegistryException {
    TlsContext context;
    try {
      context = TlsContext.server(options, config.clock());
    } catch (PkiException e) {
      throw new RegistryException("Cannot load the registry's TLS files: " + e.getMessage(), e);
    }
    SslContextFactory.Server factory = new SslContextFactory.Server();
    factory.setSslContext(context.sslContext());
    factory.setIncludeProtocols(context.sslParameters().getProtocols());
    factory.setCipherComparator(HTTP2Cipher.COMPARATOR);
    // A client certificate is optional: one that chains to the drydock CA (checked by the
    // context's trust manager during the handshake) names the account, without a password.
    factory.setNeedClientAuth(false);
    factory.setWantClientAuth(true);
    return factory;
  }

  /**
   * Starts a registry over the given stores.
   *
   * @param access decides every request; {@link AccessPolicy#OPEN} until authentication exists
   * @throws RegistryException when the address cannot be bound or TLS files cannot be read
   */
  public static RegistryServer start(
      RegistryConfig config, BlobStorage blobs, MetadataStore metadata, AccessPolicy access)
      throws RegistryException {
    return start(config, blobs, metadata, access, null, null);
  }

  /**
   * Starts a registry over the given stores with authentication.
   *
   * @param access decides every request after authentication (the gates)
   * @param security accounts, secrets and audit; null only when authentication is off
   * @param keyDir where the token signing key and the first administrator's secret live
   * @throws RegistryException when the address cannot be bound, TLS or key files cannot be read, or
   *     authentication is on without a security store
   */
  public static RegistryServer start(
      RegistryConfig config,
      BlobStorage blobs,
      MetadataStore metadata,
      AccessPolicy access,
      @Nullable Security security,
      @Nullable Path keyDir)
      throws RegistryException {
    RegistryServer registry = new RegistryServer(config, blobs, metadata, access, security, keyDir);
    try {
      registry.server.start();
    } catch (Exception e) {
      registry.close();
      throw new RegistryException(
          "Cannot start the registry on "
              + config.listen()
              + ": "
              + e.getMessage()
              + " (is the port in use?)",
          e);
    }
    var _ = registry.expiry.scheduleWithFixedDelay(registry::expireUploads, 1, 1, TimeUnit.MINUTES);
    return registry;
  }

  /**
   * Starts a registry storing blobs and metadata under {@code dataDir}.
   *
   * @throws RegistryException when the directory cannot be used or the server cannot start
   */
  public static RegistryServer start(RegistryConfig config, Path dataDir, AccessPolicy access)
      throws RegistryException {
    return start(config, dataDir, access, null);
  }

  /**
   * Starts a registry storing blobs, metadata, the token signing key and the first administrator's
   * secret ({@code admin.secret}) under {@code dataDir}.
   *
   * @param security accounts, secrets and audit; null only when authentication is off
   * @throws RegistryException when the directory cannot be used or the server cannot start
   */
  public static RegistryServer start(
      RegistryConfig config, Path dataDir, AccessPolicy access, @Nullable Security security)
      throws RegistryException {
    DataLock lock = DataLock.acquire(dataDir, "serving it");
    try {
      RegistryServer server =
          start(
              config,
              FileBlobStorage.open(dataDir, config.clock(), config.maxUploads()),
              FileMetadataStore.open(dataDir),
              access,
              security,
              dataDir);
      server.lock = lock;
      return server;
    } catch (RegistryException | RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  private void expireUploads() {
    try {
      int expired = blobs.expireUploads(config.clock().instant().minus(config.uploadTtl()));
      if (expired > 0) {
        LOG.log(Level.INFO, "expired " + expired + " upload sessions");
      }
    } catch (RegistryException | RuntimeException e) {
      LOG.log(Level.WARNING, "upload expiry failed: " + e.getMessage(), e);
    }
  }

  /** {@return the bound address, with the real port when port 0 was asked for} */
  public InetSocketAddress address() {
    return new InetSocketAddress(config.listen().getAddress(), connector.getLocalPort());
  }

  /** {@return {@code https://host:port} (or {@code http://} on loopback without TLS)} */
  public URI baseUri() {
    String host = config.listen().getAddress().getHostAddress();
    if (host.indexOf(':') >= 0) {
      host = "[" + host + "]";
    }
    return URI.create((tls ? "https://" : "http://") + host + ":" + connector.getLocalPort());
  }

  /**
   * Collects garbage online: requests wait while the collection holds the maintenance lock.
   *
   * @param grace blobs stored within this long are kept even when unreferenced (pushes in flight)
   */
  public GarbageCollector.Result collectGarbage(Duration grace) throws RegistryException {
    maintenance.writeLock().lock();
    try {
      return new GarbageCollector(blobs, metadata).collect(config.clock().instant().minus(grace));
    } finally {
      maintenance.writeLock().unlock();
    }
  }

  /** Blocks until the server stops. */
  public void join() throws InterruptedException {
    server.join();
  }

  /** Stops the server, letting requests in flight finish for up to five seconds. */
  @Override
  public void close() {
    expiry.shutdownNow();
    try {
      server.stop();
    } catch (Exception e) {
      LOG.log(Level.WARNING, "registry did not stop cleanly: " + e.getMessage(), e);
    }
    DataLock held = lock;
    if (held != null) {
      held.close();
      lock = null;
    }
  }
}
