package dev.drydock.scanner;

import static dev.drydock.scanner.CatalogTestImage.pom;
import static dev.drydock.scanner.CatalogTestImage.utf8;
import static dev.drydock.scanner.CatalogTestImage.zip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Digest;
import dev.drydock.oci.ArchiveLimits;
import dev.drydock.oci.Image;
import dev.drydock.oci.ImageFilesystem;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Catalogues crafted images that hold every kind of package evidence. */
class ImageCatalogTest {
  @TempDir Path tmp;

  private static final String STATUS =
      """
      Package: python3-yaml
      Status: install ok installed
      Architecture: amd64
      Source: pyyaml
      Version: 6.0-3+b2

      Package: libssl3
      Status: install ok installed
      Architecture: amd64
      Source: openssl (3.0.11-1~deb12u2)
      Version: 3.0.11-1~deb12u2

      Package: openssh-client
      Status: install ok installed
      Architecture: amd64
      Source: openssh
      Version: 1:9.2p1-2+deb12u2

      Package: gone
      Status: deinstall ok config-files
      Architecture: amd64
      Version: 1.0
      """;

  private static final String MODINFO =
      """
      path\texample.com/cmd/tool
      mod\texample.com\tv1.4.0\th1:abc=
      dep\tgolang.org/x/net\tv0.17.0\th1:x=
      dep\tgithub.com/old/thing\tv1.0.0\th1:y=
      =>\tgithub.com/new/thing\tv1.2.0\th1:z=
      build\t-compiler=gc
      """;

  /** cargo-auditable's JSON: the root crate, a runtime crate, a build-only one and a git one. */
  private static final String AUDIT =
      """
      {"packages":[
        {"name":"rusty","version":"0.1.0","source":"local","root":true,"dependencies":[1]},
        {"name":"adler","version":"1.0.2","source":"crates.io"},
        {"name":"cc","version":"1.0.79","source":"crates.io","kind":"build"},
        {"name":"forked","version":"2.0.0","source":"git"}]}
      """;

