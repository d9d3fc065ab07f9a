package dev.drydock.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /containers/{id}/top}: the processes of a running container.
 *
 * @see <a
 *     href="https://docs.docker.com/reference/api/engine/version/v1.41/#tag/Container/operation/ContainerTop">ContainerTop</a>
 */
final class TopContainer implements EngineAction<ContainerProcesses> {
  private final String idOrName;
  private final String encoded;

  /**
   * @throws dev.drydock.model.InvalidValueException if {@code idOrName} could change the request
   *     path
   */
  TopContainer(String idOrName) {
    this.encoded = PathSegments.container(idOrName);
    this.idOrName = idOrName;
  }

  @Override
  public String description() {
    return "list the processes of container '" + idOrName + "'";
  }

  @Override
  public String path() {
    return "/containers/" + encoded + "/top";
  }

  @Override
  public Subject subject() {
    return new Subject("container", idOrName);
  }

  @Override
  public ContainerProcesses handle(Response response) throws ResponseFormatException {
    JsonNode json = Json.object(response);
    List<List<String>> rows = new ArrayList<>();
    JsonNode processes = json.path("Processes");
    if (!processes.isMissingNode() && !processes.isNull()) {
      if (!processes.isArray()) {
        throw new ResponseFormatException("the field Processes should be an array of arrays");
      }
      for (JsonNode row : processes) {
        List<String> cells = new ArrayList<>();
        if (!row.isArray()) {
          throw new ResponseFormatException("a process row is not an array");
        }
        for (JsonNode cell : row) {
          if (!cell.isTextual()) {
            throw new ResponseFormatException("a process row holds a non-string");
          }
          cells.add(cell.textValue());
        }
        rows.add(cells);
      }
    }
    try {
      return new ContainerProcesses(Json.strings(json, "Titles"), rows);
    } catch (IllegalArgumentException e) {
      throw new ResponseFormatException(String.valueOf(e.getMessage()), e);
    }
  }
}
