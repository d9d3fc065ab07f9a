package dev.drydock.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /images/{name}/history}: the build steps of one image, newest first.
 *
 * @see <a
 *     href="https://docs.docker.com/reference/api/engine/version/v1.41/#tag/Image/operation/ImageHistory">ImageHistory</a>
 */
final class GetImageHistory implements EngineAction<List<ImageHistoryEntry>> {
  private final String ref;
  private final String encoded;

  /**
   * @throws dev.drydock.model.InvalidValueException if {@code ref} could change the request path
   */
  GetImageHistory(String ref) {
    this.encoded = PathSegments.image(ref);
    this.ref = ref;
  }

  @Override
  public String description() {
    return "get the history of image '" + ref + "'";
  }

  @Override
  public String path() {
    return "/images/" + encoded + "/history";
  }

  @Override
  public Subject subject() {
    return new Subject("image", ref);
  }

  @Override
  public List<ImageHistoryEntry> handle(Response response) throws ResponseFormatException {
    JsonNode array = Json.array(response);
    List<ImageHistoryEntry> out = new ArrayList<>(array.size());
    try {
      for (JsonNode item : array) {
        if (!item.isObject()) {
          throw new ResponseFormatException("a history entry is not a JSON object");
        }
        out.add(
            new ImageHistoryEntry(
                Json.text(item, "Id"),
                Json.epochSeconds(item, "Created"),
                Json.text(item, "CreatedBy"),
                Json.strings(item, "Tags"),
                Json.longInteger(item, "Size"),
                Json.text(item, "Comment")));
      }
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      throw new ResponseFormatException(String.valueOf(e.getMessage()), e);
    }
    return List.copyOf(out);
  }
}