  private static CatalogTestImage fullImage() throws Exception {
    CatalogTestImage img = new CatalogTestImage();
    img.layer()
        .file("usr/lib/os-release", "ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian 12\"\n")
        .symlink("etc/os-release", "../usr/lib/os-release")
        .file("var/lib/dpkg/status", STATUS)
        .file("var/lib/dpkg/info/libssl3:amd64.list", "/.\n/usr/lib/x86_64-linux-gnu/libssl.so.3\n")
        .file(
            "var/lib/dpkg/info/python3-yaml:amd64.list",
            "/.\n/usr/lib/python3/dist-packages/PyYAML-6.0.dist-info/METADATA\n")
        .file(
            "usr/lib/python3/dist-packages/PyYAML-6.0.dist-info/METADATA",
            "Metadata-Version: 2.1\nName: PyYAML\nVersion: 6.0\n");
    Map<String, byte[]> shaded = new LinkedHashMap<>();
    shaded.put("META-INF/MANIFEST.MF", utf8("Manifest-Version: 1.0\r\n\r\n"));
    shaded.put("META-INF/maven/com.acme/shaded/pom.properties", pom("com.acme", "shaded", "1.0"));
    shaded.put(
        "META-INF/maven/com.fasterxml.jackson.core/jackson-databind/pom.properties",
        pom("com.fasterxml.jackson.core", "jackson-databind", "2.9.10.1"));
    shaded.put("com/acme/Main.class", new byte[100]);
    Map<String, byte[]> war = new LinkedHashMap<>();
    war.put("WEB-INF/web.xml", utf8("<web-app/>"));
    war.put("WEB-INF/lib/shaded-1.0.jar", zip(shaded, true));
    war.put("WEB-INF/lib/guava-31.1-jre.jar", zip(Map.of("a.txt", utf8("a")), false));
    Map<String, byte[]> ear = Map.of("app.war", zip(war, false));
    img.layer()
        .file("app/lib/log4j-core-2.14.1.jar", log4j())
        .file(
            "app/lib/commons-text-1.9.jar",
            zip(
                Map.of(
                    "META-INF/maven/org.apache.commons/commons-text/pom.properties",
                    pom("org.apache.commons", "commons-text", "1.9")),
                false))
        .file("app/app.ear", zip(ear, false))
        .file("app/lib/broken-1.0.jar", "this is not a zip")
        .file("app/package.json", "{\"name\":\"root-project\",\"version\":\"0.0.1\"}")
        .file(
            "app/node_modules/lodash/package.json", "{\"name\":\"lodash\",\"version\":\"4.17.15\"}")
        .file("app/node_modules/lodash/fp/package.json", "{\"name\":\"fp\",\"version\":\"1\"}")
        .file(
            "app/node_modules/@babel/core/package.json",
            "{\"name\":\"@babel/core\",\"version\":\"7.24.0\",\"private\":true}")
        .file(
            "app/node_modules/lodash/node_modules/minimist/package.json",
            "{\"name\":\"minimist\",\"version\":\"1.2.5\"}")
        .file("app/node_modules/bad/package.json", "{\"name\":\"bad\"")
        .file(
            "usr/local/lib/python3.11/site-packages/Jinja2-3.1.2.dist-info/METADATA",
            "Metadata-Version: 2.1\nName: Jinja2\nVersion: 3.1.2\nSummary: x\n\nBody: no\n")
        .file(
            "usr/local/lib/python3.11/site-packages/ruamel.yaml.egg-info/PKG-INFO",
            "Metadata-Version: 1.1\nName: ruamel.yaml\nVersion: 0.17.21\n")
        .file(
            "app/dotnet/app.deps.json",
            """
            {"libraries": {
              "app/1.0.0": {"type": "project"},
              "Newtonsoft.Json/12.0.3": {"type": "package", "sha512": "x"}}}
            """)
        .file("usr/local/bundle/specifications/nokogiri-1.13.3-x86_64-linux.gemspec", "# ruby")
        .file("usr/local/bundle/specifications/rack-2.2.3.gemspec", "# ruby")
        .executable("usr/local/bin/tool", CatalogTestImage.goBinary("go1.21.5", MODINFO))
        .executable("usr/local/bin/script", utf8("#!/bin/sh\necho hi\n"))
        .executable(
            "usr/local/bin/rusty",
            CatalogTestImage.elfWithSection(".dep-v0", CatalogTestImage.zlib(utf8(AUDIT))));
    img.layer()
        .delete("app/lib/commons-text-1.9.jar")
        .file(
            "app/node_modules/lodash/package.json",
            "{\"name\":\"lodash\",\"version\":\"4.17.21\"}");
    return img;
  }

  private static byte[] log4j() throws Exception {
    Map<String, byte[]> e = new LinkedHashMap<>();
    e.put(
        "META-INF/MANIFEST.MF",
        utf8(
            """
            Manifest-Version: 1.0
            Implementation-Version: 2.14.1
            Bundle-SymbolicName: org.apache.logging.log4j.core

            """));
    e.put(
        "META-INF/maven/org.apache.logging.log4j/log4j-core/pom.properties",
        pom("org.apache.logging.log4j", "log4j-core", "2.14.1"));
    e.put("org/apache/logging/log4j/core/lookup/JndiLookup.class", new byte[2000]);
    return zip(e, false);
  }

  private static String row(ImagePackage p) {
    return p.ecosystem() + " " + p.name() + " " + p.version() + " @" + p.locations().getLast();
  }

