package dev.drydock.audit;

import dev.drydock.engine.ContainerDetails;
import dev.drydock.engine.ContainerHostConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How much of the host a container can reach and how reachable it is.
 *
 * @param privileged {@code --privileged}
 * @param hostNamespaces the host namespaces it shares: {@code pid}, {@code ipc}, {@code uts},
 *     {@code network}, {@code user}
 * @param publishedPorts published ports as {@code hostIp:hostPort->containerPort}, e.g. {@code
 *     0.0.0.0:8080->80/tcp}
 * @param sensitiveMounts host paths mounted in that expose the host, as {@code source->destination
 *     (rw|ro)}
 * @param dockerSocket true when the Docker socket is mounted in (root on the host)
 * @param addedCapabilities dangerous capabilities added ({@code SYS_ADMIN}, {@code ALL}, ...)
 */
public record Exposure(
    boolean privileged,
    List<String> hostNamespaces,
    List<String> publishedPorts,
    List<String> sensitiveMounts,
    boolean dockerSocket,
    List<String> addedCapabilities) {

  /**
   * Host paths whose mount gives a container a lever on the host (CIS 5.5 lists the system
   * directories; the socket is CIS 5.31).
   */
  static final Set<String> SENSITIVE =
      Set.of(
          "/",
          "/boot",
          "/dev",
          "/etc",
          "/lib",
          "/proc",
          "/sys",
          "/usr",
          "/root",
          "/var/lib/docker",
          "/run",
          "/var/run");

  /** Capabilities that defeat the default isolation; see capabilities(7). */
  static final Set<String> DANGEROUS_CAPS =
      Set.of(
          "ALL",
          "SYS_ADMIN",
          "SYS_MODULE",
          "SYS_PTRACE",
          "SYS_RAWIO",
          "NET_ADMIN",
          "DAC_READ_SEARCH",
          "SYS_BOOT",
          "BPF",
          "PERFMON");

  /** Copies the lists. */
  public Exposure {
    hostNamespaces = List.copyOf(hostNamespaces);
    publishedPorts = List.copyOf(publishedPorts);
    sensitiveMounts = List.copyOf(sensitiveMounts);
    addedCapabilities = List.copyOf(addedCapabilities);
  }

  /** {@return no exposure at all} */
  public static Exposure none() {
    return new Exposure(false, List.of(), List.of(), List.of(), false, List.of());
  }

  /** {@return the exposure an inspected container has} */
  public static Exposure of(ContainerDetails c) {
    ContainerHostConfig h = c.hostConfig();
    List<String> namespaces = new ArrayList<>();
    if (h.pidMode().equals("host")) {
      namespaces.add("pid");
    }
    if (h.ipcMode().equals("host")) {
      namespaces.add("ipc");
    }
    if (h.utsMode().equals("host")) {
      namespaces.add("uts");
    }
    if (h.networkMode().equals("host")) {
      namespaces.add("network");
    }
    if (h.usernsMode().equals("host")) {
      namespaces.add("user");
    }
    Set<String> ports = new TreeSet<>();
    addPorts(ports, c.publishedPorts());
    addPorts(ports, h.portBindings());
    List<String> mounts = new ArrayList<>();
    boolean socket = false;
    for (ContainerDetails.Mount m : c.mounts()) {
      if (!m.type().equals("bind")) {
        continue;
      }
      String source = normalise(m.source());
      if (source.endsWith("/docker.sock") || source.endsWith("/containerd.sock")) {
        socket = true;
      } else if (isSensitive(source)) {
        mounts.add(m.source() + "->" + m.destination() + (m.rw() ? " (rw)" : " (ro)"));
      }
    }
    List<String> caps = new ArrayList<>();
    for (String cap : h.capAdd()) {
      String name = cap.toUpperCase(Locale.ROOT);
      name = name.startsWith("CAP_") ? name.substring(4) : name;
      if (DANGEROUS_CAPS.contains(name)) {
        caps.add(name);
      }
    }
    return new Exposure(
        h.privileged(),
        namespaces,
        List.copyOf(ports),
        mounts,
        socket,
        caps.stream().sorted().toList());
  }

  /** {@return true when a writable or read-only mount of {@code source} exposes the host} */
  static boolean isSensitive(String source) {
    if (SENSITIVE.contains(source)) {
      return true;
    }
    for (String dir : SENSITIVE) {
      if (!dir.equals("/")
          && !dir.equals("/run")
          && !dir.equals("/var/run")
          && source.startsWith(dir + "/")) {
        return true;
      }
    }
    return false;
  }

  private static String normalise(String path) {
    String p = path.replaceAll("/+", "/");
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }

  private static void addPorts(
      Set<String> out, Map<String, List<ContainerHostConfig.PortBinding>> bindings) {
    for (Map.Entry<String, List<ContainerHostConfig.PortBinding>> e : bindings.entrySet()) {
      for (ContainerHostConfig.PortBinding b : e.getValue()) {
        if (b.hostPort().isEmpty()) {
          continue;
        }
        String ip = b.hostIp().isEmpty() ? "0.0.0.0" : b.hostIp();
        out.add(ip + ":" + b.hostPort() + "->" + e.getKey());
      }
    }
  }

  /** {@return true when a published port listens on every interface, not only loopback} */
  public boolean publicPort() {
    return publishedPorts.stream()
        .anyMatch(p -> !p.startsWith("127.") && !p.startsWith("[::1]") && !p.startsWith("::1:"));
  }
}
