package dev.drydock.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.drydock.model.ImageRef;
import dev.drydock.model.InvalidValueException;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the JSON codecs, the docker archive manifest, the WWW-Authenticate parser and image
 * references: each either parses to a value whose canonical encoding parses back to the same value,
 * or throws its typed exception; nothing else escapes.
 *
 * <p>Runs its seeds as a regular test; set {@code JAZZER_FUZZ=1} to fuzz, see docs/development.md.
 */
class ParsersFuzzTest {
  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void manifest(byte[] data) {
    try {
      ImageManifest m = ImageManifest.parse(data);
      assertThat(ImageManifest.parse(m.toJson())).isEqualTo(m);
    } catch (MalformedContentException | IllegalArgumentException expected) {
      // IllegalArgumentException: a value the record refuses, e.g. a negative size.
    }
  }

  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void index(byte[] data) {
    try {
      ImageIndex i = ImageIndex.parse(data);
      assertThat(ImageIndex.parse(i.toJson())).isEqualTo(i);
    } catch (MalformedContentException | IllegalArgumentException expected) {
      // rejected input
    }
  }

  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void config(byte[] data) {
    try {
      ImageConfig c = ImageConfig.parse(data);
      assertThat(ImageConfig.parse(c.toJson())).isEqualTo(c);
    } catch (MalformedContentException | IllegalArgumentException expected) {
      // rejected input
    }
  }

  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void dockerArchiveManifest(byte[] data) {
    try {
      assertThat(DockerArchiveManifest.parse(data)).isNotEmpty();
    } catch (MalformedContentException expected) {
      // rejected input
    }
  }

  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void wwwAuthenticate(FuzzedDataProvider data) {
    try {
      Challenge c = Challenge.parse(data.consumeRemainingAsString());
      assertThat(c.scheme()).isNotEmpty();
    } catch (MalformedContentException expected) {
      // rejected input
    }
  }

  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void imageRef(FuzzedDataProvider data) {
    try {
      ImageRef ref = ImageRef.parse(data.consumeRemainingAsString());
      assertThat(ImageRef.parse(ref.toString())).isEqualTo(ref);
    } catch (InvalidValueException expected) {
      // rejected input
    }
  }
}
