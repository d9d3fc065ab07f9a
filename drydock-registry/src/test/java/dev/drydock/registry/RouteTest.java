package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RouteTest {
  @Test
  void endpointsAreRecognisedFromThePathEnd() {
    assertThat(Route.parse("/v2/")).isEqualTo(new Route.Base());
    assertThat(Route.parse("/v2/_catalog")).isEqualTo(new Route.Catalog());
    assertThat(Route.parse("/v2/a/b/tags/list")).isEqualTo(new Route.Tags("a/b"));
    assertThat(Route.parse("/v2/a/blobs/uploads/")).isEqualTo(new Route.Uploads("a"));
    assertThat(Route.parse("/v2/a/blobs/uploads/x-1")).isEqualTo(new Route.Upload("a", "x-1"));
    assertThat(Route.parse("/v2/a/blobs/sha256:ab")).isEqualTo(new Route.Blob("a", "sha256:ab"));
    assertThat(Route.parse("/v2/a/manifests/v1")).isEqualTo(new Route.Manifest("a", "v1"));
    assertThat(Route.parse("/v2/a/referrers/sha256:ab"))
        .isEqualTo(new Route.Referrers("a", "sha256:ab"));
  }

  @Test
  void namesMayContainEndpointWords() {
    assertThat(Route.parse("/v2/foo/blobs/bar/manifests/latest"))
        .isEqualTo(new Route.Manifest("foo/blobs/bar", "latest"));
    assertThat(Route.parse("/v2/manifests/tags/list")).isEqualTo(new Route.Tags("manifests"));
  }

  @Test
  void otherPathsAreNotRoutes() {
    assertThat(Route.parse("/v1/")).isNull();
    assertThat(Route.parse("/v2/a/unknown/x")).isNull();
    assertThat(Route.parse("/v2/a")).isNull();
    assertThat(Route.parse("/v2/" + "a/".repeat(1100) + "tags/list")).isNull();
  }

  @Test
  void invalidNamesAreRefused() {
    assertThatThrownBy(() -> Route.parse("/v2/A/tags/list"))
        .isInstanceOfSatisfying(
            DistributionException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.NAME_INVALID));
    assertThatThrownBy(() -> Route.parse("/v2/a//b/tags/list"))
        .isInstanceOf(DistributionException.class);
    assertThatThrownBy(() -> Route.parse("/v2/a-/tags/list"))
        .isInstanceOf(DistributionException.class);
  }
}
