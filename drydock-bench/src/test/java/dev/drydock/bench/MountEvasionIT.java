package dev.drydock.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Finding;
import dev.drydock.model.Report;
import dev.drydock.model.Status;
import dev.drydock.testkit.TestDocker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mounts that reach the Docker socket or /etc without naming them: a bind source that is a symbolic
 * link (the kernel follows it) and a local volume created with {@code o=bind}.
 */
class MountEvasionIT {
  @RegisterExtension static final TestDocker DOCKER = TestDocker.create(System.getenv());

  @TempDir Path links;

  private static List<Finding> failing(Report r, String id, String container) {
    return r.findings().stream()
        .filter(f -> f.ruleId().equals("cis-" + id) && f.status() == Status.FAIL)
        .filter(f -> f.subject().contains(container))
        .toList();
  }

  @Test
  void symlinkedBindSource_andBindVolume_areSeen() throws Exception {
    String image = DOCKER.images().busybox();
    Path toRun = Files.createSymbolicLink(links.resolve("run-link"), Path.of("/run"));
    Path toEtc = Files.createSymbolicLink(links.resolve("etc-link"), Path.of("/etc"));
    String viaLink = DOCKER.containerName("link-run");
    String viaEtc = DOCKER.containerName("link-etc");
    String viaVolume = DOCKER.containerName("vol-run");
    String volume = DOCKER.containerName("bindvol");
    DOCKER
        .cli()
        .run("create", "--network", "none", "--name", viaLink, "-v", toRun + ":/x", image, "true");
    DOCKER
        .cli()
        .run("create", "--network", "none", "--name", viaEtc, "-v", toEtc + ":/e", image, "true");
    DOCKER
        .cli()
        .run(
            "volume",
            "create",
            "--driver",
            "local",
            "--opt",
            "type=none",
            "--opt",
            "o=bind",
            "--opt",
            "device=/run",
            volume);
    try {
      DOCKER
          .cli()
          .run(
              "create",
              "--network",
              "none",
              "--name",
              viaVolume,
              "-v",
              volume + ":/d",
              image,
              "true");
      BenchOptions options =
          new BenchOptions(Set.of("5.6", "5.32"), Set.of(), Set.of(), 2, Path.of("/"), List.of());
      Report r = Bench.create(DOCKER.client(), options).run("test", Clock.systemUTC());

      assertThat(failing(r, "5.32", viaLink))
          .singleElement()
          .satisfies(
              f -> assertThat(f.evidence()).contains("host path /run").contains("docker.sock"));
      assertThat(failing(r, "5.6", viaEtc))
          .singleElement()
          .satisfies(f -> assertThat(f.evidence()).contains("host path /etc"));
      assertThat(failing(r, "5.32", viaVolume))
          .singleElement()
          .satisfies(f -> assertThat(f.evidence()).contains("/run"));
    } finally {
      DOCKER.cli().run("rm", "-f", viaVolume);
      DOCKER.cli().run("volume", "rm", "-f", volume);
    }
  }
}
