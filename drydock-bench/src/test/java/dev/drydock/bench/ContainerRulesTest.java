package dev.drydock.bench;

import static dev.drydock.bench.ContainerFixture.container;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.engine.ContainerDetails;
import dev.drydock.engine.ContainerHostConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The per-container rules of sections 4 and 5, where docker-bench-security goes wrong. */
class ContainerRulesTest {
  @ParameterizedTest
  @ValueSource(strings = {"", "0", "0:0", "root", "root:root", " 0 ", "00", "0:1000", "root:wheel"})
  void isRoot_rootSpellings_true(String user) {
    assertThat(Users.isRoot(user)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1000", "1000:0", "nobody", "65534:65534", "app", "10"})
  void isRoot_otherUsers_false(String user) {
    assertThat(Users.isRoot(user)).isFalse();
  }

  @Test
  void capabilities_normalisedAndComparedToDefaults() {
    assertThat(
            Capabilities.beyondDefaults(List.of("cap_sys_admin", "CAP_NET_BIND_SERVICE", "chown")))
        .containsExactly("SYS_ADMIN");
    assertThat(Capabilities.beyondDefaults(List.of("NET_ADMIN", "all"))).containsExactly("ALL");
    assertThat(Capabilities.beyondDefaults(List.of("KILL", "AUDIT_WRITE", " setfcap "))).isEmpty();
    assertThat(Capabilities.DOCKER_DEFAULTS).hasSize(14);
  }

  @Test
  void capabilitiesRule_privilegedOrExtra_fails() {
    ContainerFixture f = container();
    f.capAdd.add("SYS_ADMIN");
    assertThat(PrivilegeChecks.capabilities(f.build()))
        .hasValueSatisfying(e -> assertThat(e).contains("SYS_ADMIN"));
    ContainerFixture p = container();
    p.privileged = true;
    assertThat(PrivilegeChecks.capabilities(p.build())).isPresent();
    ContainerFixture ok = container();
    ok.capAdd.add("NET_BIND_SERVICE");
    assertThat(PrivilegeChecks.capabilities(ok.build())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"seccomp=unconfined", "seccomp:unconfined", "SECCOMP=Unconfined"})
  void seccomp_unconfined_fails(String opt) {
    ContainerFixture f = container();
    f.securityOpt.add(opt);
    assertThat(PrivilegeChecks.seccompProfile(f.build())).hasValue("HostConfig.SecurityOpt=" + opt);
  }

  @Test
  void seccomp_inlineAllowByDefaultProfile_fails_andEvidenceIsShort() {
    ContainerFixture f = container();
    String profile =
        "seccomp={\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": ["
            + "{\"names\": [\"x\"], \"action\": \"SCMP_ACT_ERRNO\"}, ".repeat(300)
            + "{}]}";
    f.securityOpt.add(profile);
    assertThat(PrivilegeChecks.seccompProfile(f.build()))
        .hasValueSatisfying(
            e ->
                assertThat(e)
                    .contains("defaultAction=SCMP_ACT_ALLOW")
                    .contains("allows by default")
                    .hasSizeLessThan(200));
    ContainerFixture strict = container();
    strict.securityOpt.add("seccomp={\"defaultAction\": \"SCMP_ACT_ERRNO\"}");
    assertThat(PrivilegeChecks.seccompProfile(strict.build())).isEmpty();
  }

  @Test
  void seccomp_otherOptionsOrNone_pass_privilegedFails() {
    ContainerFixture f = container();
    f.securityOpt.add("label=disable");
    f.securityOpt.add("seccomp=/etc/profile.json");
    assertThat(PrivilegeChecks.seccompProfile(f.build())).isEmpty();
    f.privileged = true;
    assertThat(PrivilegeChecks.seccompProfile(f.build())).isPresent();
  }

  @Test
  void selinux_labelDisable_detectedInBothForms_anyOtherOptionDoesNotPass() {
    ContainerFixture f = container();
    f.securityOpt.add("label:disable");
    assertThat(PrivilegeChecks.labelDisabled(f.build())).isPresent();
    assertThat(PrivilegeChecks.selinuxLabel(f.build())).isPresent();
    ContainerFixture g = container();
    g.securityOpt.add("no-new-privileges");
    assertThat(PrivilegeChecks.selinuxLabel(g.build()))
        .hasValueSatisfying(e -> assertThat(e).contains("ProcessLabel"));
    g.rawJson = "{\"ProcessLabel\":\"system_u:system_r:container_t:s0:c1,c2\"}";
    assertThat(PrivilegeChecks.selinuxLabel(g.build())).isEmpty();
  }

  @Test
  void noNewPrivileges_acceptsBothForms() {
    for (String opt :
        List.of("no-new-privileges", "no-new-privileges:true", "no-new-privileges=true")) {
      ContainerFixture f = container();
      f.securityOpt.add(opt);
      assertThat(PrivilegeChecks.noNewPrivilegesOpt(f.build())).as(opt).isEmpty();
    }
    ContainerFixture off = container();
    off.securityOpt.add("no-new-privileges:false");
    assertThat(PrivilegeChecks.noNewPrivilegesOpt(off.build())).isPresent();
    assertThat(PrivilegeChecks.optOut(off.build())).isPresent();
    assertThat(PrivilegeChecks.optOut(container().build())).isEmpty();
  }

  @Test
  void appArmor_unconfinedOrEmptyOrPrivileged_fails() {
    ContainerFixture f = container();
    assertThat(PrivilegeChecks.appArmorProfile(f.build())).isPresent();
    f.appArmor = "unconfined";
    assertThat(PrivilegeChecks.appArmorProfile(f.build())).isPresent();
    f.appArmor = "docker-default";
    assertThat(PrivilegeChecks.appArmorProfile(f.build())).isEmpty();
    f.privileged = true;
    assertThat(PrivilegeChecks.appArmorProfile(f.build())).isPresent();
  }

  @ParameterizedTest
  @CsvSource({
    "/, /host, false, true",
    "/, /host, true, true",
    "/etc, /host-etc, true, true",
    "/etc/default, /x, true, true",
    "/etc/default/, /x, true, true",
    "/usr/share/zoneinfo, /z, true, true",
    "/proc, /p, true, true",
    "/lib64, /l, true, true",
    "/lib64x, /l, true, false",
    "/etc, /host-etc, false, false",
    "/etc/localtime, /etc/localtime, false, false",
    "/etcetera, /x, true, false",
    "/srv/data, /data, true, false",
    "/var/lib/../../etc, /x, true, true"
  })
  void sensitiveMounts(String source, String destination, boolean rw, boolean fails) {
    ContainerDetails c = container().bind(source, destination, rw).build();
    assertThat(HostMounts.sensitive(c).isPresent()).isEqualTo(fails);
  }

  @Test
  void sensitiveMounts_volumesIgnored() {
    ContainerFixture f = container();
    f.mounts.add(
        new ContainerDetails.Mount(
            "volume", "/var/lib/docker/volumes/x/_data", "/etc", "", true, ""));
    assertThat(HostMounts.sensitive(f.build())).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "/var/run/docker.sock, /var/run/docker.sock, /var/run/docker.sock",
    "/run/docker.sock, /s, /s",
    "/var/run, /x, /x/docker.sock",
    "/run, /x, /x/docker.sock",
    "/, /host, /host/run/docker.sock",
    "/var/run/, /x, /x/docker.sock"
  })
  void socketMounts_directAndThroughAncestors_fail(String source, String dest, String inside) {
    Set<String> sockets = HostMounts.sockets(Optional.of(Path.of("/var/run/docker.sock")));
    assertThat(HostMounts.socket(container().bind(source, dest, true).build(), sockets))
        .hasValueSatisfying(e -> assertThat(e).endsWith("at " + inside));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/var/lib", "/run/user", "/var/run/docker", "/tmp/docker.sock", "/runx"})
  void socketMounts_unrelated_pass(String source) {
    Set<String> sockets = HostMounts.sockets(Optional.empty());
    assertThat(HostMounts.socket(container().bind(source, "/x", true).build(), sockets)).isEmpty();
  }

  @Test
  void socketMounts_customEndpointSocket() {
    Set<String> sockets = HostMounts.sockets(Optional.of(Path.of("/srv/docker/d.sock")));
    assertThat(HostMounts.socket(container().bind("/srv/docker", "/x", false).build(), sockets))
        .isPresent();
  }

  @Test
  void privilegedPorts_below1024Only() {
    ContainerDetails c =
        container()
            .port("8080/tcp", "", "81")
            .port("8081/tcp", "", "1024")
            .port("9/tcp", "", "")
            .build();
    assertThat(NetworkChecks.privilegedPorts(c))
        .hasValueSatisfying(e -> assertThat(e).contains(":81").doesNotContain("1024"));
    assertThat(NetworkChecks.privilegedPorts(container().port("80/tcp", "", "1024").build()))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "0.0.0.0", "::", "[::]"})
  void wildcardBindings_fail(String ip) {
    assertThat(NetworkChecks.wildcardBindings(container().port("80/tcp", ip, "8080").build()))
        .isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "::1", "10.0.0.5"})
  void specificBindings_pass(String ip) {
    assertThat(NetworkChecks.wildcardBindings(container().port("80/tcp", ip, "8080").build()))
        .isEmpty();
  }

  @Test
  void bindings_runningUsesLiveBindings() {
    ContainerFixture f = container().port("80/tcp", "127.0.0.1", "");
    f.running = true;
    f.published.put("80/tcp", List.of(new ContainerHostConfig.PortBinding("0.0.0.0", "80")));
    assertThat(NetworkChecks.bindings(f.build())).isEqualTo(f.published);
    assertThat(NetworkChecks.privilegedPorts(f.build())).isPresent();
  }

  @ParameterizedTest
  @CsvSource({
    "no, 0, false",
    "'', 0, false",
    "on-failure, 5, false",
    "on-failure, 1, false",
    "on-failure, 10, true",
    "on-failure, 0, true",
    "always, 0, true",
    "unless-stopped, 0, true"
  })
  void restartPolicy(String name, int max, boolean fails) {
    assertThat(ResourceChecks.restart(new ContainerHostConfig.RestartPolicy(name, max)).isPresent())
        .isEqualTo(fails);
  }

  @Test
  void cpu_anyLimitPasses() {
    assertThat(ResourceChecks.cpu(container().build())).isPresent();
    ContainerFixture shares = container();
    shares.cpuShares = 512;
    assertThat(ResourceChecks.cpu(shares.build())).isEmpty();
    ContainerFixture quota = container();
    quota.rawJson = "{\"HostConfig\":{\"CpuQuota\":50000}}";
    assertThat(ResourceChecks.cpu(quota.build())).isEmpty();
    ContainerFixture cpuset = container();
    cpuset.rawJson = "{\"HostConfig\":{\"CpusetCpus\":\"0\"}}";
    assertThat(ResourceChecks.cpu(cpuset.build())).isEmpty();
  }

  @Test
  void namespaces_onlyHostFails() {
    assertThat(NamespaceChecks.sharesHost("PidMode", "host")).hasValue("HostConfig.PidMode=host");
    assertThat(NamespaceChecks.sharesHost("PidMode", "container:abc")).isEmpty();
    assertThat(NamespaceChecks.sharesHost("IpcMode", "private")).isEmpty();
  }

  @Test
  void sharedPropagation_fails() {
    ContainerFixture f = container();
    f.mounts.add(new ContainerDetails.Mount("bind", "/mnt", "/m", "", true, "rshared"));
    assertThat(MountChecks.sharedPropagation(f.build())).isPresent();
    assertThat(MountChecks.sharedPropagation(container().bind("/mnt", "/m", true).build()))
        .isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "/usr/sbin/sshd -D, true",
    "sshd: root@pts/0, true",
    "sshd, true",
    "sh /sshd, false",
    "/bin/sshd-keygen, false",
    "sleep 300, false",
    "'', false"
  })
  void isSshd(String command, boolean sshd) {
    assertThat(ContainerRuntimeChecks.isSshd(command)).isEqualTo(sshd);
  }

  @Test
  void subjects_nameAndShortId() {
    assertThat(Audits.subject(container().build())).isEqualTo("container web (0123456789ab)");
    assertThat(Audits.shortId("sha256:1668c2c3572c00000")).isEqualTo("1668c2c3572c");
    assertThat(Audits.examined(1, "container")).isEqualTo("the only container");
    assertThat(Audits.examined(3, "image")).isEqualTo("all 3 images");
  }
}
