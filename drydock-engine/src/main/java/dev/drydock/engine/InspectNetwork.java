package dev.drydock.engine;

/**
 * {@code GET /networks/{id}}: one network with its attached containers.
 *
 * @see <a
 *     href="https://docs.docker.com/reference/api/engine/version/v1.41/#tag/Network/operation/NetworkInspect">NetworkInspect</a>
 */
final class InspectNetwork implements EngineAction<NetworkDetails> {
  private final String idOrName;
  private final String encoded;

  /**
   * @throws dev.drydock.model.InvalidValueException if {@code idOrName} could change the request
   *     path
   */
  InspectNetwork(String idOrName) {
    this.encoded = PathSegments.container(idOrName);
    this.idOrName = idOrName;
  }

  @Override
  public String description() {
    return "inspect network '" + idOrName + "'";
  }

  @Override
  public String path() {
    return "/networks/" + encoded;
  }

  @Override
  public Subject subject() {
    return new Subject("network", idOrName);
  }

  @Override
  public NetworkDetails handle(Response response) throws ResponseFormatException {
    return ListNetworks.parse(Json.object(response));
  }
}
