package dev.drydock.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /containers/json}: the containers, running only or all.
 *
 * @see <a
 *     href="https://docs.docker.com/reference/api/engine/version/v1.41/#tag/Container/operation/ContainerList">ContainerList</a>
 */
final class ListContainers implements EngineAction<List<ContainerSummary>> {
  private final boolean all;

  ListContainers(boolean all) {
    this.all = all;
  }

  @Override
  public String description() {
    return all ? "list all containers" : "list running containers";
  }

  @Override
  public String path() {
    return all ? "/containers/json?all=1" : "/containers/json";
  }

  @Override
  public List<ContainerSummary> handle(Response response) throws ResponseFormatException {
    JsonNode array = Json.array(response);
    List<ContainerSummary> out = new ArrayList<>(array.size());
    for (JsonNode item : array) {
      if (!item.isObject()) {
        throw new ResponseFormatException("a container in the list is not a JSON object");
      }
      out.add(
          new ContainerSummary(
              Json.requiredText(item, "Id"),
              Json.strings(item, "Names"),
              Json.text(item, "Image"),
              Json.text(item, "ImageID"),
              Json.text(item, "State"),
              Json.text(item, "Status"),
              Json.epochSeconds(item, "Created")));
    }
    return List.copyOf(out);
  }
}
