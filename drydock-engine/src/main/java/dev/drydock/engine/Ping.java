package dev.drydock.engine;

import dev.drydock.model.InvalidValueException;

/**
 * {@code GET /_ping}: is the daemon there, and which API version does it speak. Unversioned, since
 * its answer is what picks the version.
 */
final class Ping implements EngineAction<EnginePing> {
  @Override
  public String description() {
    return "ping the Docker daemon";
  }

  @Override
  public String path() {
    return "/_ping";
  }

  @Override
  public boolean versioned() {
    return false;
  }

  @Override
  public EnginePing handle(Response response) throws ResponseFormatException {
    Headers headers = response.headers();
    String api =
        headers
            .first("Api-Version")
            .orElseThrow(() -> new ResponseFormatException("the Api-Version header is missing"));
    try {
      return new EnginePing(
          ApiVersion.parse(api),
          headers.first("Ostype").orElse(""),
          headers.first("Docker-Experimental").orElse("false").equals("true"),
          headers.first("Server").orElse(""),
          headers.first("Builder-Version").orElse(""));
    } catch (InvalidValueException e) {
      throw new ResponseFormatException(
          "the Api-Version header is malformed: " + e.getMessage(), e);
    }
  }
}
