package dev.drydock.bench;

import dev.drydock.engine.ContainerDetails;
import dev.drydock.engine.EngineInfo;
import dev.drydock.model.Finding;
import dev.drydock.model.Severity;
import dev.drydock.model.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * CIS 5.2, 5.3, 5.4, 5.5, 5.22, 5.23, 5.24, 5.26: what a container's processes may do (LSM
 * profiles, capabilities, seccomp, privilege escalation).
 */
final class PrivilegeChecks {
  private PrivilegeChecks() {}

  static List<Check> checks() {
    return List.of(
        Check.of(
            Audits.info(
                "5.2",
                "Ensure that, if applicable, an AppArmor Profile is enabled",
                1,
                true,
                Severity.MEDIUM,
                "Run containers with an AppArmor profile: the daemon's docker-default, or"
                    + " --security-opt apparmor=<profile>; never apparmor=unconfined."),
            PrivilegeChecks::appArmor),
        Check.of(
            Audits.info(
                "5.3",
                "Ensure that, if applicable, SELinux security options are set",
                2,
                true,
                Severity.MEDIUM,
                "Start dockerd with --selinux-enabled and run containers with their default"
                    + " label (or --security-opt label=type:<type>); never label=disable."),
            PrivilegeChecks::selinux),
        Check.of(
            Audits.info(
                "5.4",
                "Ensure that Linux kernel capabilities are restricted within containers",
                1,
                true,
                Severity.HIGH,
                "Add only the capabilities the workload needs beyond Docker's defaults (better:"
                    + " --cap-drop ALL and add back the few it needs); never --cap-add ALL."),
            (i, c) -> Audits.perContainer(i, c, PrivilegeChecks::capabilities)),
        Check.of(
            Audits.info(
                "5.5",
                "Ensure that privileged containers are not used",
                1,
                true,
                Severity.CRITICAL,
                "Remove --privileged: it gives every capability and device and turns off"
                    + " seccomp and AppArmor. Grant the specific capability or device instead."),
            (i, c) ->
                Audits.perContainer(
                    i,
                    c,
                    d ->
                        d.hostConfig().privileged()
                            ? Optional.of(
                                "HostConfig.Privileged=true (state " + d.state().status() + ")")
                            : Optional.empty())),
        Check.of(
            Audits.info(
                "5.22",
                "Ensure the default seccomp profile is not Disabled",
                1,
                true,
                Severity.HIGH,
                "Remove --security-opt seccomp=unconfined; if a syscall is missing, use a"
                    + " custom profile that allows just that syscall."),
            PrivilegeChecks::seccomp),
        Check.of(
            Audits.info(
                "5.23",
                "Ensure that docker exec commands are not used with the privileged option",
                2,
                false,
                Severity.HIGH,
                "Do not run docker exec --privileged. An authorization plugin (drydock authz)"
                    + " can refuse such exec requests."),
            (i, c) ->
                Audits.manual(
                    i,
                    "daemon",
                    "exec options are not kept after the exec ends: review the daemon's"
                        + " exec_create events (drydock monitor) or enforce with an authorization"
                        + " plugin (drydock authz)")),
        Check.of(
            Audits.info(
                "5.24",
                "Ensure that docker exec commands are not used with the user=root option",
                2,
                false,
                Severity.MEDIUM,
                "Do not run docker exec --user root (or 0). An authorization plugin (drydock"
                    + " authz) can refuse such exec requests."),
            (i, c) ->
                Audits.manual(
                    i,
                    "daemon",
                    "exec users are not kept after the exec ends: review exec_create events"
                        + " (drydock monitor) or enforce with an authorization plugin (drydock"
                        + " authz)")),
        Check.of(
            Audits.info(
                "5.26",
                "Ensure that the container is restricted from acquiring additional privileges",
                1,
                true,
                Severity.MEDIUM,
                "Run containers with --security-opt no-new-privileges, or start dockerd with"
                    + " --no-new-privileges so that it is the default."),
            PrivilegeChecks::noNewPrivileges));
  }

