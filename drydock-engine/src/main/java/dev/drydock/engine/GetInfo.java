package dev.drydock.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /info}: the daemon's configuration and state.
 *
 * @see <a
 *     href="https://docs.docker.com/reference/api/engine/version/v1.41/#tag/System/operation/SystemInfo">SystemInfo</a>
 */
final class GetInfo implements EngineAction<EngineInfo> {
  @Override
  public String description() {
    return "get system information from the Docker daemon";
  }

  @Override
  public String path() {
    return "/info";
  }

  @Override
  public EngineInfo handle(Response response) throws ResponseFormatException {
    JsonNode json = Json.object(response);
    try {
      return new EngineInfo(
          Json.text(json, "ID"),
          Json.text(json, "Name"),
          Json.requiredText(json, "ServerVersion"),
          Json.integer(json, "Containers"),
          Json.integer(json, "ContainersRunning"),
          Json.integer(json, "ContainersPaused"),
          Json.integer(json, "ContainersStopped"),
          Json.integer(json, "Images"),
          Json.text(json, "Driver"),
          Json.text(json, "LoggingDriver"),
          Json.text(json, "CgroupDriver"),
          Json.text(json, "CgroupVersion"),
          Json.strings(json, "SecurityOptions"),
          Json.text(json, "DockerRootDir"),
          Json.text(json, "KernelVersion"),
          Json.text(json, "OperatingSystem"),
          Json.text(json, "OSType"),
          Json.text(json, "Architecture"),
          Json.bool(json, "LiveRestoreEnabled"),
          Json.bool(json, "ExperimentalBuild"),
          Json.text(json, "DefaultRuntime"),
          Json.strings(json.path("Plugins"), "Authorization"),
          Json.strings(json.path("RegistryConfig"), "InsecureRegistryCIDRs"),
          Json.strings(json, "Warnings"),
          swarm(Json.child(json, "Swarm")));
    } catch (IllegalArgumentException e) {
      throw new ResponseFormatException(String.valueOf(e.getMessage()), e);
    }
  }

  private static EngineInfo.Swarm swarm(JsonNode swarm) throws ResponseFormatException {
    if (swarm.isMissingNode()) {
      return EngineInfo.Swarm.inactive();
    }
    List<String> managers = new ArrayList<>();
    JsonNode remote = swarm.path("RemoteManagers");
    if (remote.isArray()) {
      for (JsonNode peer : remote) {
        managers.add(Json.text(peer, "Addr"));
      }
    }
    String state = Json.text(swarm, "LocalNodeState");
    return new EngineInfo.Swarm(
        Json.text(swarm, "NodeID"),
        Json.text(swarm, "NodeAddr"),
        state.isEmpty() ? "inactive" : state,
        Json.bool(swarm, "ControlAvailable"),
        Json.integer(swarm, "Nodes"),
        Json.integer(swarm, "Managers"),
        managers,
        cluster(Json.child(swarm, "Cluster")));
  }

  private static EngineInfo.@Nullable Cluster cluster(JsonNode cluster)
      throws ResponseFormatException {
    if (cluster.isMissingNode()) {
      return null;
    }
    JsonNode spec = Json.child(cluster, "Spec");
    JsonNode ca = Json.child(spec, "CAConfig");
    JsonNode externalCas = ca.path("ExternalCAs");
    return new EngineInfo.Cluster(
        Json.text(cluster, "ID"),
        Json.bool(Json.child(spec, "EncryptionConfig"), "AutoLockManagers"),
        // Go's time.Duration is sent as integer nanoseconds.
        Duration.ofNanos(Json.longInteger(ca, "NodeCertExpiry")),
        Json.bool(cluster, "RootRotationInProgress"),
        externalCas.isArray() ? externalCas.size() : 0);
  }
}
