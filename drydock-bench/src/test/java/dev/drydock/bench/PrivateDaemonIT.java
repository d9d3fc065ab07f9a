package dev.drydock.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.engine.EngineEndpoint;
import dev.drydock.model.Finding;
import dev.drydock.model.Report;
import dev.drydock.model.Status;
import dev.drydock.testkit.PrivateDockerd;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Section 2 against two private daemons that run at the same time, one with insecure flags and one
 * hardened through daemon.json: each audit must reflect the daemon it talks to, never the other one
 * (docker-bench-security reads "the newest dockerd").
 */
class PrivateDaemonIT {
  private static final Map<String, String> ENV = System.getenv();
  private static final Path ROOT = Path.of("/");

  @TempDir static Path dir;
  static PrivateDockerd soft;
  static PrivateDockerd hard;

  @BeforeAll
  static void start() throws Exception {
    Path hardJson =
        Files.writeString(
            dir.resolve("hard.json"),
            """
            {
              "no-new-privileges": true,
              "live-restore": true,
              "userland-proxy": false,
              "log-level": "info"
            }
            """,
            StandardCharsets.UTF_8);
    soft =
        PrivateDockerd.builder(ENV)
            .tcp(0)
            .flag("--insecure-registry", "10.66.0.0/16", "--log-level=debug")
            .start();
    hard = PrivateDockerd.builder(ENV).configFile(hardJson).start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (hard != null) {
      hard.close();
    }
    if (soft != null) {
      soft.close();
    }
  }

  private static Finding one(Report r, String id) {
    return HostAudits.only(r, id);
  }

  @Test
  void sectionTwoFlipsBetweenTheInsecureAndTheHardenedDaemon() throws Exception {
    Report s = HostAudits.run(soft.endpoint(), ROOT);
    Report h = HostAudits.run(hard.endpoint(), ROOT);
    for (String id : new String[] {"2.3", "2.15", "2.16", "2.17"}) {
      assertThat(one(s, id).status()).as("insecure " + id).isEqualTo(Status.FAIL);
      assertThat(one(h, id).status()).as("hardened " + id).isEqualTo(Status.PASS);
    }
    // dockerd refuses --icc=false with the --iptables=false every PrivateDockerd gets, so icc
    // stays on in both (DaemonFlagsTest covers icc=false); the evidence names each daemon
    assertThat(one(h, "2.2").status()).isEqualTo(Status.FAIL);
    assertThat(one(h, "2.2").evidence()).contains("dockerd pid " + hard.pid(), "hard.json");
    assertThat(one(s, "2.2").evidence()).contains("dockerd pid " + soft.pid());
    Finding insecure = one(s, "2.5");
    assertThat(insecure.status()).isEqualTo(Status.FAIL);
    assertThat(insecure.subject()).isEqualTo("10.66.0.0/16");
    assertThat(one(h, "2.5").status()).isEqualTo(Status.PASS);
    // PrivateDockerd always passes --iptables=false
    assertThat(one(h, "2.4").status()).isEqualTo(Status.FAIL);
    assertThat(one(h, "2.4").evidence()).contains("--iptables=false");
  }

  @Test
  void aTcpListenerWithoutTlsIsCriticalWhicheverEndpointIsAudited() throws Exception {
    String tcp = soft.tcpAddress().orElseThrow();
    Finding viaUnix = one(HostAudits.run(soft.endpoint(), ROOT), "2.8");
    assertThat(viaUnix.status()).isEqualTo(Status.FAIL);
    assertThat(viaUnix.subject()).isEqualTo(tcp);
    assertThat(viaUnix.severity()).isEqualTo(dev.drydock.model.Severity.CRITICAL);
    Report viaTcp = HostAudits.run(EngineEndpoint.parse(tcp), ROOT);
    assertThat(one(viaTcp, "2.8").status()).isEqualTo(Status.FAIL);
    // the daemon behind the TCP port is found through its socket, in the host's namespace
    assertThat(one(viaTcp, "2.2").evidence()).contains("dockerd pid " + soft.pid());
    Finding hardTls = one(HostAudits.run(hard.endpoint(), ROOT), "2.8");
    assertThat(hardTls.status()).as(hardTls.evidence()).isEqualTo(Status.NOT_APPLICABLE);
  }

  @Test
  void privateDaemonsDoNotChangeTheAuditOfTheMainDaemon() throws Exception {
    Report main = HostAudits.run(EngineEndpoint.parse(EngineEndpoint.DEFAULT_HOST), ROOT);
    Finding iptables = one(main, "2.4");
    assertThat(iptables.status()).isEqualTo(Status.PASS);
    assertThat(iptables.evidence())
        .doesNotContain("pid " + soft.pid())
        .doesNotContain("pid " + hard.pid());
    assertThat(one(main, "2.5").status()).isEqualTo(Status.PASS);
    assertThat(one(main, "2.8").status()).isEqualTo(Status.NOT_APPLICABLE);
  }

  @Test
  void socketChecksLookAtTheSocketActuallyAudited() throws Exception {
    Report s = HostAudits.run(soft.endpoint(), ROOT);
    Finding sock = HostAudits.of(s, "3.16").get(0);
    assertThat(sock.subject()).isEqualTo(soft.endpoint().socket().toString());
    // the private daemon runs its own containerd under its exec root
    Finding containerd = one(s, "3.24");
    assertThat(containerd.subject()).startsWith(soft.directory().toString());
  }

  @Test
  void aDaemonJsonBrokenAfterTheStartTurnsItsChecksIntoErrors() throws Exception {
    Path json = dir.resolve("hard.json");
    String good = Files.readString(json);
    try {
      Files.writeString(json, "{\n  \"live-restore\": true,\n  \"log-level\": \n}\n");
      Report h = HostAudits.run(hard.endpoint(), ROOT);
      Finding icc = one(h, "2.2");
      assertThat(icc.status()).isEqualTo(Status.ERROR);
      assertThat(icc.evidence()).contains(json.toString(), "line 4");
      // checks that do not read daemon.json still run
      assertThat(one(h, "2.16").status()).isEqualTo(Status.PASS);
    } finally {
      Files.writeString(json, good);
    }
  }
}
