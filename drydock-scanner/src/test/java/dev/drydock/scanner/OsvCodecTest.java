package dev.drydock.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class OsvCodecTest {

  @Test
  void parsesEveryFixtureAndRoundTrips() throws Exception {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(Fixtures.osvDir())) {
      files = walk.filter(p -> p.toString().endsWith(".json")).toList();
    }
    assertThat(files).hasSizeGreaterThan(10);
    for (Path f : files) {
      OsvRecord r = OsvCodec.parse(Files.readAllBytes(f), f.toString());
      assertThat(OsvCodec.parse(OsvCodec.write(r), "rewritten")).as(f.toString()).isEqualTo(r);
    }
  }

  @Test
  void readsLog4ShellFields() throws Exception {
    OsvRecord r = Fixtures.record("Maven/GHSA-jfh8-c2jp-5v3q.json");
    assertThat(r.id()).isEqualTo("GHSA-jfh8-c2jp-5v3q");
    assertThat(r.modified()).isEqualTo(Instant.parse("2022-03-25T20:56:18Z"));
    assertThat(r.aliases()).containsExactly("CVE-2021-44228");
    assertThat(r.databaseSeverity()).isEqualTo("CRITICAL");
    assertThat(r.severity())
        .containsExactly(
            new OsvSeverity("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"));
    assertThat(r.affected()).hasSize(3);
    assertThat(r.affected().get(0).pkg())
        .isEqualTo(new OsvPackage("Maven", "org.apache.logging.log4j:log4j-core", null));
    assertThat(r.affected().get(0).ranges().get(0).events())
        .containsExactly(
            new OsvEvent(OsvEvent.Kind.INTRODUCED, "2.13.0"),
            new OsvEvent(OsvEvent.Kind.FIXED, "2.15.0"));
    assertThat(r.details()).hasSizeLessThanOrEqualTo(OsvLimits.MAX_DETAILS_CHARS);
    assertThat(r.isWithdrawn()).isFalse();
  }

  @Test
  void readsDebianUrgencyAndSuffixedEcosystem() throws Exception {
    OsvRecord r = Fixtures.record("Debian/DEBIAN-CVE-2011-3374.json");
    assertThat(r.upstream()).containsExactly("CVE-2011-3374");
    assertThat(r.affected().get(0).pkg().ecosystem()).startsWith("Debian:");
    assertThat(r.affected().get(0).severityHint()).isEqualTo("unimportant");
  }

  @Test
  void toleratesShortGitHashes() throws Exception {
    OsvRecord r = Fixtures.record("PyPI-short-hash/PYSEC-2019-155.json");
    assertThat(r.affected().get(0).ranges())
        .anySatisfy(range -> assertThat(range.type()).isEqualTo(OsvRange.Type.GIT));
  }

  @Test
  void goldenCompactForm() throws Exception {
    OsvRecord r = Fixtures.record("Debian/DEBIAN-CVE-2023-5363.json");
    String golden =
        new String(
                Fixtures.bytes("golden/DEBIAN-CVE-2023-5363.compact.json"), StandardCharsets.UTF_8)
            .strip();
    assertThat(new String(OsvCodec.write(r), StandardCharsets.UTF_8)).isEqualTo(golden);
  }

  @Test
  void peeksIdAndModified() {
    OsvCodec.Peek p =
        OsvCodec.peek(
            "{\"affected\":[{\"x\":1}],\"modified\":\"2024-01-02T03:04:05Z\",\"id\":\"X-1\"}"
                .getBytes(StandardCharsets.UTF_8));
    assertThat(p).isEqualTo(new OsvCodec.Peek("X-1", Instant.parse("2024-01-02T03:04:05Z")));
    assertThat(OsvCodec.peek("[1]".getBytes(StandardCharsets.UTF_8))).isNull();
    assertThat(OsvCodec.peek("{\"id\":\"X\"}".getBytes(StandardCharsets.UTF_8))).isNull();
    assertThat(OsvCodec.peek("{\"id\":".getBytes(StandardCharsets.UTF_8))).isNull();
  }

  @Test
  void toleratesUnknownFieldsAndTimestampsWithoutOffset() throws Exception {
    OsvRecord r =
        parse(
            "{\"id\":\"X-1\",\"modified\":\"2024-01-02T03:04:05\",\"future_field\":{\"a\":[1]},"
                + "\"affected\":[{\"ranges\":[{\"type\":\"GIT\",\"repo\":\"r\",\"events\":"
                + "[{\"introduced\":\"0\"}]}]}]}");
    assertThat(r.modified()).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
    assertThat(r.affected()).isEmpty(); // an entry without a package can never match
  }

  @Test
  void rejectsMalformedRecordsNamingSourceAndId() {
    assertError("not json", "f.json", null, "not valid JSON");
    assertError("[]", "f.json", null, "expected a JSON object");
    assertError("{\"modified\":\"2024-01-01T00:00:00Z\"}", "f.json", null, "'id'");
    assertError("{\"id\":\"X-2\"}", "f.json", "X-2", "'modified'");
    assertError("{\"id\":\"X-2\",\"modified\":\"yesterday\"}", "f.json", "X-2", "RFC 3339");
    assertError(
        record("{\"type\":\"RANGE\",\"events\":[{\"introduced\":\"0\"}]}"),
        "f.json",
        "X-3",
        "range type");
    assertError(
        record("{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\",\"fixed\":\"1\"}]}"),
        "f.json",
        "X-3",
        "exactly one");
    assertError(
        record("{\"type\":\"ECOSYSTEM\",\"events\":[{\"removed\":\"1\"}]}"),
        "f.json",
        "X-3",
        "unknown event");
    assertError(record("{\"type\":\"ECOSYSTEM\",\"events\":[]}"), "f.json", "X-3", "at least one");
    assertError(
        record("{\"type\":\"GIT\",\"events\":[{\"introduced\":\"0\"}]}"), "f.json", "X-3", "repo");
    assertError(
        record("{\"type\":\"ECOSYSTEM\",\"events\":[{\"fixed\":1}]}"), "f.json", "X-3", "string");
    assertError(
        "{\"id\":\"X-4\",\"modified\":\"2024-01-01T00:00:00Z\",\"aliases\":\"CVE-1\"}",
        "f.json",
        "X-4",
        "array");
    assertError(
        "{\"id\":\"X-4\",\"id\":\"X-5\",\"modified\":\"2024-01-01T00:00:00Z\"}",
        "f.json",
        null,
        "not valid JSON");
    assertError("[".repeat(200), "f.json", null, "not valid JSON");
  }

  @Test
  void rejectsOversizedRecords() {
    byte[] big = new byte[OsvLimits.MAX_RECORD_BYTES + 1];
    assertThatThrownBy(() -> OsvCodec.parse(big, "big.json"))
        .isInstanceOf(OsvFormatException.class)
        .hasMessageContaining("big.json");
  }

  private static String record(String range) {
    return "{\"id\":\"X-3\",\"modified\":\"2024-01-01T00:00:00Z\",\"affected\":[{\"package\":"
        + "{\"ecosystem\":\"npm\",\"name\":\"p\"},\"ranges\":["
        + range
        + "]}]}";
  }

  private static OsvRecord parse(String json) throws OsvFormatException {
    return OsvCodec.parse(json.getBytes(StandardCharsets.UTF_8), "test.json");
  }

  private static void assertError(String json, String source, @Nullable String id, String text) {
    assertThatThrownBy(() -> OsvCodec.parse(json.getBytes(StandardCharsets.UTF_8), source))
        .as(json)
        .isInstanceOfSatisfying(
            OsvFormatException.class,
            e -> {
              assertThat(e.source()).isEqualTo(source);
              assertThat(e.recordId()).isEqualTo(id);
              assertThat(e.getMessage()).contains(source).contains(text);
            });
  }
}
