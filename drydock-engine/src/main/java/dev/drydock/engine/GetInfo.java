package dev.drydock.engine;

import com.fasterxml.jackson.databind.JsonNode;

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
          Json.strings(json, "Warnings"));
    } catch (IllegalArgumentException e) {
      throw new ResponseFormatException(String.valueOf(e.getMessage()), e);
    }
  }
}
