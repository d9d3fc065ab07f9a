package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.testkit.TestDocker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code drydock sbom} on real local images, from the daemon and from a docker save archive. */
class SbomCommandIT {
  @RegisterExtension static final TestDocker DOCKER = TestDocker.create(System.getenv());

  @TempDir Path home;

  private CliRun sbom(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("sbom", "-H", DOCKER.endpoint().address()));
    all.addAll(List.of(args));
    return CliRun.run(home, all.toArray(String[]::new));
  }

  @Test
  void debianImage_fromDaemon_cycloneDxListsDebPackagesWithPurls() throws Exception {
    String image = DOCKER.images().debian();
    CliRun r = sbom(image);
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode bom = new ObjectMapper().readTree(r.out());
    assertThat(bom.path("bomFormat").asText()).isEqualTo("CycloneDX");
    assertThat(bom.path("specVersion").asText()).isEqualTo("1.6");
    List<String> purls = new ArrayList<>();
    bom.path("components").forEach(c -> purls.add(c.path("purl").asText()));
    assertThat(purls).hasSizeGreaterThan(50);
    assertThat(purls).anySatisfy(p -> assertThat(p).startsWith("pkg:deb/debian/dpkg@"));
  }

  @Test
  void savedArchive_spdxToFile() throws Exception {
    String image = DOCKER.images().busybox();
    Path archive = home.resolve("busybox.tar");
    DOCKER.cli().run("save", "-o", archive.toString(), image);
    Path out = home.resolve("busybox.spdx.json");
    CliRun r = sbom(archive.toString(), "--format", "spdx", "-o", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(out.toFile());
    assertThat(doc.path("spdxVersion").asText()).isEqualTo("SPDX-2.3");
  }

  @Test
  void badFormat_andMissingImage_areClearErrors() throws Exception {
    assertThat(sbom("x", "--format", "xml").exitCode()).isEqualTo(2);
    CliRun missing = sbom("drydock-test/no-such-image:0");
    assertThat(missing.exitCode()).isEqualTo(3);
    assertThat(missing.err()).contains("no-such-image");
  }
}
