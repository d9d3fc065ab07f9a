package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.testkit.PostgresServer;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The contract suites against a real PostgreSQL server, each test in a fresh database. */
@ExtendWith(PostgresServer.Resolver.class)
class JdbcPostgresStoresIT {
  @TempDir Path data;
  private @Nullable PostgresServer server;
  private @Nullable JdbcDatabase db;

  @BeforeEach
  void server(PostgresServer postgres) {
    this.server = postgres;
  }

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  JdbcDatabase open() throws Exception {
    PostgresServer pg = java.util.Objects.requireNonNull(server);
    db = JdbcDatabase.open(pg.newDatabase(), data, pg.password());
    return db;
  }

  @Nested
  class Security extends SecurityStoreContract {
    @Override
    protected SecurityStore create() throws Exception {
      return open().securityStore();
    }
  }

  @Nested
  class Audit extends AuditLogContract {
    @Override
    protected AuditLog create() throws Exception {
      return open().auditLog();
    }
  }

  @Nested
  class Metadata extends MetadataStoreContract {
    @Override
    protected MetadataStore create() throws Exception {
      return open().metadataStore();
    }
  }

  @Test
  void aSecondNodeFindsTheSchemaAndTheData() throws Exception {
    PostgresServer pg = java.util.Objects.requireNonNull(server);
    String url = pg.newDatabase();
    try (JdbcDatabase one = JdbcDatabase.open(url, data, pg.password());
        JdbcDatabase two = JdbcDatabase.open(url, data, pg.password())) {
      one.securityStore().createAccount(SecurityStoreContract.user("alice"));
      assertThat(two.securityStore().account("alice")).isNotNull();
      assertThat(two.toString()).contains(url.substring("postgresql://".length()));
    }
  }

  @Test
  void nodesStartingTogetherMigrateOnce() throws Exception {
    PostgresServer pg = java.util.Objects.requireNonNull(server);
    String url = pg.newDatabase();
    int nodes = 4;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(nodes);
    java.util.List<JdbcDatabase> opened = new java.util.concurrent.CopyOnWriteArrayList<>();
    try {
      java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
      java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      for (int i = 0; i < nodes; i++) {
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  opened.add(JdbcDatabase.open(url, data, pg.password()));
                  return null;
                }));
      }
      start.countDown();
      for (java.util.concurrent.Future<?> f : done) {
        f.get(60, java.util.concurrent.TimeUnit.SECONDS);
      }
      JdbcDatabase first = opened.getFirst();
      int versions =
          first
              .pool()
              .call(
                  c -> {
                    try (var s = c.createStatement();
                        var r = s.executeQuery("SELECT COUNT(*) FROM registry_schema")) {
                      r.next();
                      return r.getInt(1);
                    }
                  });
      assertThat(versions).isEqualTo(JdbcSchema.VERSION);
      first.securityStore().createAccount(SecurityStoreContract.user("alice"));
      assertThat(opened.getLast().securityStore().account("alice")).isNotNull();
    } finally {
      pool.shutdownNow();
      opened.forEach(JdbcDatabase::close);
    }
  }

  @Test
  void aWrongPasswordIsRefusedWithoutEchoingIt() throws Exception {
    PostgresServer pg = java.util.Objects.requireNonNull(server);
    String url = pg.newDatabase();
    assertThatThrownBy(() -> JdbcDatabase.open(url, data, "not-the-password"))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("PostgreSQL")
        .hasMessageNotContaining("not-the-password");
  }
}
