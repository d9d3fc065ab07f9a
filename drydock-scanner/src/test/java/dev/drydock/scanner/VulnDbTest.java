package dev.drydock.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.Severity;
import dev.drydock.pkg.InstalledPackage;
import dev.drydock.pkg.PackageType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VulnDbTest {
  static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path tmp;

  /** A synthetic GHSA record standing in for the Go record's alias (not real data). */
  static final String GO_ALIAS =
      "{\"id\":\"GHSA-4374-p667-p6c8\",\"modified\":\"2024-01-01T00:00:00Z\",\"aliases\":"
          + "[\"CVE-2023-39325\"],\"summary\":\"synthetic alias for tests\",\"affected\":[{"
          + "\"package\":{\"ecosystem\":\"Go\",\"name\":\"golang.org/x/net\"},\"ranges\":[{"
          + "\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"0.17.0\"}]}]}],"
          + "\"database_specific\":{\"severity\":\"HIGH\"}}";

  private Path db() throws Exception {
    Path dir = tmp.resolve("db");
    ImportStats s =
        VulnDb.importFrom(
            new ImportSource.Local(Fixtures.osvDir()), dir, ImportOptions.defaults(CLOCK));
    assertThat(s.rejected()).isZero();
    assertThat(s.added()).isEqualTo(countFixtures());
    return dir;
  }

  static int countFixtures() throws IOException {
    try (Stream<Path> w = Files.walk(Fixtures.osvDir())) {
      return (int) w.filter(p -> p.toString().endsWith(".json")).count();
    }
  }

  @Test
  void log4ShellIsFoundWithItsFixAndAliases() throws Exception {
    try (VulnDb db = VulnDb.open(db())) {
      List<VulnMatch> m =
          db.match(PackageQuery.of("Maven", "org.apache.logging.log4j:log4j-core", "2.14.1"));
      assertThat(m).extracting(VulnMatch::id).containsExactly("CVE-2021-44228");
      VulnMatch v = m.get(0);
      assertThat(v.aliases()).containsExactly("GHSA-jfh8-c2jp-5v3q");
      assertThat(v.fixedVersion()).isEqualTo("2.15.0");
      assertThat(v.fixAvailable()).isTrue();
      assertThat(v.severity()).isEqualTo(Severity.CRITICAL);
      assertThat(v.cvss()).extracting(CvssScore::baseScore).isEqualTo(10.0);
      assertThat(v.summary()).isEqualTo("Remote code injection in Log4j");
      assertThat(
              db.match(PackageQuery.of("Maven", "org.apache.logging.log4j:log4j-core", "2.17.1")))
          .isEmpty();
    }
  }

  @Test
  void matchAll_onSeveralThreads_equalsOneByOne_inOrder() throws Exception {
    List<PackageQuery> queries = new java.util.ArrayList<>();
    for (int i = 0; i < 300; i++) {
      queries.add(
          switch (i % 3) {
            case 0 -> PackageQuery.of("Maven", "org.apache.logging.log4j:log4j-core", "2.14.1");
            case 1 -> PackageQuery.of("npm", "lodash", i % 2 == 0 ? "4.17.15" : "4.17.20");
            default -> PackageQuery.of("npm", "left-pad-" + i, "1.0.0");
          });
    }
    try (VulnDb db = VulnDb.open(db())) {
      List<List<VulnMatch>> expected = new java.util.ArrayList<>();
      for (PackageQuery q : queries) {
        expected.add(db.match(q));
      }
      java.util.concurrent.atomic.AtomicInteger reported =
          new java.util.concurrent.atomic.AtomicInteger();
      List<List<VulnMatch>> parallel = db.matchAll(queries, 4, reported::addAndGet);
      List<List<VulnMatch>> single = db.matchAll(queries, 1, n -> {});

      assertThat(parallel).isEqualTo(expected);
      assertThat(single).isEqualTo(expected);
      assertThat(reported).hasValue(queries.size());
      assertThat(parallel.get(0)).extracting(VulnMatch::id).containsExactly("CVE-2021-44228");
    }
  }

  @Test
  void lodashHasTwoAdvisories() throws Exception {
    try (VulnDb db = VulnDb.open(db())) {
      List<VulnMatch> m = db.match(PackageQuery.of("npm", "lodash", "4.17.15"));
      assertThat(m)
          .extracting(VulnMatch::id)
          .containsExactlyInAnyOrder("CVE-2021-23337", "CVE-2020-8203");
      assertThat(m)
          .extracting(VulnMatch::fixedVersion)
          .containsExactlyInAnyOrder("4.17.21", "4.17.20");
      assertThat(db.match(PackageQuery.of("npm", "lodash", "4.17.20")))
          .extracting(VulnMatch::id)
          .containsExactly("CVE-2021-23337");
    }
  }

  @Test
  void debianMatchesOnTheSourcePackage() throws Exception {
    try (VulnDb db = VulnDb.open(db())) {
      PackageQuery libssl =
          new PackageQuery("Debian:12", "libssl3", "3.0.11-1~deb12u1", "openssl", null);
      List<VulnMatch> m = db.match(libssl);
      assertThat(m).extracting(VulnMatch::id).containsExactly("CVE-2023-5363");
      assertThat(m.get(0).aliases()).containsExactly("DEBIAN-CVE-2023-5363");
      assertThat(m.get(0).fixedVersion()).isEqualTo("3.0.11-1~deb12u2");
      assertThat(m.get(0).severity()).isEqualTo(Severity.UNKNOWN); // "not yet assigned"
      PackageQuery ssh =
          new PackageQuery("Debian:12", "openssh-client", "1:9.2p1-2+deb12u2", "openssh", null);
      assertThat(db.match(ssh))
          .extracting(VulnMatch::fixedVersion)
          .containsExactly("1:9.2p1-2+deb12u3");
      PackageQuery apt = new PackageQuery("Debian:12", "apt", "2.6.1", null, null);
      List<VulnMatch> unfixed = db.match(apt);
      assertThat(unfixed).extracting(VulnMatch::id).containsExactly("CVE-2011-3374");
      assertThat(unfixed.get(0).fixAvailable()).isFalse();
      assertThat(unfixed.get(0).severity()).isEqualTo(Severity.LOW); // urgency unimportant
      assertThat(db.match(new PackageQuery("Debian:12", "xz-utils", "5.4.1-0.2", "xz-utils", null)))
          .isEmpty();
    }
  }

  @Test
  void alpineMatchesOnTheOriginPackagePerRelease() throws Exception {
    try (VulnDb db = VulnDb.open(db())) {
      PackageQuery libcrypto =
          new PackageQuery("Alpine:v3.10", "libcrypto1.1", "1.1.1c-r0", "openssl", null);
      assertThat(db.match(libcrypto))
          .extracting(VulnMatch::id, VulnMatch::fixedVersion)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("CVE-2019-1547", "1.1.1d-r0"));
      assertThat(
              db.match(
                  new PackageQuery("Alpine:v3.10", "libcrypto1.1", "1.1.1d-r0", "openssl", null)))
          .isEmpty();
      assertThat(
              db.match(
                  new PackageQuery("Alpine:v3.11", "libcrypto1.1", "1.1.1d-r0", "openssl", null)))
          .extracting(VulnMatch::fixedVersion)
          .containsExactly("1.1.1d-r1");
      assertThat(
              db.match(
                  new PackageQuery("Alpine:v3.12", "libcrypto1.1", "1.1.1c-r0", "openssl", null)))
          .isEmpty();
    }
  }

  @Test
  void installedDebianPackagesQueryBySource() throws Exception {
    InstalledPackage libssl =
        new InstalledPackage(
            PackageType.DEB,
            "Debian:12",
            "libssl3",
            "3.0.11-1~deb12u1",
            "amd64",
            "openssl",
            "3.0.11-1~deb12u1",
            "Debian OpenSSL Team",
            6_000_000L,
            List.of());
    PackageQuery q = PackageQuery.of(libssl);
    assertThat(q.matchName()).isEqualTo("openssl");
    assertThat(q.matchVersion()).isEqualTo("3.0.11-1~deb12u1");
    try (VulnDb db = VulnDb.open(db())) {
      assertThat(db.match(q)).extracting(VulnMatch::id).containsExactly("CVE-2023-5363");
    }
  }

  @Test
  void goRecordsTakeTheSeverityOfTheirGhsaAlias() throws Exception {
    Path src = tmp.resolve("src");
    Files.createDirectories(src);
    Files.write(src.resolve("GO-2023-2102.json"), Fixtures.bytes("osv/Go/GO-2023-2102.json"));
    Path dir = tmp.resolve("db");
    VulnDb.importFrom(new ImportSource.Local(src), dir, ImportOptions.defaults(CLOCK));
    try (VulnDb db = VulnDb.open(dir)) {
      VulnMatch only = db.match(PackageQuery.of("Go", "golang.org/x/net", "0.16.0")).get(0);
      assertThat(only.severity()).isEqualTo(Severity.UNKNOWN);
    }
    Files.writeString(src.resolve("GHSA-4374-p667-p6c8.json"), GO_ALIAS);
    VulnDb.importFrom(new ImportSource.Local(src), dir, ImportOptions.defaults(CLOCK));
    try (VulnDb db = VulnDb.open(dir)) {
      List<VulnMatch> m = db.match(PackageQuery.of("Go", "golang.org/x/net", "0.16.0"));
      assertThat(m).hasSize(1); // GO and GHSA records merged through their aliases
      assertThat(m.get(0).id()).isEqualTo("CVE-2023-39325");
      assertThat(m.get(0).recordIds()).containsExactly("GHSA-4374-p667-p6c8", "GO-2023-2102");
      assertThat(m.get(0).severity()).isEqualTo(Severity.HIGH);
      // the stdlib entry has no GHSA record matching it, so the alias lookup supplies severity
      List<VulnMatch> std = db.match(PackageQuery.of("Go", "stdlib", "1.21.1"));
      assertThat(std.get(0).severity()).isEqualTo(Severity.HIGH);
      assertThat(std.get(0).severitySource()).startsWith("GHSA-4374-p667-p6c8");
      assertThat(std.get(0).fixedVersion()).isEqualTo("1.21.3");
    }
  }

  @Test
  void importIsIncremental() throws Exception {
    Path src = tmp.resolve("src");
    Files.createDirectories(src.resolve("npm"));
    Files.write(src.resolve("npm/a.json"), Fixtures.bytes("osv/npm/GHSA-35jh-r3h4-6jhm.json"));
    Files.write(src.resolve("npm/b.json"), Fixtures.bytes("osv/npm/GHSA-p6mc-m468-83gw.json"));
    Files.write(src.resolve("c.json"), Fixtures.bytes("osv/Maven/GHSA-jfh8-c2jp-5v3q.json"));
    Path dir = tmp.resolve("db");
    ImportSource source = new ImportSource.Local(src);
    ImportStats first = VulnDb.importFrom(source, dir, ImportOptions.defaults(CLOCK));
    assertThat(first).extracting(ImportStats::added, ImportStats::total).containsExactly(3, 3);

    ImportStats again = VulnDb.importFrom(source, dir, ImportOptions.defaults(CLOCK));
    assertThat(again)
        .extracting(
            ImportStats::added, ImportStats::updated, ImportStats::unchanged, ImportStats::removed)
        .containsExactly(0, 0, 3, 0);

    // newer modified -> updated; withdrawn; one removed; one malformed
    String b =
        new String(Fixtures.bytes("osv/npm/GHSA-p6mc-m468-83gw.json"), StandardCharsets.UTF_8);
    String newer =
        b.replaceFirst(
            "\"modified\": \"[^\"]+\"",
            "\"modified\": \"2030-01-01T00:00:00Z\", \"withdrawn\": \"2030-01-01T00:00:00Z\"");
    Files.writeString(src.resolve("npm/b.json"), newer);
    Files.delete(src.resolve("c.json"));
    Files.writeString(src.resolve("bad.json"), "{\"id\":\"BAD-1\"}");
    ImportStats third = VulnDb.importFrom(source, dir, ImportOptions.defaults(CLOCK));
    assertThat(third)
        .extracting(
            ImportStats::added,
            ImportStats::updated,
            ImportStats::unchanged,
            ImportStats::removed,
            ImportStats::withdrawn,
            ImportStats::rejected,
            ImportStats::total)
        .containsExactly(0, 1, 1, 1, 1, 1, 2);
    assertThat(third.problems()).singleElement().asString().contains("bad.json", "BAD-1");

    try (VulnDb db = VulnDb.open(dir)) {
      assertThat(db.match(PackageQuery.of("npm", "lodash", "4.17.15")))
          .extracting(VulnMatch::id)
          .containsExactly("CVE-2021-23337");
      assertThat(db.get("GHSA-p6mc-m468-83gw"))
          .hasValueSatisfying(r -> assertThat(r.isWithdrawn()).isTrue());
      assertThat(db.get("GHSA-jfh8-c2jp-5v3q")).isEmpty();
      DbMetadata meta = db.metadata();
      assertThat(meta.recordCount()).isEqualTo(2);
      assertThat(meta.withdrawnCount()).isEqualTo(1);
      assertThat(meta.newestModified()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
      assertThat(meta.sources())
          .singleElement()
          .satisfies(s -> assertThat(s.records()).isEqualTo(2));
    }
  }

  @Test
  void sourcesAreKeptApart() throws Exception {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b.json");
    Files.createDirectories(a);
    Files.write(a.resolve("x.json"), Fixtures.bytes("osv/npm/GHSA-35jh-r3h4-6jhm.json"));
    Files.write(b, Fixtures.bytes("osv/npm/GHSA-p6mc-m468-83gw.json"));
    Path dir = tmp.resolve("db");
    VulnDb.importFrom(new ImportSource.Local(a), dir, ImportOptions.defaults(CLOCK));
    ImportStats s =
        VulnDb.importFrom(new ImportSource.Local(b), dir, ImportOptions.defaults(CLOCK));
    assertThat(s.removed()).isZero();
    assertThat(s.total()).isEqualTo(2);
    try (VulnDb db = VulnDb.open(dir)) {
      assertThat(db.metadata().sources()).hasSize(2);
      assertThat(db.metadata().packageCount()).isEqualTo(2); // lodash, lodash-es
      assertThat(db.lookup("npm", "lodash-es")).hasSize(2);
    }
  }

  @Test
  void importsAZipAndRefusesABomb() throws Exception {
    Path zip = tmp.resolve("all.zip");
    zipFixtures(zip);
    Path dir = tmp.resolve("db");
    ImportStats s =
        VulnDb.importFrom(new ImportSource.Local(zip), dir, ImportOptions.defaults(CLOCK));
    assertThat(s.added()).isEqualTo(countFixtures());
    ImportOptions tight = ImportOptions.defaults(CLOCK).withLimits(1 << 20, 10_000, 1000);
    assertThatThrownBy(
            () -> VulnDb.importFrom(new ImportSource.Local(zip), tmp.resolve("db2"), tight))
        .isInstanceOf(VulnDbException.class)
        .hasMessageContaining("zip bomb");
    ImportOptions few = ImportOptions.defaults(CLOCK).withLimits(1 << 20, 1 << 30, 3);
    assertThatThrownBy(
            () -> VulnDb.importFrom(new ImportSource.Local(zip), tmp.resolve("db3"), few))
        .isInstanceOf(VulnDbException.class)
        .hasMessageContaining("more than 3");
    assertThatThrownBy(
            () ->
                VulnDb.importFrom(
                    new ImportSource.Local(Fixtures.osvDir()), tmp.resolve("db4"), few))
        .isInstanceOf(VulnDbException.class)
        .hasMessageContaining("more than 3");
  }

  static void zipFixtures(Path zip) throws IOException {
    List<Path> files;
    try (Stream<Path> w = Files.walk(Fixtures.osvDir())) {
      files = w.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    try (OutputStream out = Files.newOutputStream(zip);
        ZipOutputStream z = new ZipOutputStream(out)) {
      for (Path f : files) {
        z.putNextEntry(new ZipEntry(f.getFileName().toString()));
        z.write(Files.readAllBytes(f));
        z.closeEntry();
      }
      z.putNextEntry(new ZipEntry("README.txt"));
      z.write("not a record".getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
    }
  }

  @Test
  void metadataReportsAgeAndStaleness() throws Exception {
    try (VulnDb db = VulnDb.open(db())) {
      DbMetadata m = db.metadata();
      assertThat(m.built()).isEqualTo(NOW);
      assertThat(m.formatVersion()).isEqualTo(1);
      assertThat(m.recordCount()).isEqualTo(countFixtures());
      Clock later = Clock.offset(CLOCK, Duration.ofDays(8));
      assertThat(m.isStale(CLOCK)).isFalse();
      assertThat(m.isStale(later)).isTrue();
      assertThat(m.isStale(later, Duration.ofDays(30))).isFalse();
      assertThat(m.age(Clock.offset(CLOCK, Duration.ofDays(-1)))).isEqualTo(Duration.ZERO);
      assertThat(m.age(later)).isEqualTo(Duration.ofDays(8));
    }
  }

  @Test
  void missingAndCorruptDatabasesSayWhatToDo() throws Exception {
    assertThatThrownBy(() -> VulnDb.open(tmp.resolve("nothing")))
        .isInstanceOf(VulnDbException.class)
        .hasMessageContaining("drydock db update");
    Path dir = db();
    Path file = dir.resolve(VulnDb.FILE_NAME);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, 50));
    assertThatThrownBy(() -> VulnDb.open(dir))
        .isInstanceOf(VulnDbException.class)
        .hasMessageContaining("corrupt");
    byte[] other = bytes.clone();
    other[11] = 9; // format version
    Files.write(file, other);
    assertThatThrownBy(() -> VulnDb.open(dir))
        .isInstanceOf(VulnDbException.class)
        .hasMessageContaining("format 9");
    byte[] wrongOffsets = bytes.clone();
    wrongOffsets[40] = 0x7f; // key table offset far outside the file
    Files.write(file, wrongOffsets);
    assertThatThrownBy(() -> VulnDb.open(dir))
        .isInstanceOf(VulnDbException.class)
        .hasMessageContaining("outside");
  }

  @Test
  void sourcesParse() {
    assertThat(ImportSource.parse("https://example.org/Maven/all.zip"))
        .isInstanceOf(ImportSource.Remote.class);
    assertThat(ImportSource.parse("./osv")).isInstanceOf(ImportSource.Local.class);
    assertThat(ImportSource.osvArchive("Rocky Linux").key())
        .isEqualTo("https://osv-vulnerabilities.storage.googleapis.com/Rocky%20Linux/all.zip");
    assertThatThrownBy(() -> ImportSource.parse("https://exa mple.org/x"))
        .hasMessageContaining("URL");
    assertThatThrownBy(() -> ImportSource.parse(" ")).hasMessageContaining("source");
    assertThatThrownBy(() -> new ImportSource.Remote(java.net.URI.create("ftp://x/y")))
        .hasMessageContaining("https");
  }

  @Test
  void plainHttpIsRefusedByDefault() {
    assertThatThrownBy(
            () ->
                VulnDb.importFrom(
                    ImportSource.parse("http://127.0.0.1:9/all.zip"),
                    tmp.resolve("db"),
                    ImportOptions.defaults(CLOCK)))
        .isInstanceOf(VulnDbException.class)
        .hasMessageContaining("https");
  }
}
