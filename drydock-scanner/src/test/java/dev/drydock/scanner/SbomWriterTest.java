package dev.drydock.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden files and schema validation for both SBOM formats. To regenerate the golden files after an
 * intended change, run with {@code -Ddrydock.updateGolden=true} and review the diff.
 */
class SbomWriterTest {

  private static void golden(String name, byte[] actual) throws IOException {
    String resource = "sbom/golden/" + name;
    if (Boolean.parseBoolean(System.getProperty("drydock.updateGolden"))) {
      Path file = Path.of("src/test/resources/dev/drydock/scanner/" + resource);
      Files.createDirectories(file.getParent());
      Files.write(file, actual);
    }
    assertThat(new String(actual, StandardCharsets.UTF_8))
        .isEqualTo(new String(Fixtures.bytes(resource), StandardCharsets.UTF_8));
  }

  @Test
  void cycloneDx_matchesGoldenAndValidates() throws IOException {
    byte[] out = SbomWriter.cycloneDx(SbomFixtures.subject(), SbomFixtures.packages());
    golden("image.cdx.json", out);
    assertThat(SbomSchemas.cycloneDxErrors(out)).isEmpty();
  }

  @Test
  void cycloneDxWithVulnerabilities_matchesGoldenAndValidates() throws IOException {
    byte[] out =
        SbomWriter.cycloneDx(
            SbomFixtures.subject(), SbomFixtures.packages(), SbomFixtures.vulnerabilities());
    golden("image-vulns.cdx.json", out);
    assertThat(SbomSchemas.cycloneDxErrors(out)).isEmpty();
  }

  @Test
  void spdx_matchesGoldenAndValidates() throws IOException {
    byte[] out = SbomWriter.spdx(SbomFixtures.subject(), SbomFixtures.packages());
    golden("image.spdx.json", out);
    assertThat(SbomSchemas.spdxErrors(out)).isEmpty();
  }

  @Test
  void localImageWithoutManifestDigest_hasNoOciPurlAndValidates() {
    byte[] cdx = SbomWriter.cycloneDx(SbomFixtures.localSubject(), SbomFixtures.packages());
    byte[] spdx = SbomWriter.spdx(SbomFixtures.localSubject(), SbomFixtures.packages());
    assertThat(SbomSchemas.cycloneDxErrors(cdx)).isEmpty();
    assertThat(SbomSchemas.spdxErrors(spdx)).isEmpty();
    JsonNode image = SbomSchemas.readTree(cdx).path("metadata").path("component");
    assertThat(image.has("purl")).isFalse();
    assertThat(image.path("bom-ref").asText()).isEqualTo("image:" + SbomFixtures.digest('c'));
    assertThat(SbomSchemas.readTree(spdx).path("packages").get(0).has("externalRefs")).isFalse();
  }

  @Test
  void emptyPackageList_validates() {
    byte[] cdx = SbomWriter.cycloneDx(SbomFixtures.subject(), List.of(), List.of());
    byte[] spdx = SbomWriter.spdx(SbomFixtures.subject(), List.of());
    assertThat(SbomSchemas.cycloneDxErrors(cdx)).isEmpty();
    assertThat(SbomSchemas.spdxErrors(spdx)).isEmpty();
    assertThat(SbomSchemas.readTree(cdx).has("vulnerabilities")).isFalse();
  }

  @Test
  void output_doesNotDependOnInputOrder() {
    List<ImagePackage> shuffled = new ArrayList<>(SbomFixtures.packages());
    Collections.reverse(shuffled);
    assertThat(SbomWriter.cycloneDx(SbomFixtures.subject(), shuffled))
        .isEqualTo(SbomWriter.cycloneDx(SbomFixtures.subject(), SbomFixtures.packages()));
    assertThat(SbomWriter.spdx(SbomFixtures.subject(), shuffled))
        .isEqualTo(SbomWriter.spdx(SbomFixtures.subject(), SbomFixtures.packages()));
  }

