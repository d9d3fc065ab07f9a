package dev.drydock.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** daemon.json, /etc/group, audit rules, /proc/net/tcp and host-path resolution. */
class ParsersTest {
  @TempDir Path dir;

  @Test
  void daemonJson_trailingContent_andNonBooleanFlags_areRefusedLikeDockerd() throws Exception {
    assertThatThrownBy(() -> DaemonJson.parse("{\"icc\": false} {\"icc\": true}", "/t.json"))
        .isInstanceOf(BenchException.class)
        .hasMessageContaining("/t.json");
    assertThatThrownBy(() -> DaemonJson.parse("{\"icc\": \"false\"}", "/s.json"))
        .isInstanceOf(BenchException.class)
        .hasMessageContaining("\"icc\"")
        .hasMessageContaining("true or false");
    assertThat(DaemonJson.parse("{\"icc\": false}", "/ok.json").get("icc").asBoolean()).isFalse();
  }

  @Test
  void auditRules_neverRules_andSyscallRulesWithoutPerm_doNotCount() {
    AuditRules rules =
        AuditRules.of(
            AuditRules.parse(
                """
                -a never,exit -F path=/usr/sbin/dockerd -F perm=wa
                -a always,exit -F path=/usr/bin/containerd -S chmod
                -a always,exit -F path=/usr/bin/runc -F perm=wa -k docker
                """,
                "test"));
    assertThat(rules.covering("/usr/sbin/dockerd", p -> false)).isEmpty();
    assertThat(
            rules.covering("/usr/bin/containerd", p -> false).map(AuditRules.Watch::auditsChanges))
        .isNotEqualTo(java.util.Optional.of(true));
    assertThat(rules.covering("/usr/bin/runc", p -> false).orElseThrow().auditsChanges()).isTrue();
  }

  @Test
  void malformedDaemonJsonNamesTheFileLineAndColumn() throws Exception {
    assertThatThrownBy(() -> DaemonJson.parse("{\n  \"icc\": false,\n  \"hosts\": [\n}", "/x.json"))
        .isInstanceOf(BenchException.class)
        .hasMessageContaining("/x.json")
        .hasMessageContaining("line 4");
    assertThatThrownBy(() -> DaemonJson.parse("[1]", "/y.json"))
        .isInstanceOf(BenchException.class)
        .hasMessageContaining("one JSON object");
    assertThat(DaemonJson.parse("  \n", "/z.json").size()).isZero();
  }

  @Test
  void oversizedDaemonJsonIsRefused() throws Exception {
    Files.createDirectories(dir.resolve("etc/docker"));
    Files.writeString(dir.resolve("etc/docker/daemon.json"), " ".repeat(DaemonJson.MAX_BYTES + 1));
    assertThatThrownBy(() -> DaemonJson.load(dir, "/etc/docker/daemon.json"))
        .hasMessageContaining("larger than");
    assertThat(DaemonJson.load(dir, "/etc/docker/absent.json")).isEmpty();
    Files.createDirectories(dir.resolve("etc/docker/dir.json"));
    assertThatThrownBy(() -> DaemonJson.load(dir, "/etc/docker/dir.json"))
        .hasMessageContaining("not a regular file");
  }

  @Test
  void groupsKeepMembersAndSkipJunk() {
    Groups g = Groups.parse("root:x:0:\n# c\nbroken\nbad:x:zz:\ndocker:x:105:alice, bob\n");
    assertThat(g.byName("docker").orElseThrow().members()).containsExactly("alice", "bob");
    assertThat(g.byName("docker").orElseThrow().gid()).isEqualTo(105);
    assertThat(g.nameOf(0)).isEqualTo("root");
    assertThat(g.nameOf(4242)).isEqualTo("4242");
    assertThat(g.byName("bad")).isEmpty();
  }

