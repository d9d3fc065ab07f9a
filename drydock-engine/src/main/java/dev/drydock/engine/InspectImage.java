package dev.drydock.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code GET /images/{name}/json}: one image's configuration.
 *
 * @see <a
 *     href="https://docs.docker.com/reference/api/engine/version/v1.41/#tag/Image/operation/ImageInspect">ImageInspect</a>
 */
final class InspectImage implements EngineAction<ImageDetails> {
  private final String ref;
  private final String encoded;

  /**
   * @throws dev.drydock.model.InvalidValueException if {@code ref} could change the request path
   */
  InspectImage(String ref) {
    this.encoded = PathSegments.image(ref);
    this.ref = ref;
  }

  @Override
  public String description() {
    return "inspect image '" + ref + "'";
  }

  @Override
  public String path() {
    return "/images/" + encoded + "/json";
  }

  @Override
  public Subject subject() {
    return new Subject("image", ref);
  }

  @Override
  public ImageDetails handle(Response response) throws ResponseFormatException {
    JsonNode json = Json.object(response);
    JsonNode config = Json.child(json, "Config");
    return new ImageDetails(
        Json.requiredText(json, "Id"),
        Json.strings(json, "RepoTags"),
        Json.strings(json, "RepoDigests"),
        Json.time(json, "Created"),
        Json.text(config, "User"),
        InspectContainer.hasHealthcheck(config),
        Json.keys(config, "ExposedPorts"),
        InspectContainer.envNames(config),
        Json.stringMap(config, "Labels"),
        Json.strings(Json.child(json, "RootFS"), "Layers"),
        Json.text(json, "Os"),
        Json.text(json, "Architecture"));
  }
}