  private static List<Finding> appArmor(CheckInfo info, BenchContext context)
      throws BenchException {
    EngineInfo engine = context.engine().info();
    if (!engine.hasSecurityOption("apparmor")) {
      return List.of(
          info.finding(
                  Status.NOT_APPLICABLE,
                  "daemon",
                  "the daemon does not use AppArmor (SecurityOptions: "
                      + String.join(", ", engine.securityOptions())
                      + ")")
              .build());
    }
    return Audits.perContainer(info, context, PrivilegeChecks::appArmorProfile);
  }

  static Optional<String> appArmorProfile(ContainerDetails c) {
    String profile = c.appArmorProfile();
    if (c.hostConfig().privileged()) {
      return Optional.of("HostConfig.Privileged=true (runs unconfined)");
    }
    if (profile.isEmpty() || profile.equals("unconfined")) {
      return Optional.of("AppArmorProfile=" + (profile.isEmpty() ? "(none)" : profile));
    }
    return Optional.empty();
  }

  private static List<Finding> selinux(CheckInfo info, BenchContext context) throws BenchException {
    EngineInfo engine = context.engine().info();
    if (!engine.hasSecurityOption("selinux")) {
      // SELinux is off, so labels do nothing today; but a label=disable someone asked for turns
      // confinement off the day SELinux is turned on, and says what the container expects: it
      // fails. Docker adds label=disable itself for --pid=host, --ipc=host and --privileged; those
      // containers fail 5.16, 5.17 or 5.5 instead and are only named here.
      List<Finding> out = new ArrayList<>();
      List<String> byDocker = new ArrayList<>();
      for (ContainerDetails c : context.engine().containers()) {
        Optional<String> disabled = labelDisabled(c);
        if (disabled.isEmpty()) {
          continue;
        }
        if (dockerAddsLabelDisable(c)) {
          byDocker.add(c.name());
        } else {
          out.add(
              info.finding(
                      Status.FAIL,
                      Audits.subject(c),
                      disabled.get()
                          + " (explicit; SELinux is not enabled on this daemon, the option"
                          + " disables confinement wherever it is)")
                  .build());
        }
      }
      if (out.isEmpty()) {
        String evidence =
            "SELinux is not enabled on the daemon (no selinux in SecurityOptions)"
                + (byDocker.isEmpty()
                    ? ""
                    : "; label=disable added by Docker for --pid=host, --ipc=host or"
                        + " --privileged on: "
                        + String.join(", ", byDocker));
        out.add(info.finding(Status.NOT_APPLICABLE, "daemon", evidence).build());
      }
      return out;
    }
    return Audits.perContainer(info, context, PrivilegeChecks::selinuxLabel);
  }

  /** Docker sets label=disable on its own for these containers (daemon/create.go). */
  static boolean dockerAddsLabelDisable(ContainerDetails c) {
    return c.hostConfig().privileged()
        || c.hostConfig().pidMode().equals("host")
        || c.hostConfig().ipcMode().equals("host");
  }

  static Optional<String> labelDisabled(ContainerDetails c) {
    return c.hostConfig().securityOpt().stream()
        .filter(o -> normaliseOpt(o).equals("label=disable"))
        .findFirst()
        .map(o -> "HostConfig.SecurityOpt=" + o);
  }

  static Optional<String> selinuxLabel(ContainerDetails c) {
    Optional<String> disabled = labelDisabled(c);
    if (disabled.isPresent()) {
      return disabled;
    }
    if (RawFields.text(c, "ProcessLabel").isEmpty()) {
      return Optional.of("ProcessLabel is empty (no SELinux label applied)");
    }
    return Optional.empty();
  }

  static Optional<String> capabilities(ContainerDetails c) {
    if (c.hostConfig().privileged()) {
      return Optional.of("HostConfig.Privileged=true (every capability)");
    }
    List<String> extra = Capabilities.beyondDefaults(c.hostConfig().capAdd());
    if (extra.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "HostConfig.CapAdd=" + c.hostConfig().capAdd() + " beyond Docker's defaults: " + extra);
  }

  private static List<Finding> seccomp(CheckInfo info, BenchContext context) throws BenchException {
    EngineInfo engine = context.engine().info();
    if (!engine.hasSecurityOption("seccomp")) {
      return List.of(
          info.finding(
                  Status.FAIL,
                  "daemon",
                  "the daemon applies no seccomp profile at all (SecurityOptions: "
                      + String.join(", ", engine.securityOptions())
                      + ")")
              .build());
    }
    return Audits.perContainer(info, context, PrivilegeChecks::seccompProfile);
  }

