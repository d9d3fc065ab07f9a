package dev.drydock.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Finding;
import dev.drydock.model.Status;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sections 1 and 3 against hostile host trees (run as root, to set owners). */
class HostChecksTest {
  @TempDir Path dir;
  HostTree tree;

  @BeforeEach
  void host() throws Exception {
    tree = new HostTree(dir);
    tree.file("/etc/group", "root:x:0:\ndocker:x:105:alice,mallory\nstaff:x:50:\n", 0644, 0, 0)
        .file(
            "/etc/passwd",
            "root:x:0:0::/root:/bin/sh\nbob:x:1000:105::/home/bob:/bin/sh\n",
            0644,
            0,
            0)
        .dockerd(
            100,
            HostTree.SOCKET.socket().toString(),
            false,
            "-H",
            "unix://" + HostTree.SOCKET.socket());
  }

  private static Map<String, Status> bySubject(List<Finding> findings) {
    return findings.stream().collect(Collectors.toMap(Finding::subject, Finding::status));
  }

  @Test
  void untrustedDockerGroupMembersFailByExactName() {
    List<Finding> f = tree.check("1.1.2", HostTree.SOCKET, List.of("alice", "bo"));
    assertThat(bySubject(f))
        .containsOnly(Map.entry("mallory", Status.FAIL), Map.entry("bob", Status.FAIL));
    assertThat(f.get(0).evidence()).contains("not among the trusted users");
    assertThat(tree.check("1.1.2", HostTree.SOCKET, List.of("alice", "bob", "mallory")))
        .singleElement()
        .extracting(Finding::status)
        .isEqualTo(Status.PASS);
  }

  @Test
  void withoutTrustedUsersTheMembersAreListedForAPerson() {
    Finding f = tree.check("1.1.2").get(0);
    assertThat(f.status()).isEqualTo(Status.MANUAL);
    assertThat(f.evidence()).contains("alice", "mallory", "bob");
  }

  @Test
  void auditRulesAreLookedUpWhereTheProgramsReallyAre() throws Exception {
    tree.file("/usr/sbin/dockerd", "", 0755, 0, 0)
        .file("/usr/bin/containerd", "", 0755, 0, 0)
        .file("/usr/bin/containerd-shim", "", 0755, 0, 0)
        .file(
            "/etc/audit/rules.d/docker.rules",
            "-w /usr/sbin/dockerd -p wa -k docker\n-w /usr/bin/containerd-shim -p wa\n",
            0640,
            0,
            0)
        .loaded(
            "-w /usr/sbin/dockerd -p wa -k docker\n-w /usr/bin/containerd-shim -p wa\n"
                + "-a always,exit -F dir=/etc/docker -F perm=wa -F key=docker")
        .dir("/etc/docker", 0755, 0, 0);
    Finding dockerd = tree.check("1.1.3").get(0);
    assertThat(dockerd.status()).isEqualTo(Status.PASS);
    assertThat(dockerd.subject()).isEqualTo("/usr/sbin/dockerd");
    assertThat(dockerd.evidence()).contains("auditctl -l");
    // the containerd-shim rule must not satisfy containerd
    assertThat(tree.check("1.1.14"))
        .singleElement()
        .extracting(Finding::status)
        .isEqualTo(Status.FAIL);
    assertThat(tree.check("1.1.15"))
        .singleElement()
        .extracting(Finding::status)
        .isEqualTo(Status.PASS);
    assertThat(tree.check("1.1.6").get(0).evidence()).contains("auditctl -l");
    // absent on this host: not applicable, never a failure
    assertThat(tree.check("1.1.18"))
        .singleElement()
        .extracting(Finding::status)
        .isEqualTo(Status.NOT_APPLICABLE);
    assertThat(tree.check("1.1.13"))
        .singleElement()
        .extracting(Finding::status)
        .isEqualTo(Status.NOT_APPLICABLE);
  }

  @Test
  void rulesOnlyInFiles_doNotCount_whenTheKernelListsItsRules() throws Exception {
    tree.file("/usr/sbin/dockerd", "", 0755, 0, 0)
        .file("/etc/audit/rules.d/docker.rules", "-w /usr/sbin/dockerd -p wa\n", 0640, 0, 0)
        .loaded("-w /etc/docker -p wa");
    assertThat(tree.check("1.1.3").get(0).status()).isEqualTo(Status.FAIL);
  }