  @Test
  void auditRulesMatchWholePathsNotSubstrings() {
    AuditRules rules =
        AuditRules.of(
            AuditRules.parse(
                """
                # comment
                -w /usr/bin/containerd-shim -p wa -k docker
                -a always,exit -F path=/usr/sbin/dockerd -F perm=wa -k docker
                -a always,exit -F dir=/etc/docker -F perm=wa
                -w /var/lib/docker/ -p r
                -W /usr/bin/runc -p wa
                -a always,exit -S openat -k noPath
                """,
                "test.rules"));
    assertThat(rules.watches()).hasSize(4);
    assertThat(rules.covering("/usr/bin/containerd", p -> false)).isEmpty();
    assertThat(rules.covering("/usr/bin/containerd-shim", p -> false)).isPresent();
    assertThat(rules.covering("/usr/sbin/dockerd", p -> false).orElseThrow().auditsChanges())
        .isTrue();
    assertThat(rules.covering("/etc/docker/daemon.json", p -> false)).isPresent();
    assertThat(rules.covering("/etc/dockerx", p -> false)).isEmpty();
    assertThat(rules.covering("/var/lib/docker", p -> false).orElseThrow().auditsChanges())
        .isFalse();
    assertThat(rules.covering("/usr/bin/runc", p -> false)).isEmpty();
    // a -w watch on a directory covers its tree only when it is a directory
    AuditRules w = AuditRules.of(AuditRules.parse("-w /etc/docker -p wa", "f"));
    assertThat(w.covering("/etc/docker/daemon.json", p -> p.equals("/etc/docker"))).isPresent();
    assertThat(w.covering("/etc/docker/daemon.json", p -> false)).isEmpty();
  }

  @Test
  void tcpTableLinesDecodeLittleEndianAddresses() throws Exception {
    var v4 =
        ServingDaemon.parseTcp(
                "   0: 0100007F:0B1A 00000000:0000 0A 00000000:00000000 00:00000000 00000000"
                    + "     0        0 4242 1 0 100 0 0 10 0")
            .orElseThrow();
    assertThat(v4.address()).isEqualTo(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
    assertThat(v4.port()).isEqualTo(2842);
    assertThat(v4.listening()).isTrue();
    assertThat(v4.inode()).isEqualTo(4242);
    var v6 =
        ServingDaemon.parseTcp(
                "   1: 00000000000000000000000001000000:0947 00000000000000000000000000000000:0000"
                    + " 01 00000000:00000000 00:00000000 00000000     0        0 7 1 0")
            .orElseThrow();
    assertThat(v6.address())
        .isEqualTo(
            InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));
    assertThat(v6.listening()).isFalse();
    assertThat(ServingDaemon.parseTcp("  sl  local_address rem_address   st")).isEmpty();
    assertThat(ServingDaemon.parseTcp("0: zz:zz 0:0 0A a b c d e f")).isEmpty();
  }

  @Test
  void hostPathsNeverLeaveTheRoot() throws Exception {
    Path root = Files.createDirectories(dir.resolve("root"));
    Files.createDirectories(root.resolve("run"));
    Files.createDirectories(root.resolve("var"));
    Files.createSymbolicLink(root.resolve("var/run"), Path.of("/run"));
    Files.createSymbolicLink(root.resolve("up"), Path.of("../../../../etc"));
    Files.createSymbolicLink(root.resolve("loop"), Path.of("/loop"));
    assertThat(HostPaths.resolve(root, "/var/run/docker.sock"))
        .contains(root.resolve("run/docker.sock"));
    assertThat(HostPaths.resolve(root, "/up/passwd")).contains(root.resolve("etc/passwd"));
    assertThat(HostPaths.resolve(root, "/../../etc/group")).contains(root.resolve("etc/group"));
    assertThat(HostPaths.resolve(root, "/loop/x")).isEmpty();
    assertThat(HostPaths.under(root, "/loop/x").startsWith(root)).isTrue();
  }

  @Test
  void modesAreComparedAsBits() {
    HostFile f606 = new HostFile("/f", 0606, 0, 0, "file");
    assertThat(f606.atMost(0660)).isFalse();
    assertThat(f606.excess(0660)).isEqualTo(0006);
    assertThat(new HostFile("/f", 0447, 0, 0, "file").atMost(0644)).isFalse();
    assertThat(new HostFile("/f", 0622, 0, 0, "file").atMost(0644)).isFalse();
    assertThat(new HostFile("/f", 0640, 0, 0, "file").atMost(0644)).isTrue();
    assertThat(new HostFile("/f", 04644, 0, 0, "file").atMost(0644)).isFalse();
    assertThat(new HostFile("/f", 0, 0, 0, "file").atMost(0400)).isTrue();
    assertThat(new HostFile("/f", 0440, 0, 0, "file").atMost(0400)).isFalse();
    assertThat(new HostFile("/f", 0644, 0, 0, "file").octal()).isEqualTo("0644");
    assertThatThrownBy(() -> new HostFile("/f", 0170644, 0, 0, "file"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(List.of(f606)).hasSize(1);
  }
}
