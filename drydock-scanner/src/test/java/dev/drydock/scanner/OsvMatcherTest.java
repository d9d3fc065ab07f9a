package dev.drydock.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.InvalidValueException;
import dev.drydock.pkg.VersionScheme;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OsvMatcherTest {

  /** A tiny scheme for range logic: dot-separated integers, nothing else. */
  static final class Dotted implements VersionScheme {
    @Override
    public String ecosystem() {
      return "Test";
    }

    @Override
    public int compare(String a, String b) {
      String[] x = parts(a);
      String[] y = parts(b);
      for (int i = 0; i < Math.max(x.length, y.length); i++) {
        long p = i < x.length ? Long.parseLong(x[i]) : 0;
        long q = i < y.length ? Long.parseLong(y[i]) : 0;
        if (p != q) {
          return Long.compare(p, q);
        }
      }
      return 0;
    }

    @Override
    public boolean isValid(String v) {
      return v.matches("[0-9]{1,9}(\\.[0-9]{1,9})*");
    }

    private String[] parts(String v) {
      if (!isValid(v)) {
        throw new InvalidValueException("test version", v, "digits and dots");
      }
      return v.split("\\.", -1);
    }
  }

  private final OsvMatcher tiny = new OsvMatcher(eco -> Optional.<VersionScheme>of(new Dotted()));
  private final OsvMatcher real = new OsvMatcher(VulnDb::defaultScheme);

  private static OsvRecord rec(String affected) throws OsvFormatException {
    return rec(affected, "");
  }

  private static OsvRecord rec(String affected, String extra) throws OsvFormatException {
    String json =
        "{\"id\":\"T-1\",\"modified\":\"2024-01-01T00:00:00Z\""
            + extra
            + ",\"affected\":["
            + affected
            + "]}";
    return OsvCodec.parse(json.getBytes(StandardCharsets.UTF_8), "test");
  }

  private static String eco(String events) {
    return "{\"package\":{\"ecosystem\":\"Test\",\"name\":\"p\"},\"ranges\":[{\"type\":"
        + "\"ECOSYSTEM\",\"events\":["
        + events
        + "]}]}";
  }

  @ParameterizedTest(name = "{0} in [1.2, 1.5) -> {1}")
  @CsvSource({"1.1, false", "1.2, true", "1.4.9, true", "1.5, false", "1.5.1, false"})
  void fixedIsExclusiveIntroducedInclusive(String v, boolean expected) throws Exception {
    OsvRecord r = rec(eco("{\"introduced\":\"1.2\"},{\"fixed\":\"1.5\"}"));
    assertThat(tiny.affects(r, "Test", "p", v)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} in [0, 2.0] -> {1}")
  @CsvSource({"0.0.1, true", "2.0, true", "2.0.0, true", "2.0.1, false", "3, false"})
  void lastAffectedIsInclusiveAndZeroMeansFromTheStart(String v, boolean expected)
      throws Exception {
    OsvRecord r = rec(eco("{\"introduced\":\"0\"},{\"last_affected\":\"2.0\"}"));
    assertThat(tiny.affects(r, "Test", "p", v)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"0.9, false", "1.0, true", "4.9, true", "5.0, false", "7, false"})
  void limitCapsAnOpenRange(String v, boolean expected) throws Exception {
    OsvRecord r = rec(eco("{\"introduced\":\"1.0\"},{\"limit\":\"5.0\"}"));
    assertThat(tiny.affects(r, "Test", "p", v)).isEqualTo(expected);
  }

  @Test
  void openRangeHasNoFix() throws Exception {
    OsvRecord r = rec(eco("{\"introduced\":\"1.0\"}"));
    assertThat(tiny.evaluate(r, PackageQuery.of("Test", "p", "99")))
        .hasValueSatisfying(m -> assertThat(m.fixedVersion()).isNull());
    assertThat(tiny.affects(r, "Test", "p", "0.9")).isFalse();
  }

  @Test
  void unsortedEventsAndSeveralRangesReportTheFixOfTheRangeHit() throws Exception {
    OsvRecord r =
        rec(
            eco(
                "{\"fixed\":\"2.12.2\"},{\"introduced\":\"2.4\"},{\"fixed\":\"2.3.1\"},"
                    + "{\"introduced\":\"0\"},{\"introduced\":\"2.13.0\"},{\"fixed\":\"2.15.0\"}"));
    assertThat(
            tiny.evaluate(r, PackageQuery.of("Test", "p", "2.14.1")).orElseThrow().fixedVersion())
        .isEqualTo("2.15.0");
    assertThat(tiny.evaluate(r, PackageQuery.of("Test", "p", "2.5")).orElseThrow().fixedVersion())
        .isEqualTo("2.12.2");
    assertThat(tiny.evaluate(r, PackageQuery.of("Test", "p", "1")).orElseThrow().fixedVersion())
        .isEqualTo("2.3.1");
    assertThat(tiny.affects(r, "Test", "p", "2.3.1")).isFalse();
    assertThat(tiny.affects(r, "Test", "p", "2.12.5")).isFalse();
    assertThat(tiny.affects(r, "Test", "p", "2.15.0")).isFalse();
  }

  @Test
  void explicitVersionsListMatchesEvenWithoutRanges() throws Exception {
    OsvRecord r =
        rec("{\"package\":{\"ecosystem\":\"Test\",\"name\":\"p\"},\"versions\":[\"1.0\",\"3.0\"]}");
    assertThat(tiny.affects(r, "Test", "p", "1.0")).isTrue();
    assertThat(tiny.affects(r, "Test", "p", "3.0.0")).isTrue(); // equal in the scheme
    assertThat(tiny.affects(r, "Test", "p", "2.0")).isFalse();
    OsvMatcher none = new OsvMatcher(eco -> Optional.empty());
    assertThat(none.affects(r, "Test", "p", "1.0")).isTrue();
    assertThat(none.affects(r, "Test", "p", "3.0.0")).isFalse();
  }

  @Test
  void withdrawnRecordsNeverMatch() throws Exception {
    OsvRecord r = rec(eco("{\"introduced\":\"0\"}"), ",\"withdrawn\":\"2024-02-01T00:00:00Z\"");
    assertThat(r.isWithdrawn()).isTrue();
    assertThat(tiny.affects(r, "Test", "p", "1.0")).isFalse();
  }

  @Test
  void gitRangesAreIgnoredAndSemverRangesUseSemver() throws Exception {
    OsvRecord git =
        rec(
            "{\"package\":{\"ecosystem\":\"Test\",\"name\":\"p\"},\"ranges\":[{\"type\":\"GIT\","
                + "\"repo\":\"https://example.org/r\",\"events\":[{\"introduced\":\"0\"}]}]}");
    assertThat(tiny.affects(git, "Test", "p", "1.0")).isFalse();
    OsvRecord semver =
        rec(
            "{\"package\":{\"ecosystem\":\"Go\",\"name\":\"stdlib\"},\"ranges\":[{\"type\":"
                + "\"SEMVER\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"1.20.10\"},"
                + "{\"introduced\":\"1.21.0-0\"},{\"fixed\":\"1.21.3\"}]}]}");
    OsvMatcher none = new OsvMatcher(eco -> Optional.empty());
    assertThat(none.affects(semver, "Go", "stdlib", "1.21.0-rc.1")).isTrue();
    assertThat(none.affects(semver, "Go", "stdlib", "1.20.10")).isFalse();
    assertThat(none.affects(semver, "Go", "stdlib", "1.20.9")).isTrue();
    assertThat(none.affects(semver, "Go", "stdlib", "v1.21.2")).isTrue();
    assertThat(none.affects(semver, "Go", "stdlib", "1.21.3")).isFalse();
    assertThat(none.affects(semver, "Go", "stdlib", "not-a-version")).isFalse();
  }

  @Test
  void unreadableEventVersionsAreSkipped() throws Exception {
    OsvRecord r = rec(eco("{\"introduced\":\"1.0\"},{\"fixed\":\"x.y\"},{\"fixed\":\"2.0\"}"));
    assertThat(tiny.affects(r, "Test", "p", "1.5")).isTrue();
    assertThat(tiny.affects(r, "Test", "p", "2.0")).isFalse();
  }

  @Test
  void releaseSuffixesMustAgree() throws Exception {
    OsvRecord r = Fixtures.record("Debian/DEBIAN-CVE-2023-5363.json");
    PackageQuery bookworm =
        new PackageQuery("Debian:12", "libssl3", "3.0.11-1~deb12u1", "openssl", null);
    assertThat(real.evaluate(r, bookworm))
        .hasValueSatisfying(m -> assertThat(m.fixedVersion()).isEqualTo("3.0.11-1~deb12u2"));
    assertThat(
            real.evaluate(
                r, new PackageQuery("Debian:11", "libssl3", "3.0.11-1~deb12u1", "openssl", null)))
        .isEmpty();
    assertThat(
            real.evaluate(
                r, new PackageQuery("Debian:12", "libssl3", "3.0.11-1~deb12u2", "openssl", null)))
        .isEmpty();
    // The binary name alone is not what Debian advisories are keyed by.
    assertThat(real.affects(r, "Debian:12", "libssl3", "3.0.11-1~deb12u1")).isFalse();
  }

  @Test
  void ecosystemCoverage() {
    assertThat(Ecosystems.covers("Debian:12", "Debian:12")).isTrue();
    assertThat(Ecosystems.covers("Debian", "Debian:12")).isTrue();
    assertThat(Ecosystems.covers("Debian:1", "Debian:12")).isFalse();
    assertThat(Ecosystems.covers("Ubuntu:22.04:LTS", "Ubuntu:22.04")).isTrue();
    assertThat(Ecosystems.covers("Debian:12", "Debian")).isFalse();
    assertThat(Ecosystems.covers("Maven", "npm")).isFalse();
    assertThat(Ecosystems.normaliseName("PyPI", "PyYAML")).isEqualTo("pyyaml");
    assertThat(Ecosystems.normaliseName("PyPI", "zope.interface__x")).isEqualTo("zope-interface-x");
    assertThat(Ecosystems.normaliseName("NuGet", "Newtonsoft.Json")).isEqualTo("newtonsoft.json");
    assertThat(Ecosystems.normaliseName("npm", "Lodash")).isEqualTo("Lodash");
  }

  @Test
  void realRecordsWithRealSchemes() throws Exception {
    OsvRecord log4shell = Fixtures.record("Maven/GHSA-jfh8-c2jp-5v3q.json");
    PackageQuery log4j = PackageQuery.of("Maven", "org.apache.logging.log4j:log4j-core", "2.14.1");
    assertThat(real.evaluate(log4shell, log4j).orElseThrow().fixedVersion()).isEqualTo("2.15.0");
    assertThat(real.affects(log4shell, "Maven", "org.apache.logging.log4j:log4j-core", "2.15.0"))
        .isFalse();
    assertThat(real.affects(log4shell, "Maven", "org.apache.logging.log4j:log4j-core", "2.12.2"))
        .isFalse();
    assertThat(real.affects(log4shell, "Maven", "org.apache.logging.log4j:log4j-core", "2.12.1"))
        .isTrue();
    OsvRecord log4j1 = Fixtures.record("Maven/GHSA-2qrg-x229-3v8q.json");
    assertThat(real.evaluate(log4j1, PackageQuery.of("Maven", "log4j:log4j", "1.2.17")))
        .hasValueSatisfying(m -> assertThat(m.fixedVersion()).isNull());
    OsvRecord pysec = Fixtures.record("PyPI/PYSEC-2023-74.json");
    assertThat(
            real.evaluate(pysec, PackageQuery.of("PyPI", "Requests", "2.30.0"))
                .orElseThrow()
                .fixedVersion())
        .isEqualTo("2.31.0");
    assertThat(real.affects(pysec, "PyPI", "requests", "2.31.0")).isFalse();
    assertThat(real.affects(pysec, "PyPI", "requests", "2.2.1")).isFalse();
  }
}
