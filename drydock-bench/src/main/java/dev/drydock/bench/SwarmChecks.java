package dev.drydock.bench;

import dev.drydock.engine.EngineInfo;
import dev.drydock.engine.NetworkDetails;
import dev.drydock.model.Finding;
import dev.drydock.model.Severity;
import dev.drydock.model.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * CIS Docker Benchmark section 7 Docker swarm configuration. On a node that is in no swarm every
 * check is NOT_APPLICABLE, except 7.3, which still looks at overlay networks if any exist.
 */
final class SwarmChecks {
  private SwarmChecks() {}

  /** The swarm management port. */
  static final int MANAGEMENT_PORT = 2377;

  /** More managers than this slow consensus without adding safety. */
  static final int MAX_MANAGERS = 7;

  static List<Check> checks() {
    return List.of(
        Check.of(
            Audits.info(
                "7.1",
                "Ensure that the minimum number of manager nodes have been created in a swarm",
                1,
                true,
                Severity.MEDIUM,
                "Run an odd number of managers (1, 3, 5 or 7), no more than fault tolerance"
                    + " needs; demote the rest (docker node demote)."),
            SwarmChecks::managers),
        Check.of(
            Audits.info(
                "7.2",
                "Ensure that swarm services are bound to a specific host interface",
                1,
                true,
                Severity.MEDIUM,
                "Initialise or join the swarm with --listen-addr <interface address>:2377"
                    + " instead of every interface."),
            SwarmChecks::listenAddress),
        Check.of(
            Audits.info(
                "7.3",
                "Ensure that all Docker swarm overlay networks are encrypted",
                1,
                true,
                Severity.MEDIUM,
                "Create overlay networks with --opt encrypted."),
            SwarmChecks::overlayEncryption),
        manual(
            "7.4",
            "Ensure that Docker's secret management commands are used for managing secrets in a swarm cluster",
            "Keep service secrets in docker secret, not in images, environment or bind mounts."),
        Check.of(
            Audits.info(
                "7.5",
                "Ensure that swarm manager is run in auto-lock mode",
                1,
                true,
                Severity.MEDIUM,
                "Turn on auto-lock (docker swarm update --autolock=true) and keep the unlock key"
                    + " in a secret store."),
            SwarmChecks::autolock),
        manual(
            "7.6",
            "Ensure that the swarm manager auto-lock key is rotated periodically",
            "Rotate the unlock key periodically (docker swarm unlock-key --rotate)."),
        manual(
            "7.7",
            "Ensure that node certificates are rotated as appropriate",
            "Set the node certificate expiry to your rotation policy (docker swarm update"
                + " --cert-expiry)."),
        manual(
            "7.8",
            "Ensure that CA certificates are rotated as appropriate",
            "Rotate the swarm root CA periodically (docker swarm ca --rotate)."),
        manual(
            "7.9",
            "Ensure that management plane traffic is separated from data plane traffic",
            "Join nodes with --advertise-addr on the management network and --data-path-addr"
                + " on the data network."));
  }

  private static Check manual(String id, String title, String guidance) {
    return Check.of(
        Audits.info(id, title, 1, false, Severity.MEDIUM, guidance),
        (i, c) -> {
          EngineInfo.Swarm swarm = c.engine().info().swarm();
          if (!swarm.active()) {
            return inactive(i, swarm);
          }
          return Audits.manual(i, "swarm", guidance + " Observed: " + observed(swarm));
        });
  }

  private static String observed(EngineInfo.Swarm swarm) {
    EngineInfo.Cluster cluster = swarm.cluster();
    String node = "NodeAddr=" + swarm.nodeAddr() + ", manager=" + swarm.controlAvailable();
    if (cluster == null) {
      return node;
    }
    return node
        + ", NodeCertExpiry="
        + cluster.nodeCertExpiry().toHours()
        + "h, RootRotationInProgress="
        + cluster.rootRotationInProgress()
        + ", external CAs="
        + cluster.externalCas();
  }

  private static List<Finding> inactive(CheckInfo info, EngineInfo.Swarm swarm) {
    return List.of(
        info.finding(
                Status.NOT_APPLICABLE,
                "daemon",
                "swarm mode is not active (Swarm.LocalNodeState=" + swarm.localNodeState() + ")")
            .build());
  }