  @Test
  void aReadOnlyWatchDoesNotAuditChanges() throws Exception {
    tree.dir("/var/lib/docker", 0710, 0, 0).loaded("-w /var/lib/docker -p r");
    Finding f = tree.check("1.1.5").get(0);
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.evidence()).contains("audits only 'r'");
  }

  @Test
  void unitFilesFailOnLooseModesAndForeignOwners() throws Exception {
    tree.file("/lib/systemd/system/docker.service", "[Service]\n", 0646, 1000, 0)
        .file("/etc/systemd/system/docker.socket", "[Socket]\n", 0640, 0, 50);
    Finding owner = tree.check("3.1").get(0);
    assertThat(owner.status()).isEqualTo(Status.FAIL);
    assertThat(owner.evidence()).contains("uid 1000", "expected root:root");
    Finding mode = tree.check("3.2").get(0);
    assertThat(mode.status()).isEqualTo(Status.FAIL);
    assertThat(mode.evidence()).contains("0646", "0002");
    assertThat(tree.check("3.3").get(0).evidence()).contains("gid 50 (staff)");
    assertThat(tree.check("3.4").get(0).status()).isEqualTo(Status.PASS);
  }

  @Test
  void theSocketMustBeRootDockerAndNoLooserThan660() throws Exception {
    tree.file("/run/ddtest/docker.sock", "", 0606, 0, 105);
    assertThat(tree.check("3.15"))
        .singleElement()
        .extracting(Finding::status)
        .isEqualTo(Status.PASS);
    Finding mode = tree.check("3.16").get(0);
    assertThat(mode.status()).isEqualTo(Status.FAIL);
    assertThat(mode.subject()).isEqualTo("/run/ddtest/docker.sock");
    assertThat(mode.evidence()).contains("0606", "outside the allowed 0660");
    tree.file("/run/ddtest/docker.sock", "", 0660, 0, 0);
    assertThat(tree.check("3.15").get(0).evidence()).contains("expected root:docker (0:105)");
  }

  @Test
  void registryCertificatesAreCheckedOneByOne() throws Exception {
    tree.file("/etc/docker/certs.d/reg:5000/ca.crt", "x", 0444, 0, 0)
        .file("/etc/docker/certs.d/reg:5000/client.cert", "x", 0644, 33, 0)
        .file("/etc/docker/certs.d/reg:5000/client.key", "x", 0600, 0, 0);
    assertThat(bySubject(tree.check("3.7")))
        .containsOnly(
            Map.entry("/etc/docker/certs.d/reg:5000/ca.crt", Status.PASS),
            Map.entry("/etc/docker/certs.d/reg:5000/client.cert", Status.FAIL));
    assertThat(bySubject(tree.check("3.8")))
        .containsEntry("/etc/docker/certs.d/reg:5000/client.cert", Status.FAIL)
        .containsEntry("/etc/docker/certs.d/reg:5000/ca.crt", Status.PASS);
  }

  @Test
  void absentFilesAreNotApplicable() {
    for (String id : List.of("3.1", "3.3", "3.7", "3.9", "3.14", "3.17", "3.19", "3.21", "3.23")) {
      assertThat(tree.check(id)).as(id).allMatch(f -> f.status() == Status.NOT_APPLICABLE);
    }
  }

  @Test
  void daemonJsonModeIsTestedOnTheFileTheDaemonReads() throws Exception {
    tree.dockerd(200, "/run/other.sock", true, "--config-file", "/srv/d.json")
        .file("/srv/d.json", "{}", 0606, 0, 0);
    var other = new dev.drydock.engine.EngineEndpoint.Unix(Path.of("/run/other.sock"));
    Finding f = tree.check("3.18", other, List.of()).get(0);
    assertThat(f.subject()).isEqualTo("/srv/d.json");
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(tree.check("3.17", other, List.of()).get(0).status()).isEqualTo(Status.PASS);
  }

  @Test
  void symlinksAreFollowedInsideTheRoot() throws Exception {
    tree.file("/usr/lib/systemd/system/docker.service", "", 0600, 0, 0).link("/lib", "/usr/lib");
    // /lib/systemd/system and /usr/lib/systemd/system are one file: one finding
    assertThat(tree.check("3.2"))
        .singleElement()
        .extracting(Finding::status)
        .isEqualTo(Status.PASS);
  }

  @Test
  void versionAndHardeningAreManual() {
    // the endpoint answers nothing here: the version check reports an error, not a crash
    assertThat(tree.check("1.2.2").get(0).status()).isEqualTo(Status.ERROR);
    assertThat(tree.check("1.2.1").get(0).status()).isEqualTo(Status.MANUAL);
  }
}
