package dev.drydock.bench;

import dev.drydock.engine.EngineEndpoint;
import dev.drydock.model.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * CIS Docker Benchmark section 3 Docker daemon configuration files. Modes are compared as bits:
 * "644 or more restrictive" means no bit outside 0644 is set, so 0606 fails "660 or more
 * restrictive" although 606 is less than 660. For 3.14 the key file may have 0400 or 0000 (no bit
 * outside 0400), the only modes that are "400 or more restrictive".
 */
final class DaemonFileChecks {
  private DaemonFileChecks() {}

  static final int MAX_CERT_FILES = 1000;

  /** Section 3 checks are all automated; their CIS level comes from the shipped map. */
  private static CheckInfo info(String id, String title, Severity s, String remediation) {
    int level = CisIdMap.byId(id).map(CisIdMap.Entry::level).orElse(1);
    return new CheckInfo(
        id, title, level, true, s, CisIdMap.VERSION, CisIdMap.dockerBenchId(id), remediation);
  }

  private static String chown(String owner) {
    return "Run `chown " + owner + " <file>` on each file listed.";
  }

  private static String chmod(String mode) {
    return "Run `chmod " + mode + " <file>` on each file listed (or remove the extra bits shown).";
  }

  static List<Check> checks() {
    AuditRuleChecks.Targets service = ctx -> ctx.host().units("docker.service");
    AuditRuleChecks.Targets socket = ctx -> ctx.host().units("docker.socket");
    AuditRuleChecks.Targets etcDocker = ctx -> List.of("/etc/docker");
    AuditRuleChecks.Targets certs = DaemonFileChecks::registryCerts;
    AuditRuleChecks.Targets ca = ctx -> tlsFile(ctx, "tlscacert", "ca.pem");
    AuditRuleChecks.Targets cert = ctx -> tlsFile(ctx, "tlscert", "cert.pem");
    AuditRuleChecks.Targets key = ctx -> tlsFile(ctx, "tlskey", "key.pem");
    AuditRuleChecks.Targets dockerSock = DaemonFileChecks::dockerSockets;
    AuditRuleChecks.Targets daemonJson = ctx -> List.of(ctx.host().daemonConfigFile());
    AuditRuleChecks.Targets etcDefault = ctx -> List.of("/etc/default/docker");
    AuditRuleChecks.Targets sysconfig = ctx -> List.of("/etc/sysconfig/docker");
    AuditRuleChecks.Targets containerd = ctx -> List.of(ctx.host().containerdSocket());
    Severity m = Severity.MEDIUM;
    return List.of(
        owner(
            info(
                "3.1",
                "Ensure that the docker.service file ownership is set to root:root",
                m,
                chown("root:root")),
            service,
            "root"),
        mode(
            info(
                "3.2",
                "Ensure that docker.service file permissions are appropriately set",
                m,
                chmod("644")),
            service,
            0644),
        owner(
            info(
                "3.3",
                "Ensure that docker.socket file ownership is set to root:root",
                m,
                chown("root:root")),
            socket,
            "root"),
        mode(
            info(
                "3.4",
                "Ensure that docker.socket file permissions are set to 644 or more"
                    + " restrictive",
                m,
                chmod("644")),
            socket,
            0644),
        owner(
            info(
                "3.5",
                "Ensure that the /etc/docker directory ownership is set to root:root",
                m,
                chown("root:root")),
            etcDocker,
            "root"),
        mode(
            info(
                "3.6",
                "Ensure that /etc/docker directory permissions are set to 755 or more"
                    + " restrictively",
                m,
                chmod("755")),
            etcDocker,
            0755),
        owner(
            info(
                "3.7",
                "Ensure that registry certificate file ownership is set to root:root",
                m,
                chown("root:root")),
            certs,
            "root"),
        mode(
            info(
                "3.8",
                "Ensure that registry certificate file permissions are set to 444 or more"
                    + " restrictively",
                Severity.LOW,
                chmod("444")),
            certs,
            0444),
        owner(
            info(
                "3.9",
                "Ensure that TLS CA certificate file ownership is set to root:root",
                m,
                chown("root:root")),
            ca,
            "root"),
        mode(
            info(
                "3.10",
                "Ensure that TLS CA certificate file permissions are set to 444 or more"
                    + " restrictively",
                m,
                chmod("444")),
            ca,
            0444),
        owner(
            info(
                "3.11",
                "Ensure that Docker server certificate file ownership is set to" + " root:root",
                m,
                chown("root:root")),
            cert,
            "root"),
        mode(
            info(
                "3.12",
                "Ensure that the Docker server certificate file permissions are set to"
                    + " 444 or more restrictively",
                m,
                chmod("444")),
            cert,
            0444),
        owner(
            info(
                "3.13",
                "Ensure that the Docker server certificate key file ownership is set"
                    + " to root:root",
                Severity.HIGH,
                chown("root:root")),
            key,
            "root"),
        mode(
            info(
                "3.14",
                "Ensure that the Docker server certificate key file permissions are set"
                    + " to 400",
                Severity.HIGH,
                chmod("400")),
            key,
            0400),
        owner(
            info(
                "3.15",
                "Ensure that the Docker socket file ownership is set to root:docker",
                Severity.HIGH,
                chown("root:docker")),
            dockerSock,
            "docker"),
        mode(
            info(
                "3.16",
                "Ensure that the Docker socket file permissions are set to 660 or more"
                    + " restrictively",
                Severity.HIGH,
                chmod("660")),
            dockerSock,
            0660),
        owner(
            info(
                "3.17",
                "Ensure that the daemon.json file ownership is set to root:root",
                m,
                chown("root:root")),
            daemonJson,
            "root"),
        mode(
            info(
                "3.18",
                "Ensure that daemon.json file permissions are set to 644 or more" + " restrictive",
                m,
                chmod("644")),
            daemonJson,
            0644),
        owner(
            info(
                "3.19",
                "Ensure that the /etc/default/docker file ownership is set to" + " root:root",
                m,
                chown("root:root")),
            etcDefault,
            "root"),
        mode(
            info(
                "3.20",
                "Ensure that the /etc/default/docker file permissions are set to 644 or"
                    + " more restrictively",
                m,
                chmod("644")),
            etcDefault,
            0644),
        mode(
            info(
                "3.21",
                "Ensure that the /etc/sysconfig/docker file permissions are set to 644"
                    + " or more restrictively",
                m,
                chmod("644")),
            sysconfig,
            0644),
        owner(
            info(
                "3.22",
                "Ensure that the /etc/sysconfig/docker file ownership is set to" + " root:root",
                m,
                chown("root:root")),
            sysconfig,
            "root"),
        owner(
            info(
                "3.23",
                "Ensure that the Containerd socket file ownership is set to root:root",
                Severity.HIGH,
                chown("root:root")),
            containerd,
            "root"),
        mode(
            info(
                "3.24",
                "Ensure that the Containerd socket file permissions are set to 660 or"
                    + " more restrictively",
                Severity.HIGH,
                chmod("660")),
            containerd,
            0660));
  }

