package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes request paths and references: a path maps to a route whose repository name matches the
 * spec grammar, or to none, or is refused as NAME_INVALID; references are tags or supported
 * digests, or refused with a spec error code.
 */
class RouteFuzzTest {
  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void parse(FuzzedDataProvider data) {
    String reference = data.consumeString(300);
    String path = data.consumeRemainingAsString();
    try {
      Route route = Route.parse(path);
      String name =
          switch (route) {
            case null -> null;
            case Route.Base _, Route.Catalog _ -> null;
            case Route.Blob b -> b.name();
            case Route.Uploads u -> u.name();
            case Route.Upload u -> u.name();
            case Route.Manifest m -> m.name();
            case Route.Tags t -> t.name();
            case Route.Referrers r -> r.name();
          };
      if (name != null) {
        assertThat(Refs.isName(name)).isTrue();
      }
    } catch (DistributionException expected) {
      assertThat(expected.code()).isEqualTo(ErrorCode.NAME_INVALID);
    }
    try {
      switch (Refs.reference(reference)) {
        case Refs.Reference.ByTag t -> assertThat(Refs.isTag(t.tag())).isTrue();
        case Refs.Reference.ByDigest d -> assertThat(d.digest().toString()).isEqualTo(reference);
      }
    } catch (DistributionException expected) {
      assertThat(expected.code()).isIn(ErrorCode.MANIFEST_INVALID, ErrorCode.DIGEST_INVALID);
    }
  }
}
