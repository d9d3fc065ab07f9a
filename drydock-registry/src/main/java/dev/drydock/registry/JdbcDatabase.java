package dev.drydock.registry;

import dev.drydock.registry.JdbcSchema.Dialect;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The registry's metadata database: accounts, projects, members, the audit trail and (for several
 * registry nodes) repository metadata, over JDBC. Two backends share one schema and one contract
 * suite:
 *
 * <ul>
 *   <li>{@code h2} (the default): an embedded H2 database in {@code <data>/db/registry.mv.db},
 *       opened in H2's automatic mixed mode ({@code AUTO_SERVER}) so that {@code drydock registry
 *       user add} can change accounts while {@code drydock registry serve} holds the database open.
 *       Its password is generated on first use and kept in {@code <data>/db/password} (mode 0600);
 *       there is no default password.
 *   <li>{@code postgresql://user@host:port/database[?param=value...]}: PostgreSQL, for several
 *       registry nodes. The password is passed in (read by the caller from a file or the
 *       environment), never part of the URL, and never logged.
 * </ul>
 *
 * <p>{@link #securityStore()}, {@link #auditLog()} and {@link #metadataStore()} share this
 * database's bounded connection pool; closing the database (or the security store) closes it.
 */
public final class JdbcDatabase implements AutoCloseable {
  /** The file in {@code <data>/db/} holding the embedded database's generated password. */
  public static final String PASSWORD_FILE = "password";

  private static final int H2_POOL = 4;
  private static final int POSTGRES_POOL = 8;
  private static final long WAIT_MILLIS = 10_000;

  private final Dialect dialect;
  private final String description;
  private final JdbcPool pool;

  private JdbcDatabase(Dialect dialect, String description, JdbcPool pool) {
    this.dialect = dialect;
    this.description = description;
    this.pool = pool;
  }

  /**
   * Opens the database named by {@code url} and creates or migrates its schema.
   *
   * @param url {@code h2} for the embedded database under {@code dataDir/db}, or {@code
   *     postgresql://user@host:port/database}
   * @param dataDir the data directory (for {@code h2})
   * @param password the PostgreSQL password, or null for none (ignored for {@code h2})
   * @throws RegistryException when the URL is malformed, or the database cannot be reached, created
   *     or migrated
   */
  public static JdbcDatabase open(String url, Path dataDir, @Nullable String password)
      throws RegistryException {
    String trimmed = url.strip();
    if (trimmed.isEmpty() || trimmed.equals("h2")) {
      return openH2(dataDir.resolve("db"));
    }
    String lower = trimmed.toLowerCase(Locale.ROOT);
    if (lower.startsWith("postgresql://") || lower.startsWith("postgres://")) {
      return openPostgres(trimmed, password);
    }
    throw new RegistryException(
        "Unknown metadata database '"
            + redact(trimmed)
            + "': use h2 (embedded, the default) or postgresql://user@host:port/database");
  }

  /** Opens (creating) the embedded H2 database in {@code dir}. */
  static JdbcDatabase openH2(Path dir) throws RegistryException {
    Path absolute = dir.toAbsolutePath();
    String path = absolute.resolve("registry").toString();
    if (path.contains(";") || path.contains("\\")) {
      throw new RegistryException(
          "The data directory " + absolute + " contains ';' or '\\': choose another --data");
    }
    String secret = embeddedPassword(absolute);
    loopbackOnly();
    // MODE=PostgreSQL keeps one SQL dialect; DATABASE_TO_LOWER matches PostgreSQL's folding;
    // AUTO_SERVER lets a second process (the CLI) connect through the first one's TCP server.
    String jdbc =
        "jdbc:h2:file:"
            + path
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000";
    Properties properties = new Properties();
    properties.setProperty("user", "drydock");
    properties.setProperty("password", secret);
    return start(Dialect.H2, "H2 database " + path, jdbc, properties, H2_POOL);
  }

  /**
   * Binds H2's automatic-mode TCP server to loopback. By default it listens on every interface,
   * guarded only by the database password; the second process it serves (the CLI) always runs on
   * the same machine. H2 reads the setting once, when its first database opens, and it is JVM-wide:
   * a value an operator set explicitly is kept.
   */
  private static void loopbackOnly() {
    var _ = System.getProperties().putIfAbsent(H2_BIND_ADDRESS, "127.0.0.1");
  }

  private static final String H2_BIND_ADDRESS = "h2.bindAddress";

  private static JdbcDatabase openPostgres(String url, @Nullable String password)
      throws RegistryException {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new RegistryException(
          "Malformed PostgreSQL URL '" + redact(url) + "': use postgresql://user@host:port/db", e);
    }
    String user = uri.getRawUserInfo();
    String host = uri.getHost();
    String database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    if (user != null && user.contains(":")) {
      throw new RegistryException(
          "The PostgreSQL URL '"
              + redact(url)
              + "' holds a password: remove it and pass the password from a file or the"
              + " environment, so that it does not appear in process lists and logs");
    }
    if (user == null || user.isEmpty() || host == null || database.isEmpty()) {
      throw new RegistryException(
          "Incomplete PostgreSQL URL '"
              + redact(url)
              + "': use postgresql://user@host:port/database");
    }
    String query = uri.getRawQuery();
    if (query != null && query.toLowerCase(Locale.ROOT).matches("(?:.*&)?(password|user)=.*")) {
      throw new RegistryException(
          "The PostgreSQL URL '" + redact(url) + "' sets user or password as a parameter: don't");
    }
    String hostPort = host.contains(":") ? "[" + host + "]" : host;
    int port = uri.getPort() < 0 ? 5432 : uri.getPort();
    String jdbc =
        "jdbc:postgresql://"
            + hostPort
            + ":"
            + port
            + "/"
            + database
            + (query == null ? "" : "?" + query);
    Properties properties = new Properties();
    properties.setProperty("user", user);
    if (password != null) {
      properties.setProperty("password", password);
    }
    properties.setProperty("ApplicationName", "drydock-registry");
    properties.setProperty("connectTimeout", "10");
    properties.setProperty("socketTimeout", "120");
    properties.setProperty("tcpKeepAlive", "true");
    String description =
        "PostgreSQL database postgresql://" + user + "@" + hostPort + ":" + port + "/" + database;
    return start(Dialect.POSTGRESQL, description, jdbc, properties, POSTGRES_POOL);
  }

  private static JdbcDatabase start(
      Dialect dialect, String description, String jdbc, Properties properties, int size)
      throws RegistryException {
    JdbcPool pool =
        new JdbcPool(
            // DriverManager finds both drivers through their service entries.
            () -> DriverManager.getConnection(jdbc, properties), size, WAIT_MILLIS);
    JdbcDatabase database = new JdbcDatabase(dialect, description, pool);
    try {
      JdbcSchema.migrate(pool, dialect);
    } catch (SQLException e) {
      pool.close();
      throw database.failure("open and migrate", e);
    }
    return database;
  }

  /**
   * Reads the embedded database's password, generating it (0600, in a 0700 folder) on first use.
   */
  private static String embeddedPassword(Path dir) throws RegistryException {
    Path file = dir.resolve(PASSWORD_FILE);
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      if (!Files.exists(file) && Files.exists(dir.resolve("registry.mv.db"))) {
        throw new RegistryException(
            "The database "
                + dir.resolve("registry.mv.db")
                + " exists but its password file "
                + file
                + " is missing: restore it from a backup");
      }
      // Created owner-only in one step: never readable by others, not even between create and
      // chmod.
      try (var channel =
          Files.newByteChannel(
              file,
              Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
        ByteBuffer bytes =
            ByteBuffer.wrap(PasswordHasher.generateSecret().getBytes(StandardCharsets.US_ASCII));
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
      } catch (FileAlreadyExistsException e) {
        // Generated earlier (or just now by another process): read it.
      }
      String secret = Files.readString(file, StandardCharsets.US_ASCII).strip();
      if (secret.isEmpty()) {
        throw new RegistryException("The database password file " + file + " is empty");
      }
      return secret;
    } catch (IOException e) {
      throw new RegistryException(
          "Cannot create or read the database password file " + file + ": " + e.getMessage(), e);
    }
  }

  /** {@return whether this is the embedded H2 database, which only this machine can reach} */
  public boolean embedded() {
    return dialect == Dialect.H2;
  }

  /** {@return a security store over this database} */
  public SecurityStore securityStore() {
    return new JdbcSecurityStore(this);
  }

  /** {@return the audit log in this database} */
  public AuditLog auditLog() {
    return new JdbcAuditLog(this);
  }

  /** {@return repository metadata in this database (for several registry nodes)} */
  public MetadataStore metadataStore() {
    return new JdbcMetadataStore(this);
  }

  /** {@return which database this is, without any password} */
  @Override
  public String toString() {
    return description;
  }

  /** Closes every connection; the stores are unusable afterwards. */
  @Override
  public void close() {
    pool.close();
  }

  JdbcPool pool() {
    return pool;
  }

  Dialect dialect() {
    return dialect;
  }

  /** {@return a checked exception naming the database and what was being done} */
  RegistryException failure(String action, SQLException e) {
    return new RegistryException(
        "Cannot " + action + " in the " + description + ": " + e.getMessage(), e);
  }

  /** {@return whether {@code e} is a unique-key violation (SQLState 23505)} */
  static boolean duplicate(SQLException e) {
    return "23505".equals(e.getSQLState());
  }

  /** {@return whether {@code e} is a foreign-key violation (SQLState 23503)} */
  static boolean missingReference(SQLException e) {
    return "23503".equals(e.getSQLState()) || "23506".equals(e.getSQLState());
  }

  /** A URL as it may be shown: any {@code user:password@} reduced to the user. */
  static String redact(String url) {
    return url.replaceAll("//([^/@:]*):[^/@]*@", "//$1:***@");
  }
}
