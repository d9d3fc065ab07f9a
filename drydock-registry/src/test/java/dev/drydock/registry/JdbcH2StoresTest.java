package dev.drydock.registry;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The contract suites against the embedded H2 database, each test on a fresh data directory. */
class JdbcH2StoresTest {
  @TempDir Path data;

  JdbcDatabase open() throws RegistryException {
    return JdbcDatabase.open("h2", data, null);
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
    private @Nullable JdbcDatabase db;

    @Override
    protected AuditLog create() throws Exception {
      db = open();
      return db.auditLog();
    }

    @AfterEach
    void close() {
      if (db != null) {
        db.close();
      }
    }
  }

  @Nested
  class Metadata extends MetadataStoreContract {
    private @Nullable JdbcDatabase db;

    @Override
    protected MetadataStore create() throws Exception {
      db = open();
      return db.metadataStore();
    }

    @AfterEach
    void close() {
      if (db != null) {
        db.close();
      }
    }
  }
}