  /** Checks that the files belong to root and {@code group} ({@code root} or {@code docker}). */
  private static Check owner(CheckInfo info, AuditRuleChecks.Targets targets, String group) {
    return Check.of(
        info, (i, ctx) -> FileRules.owner(i, ctx, targets.paths(ctx), group, noneReason(i)));
  }

  private static Check mode(CheckInfo info, AuditRuleChecks.Targets targets, int allowed) {
    return Check.of(
        info, (i, ctx) -> FileRules.mode(i, ctx, targets.paths(ctx), allowed, noneReason(i)));
  }

  /** {@return why a check has no file to look at} */
  private static String noneReason(CheckInfo info) {
    return switch (info.id()) {
      case "3.1", "3.2" -> "no docker.service unit in " + HostFacts.UNIT_DIRS;
      case "3.3", "3.4" -> "no docker.socket unit in " + HostFacts.UNIT_DIRS;
      case "3.7", "3.8" -> "no registry certificate (*.crt, *.cert) under /etc/docker/certs.d";
      case "3.9", "3.10", "3.11", "3.12", "3.13", "3.14" ->
          "the daemon does not use TLS (no --tls, --tlsverify or TLS file in argv or"
              + " daemon.json)";
      case "3.15", "3.16" -> "the audited daemon has no Unix socket on this host";
      default -> "the file does not exist on this host";
    };
  }

  private static List<String> registryCerts(BenchContext ctx) throws BenchException {
    String base = "/etc/docker/certs.d";
    Path dir = HostPaths.under(ctx.host().root(), base);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir, 3)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".crt") || p.toString().endsWith(".cert"))
          .limit(MAX_CERT_FILES)
          .map(p -> base + "/" + dir.relativize(p))
          .sorted()
          .toList();
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new BenchException("Could not list " + base + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@return the TLS file the daemon uses: the flag or daemon.json key, else dockerd's default in
   * root's ~/.docker when TLS is on; nothing when TLS is off}
   */
  private static List<String> tlsFile(BenchContext ctx, String flag, String dflt)
      throws BenchException {
    DaemonConfig d = ctx.host().daemon();
    if (!d.local()) {
      throw new BenchException(
          "Cannot locate the daemon's TLS files: " + d.unknownReason().orElse(""));
    }
    var s = d.setting(flag, flag);
    if (s.isPresent()) {
      return List.of(s.get().first());
    }
    return d.tls() ? List.of("/root/.docker/" + dflt) : List.of();
  }

  private static List<String> dockerSockets(BenchContext ctx) throws BenchException {
    List<String> out = new ArrayList<>();
    if (ctx.host().endpoint() instanceof EngineEndpoint.Unix u) {
      out.add(u.socket().toString());
    }
    DaemonConfig d = ctx.host().daemon();
    if (d.local()) {
      List<String> unix =
          d.hosts().stream()
              .map(DaemonConfig.Setting::first)
              .filter(h -> h.startsWith("unix://"))
              .map(h -> h.substring("unix://".length()))
              .toList();
      if (d.hosts().isEmpty()) {
        unix = List.of("/var/run/docker.sock");
      }
      for (String p : unix) {
        if (!p.isEmpty() && out.stream().noneMatch(o -> sameFile(ctx, o, p))) {
          out.add(p);
        }
      }
    }
    return out;
  }

  private static boolean sameFile(BenchContext ctx, String a, String b) {
    Path pa = HostPaths.under(ctx.host().root(), a);
    Path pb = HostPaths.under(ctx.host().root(), b);
    try {
      return pa.equals(pb) || (Files.exists(pa) && Files.exists(pb) && Files.isSameFile(pa, pb));
    } catch (IOException e) {
      return false;
    }
  }
}