  @Test
  void serialNumberAndNamespace_changeWithContent() {
    List<ImagePackage> fewer = SbomFixtures.packages().subList(1, 4);
    JsonNode a = SbomSchemas.readTree(SbomWriter.cycloneDx(SbomFixtures.subject(), fewer));
    JsonNode b =
        SbomSchemas.readTree(SbomWriter.cycloneDx(SbomFixtures.subject(), SbomFixtures.packages()));
    assertThat(a.path("serialNumber").asText()).isNotEqualTo(b.path("serialNumber").asText());
    JsonNode c = SbomSchemas.readTree(SbomWriter.spdx(SbomFixtures.subject(), fewer));
    JsonNode d =
        SbomSchemas.readTree(SbomWriter.spdx(SbomFixtures.subject(), SbomFixtures.packages()));
    assertThat(c.path("documentNamespace").asText())
        .isNotEqualTo(d.path("documentNamespace").asText());
  }

  @Test
  void samePurlTwice_getsDistinctBomRefsAndSpdxIds() {
    JsonNode cdx =
        SbomSchemas.readTree(SbomWriter.cycloneDx(SbomFixtures.subject(), SbomFixtures.packages()));
    List<String> refs = new ArrayList<>();
    cdx.path("components").forEach(c -> refs.add(c.path("bom-ref").asText()));
    assertThat(refs).doesNotHaveDuplicates();
    assertThat(refs)
        .filteredOn(r -> r.startsWith("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"))
        .hasSize(2)
        .allMatch(r -> r.contains("?package-id="));
  }

  @Test
  void identicalPackagesTwice_stillGetDistinctIdentifiers() {
    ImagePackage p = SbomFixtures.maven("/a.jar", SbomFixtures.LAYER1);
    byte[] cdx = SbomWriter.cycloneDx(SbomFixtures.subject(), List.of(p, p));
    byte[] spdx = SbomWriter.spdx(SbomFixtures.subject(), List.of(p, p));
    List<String> refs = new ArrayList<>();
    SbomSchemas.readTree(cdx).path("components").forEach(c -> refs.add(c.path("bom-ref").asText()));
    assertThat(refs).hasSize(3).doesNotHaveDuplicates();
    assertThat(SbomSchemas.spdxErrors(spdx)).isEmpty();
  }

