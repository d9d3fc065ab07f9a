package dev.drydock.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.engine.EngineClient;
import dev.drydock.engine.EngineEndpoint;
import dev.drydock.model.Finding;
import dev.drydock.model.Report;
import dev.drydock.model.Status;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sections 5 to 7 against a canned daemon in states this host cannot be put in: a swarm manager
 * with AppArmor and SELinux.
 */
class FakeDaemonChecksTest {
  private static final String ID = "c0ffee".repeat(10) + "abcd";

  private static final String INFO =
      """
      {"ServerVersion":"20.10.24","SecurityOptions":["name=apparmor","name=seccomp,profile=default","name=selinux"],
       "Swarm":{"NodeID":"n1","NodeAddr":"10.0.0.5","LocalNodeState":"active","ControlAvailable":true,
        "Nodes":4,"Managers":2,"RemoteManagers":[{"NodeID":"n1","Addr":"10.0.0.5:2377"}],
        "Cluster":{"ID":"c1","RootRotationInProgress":false,
         "Spec":{"CAConfig":{"NodeCertExpiry":7776000000000000},"EncryptionConfig":{"AutoLockManagers":false}}}}}
      """;

  private static final String CONTAINER =
      """
      {"Id":"%s","Name":"/web","Image":"sha256:%s","Path":"/usr/sbin/sshd","ProcessLabel":"",
       "AppArmorProfile":"unconfined",
       "Config":{"Image":"web:1","User":"0"},
       "State":{"Status":"exited","Running":false,"Pid":0},
       "HostConfig":{"SecurityOpt":["label:disable","apparmor=unconfined"],"NetworkMode":"default",
        "RestartPolicy":{"Name":"always"}},
       "NetworkSettings":{"Networks":{"bridge":{}}},
       "Mounts":[{"Type":"bind","Source":"/var/run","Destination":"/r","RW":true,"Propagation":"rshared"}]}
      """
          .replace("%s", ID);

  private static final String NETWORKS =
      """
      [{"Name":"bridge","Id":"b1","Driver":"bridge","Scope":"local","Options":{"com.docker.network.bridge.name":"docker0"}},
       {"Name":"ingress","Id":"i1i1i1i1i1i1i1","Driver":"overlay","Scope":"swarm","Options":{}},
       {"Name":"secure","Id":"s1","Driver":"overlay","Scope":"swarm","Options":{"encrypted":""}}]
      """;

  @TempDir Path dir;

  private Report audit() throws Exception {
    Map<String, String> bodies =
        Map.of(
            "/info",
            INFO,
            "/containers/json",
            "[{\"Id\":\"" + ID + "\"}]",
            "/containers/" + ID + "/json",
            CONTAINER,
            "/images/json",
            "[]",
            "/networks",
            NETWORKS);
    try (FakeDaemon daemon = FakeDaemon.start(dir, bodies)) {
      EngineClient client = EngineClient.create(new EngineEndpoint.Unix(daemon.socket()));
      BenchOptions options =
          new BenchOptions(Set.of(), Set.of(), Set.of(4, 5, 6, 7), 2, Path.of("/"), List.of());
      return Bench.create(client, options).run("test", Clock.systemUTC());
    }
  }

  private static Finding only(Report r, String id) {
    List<Finding> found =
        r.findings().stream().filter(f -> f.ruleId().equals("cis-" + id)).toList();
    assertThat(found).as(id).hasSize(1);
    return found.getFirst();
  }

  @Test
  void swarmManager_autolockOffEvenManagersUnencryptedOverlay_fail() throws Exception {
    Report r = audit();

    assertThat(r.findings()).noneMatch(f -> f.status() == Status.ERROR);
    assertThat(only(r, "5.1").status()).isEqualTo(Status.FAIL);
    assertThat(only(r, "7.1").status()).isEqualTo(Status.FAIL);
    assertThat(only(r, "7.1").evidence()).contains("Swarm.Managers=2");
    assertThat(only(r, "7.5").status()).isEqualTo(Status.FAIL);
    assertThat(only(r, "7.2").status()).isEqualTo(Status.MANUAL);
    Finding overlay = only(r, "7.3");
    assertThat(overlay.status()).isEqualTo(Status.FAIL);
    assertThat(overlay.subject()).isEqualTo("network ingress (i1i1i1i1i1i1)");
    assertThat(only(r, "7.7").evidence()).contains("NodeCertExpiry=2160h");
    for (String id : List.of("7.4", "7.6", "7.8", "7.9")) {
      assertThat(only(r, id).status()).isEqualTo(Status.MANUAL);
    }
  }

  @Test
  void appArmorAndSelinuxEnabled_containerOptOuts_fail() throws Exception {
    Report r = audit();

    Finding apparmor = only(r, "5.2");
    assertThat(apparmor.status()).isEqualTo(Status.FAIL);
    assertThat(apparmor.subject()).isEqualTo("container web (c0ffeec0ffee)");
    assertThat(apparmor.evidence()).isEqualTo("AppArmorProfile=unconfined");
    assertThat(only(r, "5.3").evidence()).isEqualTo("HostConfig.SecurityOpt=label:disable");
    assertThat(only(r, "5.7").evidence()).contains("Path=/usr/sbin/sshd");
    assertThat(only(r, "5.15").evidence()).contains("always");
    assertThat(only(r, "5.20").status()).isEqualTo(Status.FAIL);
    assertThat(only(r, "5.32").evidence()).contains("/r/docker.sock");
    assertThat(only(r, "5.30").evidence()).contains("docker0");
    assertThat(only(r, "4.1").evidence()).isEqualTo("Config.User=0 (root)");
    assertThat(only(r, "4.6").status()).isEqualTo(Status.NOT_APPLICABLE);
    assertThat(only(r, "6.1").evidence()).startsWith("0 images");
    assertThat(only(r, "6.2").evidence())
        .isEqualTo("1 containers: 0 running, 1 not running (0 created, 1 exited or dead)");
  }

  @Test
  void unreachableDaemon_checksReportErrors() throws Exception {
    EngineClient client = EngineClient.create(new EngineEndpoint.Unix(dir.resolve("none.sock")));
    BenchOptions options =
        new BenchOptions(
            Set.of("5.5", "4.6", "7.3"), Set.of(), Set.of(), 2, Path.of("/"), List.of());
    Report r = Bench.create(client, options).run("test", Clock.systemUTC());

    assertThat(r.findings())
        .hasSize(3)
        .allSatisfy(
            f -> {
              assertThat(f.status()).isEqualTo(Status.ERROR);
              assertThat(f.evidence()).contains("Could not ask the daemon");
            });
  }
}
