package dev.drydock.scanner;

import dev.drydock.model.Digest;
import dev.drydock.model.Severity;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** A small image's worth of packages, one per purl type, for the SBOM writer tests. */
final class SbomFixtures {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07.890Z"), ZoneOffset.UTC);
  static final Digest LAYER1 = digest('1');
  static final Digest LAYER2 = digest('2');

  private SbomFixtures() {}

  static Digest digest(char c) {
    return Digest.parse("sha256:" + String.valueOf(c).repeat(64));
  }

  static SbomSubject subject() {
    return SbomSubject.of(
        "registry.example:5000/team/app:1.0",
        digest('c'),
        digest('d'),
        "debian",
        "12",
        "amd64",
        CLOCK,
        "drydock",
        "0.1.0");
  }

  static SbomSubject localSubject() {
    return SbomSubject.of(
        "app.tar", digest('c'), null, null, null, null, CLOCK, "drydock", "0.1.0");
  }

  static ImagePackage deb(String name, String version, String source) {
    return new ImagePackage(
        "Debian:12",
        name,
        version,
        Purls.deb("debian", name, version, "amd64", "debian-12"),
        source,
        version,
        LAYER1,
        List.of("/var/lib/dpkg/status"),
        "dpkg",
        Map.of("license", "GPL-2+", "architecture", "amd64"));
  }

  static List<ImagePackage> packages() {
    return List.of(
        deb("libssl3", "3.0.11-1~deb12u2", "openssl"),
        deb("zlib1g", "1:1.2.13.dfsg-1", "zlib"),
        new ImagePackage(
            "Alpine:v3.20",
            "musl",
            "1.2.5-r0",
            Purls.apk("alpine", "musl", "1.2.5-r0", "x86_64", "3.20.1"),
            "musl",
            null,
            LAYER1,
            List.of("/lib/apk/db/installed"),
            "apk",
            Map.of("license", "MIT")),
        new ImagePackage(
            "Red Hat",
            "openssl-libs",
            "3.0.7-27.el9",
            Purls.rpm("redhat", "openssl-libs", "3.0.7-27.el9", "1", "x86_64", "rhel-9.4"),
            "openssl",
            "3.0.7-27.el9",
            LAYER1,
            List.of("/var/lib/rpm/rpmdb.sqlite"),
            "rpm",
            Map.of()),
        maven("/app/lib/log4j-core-2.14.1.jar", LAYER2),
        maven("/app/app.war!/WEB-INF/lib/log4j-core-2.14.1.jar", LAYER2),
        new ImagePackage(
            "npm",
            "@babel/core",
            "7.24.0",
            Purls.npm("@babel/core", "7.24.0"),
            null,
            null,
            LAYER2,
            List.of("/app/node_modules/@babel/core/package.json"),
            "npm",
            Map.of("license", "MIT")),
        new ImagePackage(
            "PyPI",
            "Jinja2",
            "3.1.2",
            Purls.pypi("Jinja2", "3.1.2"),
            null,
            null,
            LAYER2,
            List.of("/usr/lib/python3/dist-packages/Jinja2-3.1.2.dist-info/METADATA"),
            "python",
            Map.of("license", "BSD-3-Clause")),
        new ImagePackage(
            "Go",
            "golang.org/x/net",
            "v0.17.0",
            Purls.golang("golang.org/x/net", "v0.17.0"),
            null,
            null,
            LAYER2,
            List.of("/usr/local/bin/app"),
            "go-binary",
            Map.of()),
        new ImagePackage(
            "crates.io",
            "rand",
            "0.8.5",
            Purls.cargo("rand", "0.8.5"),
            null,
            null,
            LAYER2,
            List.of("/usr/local/bin/tool"),
            "cargo-auditable",
            Map.of("license", "MIT OR Apache-2.0")),
        new ImagePackage(
            "NuGet",
            "Newtonsoft.Json",
            "13.0.1",
            Purls.nuget("Newtonsoft.Json", "13.0.1"),
            null,
            null,
            LAYER2,
            List.of("/app/app.deps.json"),
            "dotnet-deps",
            Map.of()),
        new ImagePackage(
            "RubyGems",
            "rack",
            "2.2.8",
            Purls.gem("rack", "2.2.8", null),
            null,
            null,
            LAYER2,
            List.of("/usr/local/bundle/specifications/rack-2.2.8.gemspec"),
            "gemspec",
            Map.of()));
  }

  static ImagePackage maven(String location, Digest layer) {
    return new ImagePackage(
        "Maven",
        "org.apache.logging.log4j:log4j-core",
        "2.14.1",
        Purls.maven("org.apache.logging.log4j", "log4j-core", "2.14.1"),
        null,
        null,
        layer,
        List.of(location),
        "java-archive",
        Map.of("license", "Apache-2.0", "identified-by", "pom.properties"));
  }

  static List<VulnMatch> vulnerabilities() {
    return List.of(
        new VulnMatch(
            "CVE-2021-44228",
            List.of("GHSA-jfh8-c2jp-5v3q"),
            List.of("GHSA-jfh8-c2jp-5v3q"),
            Severity.CRITICAL,
            new CvssScore("3.1", 10.0, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"),
            "GHSA-jfh8-c2jp-5v3q CVSS_V3",
            "2.15.0",
            "Remote code injection in Log4j",
            PackageQuery.of("Maven", "org.apache.logging.log4j:log4j-core", "2.14.1"),
            Instant.parse("2025-01-02T03:04:05Z")),
        new VulnMatch(
            "DSA-5000-1",
            List.of(),
            List.of("DSA-5000-1"),
            Severity.UNKNOWN,
            null,
            "none",
            null,
            "",
            new PackageQuery(
                "Debian:12", "libssl3", "3.0.11-1~deb12u2", "openssl", "3.0.11-1~deb12u2"),
            Instant.parse("2025-02-03T04:05:06Z")));
  }
}
