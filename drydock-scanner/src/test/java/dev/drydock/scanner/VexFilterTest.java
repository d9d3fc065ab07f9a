package dev.drydock.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.scanner.VexFilter.Suppression;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VexFilterTest {
  private static final String DIGEST =
      "sha256%3A9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  private static final String IMAGE = "pkg:oci/app@" + DIGEST + "?arch=amd64&tag=1.4";
  private static final String IMAGE_REF = "registry.example.com/team/app:1.4";
  private static final String OPENSSL =
      "pkg:deb/debian/openssl@3.0.11-1~deb12u1?arch=amd64&distro=debian-12";

  private static VexFilter app;
  private static VexFilter overrides;

  @BeforeAll
  static void load() throws VexException {
    app =
        new VexFilter(
            List.of(
                VexDocumentTest.load("app-v020.json"), VexDocumentTest.load("legacy-v001.json")));
    // Given newest first on purpose: the timeline, not the argument order, decides.
    overrides =
        new VexFilter(
            List.of(
                VexDocumentTest.load("override-new.json"),
                VexDocumentTest.load("override-old.json")));
  }

  @Test
  void subcomponentUnderTheImageProductIsSuppressedWithItsReason() {
    assertThat(app.suppression("CVE-2023-5363", List.of(), OPENSSL, IMAGE))
        .contains(
            new Suppression(
                "not_affected",
                "vulnerable_code_not_in_execute_path",
                "The service never calls EVP_EncryptInit_ex2 with custom key lengths.",
                "app-v020.json#statements[0]"));
  }

  @Test
  void subcomponentIgnoresQualifiersButNotTheVersion() {
    assertThat(
            app.suppression(
                "CVE-2023-5363", List.of(), "pkg:deb/debian/openssl@3.0.11-1~deb12u1", IMAGE))
        .isPresent();
    assertThat(
            app.suppression(
                "CVE-2023-5363", List.of(), "pkg:deb/debian/openssl@3.0.13-1~deb12u1", IMAGE))
        .isEmpty();
  }

  @Test
  void subcomponentOfAnotherImageDoesNotSuppress() {
    String net = "pkg:golang/golang.org/x/net@v0.7.0";
    assertThat(app.suppression("CVE-2023-44487", List.of(), net, IMAGE)).isEmpty();
    // Without an image to compare, the statement's subcomponent is taken at its word.
    assertThat(app.suppression("CVE-2023-44487", List.of(), net, null)).isPresent();
  }

  @Test
  void findingAliasMatchesStatementNameAndStatementAliasMatchesFindingId() {
    String databind = "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.13.4";
    Suppression fixed =
        new Suppression(
            "fixed",
            "",
            "Patched build with UNWRAP_SINGLE_VALUE_ARRAYS disabled.",
            "app-v020.json#statements[1]");
    assertThat(app.suppression("CVE-2022-42003", List.of(), databind, IMAGE)).contains(fixed);
    assertThat(app.suppression("cve-2022-42003", List.of(), databind, IMAGE)).contains(fixed);
    assertThat(app.suppression("DEBIAN-X", List.of("ghsa-JJJH-jjxp-wpff"), databind, null))
        .contains(fixed);
  }

  @Test
  void versionlessProductPurlMatchesEveryVersionButNotAnotherPackage() {
    assertThat(
            app.suppression(
                "GHSA-jjjh-jjxp-wpff",
                List.of(),
                "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.0?type=jar",
                IMAGE))
        .isPresent();
    assertThat(
            app.suppression(
                "GHSA-jjjh-jjxp-wpff",
                List.of(),
                "pkg:maven/com.fasterxml.jackson.core/jackson-core@2.13.4",
                IMAGE))
        .isEmpty();
    assertThat(
            app.suppression(
                "GHSA-jjjh-jjxp-wpff",
                List.of(),
                "pkg:maven/com.fasterxml.jackson.dataformat/jackson-databind@2.13.4",
                IMAGE))
        .isEmpty();
  }

  @Test
  void imageProductWithoutSubcomponentsCoversEveryPackageOfThatImage() {
    Suppression apt =
        new Suppression(
            "not_affected",
            "",
            "apt is not used at runtime; the image has no package sources.",
            "app-v020.json#statements[4]");
    assertThat(app.suppression("CVE-2011-3374", List.of(), "pkg:deb/debian/apt@2.6.1", IMAGE_REF))
        .contains(apt);
    assertThat(app.suppression("CVE-2011-3374", List.of(), "pkg:deb/debian/apt@2.6.1", IMAGE))
        .isEmpty();
    assertThat(app.suppression("CVE-2011-3374", List.of(), "pkg:deb/debian/apt@2.6.1", null))
        .isEmpty();
  }

  @Test
  void affectedAndUnderInvestigationNeverSuppress() {
    assertThat(
            app.suppression(
                "CVE-2024-6387", List.of(), "pkg:deb/debian/openssh-server@1:9.2p1-2", IMAGE))
        .isEmpty();
    assertThat(
            app.suppression("CVE-2023-4863", List.of(), "pkg:deb/debian/libwebp7@1.2.4-0.2", IMAGE))
        .isEmpty();
  }

  @Test
  void wrongPackageOrVulnerabilityDoesNotSuppress() {
    assertThat(
            app.suppression(
                "CVE-2023-5363", List.of(), "pkg:deb/debian/libssl3@3.0.11-1~deb12u1", IMAGE))
        .isEmpty();
    assertThat(app.suppression("CVE-2023-9999", List.of(), OPENSSL, IMAGE)).isEmpty();
    assertThat(app.suppression("CVE-2023-5363", List.of(), "not a purl", IMAGE)).isEmpty();
  }

  @Test
  void legacyDocumentSuppressesToo() {
    assertThat(
            app.suppression(
                "CVE-2022-39046", List.of(), "pkg:apk/alpine/musl@1.2.3-r4?arch=x86_64", null))
        .contains(
            new Suppression(
                "not_affected", "component_not_present", "", "legacy-v001.json#statements[0]"));
  }

  @Test
  void laterDocumentOverridesEarlierOne() {
    String xz = "pkg:deb/debian/xz-utils@5.6.0-0.2?arch=amd64";
    assertThat(overrides.suppression("CVE-2024-3094", List.of(), xz, null)).isEmpty();
    VexFilter oldOnly;
    try {
      oldOnly = new VexFilter(List.of(VexDocumentTest.load("override-old.json")));
    } catch (VexException e) {
      throw new AssertionError(e);
    }
    assertThat(oldOnly.suppression("CVE-2024-3094", List.of(), xz, null))
        .hasValueSatisfying(s -> assertThat(s.status()).isEqualTo("not_affected"));
  }

  @Test
  void laterStatementTimestampOverridesEarlierStatementInTheSameDocument() {
    // statements[1] (fixed, 03-30) is later than statements[2] (under_investigation, 03-29).
    assertThat(
            overrides.suppression(
                "CVE-2023-5678", List.of(), "pkg:deb/debian/openssl@3.0.15-1", null))
        .contains(new Suppression("fixed", "", "", "override-old.json#statements[1]"));
  }

  @Test
  void emptyFilterSuppressesNothing() {
    assertThat(new VexFilter(List.of()).suppression("CVE-2023-5363", List.of(), OPENSSL, IMAGE))
        .isEmpty();
  }
}
