package dev.drydock.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.engine.EngineEndpoint;
import dev.drydock.model.Finding;
import dev.drydock.model.Status;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Section 2 (and the TLS files of section 3) from fake dockerd processes and daemon.json files. */
class DaemonFlagsTest {
  static final EngineEndpoint.Unix HARD = new EngineEndpoint.Unix(Path.of("/run/hard.sock"));
  static final EngineEndpoint.Unix SOFT = new EngineEndpoint.Unix(Path.of("/run/soft.sock"));

  @TempDir Path dir;
  HostTree tree;

  @BeforeEach
  void daemons() throws Exception {
    tree = new HostTree(dir);
    tree.file("/etc/group", "root:x:0:\ndocker:x:105:\n", 0644, 0, 0)
        .file(
            "/srv/hard.json",
            """
            {
              "icc": false,
              "no-new-privileges": true,
              "userland-proxy": false,
              "log-level": "info",
              "storage-opts": ["dm.basesize=20G"],
              "tlsverify": true,
              "tlscacert": "/etc/tls/ca.pem",
              "hosts": [
                "unix:///run/hard.sock",
                "tcp://0.0.0.0:2376"
              ]
            }
            """,
            0644,
            0,
            0)
        .file("/etc/tls/ca.pem", "x", 0444, 0, 0)
        .file("/etc/tls/key.pem", "x", 0440, 0, 0)
        .file(
            "/srv/soft.json",
            """
            {"insecure-registries": ["10.9.0.0/16"],
             "hosts": [
               "tcp://0.0.0.0:2375"
             ]}
            """,
            0644,
            0,
            0);
    // the newest process is the soft one: "pgrep -n dockerd" would pick it for every endpoint
    tree.dockerd(
            300,
            "/run/hard.sock",
            true,
            "--config-file=/srv/hard.json",
            "--tlscert",
            "/etc/tls/cert.pem",
            "--tlskey=/etc/tls/key.pem",
            "--cgroup-parent",
            "/custom")
        .dockerd(
            400,
            "/run/soft.sock",
            true,
            "--config-file",
            "/srv/soft.json",
            "--iptables=false",
            "-D",
            "--insecure-registry",
            "reg.example:5000",
            "-l",
            "info",
            "--tls");
  }

  private Finding one(String id, EngineEndpoint e) {
    List<Finding> f = tree.check(id, e, List.of());
    assertThat(f).as(id).hasSize(1);
    return f.get(0);
  }

  @Test
  void eachDaemonIsJudgedByItsOwnFlags() {
    assertThat(one("2.2", HARD).status()).isEqualTo(Status.PASS);
    assertThat(one("2.2", HARD).evidence()).contains("/srv/hard.json", "dockerd pid 300");
    assertThat(one("2.2", SOFT).status()).isEqualTo(Status.FAIL);
    assertThat(one("2.15", HARD).status()).isEqualTo(Status.PASS);
    assertThat(one("2.15", SOFT).status()).isEqualTo(Status.FAIL);
    assertThat(one("2.17", HARD).status()).isEqualTo(Status.PASS);
    assertThat(one("2.17", SOFT).status()).isEqualTo(Status.FAIL);
    assertThat(one("2.4", HARD).status()).isEqualTo(Status.PASS);
    Finding iptables = one("2.4", SOFT);
    assertThat(iptables.status()).isEqualTo(Status.FAIL);
    assertThat(iptables.evidence()).contains("--iptables=false");
    assertThat(one("2.3", HARD).status()).isEqualTo(Status.PASS);
    assertThat(one("2.3", SOFT).status()).isEqualTo(Status.FAIL);
    assertThat(one("2.3", SOFT).subject()).isEqualTo("debug");
    assertThat(one("2.11", HARD).status()).isEqualTo(Status.FAIL);
    assertThat(one("2.11", SOFT).status()).isEqualTo(Status.PASS);
    assertThat(one("2.12", HARD).status()).isEqualTo(Status.FAIL);
    assertThat(one("2.12", SOFT).status()).isEqualTo(Status.PASS);
    assertThat(one("2.9", HARD).status()).isEqualTo(Status.MANUAL);
  }

