package dev.drydock.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class VulnerableImageIT {
  @RegisterExtension static final TestDocker DOCKER = TestDocker.create(System.getenv());

  @Test
  void build_plantsTheArtifacts_withoutTheDeletedJar_once() throws Exception {
    VulnerableImage vulnerable = new VulnerableImage(DOCKER.images(), DOCKER.cli());

    String tag = vulnerable.build();

    assertThat(tag).isEqualTo(VulnerableImage.TAG);
    assertThat(
            DOCKER.runContainer(
                "vuln",
                tag,
                "sh",
                "-c",
                "cd /app && ls lib && sha256sum lib/log4j-core-2.14.1.jar"
                    + " && grep '\"version\"' node_modules/lodash/package.json"))
        .contains("log4j-core-2.14.1.jar", "shop.war", "4.17.15")
        .contains(VulnerableImage.LOG4J_CORE.sha256())
        .doesNotContain("commons-text");
    String layers = DOCKER.cli().run("image", "inspect", "--format", "{{len .RootFS.Layers}}", tag);
    assertThat(layers.strip()).isEqualTo("5");
    String id = DOCKER.cli().run("image", "inspect", "--format", "{{.Id}}", tag);
    assertThat(vulnerable.build()).isEqualTo(tag);
    assertThat(DOCKER.cli().run("image", "inspect", "--format", "{{.Id}}", tag))
        .as("cached: not rebuilt")
        .isEqualTo(id);
  }
}
