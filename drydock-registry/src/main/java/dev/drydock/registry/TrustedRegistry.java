package dev.drydock.registry;

import dev.drydock.model.InvalidValueException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The trusted registry assembled, as {@code drydock registry serve} runs it: blob storage (the data
 * directory, or S3), repository metadata (files, or PostgreSQL for several nodes), accounts,
 * projects and the audit log (embedded H2, or the same PostgreSQL), token authentication with RBAC,
 * and the project rules with the trust and vulnerability pull gates, immutable tags and quotas.
 * Each request is authenticated first, RBAC-checked through its token's scope, then judged by the
 * project rules.
 */
public final class TrustedRegistry implements AutoCloseable {

  /**
   * Where the registry keeps its state and what it checks.
   *
   * @param dataDir the registry's local data directory ({@code <data>/registry}): blobs and
   *     repository metadata with the default backends, the embedded database ({@code db/}), the
   *     token signing key, {@code admin.secret}, scan results ({@code scans/}) and the S3 spool
   * @param database {@code h2} (embedded, the default) or {@code postgresql://user@host:port/db};
   *     with PostgreSQL, repository metadata lives there too, so that several nodes share it
   * @param databasePassword the PostgreSQL password, or null
   * @param s3 S3-compatible blob storage, or null for the data directory
   * @param keyring the dev and prod keys the trust gate accepts signatures from
   * @param vulnDbDir where {@code drydock db update} keeps the vulnerability database
   * @param scanThreads scans run at once (scan on push, rescan after a database update)
   */
  public record Options(
      Path dataDir,
      String database,
      @Nullable String databasePassword,
      @Nullable S3 s3,
      TrustPullGate.Keyring keyring,
      Path vulnDbDir,
      int scanThreads) {
    /** Checks the parts. */
    public Options {
      Objects.requireNonNull(dataDir, "dataDir");
      Objects.requireNonNull(database, "database");
      Objects.requireNonNull(keyring, "keyring");
      Objects.requireNonNull(vulnDbDir, "vulnDbDir");
      if (scanThreads < 1 || scanThreads > 64) {
        throw new InvalidValueException(
            "scan threads", Integer.toString(scanThreads), "use 1 to 64");
      }
    }
  }

  /**
   * S3-compatible blob storage.
   *
   * @param settings endpoint, region, bucket, prefix
   * @param credentials the access key
   */
  public record S3(S3Settings settings, S3Credentials credentials) {
    /** Checks the parts. */
    public S3 {
      Objects.requireNonNull(settings, "settings");
      Objects.requireNonNull(credentials, "credentials");
    }
  }

  /** Queued scans beyond which pushes are not scanned until a rescan. */
  private static final int MAX_QUEUED_SCANS = 1024;

  private final List<AutoCloseable> owned;
  private final RegistryServer server;
  private final JdbcDatabase database;

  private TrustedRegistry(List<AutoCloseable> owned, RegistryServer server, JdbcDatabase database) {
    this.owned = owned;
    this.server = server;
    this.database = database;
  }

  /**
   * Opens the stores and starts serving.
   *
   * @throws RegistryException when a store cannot be opened, the data directory is in use by
   *     another registry, or the server cannot start; nothing stays open then
   */
  public static TrustedRegistry start(RegistryConfig config, Options options)
      throws RegistryException {
    if (!config.auth().enabled()) {
      throw new InvalidValueException(
          "registry configuration",
          "authentication off",
          "the trusted registry always authenticates; use RegistryServer for an open test"
              + " registry");
    }
    // Closed in reverse order on failure or close: server first, then what it used.
    List<AutoCloseable> owned = new ArrayList<>();
    try {
      DataLock lock = DataLock.acquire(options.dataDir(), "serving it");
      owned.add(lock);
      JdbcDatabase db =
          JdbcDatabase.open(options.database(), options.dataDir(), options.databasePassword());
      owned.add(db);
      // A shared database (PostgreSQL) holds repository metadata too, so that nodes agree.
      MetadataStore metadata =
          db.embedded() ? FileMetadataStore.open(options.dataDir()) : db.metadataStore();
      BlobStorage blobs = blobs(config, options, owned);
      ScanService scans =
          new ScanService(
              blobs,
              metadata,
              VulnDbSource.reopening(options.vulnDbDir()),
              options.dataDir(),
              config.clock(),
              options.scanThreads(),
              MAX_QUEUED_SCANS);
      owned.add(scans);
      int maxManifest = config.maxManifestBytes();
      List<PullGate> gates =
          List.of(
              new TrustPullGate(options.keyring(), blobs, metadata, maxManifest, config.clock()),
              new VulnerabilityPullGate(scans, blobs, metadata, maxManifest));
      SecurityStore accounts = db.securityStore();
      AccessPolicy rules =
          new ProjectRules(accounts::project, blobs, metadata, gates, maxManifest, config.clock());
      RegistryServer server =
          RegistryServer.start(
              config,
              blobs,
              metadata,
              rules,
              new RegistryServer.Security(accounts, new HashedSecrets(), db.auditLog()),
              options.dataDir());
      owned.add(server);
      return new TrustedRegistry(owned, server, db);
    } catch (RegistryException | RuntimeException e) {
      closeAll(owned);
      throw e;
    }
  }

  private static BlobStorage blobs(
      RegistryConfig config, Options options, List<AutoCloseable> owned) throws RegistryException {
    S3 s3 = options.s3();
    if (s3 == null) {
      return FileBlobStorage.open(options.dataDir(), config.clock(), config.maxUploads());
    }
    S3BlobStorage storage =
        S3BlobStorage.open(
            s3.settings(),
            s3.credentials(),
            config.clock(),
            options.dataDir().resolve("s3-spool"),
            config.maxUploads());
    owned.add(storage);
    return storage;
  }

  /** {@return the running server} */
  public RegistryServer server() {
    return server;
  }

  /** {@return the registry's base URI} */
  public URI baseUri() {
    return server.baseUri();
  }

  /** {@return the accounts and projects (shared with {@code drydock registry user|project})} */
  public SecurityStore accounts() {
    return database.securityStore();
  }

  /** {@return the audit log} */
  public AuditLog audit() {
    return database.auditLog();
  }

  /** Blocks until the server stops. */
  public void join() throws InterruptedException {
    server.join();
  }

  /** Stops serving and closes every store. */
  @Override
  public void close() {
    closeAll(owned);
  }

  private static void closeAll(List<AutoCloseable> owned) {
    for (AutoCloseable c : owned.reversed()) {
      try {
        c.close();
      } catch (Exception e) {
        System.getLogger(TrustedRegistry.class.getName())
            .log(System.Logger.Level.WARNING, "closing " + c + " failed: " + e.getMessage(), e);
      }
    }
    owned.clear();
  }

  /** Argon2id hashes for new secrets; Argon2id and bcrypt (htpasswd imports) accepted. */
  static final class HashedSecrets implements SecretVerifier {
    private final PasswordHasher hasher = new PasswordHasher();

    @Override
    public boolean verify(String secret, String encodedHash) {
      try {
        hasher.verify(secret.toCharArray(), encodedHash);
        return true;
      } catch (PasswordHasher.WrongPasswordException | InvalidValueException e) {
        return false;
      }
    }

    @Override
    public String hash(String secret) {
      return hasher.hash(secret.toCharArray());
    }
  }
}
