package dev.drydock.bench;

import dev.drydock.engine.ContainerDetails;
import dev.drydock.engine.ContainerHostConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@link ContainerDetails} for rule tests: a default container, changed field by field. */
final class ContainerFixture {
  String id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  String name = "web";
  String user = "";
  String status = "created";
  boolean running;
  String health = "";
  boolean privileged;
  String pidMode = "";
  String ipcMode = "private";
  String utsMode = "";
  String usernsMode = "";
  String networkMode = "default";
  List<String> capAdd = new ArrayList<>();
  List<String> securityOpt = new ArrayList<>();
  boolean readonly;
  long memory;
  long nanoCpus;
  long cpuShares;
  long pidsLimit;
  ContainerHostConfig.RestartPolicy restart = new ContainerHostConfig.RestartPolicy("no", 0);
  String cgroupParent = "";
  Map<String, List<ContainerHostConfig.PortBinding>> portBindings = new LinkedHashMap<>();
  Map<String, List<ContainerHostConfig.PortBinding>> published = new LinkedHashMap<>();
  List<ContainerDetails.Mount> mounts = new ArrayList<>();
  List<String> networks = new ArrayList<>();
  String appArmor = "";
  boolean healthcheck;
  String rawJson = "{}";

  static ContainerFixture container() {
    return new ContainerFixture();
  }

  ContainerFixture bind(String source, String destination, boolean rw) {
    mounts.add(
        new ContainerDetails.Mount("bind", source, destination, rw ? "" : "ro", rw, "rprivate"));
    return this;
  }

  ContainerFixture port(String containerPort, String hostIp, String hostPort) {
    portBindings
        .computeIfAbsent(containerPort, k -> new ArrayList<>())
        .add(new ContainerHostConfig.PortBinding(hostIp, hostPort));
    return this;
  }

  ContainerDetails build() {
    ContainerHostConfig host =
        new ContainerHostConfig(
            privileged,
            pidMode,
            ipcMode,
            utsMode,
            usernsMode,
            networkMode,
            capAdd,
            List.of(),
            securityOpt,
            readonly,
            memory,
            nanoCpus,
            cpuShares,
            pidsLimit,
            restart,
            List.of(),
            cgroupParent,
            portBindings,
            false,
            List.of());
    return new ContainerDetails(
        id,
        name,
        "sha256:" + "a".repeat(64),
        "busybox:1",
        user,
        new ContainerDetails.State(status, running, running ? 42 : 0, health),
        host,
        mounts,
        appArmor,
        healthcheck,
        List.of(),
        Map.of(),
        List.of(),
        published,
        networks,
        rawJson);
  }
}
