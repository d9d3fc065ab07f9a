package dev.drydock.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /containers/{id}/json}: one container's configuration and state.
 *
 * @see <a
 *     href="https://docs.docker.com/reference/api/engine/version/v1.41/#tag/Container/operation/ContainerInspect">ContainerInspect</a>
 */
final class InspectContainer implements EngineAction<ContainerDetails> {
  private final String idOrName;
  private final String encoded;

  /**
   * @throws dev.drydock.model.InvalidValueException if {@code idOrName} could change the request
   *     path
   */
  InspectContainer(String idOrName) {
    this.encoded = PathSegments.container(idOrName);
    this.idOrName = idOrName;
  }

  @Override
  public String description() {
    return "inspect container '" + idOrName + "'";
  }

  @Override
  public String path() {
    return "/containers/" + encoded + "/json";
  }

  @Override
  public Subject subject() {
    return new Subject("container", idOrName);
  }

  @Override
  public ContainerDetails handle(Response response) throws ResponseFormatException {
    JsonNode json = Json.object(response);
    JsonNode config = Json.child(json, "Config");
    JsonNode state = Json.child(json, "State");
    List<String> envNames = envNames(config);
    try {
      return new ContainerDetails(
          Json.requiredText(json, "Id"),
          Json.text(json, "Name"),
          Json.text(json, "Image"),
          Json.text(config, "Image"),
          Json.text(config, "User"),
          new ContainerDetails.State(
              Json.text(state, "Status"),
              Json.bool(state, "Running"),
              Json.integer(state, "Pid"),
              Json.text(Json.child(state, "Health"), "Status")),
          hostConfig(Json.child(json, "HostConfig")),
          mounts(json),
          Json.text(json, "AppArmorProfile"),
          hasHealthcheck(config),
          envNames,
          Json.stringMap(config, "Labels"),
          Json.keys(config, "ExposedPorts"),
          ports(Json.child(Json.child(json, "NetworkSettings"), "Ports")),
          Json.keys(Json.child(json, "NetworkSettings"), "Networks"),
          Json.write(withoutEnvValues(json)));
    } catch (IllegalArgumentException e) {
      throw new ResponseFormatException(String.valueOf(e.getMessage()), e);
    }
  }

  private static ContainerHostConfig hostConfig(JsonNode host) throws ResponseFormatException {
    JsonNode restart = Json.child(host, "RestartPolicy");
    return new ContainerHostConfig(
        Json.bool(host, "Privileged"),
        Json.text(host, "PidMode"),
        Json.text(host, "IpcMode"),
        Json.text(host, "UTSMode"),
        Json.text(host, "UsernsMode"),
        Json.text(host, "NetworkMode"),
        Json.strings(host, "CapAdd"),
        Json.strings(host, "CapDrop"),
        Json.strings(host, "SecurityOpt"),
        Json.bool(host, "ReadonlyRootfs"),
        Json.longInteger(host, "Memory"),
        Json.longInteger(host, "NanoCpus"),
        Json.longInteger(host, "CpuShares"),
        Json.longInteger(host, "PidsLimit"),
        new ContainerHostConfig.RestartPolicy(
            Json.text(restart, "Name"), Json.integer(restart, "MaximumRetryCount")),
        devices(host),
        Json.text(host, "CgroupParent"),
        ports(Json.child(host, "PortBindings")),
        Json.bool(host, "PublishAllPorts"),
        ulimits(host));
  }

  private static List<String> devices(JsonNode host) throws ResponseFormatException {
    List<String> out = new ArrayList<>();
    for (JsonNode device : objects(host, "Devices")) {
      out.add(Json.text(device, "PathOnHost"));
    }
    return out;
  }

  private static List<ContainerHostConfig.Ulimit> ulimits(JsonNode host)
      throws ResponseFormatException {
    List<ContainerHostConfig.Ulimit> out = new ArrayList<>();
    for (JsonNode limit : objects(host, "Ulimits")) {
      out.add(
          new ContainerHostConfig.Ulimit(
              Json.text(limit, "Name"),
              Json.longInteger(limit, "Soft"),
              Json.longInteger(limit, "Hard")));
    }
    return out;
  }

  /** {@return a port map: container port to bindings; a null binding list reads as empty} */
  private static Map<String, List<ContainerHostConfig.PortBinding>> ports(JsonNode ports)
      throws ResponseFormatException {
    Map<String, List<ContainerHostConfig.PortBinding>> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> port : ports.properties()) {
      List<ContainerHostConfig.PortBinding> bindings = new ArrayList<>();
      for (JsonNode binding : objects(ports, port.getKey())) {
        bindings.add(
            new ContainerHostConfig.PortBinding(
                Json.text(binding, "HostIp"), Json.text(binding, "HostPort")));
      }
      out.put(port.getKey(), bindings);
    }
    return out;
  }

  private static List<ContainerDetails.Mount> mounts(JsonNode json) throws ResponseFormatException {
    List<ContainerDetails.Mount> out = new ArrayList<>();
    for (JsonNode mount : objects(json, "Mounts")) {
      out.add(
          new ContainerDetails.Mount(
              Json.text(mount, "Type"),
              Json.text(mount, "Source"),
              Json.text(mount, "Destination"),
              Json.text(mount, "Mode"),
              Json.bool(mount, "RW"),
              Json.text(mount, "Propagation")));
    }
    return out;
  }

  /** {@return the array-of-objects field, or an empty list if absent or null} */
  private static List<JsonNode> objects(JsonNode object, String field)
      throws ResponseFormatException {
    JsonNode value = object.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw new ResponseFormatException("the field " + field + " should be an array of objects");
    }
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isObject()) {
        throw new ResponseFormatException("the field " + field + " should be an array of objects");
      }
      out.add(item);
    }
    return out;
  }

  /** {@return whether {@code Config.Healthcheck} is set and not disabled ({@code ["NONE"]})} */
  static boolean hasHealthcheck(JsonNode config) throws ResponseFormatException {
    List<String> test = Json.strings(Json.child(config, "Healthcheck"), "Test");
    return !test.isEmpty() && !test.getFirst().equals("NONE");
  }

  /** {@return the names of {@code Config.Env}'s {@code NAME=value} entries} */
  static List<String> envNames(JsonNode config) throws ResponseFormatException {
    List<String> names = new ArrayList<>();
    for (String entry : Json.strings(config, "Env")) {
      names.add(envName(entry));
    }
    return names;
  }

  private static String envName(String entry) {
    int equals = entry.indexOf('=');
    return equals < 0 ? entry : entry.substring(0, equals);
  }

  /** {@return a copy of the answer whose {@code Config.Env} holds names only} */
  private static JsonNode withoutEnvValues(JsonNode json) {
    JsonNode copy = json.deepCopy();
    if (copy.path("Config").path("Env") instanceof ArrayNode env
        && copy.path("Config") instanceof ObjectNode config) {
      ArrayNode names = config.arrayNode();
      env.forEach(entry -> names.add(envName(entry.asText())));
      config.set("Env", names);
    }
    return copy;
  }
}
