package dev.drydock.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /images/json}: the images (top-level, not intermediate layers).
 *
 * @see <a
 *     href="https://docs.docker.com/reference/api/engine/version/v1.41/#tag/Image/operation/ImageList">ImageList</a>
 */
final class ListImages implements EngineAction<List<ImageSummary>> {
  @Override
  public String description() {
    return "list images";
  }

  @Override
  public String path() {
    return "/images/json";
  }

  @Override
  public List<ImageSummary> handle(Response response) throws ResponseFormatException {
    JsonNode array = Json.array(response);
    List<ImageSummary> out = new ArrayList<>(array.size());
    for (JsonNode item : array) {
      if (!item.isObject()) {
        throw new ResponseFormatException("an image in the list is not a JSON object");
      }
      out.add(
          new ImageSummary(
              Json.requiredText(item, "Id"),
              Json.strings(item, "RepoTags"),
              Json.strings(item, "RepoDigests"),
              Json.epochSeconds(item, "Created"),
              Json.longInteger(item, "Size"),
              Json.stringMap(item, "Labels")));
    }
    return List.copyOf(out);
  }
}