  @Test
  void catalogue_everyKind_findsFinalPackagesWithLayersAndPurls() throws Exception {
    CatalogTestImage img = fullImage();
    List<Digest> diffIds;
    try (Image image = img.open(tmp.resolve("probe"))) {
      diffIds = image.config().diffIds();
    }

    Catalog c = img.catalogue(tmp);

    assertThat(c.osRelease().orElseThrow().osvEcosystem()).isEqualTo("Debian:12");
    assertThat(c.packages())
        .extracting(ImagePackage::cataloguer, ImageCatalogTest::row)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "deb", "Debian:12 libssl3 3.0.11-1~deb12u2 @/var/lib/dpkg/info/libssl3:amd64.list"),
            org.assertj.core.groups.Tuple.tuple(
                "deb", "Debian:12 openssh-client 1:9.2p1-2+deb12u2 @/var/lib/dpkg/status"),
            org.assertj.core.groups.Tuple.tuple(
                "deb",
                "Debian:12 python3-yaml 6.0-3+b2 @/var/lib/dpkg/info/python3-yaml:amd64.list"),
            org.assertj.core.groups.Tuple.tuple(
                "go-binary", "Go example.com v1.4.0 @/usr/local/bin/tool"),
            org.assertj.core.groups.Tuple.tuple(
                "go-binary", "Go github.com/new/thing v1.2.0 @/usr/local/bin/tool"),
            org.assertj.core.groups.Tuple.tuple(
                "go-binary", "Go golang.org/x/net v0.17.0 @/usr/local/bin/tool"),
            org.assertj.core.groups.Tuple.tuple(
                "go-binary", "Go stdlib v1.21.5 @/usr/local/bin/tool"),
            org.assertj.core.groups.Tuple.tuple(
                "java-archive",
                "Maven com.acme:shaded 1.0 @/app/app.ear!/app.war!/WEB-INF/lib/shaded-1.0.jar"),
            org.assertj.core.groups.Tuple.tuple(
                "java-archive",
                "Maven com.fasterxml.jackson.core:jackson-databind 2.9.10.1"
                    + " @/app/app.ear!/app.war!/WEB-INF/lib/shaded-1.0.jar"),
            org.assertj.core.groups.Tuple.tuple(
                "java-archive",
                "Maven guava:guava 31.1-jre @/app/app.ear!/app.war!/WEB-INF/lib/guava-31.1-jre.jar"),
            org.assertj.core.groups.Tuple.tuple(
                "java-archive",
                "Maven org.apache.logging.log4j:log4j-core 2.14.1 @/app/lib/log4j-core-2.14.1.jar"),
            org.assertj.core.groups.Tuple.tuple(
                "dotnet-deps", "NuGet Newtonsoft.Json 12.0.3 @/app/dotnet/app.deps.json"),
            org.assertj.core.groups.Tuple.tuple(
                "python",
                "PyPI Jinja2 3.1.2 @/usr/local/lib/python3.11/site-packages/Jinja2-3.1.2.dist-info/METADATA"),
            org.assertj.core.groups.Tuple.tuple(
                "python",
                "PyPI ruamel.yaml 0.17.21"
                    + " @/usr/local/lib/python3.11/site-packages/ruamel.yaml.egg-info/PKG-INFO"),
            org.assertj.core.groups.Tuple.tuple(
                "ruby-gemspec",
                "RubyGems nokogiri 1.13.3"
                    + " @/usr/local/bundle/specifications/nokogiri-1.13.3-x86_64-linux.gemspec"),
            org.assertj.core.groups.Tuple.tuple(
                "ruby-gemspec",
                "RubyGems rack 2.2.3 @/usr/local/bundle/specifications/rack-2.2.3.gemspec"),
            org.assertj.core.groups.Tuple.tuple(
                "rust-audit", "crates.io adler 1.0.2 @/usr/local/bin/rusty"),
            org.assertj.core.groups.Tuple.tuple(
                "npm", "npm @babel/core 7.24.0 @/app/node_modules/@babel/core/package.json"),
            org.assertj.core.groups.Tuple.tuple(
                "npm", "npm lodash 4.17.21 @/app/node_modules/lodash/package.json"),
            org.assertj.core.groups.Tuple.tuple(
                "npm",
                "npm minimist 1.2.5 @/app/node_modules/lodash/node_modules/minimist/package.json"));
    assertThat(c.problems())
        .anyMatch(p -> p.startsWith("/app/lib/broken-1.0.jar: not a readable zip"))
        .anyMatch(p -> p.startsWith("/app/node_modules/bad/package.json: "))
        .hasSize(2);

    ImagePackage ssl = find(c, "libssl3");
    assertThat(ssl.purl())
        .isEqualTo(
            "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12&upstream=openssl");
    assertThat(ssl.sourceName()).isEqualTo("openssl");
    assertThat(ssl.sourceVersion()).isEqualTo("3.0.11-1~deb12u2");
    assertThat(ssl.layer()).isEqualTo(diffIds.get(0));
    assertThat(ssl.locations())
        .containsExactly("/var/lib/dpkg/status", "/var/lib/dpkg/info/libssl3:amd64.list");
    assertThat(find(c, "openssh-client").purl())
        .isEqualTo(
            "pkg:deb/debian/openssh-client@1%3A9.2p1-2%2Bdeb12u2?arch=amd64&distro=debian-12&upstream=openssh");
    assertThat(find(c, "org.apache.logging.log4j:log4j-core").purl())
        .isEqualTo("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
    assertThat(find(c, "org.apache.logging.log4j:log4j-core").layer()).isEqualTo(diffIds.get(1));
    assertThat(find(c, "lodash").layer()).isEqualTo(diffIds.get(2));
    assertThat(find(c, "@babel/core").purl()).isEqualTo("pkg:npm/%40babel/core@7.24.0");
    assertThat(find(c, "ruamel.yaml").purl()).isEqualTo("pkg:pypi/ruamel-yaml@0.17.21");
    assertThat(find(c, "golang.org/x/net").purl()).isEqualTo("pkg:golang/golang.org/x/net@v0.17.0");
    assertThat(find(c, "adler").purl()).isEqualTo("pkg:cargo/adler@1.0.2");
    assertThat(find(c, "Newtonsoft.Json").purl()).isEqualTo("pkg:nuget/Newtonsoft.Json@12.0.3");
    assertThat(find(c, "nokogiri").purl())
        .isEqualTo("pkg:gem/nokogiri@1.13.3?platform=x86_64-linux");
    assertThat(find(c, "com.fasterxml.jackson.core:jackson-databind").properties())
        .containsEntry("java.identifiedBy", "pom.properties");
    assertThat(find(c, "guava:guava").properties()).containsEntry("java.identifiedBy", "file-name");
    assertThat(c.packages()).noneMatch(p -> p.name().contains("commons-text"));
    assertThat(c.packages()).noneMatch(p -> p.name().equals("PyYAML"));
    assertThat(c.by("deb")).hasSize(3);
  }

  @Test
  void catalogue_twice_isDeterministic() throws Exception {
    CatalogTestImage img = fullImage();
    Catalog a = img.catalogue(tmp.resolve("a"));
    Catalog b = img.catalogue(tmp.resolve("b"));

    assertThat(b.packages()).isEqualTo(a.packages());
    assertThat(b.problems()).isEqualTo(a.problems());
  }

  @Test
  void catalogue_alpine_readsApkWithOrigins() throws Exception {
    CatalogTestImage img = new CatalogTestImage();
    img.layer().resources("catalog/alpine-3.10.4");

    Catalog c = img.catalogue(tmp);

    assertThat(c.osRelease().orElseThrow().osvEcosystem()).isEqualTo("Alpine:v3.10");
    assertThat(c.by("apk")).hasSize(14);
    ImagePackage crypto = find(c, "libcrypto1.1");
    assertThat(crypto.sourceName()).isEqualTo("openssl");
    assertThat(crypto.purl())
        .startsWith("pkg:apk/alpine/libcrypto1.1@")
        .contains("upstream=openssl");
    assertThat(crypto.locations()).containsExactly("/lib/apk/db/installed");
  }

  @Test
  void catalogue_distroless_readsStatusD() throws Exception {
    CatalogTestImage img = new CatalogTestImage();
    img.layer().resources("catalog/distroless");

    Catalog c = img.catalogue(tmp);

    assertThat(c.by("deb"))
        .extracting(ImagePackage::name)
        .containsExactly("base-files", "libc6", "tzdata", "zlib1g");
    assertThat(find(c, "libc6").locations()).containsExactly("/var/lib/dpkg/status.d/libc6");
    assertThat(find(c, "libc6").sourceName()).isEqualTo("glibc");
  }

  @Test
  void catalogue_rpmSqlite_readsEpochIntoPurlQualifier() throws Exception {
    CatalogTestImage img = new CatalogTestImage();
    img.layer().resources("catalog/rpm-sqlite");

    Catalog c = img.catalogue(tmp);

    assertThat(c.by("rpm"))
        .extracting(ImagePackage::name)
        .containsExactly("hello-drydock", "kernel-core");
    ImagePackage hello = find(c, "hello-drydock");
    assertThat(hello.version()).isEqualTo("2:1.2.3-4.dd1");
    assertThat(hello.purl()).contains("@1.2.3-4.dd1?").contains("epoch=2").contains("arch=x86_64");
  }

  @Test
  void catalogue_emptyImage_hasNoOsAndNoPackages() throws Exception {
    CatalogTestImage img = new CatalogTestImage();
    img.layer().file("hello.txt", "hi");

    Catalog c = img.catalogue(tmp);

    assertThat(c.osRelease()).isEmpty();
    assertThat(c.packages()).isEmpty();
    assertThat(c.problems()).isEmpty();
  }

  @Test
  void catalogue_brokenDpkgStatus_isAProblemNamingTheImagePath() throws Exception {
    CatalogTestImage img = new CatalogTestImage();
    img.layer().file("var/lib/dpkg/status", "Package: x\nStatus: install ok installed\n\n");

    Catalog c = img.catalogue(tmp);

    assertThat(c.packages()).isEmpty();
    assertThat(c.problems())
        .singleElement()
        .asString()
        .contains("var/lib/dpkg/status")
        .doesNotContain(tmp.toString());
  }

  @Test
  void catalogue_imageFilesystemIsWalkedOnce_evenWithManyJars() throws Exception {
    CatalogTestImage img = new CatalogTestImage();
    CatalogTestImage.Layer layer = img.layer();
    for (int i = 0; i < 50; i++) {
      layer.file("lib/dep" + i + "-1." + i + ".jar", zip(Map.of("x", utf8("x")), false));
    }
    try (Image image = img.open(tmp.resolve("l"))) {
      ImageFilesystem fs = ImageFilesystem.flatten(image, ArchiveLimits.defaults());
      Catalog c = new ImageCatalog(tmp).catalogue(fs);
      assertThat(c.by("java-archive")).hasSize(50);
    }
  }

  @Test
  void catalogue_hardLinkedBinaries_reportEveryPathWithTheTargetsContent() throws Exception {
    CatalogTestImage img = new CatalogTestImage();
    img.layer()
        .executable("usr/bin/tool", CatalogTestImage.goBinary("go1.21.5", MODINFO))
        .hardlink("usr/bin/tool-1.4", "usr/bin/tool", 0755)
        .hardlink("usr/sbin/tool", "usr/bin/tool", 0755)
        .file(
            "lib/app-1.0.jar",
            zip(Map.of("META-INF/maven/g/app/pom.properties", pom("g", "app", "1.0")), false))
        .hardlink("lib/copy.jar", "lib/app-1.0.jar", 0644);

    Catalog c = img.catalogue(tmp);

    assertThat(c.packages())
        .filteredOn(p -> p.name().equals("golang.org/x/net"))
        .extracting(p -> p.locations().getFirst())
        .containsExactlyInAnyOrder("/usr/bin/tool", "/usr/bin/tool-1.4", "/usr/sbin/tool");
    assertThat(c.by("java-archive"))
        .extracting(p -> p.locations().getFirst())
        .containsExactlyInAnyOrder("/lib/app-1.0.jar", "/lib/copy.jar");
  }

  @Test
  void catalogue_hardLinkWhoseTargetIsReplacedLater_keepsTheOriginalContent() throws Exception {
    CatalogTestImage img = new CatalogTestImage();
    img.layer()
        .executable("usr/bin/tool", CatalogTestImage.goBinary("go1.21.5", MODINFO))
        .hardlink("usr/bin/old-tool", "usr/bin/tool", 0755);
    img.layer()
        .executable(
            "usr/bin/tool",
            CatalogTestImage.goBinary(
                "go1.22.1", "path\tnew.example/tool\nmod\tnew.example/tool\tv2.0.0\th1:n=\n"));

    Catalog c = img.catalogue(tmp);

    assertThat(c.packages())
        .filteredOn(p -> p.ecosystem().equals("Go") && !p.name().equals("stdlib"))
        .extracting(p -> p.name() + " " + p.locations().getFirst())
        .containsExactlyInAnyOrder(
            "example.com /usr/bin/old-tool",
            "golang.org/x/net /usr/bin/old-tool",
            "github.com/new/thing /usr/bin/old-tool",
            "new.example/tool /usr/bin/tool");
  }

  private static ImagePackage find(Catalog c, String name) {
    return c.packages().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }
}
