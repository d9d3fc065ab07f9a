package dev.drydock.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.oci.ArchiveLimits;
import dev.drydock.oci.DaemonImageReader;
import dev.drydock.oci.DockerSocketArchiveSource;
import dev.drydock.oci.Image;
import dev.drydock.oci.ImageFilesystem;
import dev.drydock.oci.Platform;
import dev.drydock.testkit.TestDocker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SBOMs of a real image: the Debian 12 test image exported by dockerd and catalogued, written
 * in both formats, each valid against its official schema and listing every catalogued purl.
 */
class SbomWriterIT {
  @RegisterExtension static final TestDocker DOCKER = TestDocker.create(System.getenv());

  @TempDir Path tmp;

  @Test
  void debianImage_sbomsValidateAndListEveryPackage() throws Exception {
    String image = DOCKER.images().debian();
    Catalog catalog;
    SbomSubject subject;
    DaemonImageReader reader =
        new DaemonImageReader(
            new DockerSocketArchiveSource(
                Path.of("/var/run/docker.sock"), Duration.ofMinutes(2), 4L << 30),
            Files.createDirectories(tmp.resolve("export")),
            ArchiveLimits.defaults(),
            Platform.of("linux", "amd64"));
    try (Image img = reader.open(image)) {
      ImageFilesystem fs = ImageFilesystem.flatten(img, ArchiveLimits.defaults());
      catalog = new ImageCatalog(Files.createDirectories(tmp.resolve("cat"))).catalogue(fs);
      subject =
          SbomSubject.of(
              image,
              img.configDigest(),
              img.manifestDigest(),
              catalog.os() == null ? null : catalog.os().id(),
              catalog.os() == null ? null : catalog.os().versionId(),
              img.config().architecture(),
              SbomFixtures.CLOCK,
              "drydock",
              "test");
    }
    assertThat(catalog.packages()).hasSizeGreaterThan(50);
    Set<String> purls = new HashSet<>();
    catalog.packages().forEach(p -> purls.add(p.purl()));

    byte[] cdx = SbomWriter.cycloneDx(subject, catalog.packages());
    assertThat(SbomSchemas.cycloneDxErrors(cdx)).isEmpty();
    Set<String> cdxPurls = new HashSet<>();
    for (JsonNode c : SbomSchemas.readTree(cdx).path("components")) {
      if (c.has("purl")) {
        cdxPurls.add(c.path("purl").asText());
      }
    }
    assertThat(cdxPurls).isEqualTo(purls);

    byte[] spdx = SbomWriter.spdx(subject, catalog.packages());
    assertThat(SbomSchemas.spdxErrors(spdx)).isEmpty();
    JsonNode doc = SbomSchemas.readTree(spdx);
    assertThat(doc.path("packages").size()).isEqualTo(catalog.packages().size() + 1);
    assertThat(doc.path("relationships").size()).isEqualTo(catalog.packages().size() + 1);
    assertThat(SbomWriter.spdx(subject, catalog.packages())).isEqualTo(spdx);
  }
}