  @Test
  void flagsAloneCountWhenTheDaemonHasNoDaemonJson() throws Exception {
    tree.dockerd(700, "/run/bare.sock", false, "--icc=false", "--userland-proxy", "false");
    EngineEndpoint bare = new EngineEndpoint.Unix(Path.of("/run/bare.sock"));
    Finding icc = one("2.2", bare);
    assertThat(icc.status()).isEqualTo(Status.PASS);
    assertThat(icc.evidence()).contains("--icc=false", "/etc/docker/daemon.json (absent)");
    // a boolean flag never takes the next word as its value: "false" here is a stray word
    assertThat(one("2.17", bare).status()).isEqualTo(Status.FAIL);
    assertThat(one("3.17", bare).status()).isEqualTo(Status.NOT_APPLICABLE);
  }

  @Test
  void conflictingFlagAndDaemonJsonAreBothReported() throws Exception {
    tree.file("/srv/both.json", "{\"icc\": true}", 0644, 0, 0)
        .dockerd(800, "/run/both.sock", false, "--config-file=/srv/both.json", "--icc=false");
    Finding f = one("2.2", new EngineEndpoint.Unix(Path.of("/run/both.sock")));
    assertThat(f.status()).isEqualTo(Status.PASS);
    assertThat(f.evidence()).contains("--icc=false", "conflicts with /srv/both.json");
  }

  @Test
  void tcpWithoutTlsverifyFailsWithHostsFromAMultiLineArray() {
    Finding soft = one("2.8", SOFT);
    assertThat(soft.status()).isEqualTo(Status.FAIL);
    assertThat(soft.subject()).isEqualTo("tcp://0.0.0.0:2375");
    assertThat(soft.evidence()).contains("/srv/soft.json", "--tls is on without --tlsverify");
    Finding hard = one("2.8", HARD);
    assertThat(hard.status()).isEqualTo(Status.PASS);
    assertThat(hard.subject()).isEqualTo("tcp://0.0.0.0:2376");
  }