  static Optional<String> seccompProfile(ContainerDetails c) {
    for (String opt : c.hostConfig().securityOpt()) {
      if (normaliseOpt(opt).equals("seccomp=unconfined")) {
        return Optional.of("HostConfig.SecurityOpt=" + opt);
      }
      String shown = shortOpts(List.of(opt));
      if (shown.contains("defaultAction=SCMP_ACT_ALLOW")) {
        // A profile that allows every syscall it does not list is as good as none.
        return Optional.of("HostConfig.SecurityOpt=" + shown + ": allows by default");
      }
    }
    if (c.hostConfig().privileged()) {
      return Optional.of("HostConfig.Privileged=true (seccomp is not applied)");
    }
    return Optional.empty();
  }

  private static List<Finding> noNewPrivileges(CheckInfo info, BenchContext context)
      throws BenchException {
    boolean daemonDefault;
    try {
      daemonDefault = context.host().daemon().noNewPrivileges();
    } catch (BenchException e) {
      daemonDefault = false; // unknown: judge each container on its own options
    }
    if (daemonDefault) {
      List<ContainerDetails> all = context.engine().containers();
      // The daemon's default can still be turned off per container.
      List<Finding> optedOut = new ArrayList<>();
      for (ContainerDetails c : all) {
        optOut(c)
            .ifPresent(e -> optedOut.add(info.finding(Status.FAIL, Audits.subject(c), e).build()));
      }
      if (!optedOut.isEmpty()) {
        return optedOut;
      }
      return List.of(
          info.finding(
                  Status.PASS,
                  "daemon",
                  "dockerd runs with no-new-privileges, the default for "
                      + Audits.examined(all.size(), "container"))
              .build());
    }
    return Audits.perContainer(info, context, PrivilegeChecks::noNewPrivilegesOpt);
  }

  static Optional<String> optOut(ContainerDetails c) {
    return c.hostConfig().securityOpt().stream()
        .filter(o -> normaliseOpt(o).equals("no-new-privileges=false"))
        .findFirst()
        .map(o -> "HostConfig.SecurityOpt=" + o + " overrides the daemon's no-new-privileges");
  }

  static Optional<String> noNewPrivilegesOpt(ContainerDetails c) {
    for (String opt : c.hostConfig().securityOpt()) {
      String o = normaliseOpt(opt);
      if (o.equals("no-new-privileges") || o.equals("no-new-privileges=true")) {
        return Optional.empty();
      }
    }
    return Optional.of(
        "HostConfig.SecurityOpt="
            + shortOpts(c.hostConfig().securityOpt())
            + " lacks no-new-privileges");
  }

  /**
   * {@return the options for evidence: an inline seccomp profile (often 15 KB of JSON) is shown by
   * its default action only}
   */
  static String shortOpts(List<String> opts) {
    List<String> out = new ArrayList<>();
    for (String o : opts) {
      String n = normaliseOpt(o);
      if (n.startsWith("seccomp={") || n.startsWith("seccomp=[")) {
        java.util.regex.Matcher m =
            java.util.regex.Pattern.compile("\"defaultaction\"\\s*:\\s*\"([a-z_]{1,40})\"")
                .matcher(n);
        out.add(
            "seccomp=<inline profile"
                + (m.find() ? ", defaultAction=" + m.group(1).toUpperCase(Locale.ROOT) : "")
                + ">");
      } else {
        out.add(o.length() > 200 ? o.substring(0, 197) + "..." : o);
      }
    }
    return out.toString();
  }

  /**
   * {@return the option lower-cased with Docker's legacy {@code key:value} form as {@code
   * key=value}}
   */
  static String normaliseOpt(String opt) {
    String o = opt.strip().toLowerCase(Locale.ROOT);
    int eq = o.indexOf('=');
    int colon = o.indexOf(':');
    if (colon >= 0 && (eq < 0 || colon < eq)) {
      o = o.substring(0, colon) + "=" + o.substring(colon + 1);
    }
    return o;
  }
}