  private static List<Finding> managers(CheckInfo info, BenchContext context)
      throws BenchException {
    EngineInfo.Swarm swarm = context.engine().info().swarm();
    if (!swarm.active()) {
      return inactive(info, swarm);
    }
    if (!swarm.controlAvailable()) {
      return List.of(
          info.finding(
                  Status.NOT_APPLICABLE,
                  "swarm",
                  "this node is a worker: run the audit on a manager")
              .build());
    }
    int n = swarm.managers();
    String evidence = "Swarm.Managers=" + n;
    boolean ok = n % 2 == 1 && n <= MAX_MANAGERS;
    return List.of(
        info.finding(
                ok ? Status.PASS : Status.FAIL,
                "swarm",
                evidence + (ok ? "" : " (use an odd number, at most " + MAX_MANAGERS + ")"))
            .build());
  }

  private static List<Finding> listenAddress(CheckInfo info, BenchContext context)
      throws BenchException {
    EngineInfo.Swarm swarm = context.engine().info().swarm();
    if (!swarm.active()) {
      return inactive(info, swarm);
    }
    List<String> listeners = context.host().daemonTcpListeners();
    List<String> wildcard = new ArrayList<>();
    boolean seen = false;
    for (String l : listeners) {
      if (l.endsWith(":" + MANAGEMENT_PORT)) {
        seen = true;
        if (l.startsWith("0.0.0.0:") || l.startsWith("[::]:")) {
          wildcard.add(l);
        }
      }
    }
    if (!wildcard.isEmpty()) {
      return List.of(
          info.finding(Status.FAIL, "swarm", "the daemon listens on " + wildcard).build());
    }
    if (!seen) {
      return List.of(
          info.finding(
                  Status.MANUAL,
                  "swarm",
                  "no local listener on port "
                      + MANAGEMENT_PORT
                      + " was found (remote daemon, or not a manager): confirm --listen-addr")
              .build());
    }
    return List.of(
        info.finding(
                Status.PASS,
                "swarm",
                "port "
                    + MANAGEMENT_PORT
                    + " is bound to "
                    + listeners.stream().filter(l -> l.endsWith(":" + MANAGEMENT_PORT)).toList())
            .build());
  }

  private static List<Finding> overlayEncryption(CheckInfo info, BenchContext context)
      throws BenchException {
    List<NetworkDetails> overlays =
        context.engine().networks().stream().filter(n -> n.driver().equals("overlay")).toList();
    if (overlays.isEmpty()) {
      EngineInfo.Swarm swarm = context.engine().info().swarm();
      return List.of(
          info.finding(
                  Status.NOT_APPLICABLE,
                  "networks",
                  "no overlay networks (Swarm.LocalNodeState=" + swarm.localNodeState() + ")")
              .build());
    }
    List<Finding> out = new ArrayList<>();
    for (NetworkDetails n : overlays) {
      if (!n.encrypted()) {
        out.add(
            info.finding(
                    Status.FAIL,
                    "network " + n.name() + " (" + Audits.shortId(n.id()) + ")",
                    "overlay network without the encrypted option")
                .build());
      }
    }
    if (out.isEmpty()) {
      out.add(
          info.finding(
                  Status.PASS,
                  "networks",
                  Audits.examined(overlays.size(), "overlay network") + " are encrypted")
              .build());
    }
    return out;
  }

  private static List<Finding> autolock(CheckInfo info, BenchContext context)
      throws BenchException {
    EngineInfo.Swarm swarm = context.engine().info().swarm();
    if (!swarm.active()) {
      return inactive(info, swarm);
    }
    EngineInfo.Cluster cluster = swarm.cluster();
    if (cluster == null) {
      return List.of(
          info.finding(
                  Status.NOT_APPLICABLE,
                  "swarm",
                  "this node is a worker: run the audit on a manager")
              .build());
    }
    return List.of(
        info.finding(
                cluster.autoLockManagers() ? Status.PASS : Status.FAIL,
                "swarm",
                "Swarm.Cluster.Spec.EncryptionConfig.AutoLockManagers="
                    + cluster.autoLockManagers())
            .build());
  }
}