  @Test
  void aTcpSocketHandedOverBySystemdCounts() throws Exception {
    tree.dockerd(500, "/run/fd.sock", false, "-H", "fd://", "-H", "unix:///run/fd.sock")
        .tcpListener(500, "0100007F", 2399);
    Finding f = one("2.8", new EngineEndpoint.Unix(Path.of("/run/fd.sock")));
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.subject()).isEqualTo("tcp://127.0.0.1:2399");
    // and the daemon is found through its TCP listener as well
    Finding viaTcp = one("2.2", new EngineEndpoint.Tcp("127.0.0.1", 2399));
    assertThat(viaTcp.evidence()).contains("dockerd pid 500");
  }

  @Test
  void insecureRegistriesFromArgvAndDaemonJsonAreEachReported() {
    List<Finding> f = tree.check("2.5", SOFT, List.of());
    // docker info is unavailable here (no daemon at the fake socket): the check reports an error
    assertThat(f).singleElement().extracting(Finding::status).isEqualTo(Status.ERROR);
  }

  @Test
  void tlsFilesComeFromBothFlagFormsAndDaemonJson() {
    assertThat(one("3.9", HARD).subject()).isEqualTo("/etc/tls/ca.pem");
    assertThat(one("3.9", HARD).status()).isEqualTo(Status.PASS);
    assertThat(one("3.10", HARD).status()).isEqualTo(Status.PASS);
    assertThat(one("3.11", HARD).subject()).isEqualTo("/etc/tls/cert.pem");
    assertThat(one("3.11", HARD).status()).isEqualTo(Status.NOT_APPLICABLE);
    Finding key = one("3.14", HARD);
    assertThat(key.subject()).isEqualTo("/etc/tls/key.pem");
    assertThat(key.status()).isEqualTo(Status.FAIL);
    assertThat(key.evidence()).contains("0440", "0040");
    // --tls without paths: dockerd's defaults in root's ~/.docker
    assertThat(one("3.9", SOFT).subject()).isEqualTo("/root/.docker/ca.pem");
  }

  @Test
  void malformedDaemonJsonTurnsTheAffectedChecksIntoErrors() throws Exception {
    tree.file("/srv/hard.json", "{\n  \"icc\": false,\n  \"hosts\": [\n}\n", 0644, 0, 0);
    for (String id : List.of("2.2", "2.8", "2.15", "3.9")) {
      Finding f = one(id, HARD);
      assertThat(f.status()).as(id).isEqualTo(Status.ERROR);
      assertThat(f.evidence()).contains("/srv/hard.json", "line 4");
    }
    // the file's own mode, owner and audit watch are still checked
    Finding mode = one("3.18", HARD);
    assertThat(mode.status()).isEqualTo(Status.PASS);
    assertThat(mode.subject()).isEqualTo("/srv/hard.json");
    assertThat(one("1.1.11", HARD).status()).isEqualTo(Status.FAIL);
  }

  @Test
  void aRemoteDaemonsFlagsAreUnknownNotGuessed() {
    EngineEndpoint remote = new EngineEndpoint.Unix(Path.of("/run/nobody.sock"));
    Finding f = one("2.2", remote);
    assertThat(f.status()).isEqualTo(Status.ERROR);
    assertThat(f.evidence()).contains("no local dockerd process serves unix:///run/nobody.sock");
    assertThat(one("3.9", remote).status()).isEqualTo(Status.ERROR);
  }

  @Test
  void aRemoteTcpDaemonIsJudgedByWhatTheConnectionShows() throws Exception {
    int port;
    try (java.net.ServerSocket free =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    // nothing listens there: the API cannot be asked, so 2.7 reports an error, not a pass
    Finding plain = one("2.8", new EngineEndpoint.Tcp("127.0.0.1", port));
    assertThat(plain.status()).isEqualTo(Status.ERROR);
    assertThat(plain.evidence()).contains("127.0.0.1:" + port);
    Finding tls =
        one(
            "2.8",
            new EngineEndpoint.Tls("127.0.0.1", port, javax.net.ssl.SSLContext.getDefault()));
    assertThat(tls.status()).isEqualTo(Status.ERROR);
    assertThat(tls.evidence()).contains("whether it requires client certificates");
  }

  @Test
  void twoDaemonsHoldingOneSocketIsAnError() throws Exception {
    tree.dockerd(600, "/run/dup.sock", false).dockerd(601, "/run/dup.sock", false);
    Finding f = one("2.2", new EngineEndpoint.Unix(Path.of("/run/dup.sock")));
    assertThat(f.status()).isEqualTo(Status.ERROR);
    assertThat(f.evidence()).contains("600", "601");
  }

  @Test
  void aDockerdInAnotherMountNamespaceDoesNotHijackTheSocketPath() throws Exception {
    tree.dockerd(900, "/run/dind.sock", false).dockerd(901, "/run/dind.sock", true);
    java.nio.file.Files.createDirectories(tree.proc.resolve("self/ns"));
    java.nio.file.Files.createDirectories(tree.proc.resolve("900/ns"));
    java.nio.file.Files.createDirectories(tree.proc.resolve("901/ns"));
    java.nio.file.Files.createSymbolicLink(tree.proc.resolve("self/ns/mnt"), Path.of("mnt:[1]"));
    java.nio.file.Files.createSymbolicLink(tree.proc.resolve("900/ns/mnt"), Path.of("mnt:[1]"));
    java.nio.file.Files.createSymbolicLink(tree.proc.resolve("901/ns/mnt"), Path.of("mnt:[2]"));
    Finding f = one("2.2", new EngineEndpoint.Unix(Path.of("/run/dind.sock")));
    assertThat(f.evidence()).contains("dockerd pid 900");
  }
}
