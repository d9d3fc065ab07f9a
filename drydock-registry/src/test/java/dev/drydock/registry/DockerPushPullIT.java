package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.testkit.DockerCli;
import dev.drydock.testkit.TestDocker;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker push and pull through the real daemon. dockerd treats 127.0.0.0/8 registries as insecure
 * and falls back to plain HTTP there, so this runs the registry with --insecure-loopback-http; the
 * TLS path is covered with skopeo (SkopeoIT).
 */
class DockerPushPullIT {
  @RegisterExtension static final TestDocker DOCKER = TestDocker.create(System.getenv());

  @TempDir Path data;

  @Test
  void pushThenPullGivesTheSameImage() throws Exception {
    DockerCli docker = DOCKER.cli();
    String source = DOCKER.images().busybox();
    String id = docker.run("image", "inspect", "--format", "{{.Id}}", source).strip();
    try (TestRegistry registry = TestRegistry.start(data)) {
      String repo = "ddt-" + DOCKER.runId().toLowerCase(java.util.Locale.ROOT) + "/busybox";
      String ref = "127.0.0.1:" + registry.server.address().getPort() + "/" + repo + ":1";
      docker.run("tag", source, ref);
      try {
        String pushed = docker.run("push", ref);
        assertThat(pushed).contains("digest: sha256:");
        var manifest =
            registry.get(
                "/v2/" + repo + "/manifests/1",
                "Accept",
                "application/vnd.docker.distribution.manifest.v2+json");
        assertThat(manifest.statusCode()).isEqualTo(200);
        assertThat(TestRegistry.header(manifest, "Content-Type"))
            .isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
        assertThat(pushed).contains(TestRegistry.header(manifest, "Docker-Content-Digest"));

        docker.run("rmi", ref);
        String pulled = docker.run("pull", ref);
        assertThat(pulled).contains("Downloaded newer image");
        assertThat(docker.run("image", "inspect", "--format", "{{.Id}}", ref).strip())
            .isEqualTo(id);

        // A second push finds every layer present (HEAD) and uploads nothing.
        assertThat(docker.run("push", ref)).contains("Layer already exists");
      } finally {
        docker.tryRun(DockerCli.DEFAULT_TIMEOUT, List.of("rmi", ref));
      }
    }
  }
}
