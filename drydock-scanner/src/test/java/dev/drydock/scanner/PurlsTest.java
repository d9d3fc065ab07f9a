package dev.drydock.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.packageurl.PackageURL;
import dev.drydock.model.InvalidValueException;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each purl type against the examples of its type definition in the purl-spec repository, and a
 * round trip through packageurl-java's parser that gives back the parts.
 */
class PurlsTest {

  /** Parses the purl and checks that its parts are the ones built from. */
  private static void roundTrip(
      String purl, String type, @Nullable String namespace, String name, String version) {
    PackageURL p = Purls.parse(purl);
    assertThat(p.getType()).isEqualTo(type);
    assertThat(p.getNamespace()).isEqualTo(namespace);
    assertThat(p.getName()).isEqualTo(name);
    assertThat(p.getVersion()).isEqualTo(version);
    assertThat(Purls.canonical(purl)).isEqualTo(purl);
  }

  @Test
  void deb_lowercasesAndKeepsEpoch() {
    String purl = Purls.deb("Debian", "Attr", "1:2.4.47-2+b1", "amd64", "bookworm");
    assertThat(purl).isEqualTo("pkg:deb/debian/attr@1%3A2.4.47-2%2Bb1?arch=amd64&distro=bookworm");
    roundTrip(purl, "deb", "debian", "attr", "1:2.4.47-2+b1");
    assertThat(Purls.parse(purl).getQualifiers())
        .isEqualTo(Map.of("arch", "amd64", "distro", "bookworm"));
  }

  @Test
  void apk_withDistro() {
    String purl = Purls.apk("alpine", "curl", "7.83.0-r0", "x86", "3.16.2");
    assertThat(purl).isEqualTo("pkg:apk/alpine/curl@7.83.0-r0?arch=x86&distro=3.16.2");
    roundTrip(purl, "apk", "alpine", "curl", "7.83.0-r0");
  }

  @Test
  void rpm_epochIsAQualifierAndZeroEpochIsLeftOut() {
    String purl = Purls.rpm("Fedora", "curl", "7.50.3-1.fc25", "1", "i386", "fedora-25");
    assertThat(purl)
        .isEqualTo("pkg:rpm/fedora/curl@7.50.3-1.fc25?arch=i386&distro=fedora-25&epoch=1");
    roundTrip(purl, "rpm", "fedora", "curl", "7.50.3-1.fc25");
    assertThat(Purls.rpm("redhat", "bash", "5.1-6.el9", "0", null, null))
        .isEqualTo("pkg:rpm/redhat/bash@5.1-6.el9");
  }

