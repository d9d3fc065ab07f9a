package dev.drydock.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /networks}: every network.
 *
 * @see <a
 *     href="https://docs.docker.com/reference/api/engine/version/v1.41/#tag/Network/operation/NetworkList">NetworkList</a>
 */
final class ListNetworks implements EngineAction<List<NetworkDetails>> {
  @Override
  public String description() {
    return "list networks";
  }

  @Override
  public String path() {
    return "/networks";
  }

  @Override
  public List<NetworkDetails> handle(Response response) throws ResponseFormatException {
    JsonNode array = Json.array(response);
    List<NetworkDetails> out = new ArrayList<>(array.size());
    for (JsonNode item : array) {
      out.add(parse(item));
    }
    return List.copyOf(out);
  }

  /** {@return one network object of a list or inspect answer} */
  static NetworkDetails parse(JsonNode item) throws ResponseFormatException {
    if (!item.isObject()) {
      throw new ResponseFormatException("a network is not a JSON object");
    }
    java.util.Map<String, String> containers = new java.util.LinkedHashMap<>();
    for (var entry : Json.child(item, "Containers").properties()) {
      containers.put(entry.getKey(), Json.text(entry.getValue(), "Name"));
    }
    return new NetworkDetails(
        Json.requiredText(item, "Id"),
        Json.text(item, "Name"),
        Json.text(item, "Driver"),
        Json.text(item, "Scope"),
        Json.bool(item, "Internal"),
        Json.stringMap(item, "Options"),
        Json.stringMap(item, "Labels"),
        containers);
  }
}