  @Test
  void vulnerabilityForUnknownPackage_isRefused() {
    VulnMatch stray =
        new VulnMatch(
            "CVE-2000-0001",
            List.of(),
            List.of("CVE-2000-0001"),
            dev.drydock.model.Severity.LOW,
            null,
            "none",
            null,
            "",
            PackageQuery.of("npm", "left-pad", "1.0.0"),
            SbomFixtures.CLOCK.instant());
    assertThatThrownBy(
            () ->
                SbomWriter.cycloneDx(
                    SbomFixtures.subject(), SbomFixtures.packages(), List.of(stray)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("left-pad");
  }

  @Test
  void invalidPurl_isRefusedNamingIt() {
    ImagePackage bad =
        new ImagePackage(
            "npm",
            "x",
            "1",
            "not a purl",
            null,
            null,
            SbomFixtures.LAYER1,
            List.of(),
            "npm",
            Map.of());
    assertThatThrownBy(() -> SbomWriter.spdx(SbomFixtures.subject(), List.of(bad)))
        .isInstanceOf(dev.drydock.model.InvalidValueException.class)
        .hasMessageContaining("not a purl");
  }

  @Test
  void subject_truncatesToSecondsAndRejectsBlankNames() {
    assertThat(SbomFixtures.subject().created())
        .isEqualTo(java.time.Instant.parse("2026-03-04T05:06:07Z"));
    assertThatThrownBy(
            () ->
                SbomSubject.of(
                    " ",
                    SbomFixtures.digest('c'),
                    null,
                    null,
                    null,
                    null,
                    SbomFixtures.CLOCK,
                    "drydock",
                    "1"))
        .isInstanceOf(dev.drydock.model.InvalidValueException.class);
  }

  @Test
  void subjectPurl_followsOciType() {
    assertThat(SbomFixtures.subject().purl())
        .isEqualTo(
            "pkg:oci/app@sha256%3A"
                + SbomFixtures.digest('d').hex()
                + "?arch=amd64&repository_url=registry.example%3A5000%2Fteam%2Fapp&tag=1.0");
    assertThat(SbomFixtures.localSubject().purl()).isNull();
  }

  @Test
  void hostileText_isEscapedAndStillValid() {
    String name = "evil \"pkg\\\u0000\u001b[2J\u202e\u2028\u00e9\u4e2d\uD83D\uDE00\uD800";
    String longName = "n".repeat(100_000);
    List<ImagePackage> packages = new ArrayList<>();
    for (String n : List.of(name, longName)) {
      packages.add(
          new ImagePackage(
              "npm",
              n,
              "1.0.0\n",
              Purls.npm(n, "1.0.0"),
              null,
              null,
              SbomFixtures.LAYER1,
              List.of("/app/node_modules/" + n + "/package.json", "/a\tb"),
              "npm",
              Map.of("license", "MIT\u0000 OR \u202eGPL", "x\u0001", "y\u0002")));
    }
    SbomSubject subject =
        SbomSubject.of(
            "/tmp/\u00e9vil\u0007.tar",
            SbomFixtures.digest('c'),
            SbomFixtures.digest('d'),
            "debian\u001b",
            "12\uD800",
            "amd64",
            SbomFixtures.CLOCK,
            "drydock",
            "0.1.0");
    byte[] cdx = SbomWriter.cycloneDx(subject, packages, List.of());
    byte[] spdx = SbomWriter.spdx(subject, packages);
    assertThat(SbomSchemas.cycloneDxErrors(cdx)).isEmpty();
    assertThat(SbomSchemas.spdxErrors(spdx)).isEmpty();
    String text = new String(cdx, StandardCharsets.UTF_8);
    assertThat(text).doesNotContain("\u001b").contains("\\u001B").doesNotContain("\u0000");
    List<String> names = new ArrayList<>();
    SbomSchemas.readTree(cdx).path("components").forEach(c -> names.add(c.path("name").asText()));
    assertThat(names).contains(SbomJson.clean(name), longName);
    assertThat(SbomJson.clean(name)).endsWith("\uD83D\uDE00\uFFFD");
    List<String> spdxNames = new ArrayList<>();
    SbomSchemas.readTree(spdx)
        .path("packages")
        .forEach(p -> spdxNames.add(p.path("name").asText()));
    assertThat(spdxNames).contains(SbomJson.clean(name), longName);
  }

  @Test
  void ratingMethodFollowsCvssVersion_andBlankOsIsLeftOut() {
    ImagePackage p = SbomFixtures.maven("/a.jar", SbomFixtures.LAYER1);
    List<VulnMatch> vulns = new ArrayList<>();
    String[][] cases = {
      {"3.0", "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSSv3"},
      {"4.0", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "CVSSv4"},
      {"2.0", "AV:N/AC:L/Au:N/C:P/I:P/A:P", "other"}
    };
    for (String[] c : cases) {
      vulns.add(
          new VulnMatch(
              "GHSA-" + c[0],
              List.of(),
              List.of("GHSA-" + c[0]),
              dev.drydock.model.Severity.HIGH,
              new CvssScore(c[0], 7.5, c[1]),
              "x",
              null,
              "s",
              p.query(),
              SbomFixtures.CLOCK.instant()));
    }
    SbomSubject blankOs =
        SbomSubject.of(
            "app:1", SbomFixtures.digest('c'), null, " ", "", "", SbomFixtures.CLOCK, "d", "1");
    byte[] cdx = SbomWriter.cycloneDx(blankOs, List.of(p), vulns);
    assertThat(SbomSchemas.cycloneDxErrors(cdx)).isEmpty();
    JsonNode doc = SbomSchemas.readTree(cdx);
    List<String> methods = new ArrayList<>();
    doc.path("vulnerabilities")
        .forEach(v -> methods.add(v.path("ratings").get(0).path("method").asText()));
    assertThat(methods).containsExactly("other", "CVSSv3", "CVSSv4");
    assertThat(doc.path("vulnerabilities").get(0).path("source").path("name").asText())
        .isEqualTo("GitHub");
    assertThat(doc.path("components")).hasSize(1);
    assertThat(blankOs.osName()).isNull();
    assertThat(blankOs.architecture()).isNull();
  }
}
