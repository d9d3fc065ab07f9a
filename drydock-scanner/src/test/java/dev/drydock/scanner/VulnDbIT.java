package dev.drydock.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports an OSV {@code all.zip} built from the fixtures and served over HTTP on loopback ({@link
 * ArchiveServer}), twice: the second import is conditional and finds nothing to do.
 */
class VulnDbIT {
  @TempDir Path tmp;
  private ArchiveServer server;

  @BeforeEach
  void serve() throws IOException {
    Path file = tmp.resolve("all.zip");
    VulnDbTest.zipFixtures(file);
    server = new ArchiveServer(Files.readAllBytes(file));
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  private URI url(String path) {
    return server.url(path);
  }

  private ImportOptions options() {
    return ImportOptions.defaults(VulnDbTest.CLOCK).withPlainHttp(true);
  }

  @Test
  void importsOverHttpThenAsksConditionally() throws Exception {
    Path dir = tmp.resolve("db");
    ImportSource source = new ImportSource.Remote(url("/etag/all.zip"));
    int n = VulnDbTest.countFixtures();
    ImportStats first = VulnDb.importFrom(source, dir, options());
    assertThat(first).extracting(ImportStats::added, ImportStats::total).containsExactly(n, n);
    ImportStats second = VulnDb.importFrom(source, dir, options());
    assertThat(second.notModified()).isTrue();
    assertThat(second)
        .extracting(ImportStats::added, ImportStats::removed, ImportStats::total)
        .containsExactly(0, 0, n);
    assertThat(server.requests).containsExactly("/etag/all.zip null", "/etag/all.zip \"v1\"");
    try (VulnDb db = VulnDb.open(dir)) {
      assertThat(db.metadata().sources())
          .singleElement()
          .satisfies(s -> assertThat(s.etag()).isEqualTo("\"v1\""));
      assertThat(db.match(PackageQuery.of("npm", "lodash", "4.17.15"))).hasSize(2);
    }
  }

  @Test
  void withoutEtagTheSecondImportSkipsUnchangedRecords() throws Exception {
    Path dir = tmp.resolve("db");
    ImportSource source = new ImportSource.Remote(url("/redirect/all.zip"));
    int n = VulnDbTest.countFixtures();
    VulnDb.importFrom(source, dir, options());
    ImportStats second = VulnDb.importFrom(source, dir, options());
    assertThat(second)
        .extracting(
            ImportStats::added,
            ImportStats::updated,
            ImportStats::unchanged,
            ImportStats::notModified)
        .containsExactly(0, 0, n, false);
  }

  @Test
  void httpErrorsAndLimitsAreReported() {
    Path dir = tmp.resolve("db");
    assertThatThrownBy(
            () -> VulnDb.importFrom(new ImportSource.Remote(url("/missing.zip")), dir, options()))
        .isInstanceOf(VulnDbException.class)
        .hasMessageContaining("HTTP 404");
    ImportOptions small = options().withLimits(1000, 1 << 30, 1000);
    assertThatThrownBy(
            () -> VulnDb.importFrom(new ImportSource.Remote(url("/plain/all.zip")), dir, small))
        .isInstanceOf(VulnDbException.class)
        .hasMessageContaining("larger than 1000");
  }
}
