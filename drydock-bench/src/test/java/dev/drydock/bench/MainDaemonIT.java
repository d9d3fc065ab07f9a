package dev.drydock.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.engine.EngineEndpoint;
import dev.drydock.model.Finding;
import dev.drydock.model.Report;
import dev.drydock.model.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sections 1 to 3 against this host's own daemon and files. */
class MainDaemonIT {
  static final EngineEndpoint MAIN = EngineEndpoint.parse(EngineEndpoint.DEFAULT_HOST);

  @TempDir Path dir;

  @Test
  void auditsTheRealHostWithoutErrors() throws Exception {
    Report r = HostAudits.run(MAIN, Path.of("/"));
    assertThat(r.findings()).as(HostAudits.dump(r)).noneMatch(f -> f.status() == Status.ERROR);
    assertThat(HostAudits.ids(r)).hasSize(63);
    // Debian installs dockerd in /usr/sbin: the audit looks there, not at a made-up /usr/bin path
    String dockerd = HostAudits.of(r, "1.1.3").get(0).subject();
    assertThat(Files.isRegularFile(Path.of(dockerd))).as(dockerd).isTrue();
    Finding sock = HostAudits.only(r, "3.16");
    assertThat(sock.subject()).isEqualTo("/var/run/docker.sock");
    assertThat(sock.evidence()).contains("mode 0");
  }

  @Test
  void anEmptyRootIsAuditedInsteadOfTheRealOne() throws Exception {
    Report r = HostAudits.run(MAIN, dir);
    for (String id : List.of("1.1.3", "1.1.6", "3.5", "3.6", "3.15", "3.16", "3.19", "3.23")) {
      assertThat(HostAudits.of(r, id))
          .as(id)
          .allMatch(f -> f.status() == Status.NOT_APPLICABLE)
          .allMatch(f -> f.evidence().contains(dir.toString()) || f.subject().equals("host"));
    }
    // the daemon's flags still come from the process that serves the socket
    assertThat(HostAudits.only(r, "2.4").status()).isEqualTo(Status.PASS);
  }

  @Test
  void aSeparateFileSystemForTheDataRootPasses() throws Exception {
    Path data = Files.createDirectories(dir.resolve("var/lib/docker"));
    assertThat(HostAudits.only(HostAudits.run(MAIN, dir), "1.1.1").status()).isEqualTo(Status.FAIL);
    run("mount", "-t", "tmpfs", "-o", "size=1m", "ddt-hostd", data.toString());
    try {
      Finding f = HostAudits.only(HostAudits.run(MAIN, dir), "1.1.1");
      assertThat(f.status()).isEqualTo(Status.PASS);
      assertThat(f.evidence()).contains("file system of its own");
    } finally {
      run("umount", data.toString());
    }
  }

  private static void run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", cmd) + ": " + out).isZero();
  }
}
