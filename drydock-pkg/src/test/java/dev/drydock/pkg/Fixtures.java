package dev.drydock.pkg;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Objects;

/** Locates the test resources of this package. */
final class Fixtures {
  private Fixtures() {}

  static Path resource(String name) {
    URL url = Objects.requireNonNull(Fixtures.class.getResource(name), name);
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path rootfs(String name) {
    return resource("rootfs/" + name);
  }
}