  @Test
  void maven_withClassifierAndDefaultTypeLeftOut() {
    String purl = Purls.maven("org.apache.logging.log4j", "log4j-core", "2.14.1");
    assertThat(purl).isEqualTo("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
    roundTrip(purl, "maven", "org.apache.logging.log4j", "log4j-core", "2.14.1");
    assertThat(Purls.maven("org.example", "lib", "1.0", "sources", "jar"))
        .isEqualTo("pkg:maven/org.example/lib@1.0?classifier=sources");
    assertThat(Purls.maven("org.example", "lib", "1.0", null, "war"))
        .isEqualTo("pkg:maven/org.example/lib@1.0?type=war");
  }

  @Test
  void npm_scopedNameBecomesEncodedNamespace() {
    String purl = Purls.npm("@babel/core", "7.24.0");
    assertThat(purl).isEqualTo("pkg:npm/%40babel/core@7.24.0");
    roundTrip(purl, "npm", "@babel", "core", "7.24.0");
    assertThat(Purls.npm("lodash", "4.17.15")).isEqualTo("pkg:npm/lodash@4.17.15");
  }

  @ParameterizedTest
  @CsvSource({"@scope", "@/x", "@scope/"})
  void npm_malformedScopeIsRefused(String name) {
    assertThatThrownBy(() -> Purls.npm(name, "1.0.0"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining(name);
  }

  @ParameterizedTest
  @CsvSource({
    "Django, django",
    "zope.interface, zope-interface",
    "typing_extensions, typing-extensions",
    "Foo__Bar.-baz, foo-bar-baz"
  })
  void pypi_normalisesNames(String name, String normalised) {
    String purl = Purls.pypi(name, "1.0");
    assertThat(purl).isEqualTo("pkg:pypi/" + normalised + "@1.0");
    roundTrip(purl, "pypi", null, normalised, "1.0");
  }

  @Test
  void golang_splitsModulePath() {
    String purl = Purls.golang("golang.org/x/net", "v0.17.0");
    assertThat(purl).isEqualTo("pkg:golang/golang.org/x/net@v0.17.0");
    roundTrip(purl, "golang", "golang.org/x", "net", "v0.17.0");
    assertThat(Purls.golang("stdlib", "go1.22.1")).isEqualTo("pkg:golang/stdlib@go1.22.1");
  }

  @Test
  void cargoNugetGem() {
    roundTrip(Purls.cargo("rand", "0.8.5"), "cargo", null, "rand", "0.8.5");
    String nuget = Purls.nuget("Newtonsoft.Json", "13.0.1");
    assertThat(nuget).isEqualTo("pkg:nuget/Newtonsoft.Json@13.0.1");
    roundTrip(nuget, "nuget", null, "Newtonsoft.Json", "13.0.1");
    assertThat(Purls.gem("jruby-launcher", "1.1.2", "java"))
        .isEqualTo("pkg:gem/jruby-launcher@1.1.2?platform=java");
    assertThat(Purls.gem("rack", "2.2.8", "ruby")).isEqualTo("pkg:gem/rack@2.2.8");
  }

  @Test
  void oci_usesLastRepositoryElementLowercased() {
    String purl =
        Purls.oci(
            "library/Debian",
            SbomFixtures.digest('a'),
            "docker.io/library/debian",
            "latest",
            "amd64");
    assertThat(purl)
        .startsWith("pkg:oci/debian@sha256%3A" + "a".repeat(64) + "?arch=amd64&repository_url=");
    PackageURL p = Purls.parse(purl);
    assertThat(p.getQualifiers())
        .containsEntry("repository_url", "docker.io/library/debian")
        .containsEntry("tag", "latest");
    assertThat(p.getVersion()).isEqualTo("sha256:" + "a".repeat(64));
    assertThat(Purls.oci("app", SbomFixtures.digest('b'), null, null, null))
        .isEqualTo("pkg:oci/app@sha256%3A" + "b".repeat(64));
  }

  @Test
  void reservedCharactersAreEncodedAndSurviveARoundTrip() {
    String purl = Purls.npm("evil pkg?#@%:&=", "1.0.0 beta#1");
    assertThat(purl).doesNotContainAnyWhitespaces().doesNotContain("#");
    PackageURL p = Purls.parse(purl);
    assertThat(p.getName()).isEqualTo("evil pkg?#@%:&=");
    assertThat(p.getVersion()).isEqualTo("1.0.0 beta#1");
  }

  @Test
  void controlAndNonAsciiCharactersBecomeUnderscores() {
    String name = "a\u0000\u001b[2J\u202e\u00e9\u4e2d\uD83D\uDE00\uD800z";
    String purl = Purls.cargo(name, "1.0\u0007");
    assertThat(purl.chars().allMatch(c -> c > 0x20 && c < 0x7f)).isTrue();
    PackageURL p = Purls.parse(purl);
    assertThat(p.getName()).isEqualTo("a__[2J_____z");
    assertThat(p.getVersion()).isEqualTo("1.0_");
  }

  @Test
  void veryLongNamesAreKept() {
    String name = "a".repeat(10_000);
    assertThat(Purls.parse(Purls.cargo(name, "1")).getName()).isEqualTo(name);
  }

  @ParameterizedTest
  @CsvSource({"not a purl", "pkg:", "pkg:/name", "http://x/y", "pkg:npm/"})
  void malformedPurlsAreRefusedNamingTheInput(String purl) {
    assertThatThrownBy(() -> Purls.canonical(purl))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining(purl);
  }

  @Test
  void emptyNameIsRefused() {
    assertThatThrownBy(() -> Purls.cargo("", "1.0"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("pkg:cargo/");
  }

  @Test
  void typeOfAPurl() {
    assertThat(Purls.type("pkg:cargo/rand@0.8.5")).isEqualTo("cargo");
  }
}
