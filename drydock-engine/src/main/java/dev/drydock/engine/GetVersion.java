package dev.drydock.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.model.InvalidValueException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /version}: the daemon's build and API versions.
 *
 * @see <a
 *     href="https://docs.docker.com/reference/api/engine/version/v1.41/#tag/System/operation/SystemVersion">SystemVersion</a>
 */
final class GetVersion implements EngineAction<EngineVersion> {
  @Override
  public String description() {
    return "get the version of the Docker daemon";
  }

  @Override
  public String path() {
    return "/version";
  }

  @Override
  public EngineVersion handle(Response response) throws ResponseFormatException {
    JsonNode json = Json.object(response);
    try {
      return new EngineVersion(
          Json.requiredText(json, "Version"),
          ApiVersion.parse(Json.requiredText(json, "ApiVersion")),
          ApiVersion.parse(Json.requiredText(json, "MinAPIVersion")),
          Json.text(json, "GitCommit"),
          Json.text(json, "GoVersion"),
          Json.text(json, "Os"),
          Json.text(json, "Arch"),
          Json.text(json, "KernelVersion"),
          Json.text(json, "BuildTime"),
          Json.bool(json, "Experimental"),
          components(json.path("Components")));
    } catch (InvalidValueException e) {
      throw new ResponseFormatException(String.valueOf(e.getMessage()), e);
    }
  }

  private static List<EngineVersion.Component> components(JsonNode array)
      throws ResponseFormatException {
    List<EngineVersion.Component> out = new ArrayList<>();
    for (JsonNode component : array) {
      out.add(
          new EngineVersion.Component(
              Json.requiredText(component, "Name"), Json.text(component, "Version")));
    }
    return out;
  }
}
