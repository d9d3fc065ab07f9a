package dev.drydock.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Digest;
import dev.drydock.oci.Descriptor;
import dev.drydock.oci.RegistryClient;
import dev.drydock.oci.RegistryCredentials;
import dev.drydock.oci.RegistryOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The byte budget of signature blobs read per digest: smallest first, original order kept. */
class RegistryBundlesTest {
  private final RegistryClient client =
      new RegistryClient(
          "127.0.0.1:1",
          new RegistryOptions(RegistryCredentials.anonymous(), null, true, Duration.ofSeconds(1)));

  private static Descriptor layer(int n, long size) {
    return Descriptor.of(
        RegistrySignatureStore.BUNDLE_MEDIA_TYPE,
        new Digest("sha256", String.format(java.util.Locale.ROOT, "%064x", n)),
        size);
  }

  @Test
  void largeJunk_doesNotCrowdOutSmallSignatures() {
    List<Descriptor> layers = new ArrayList<>();
    for (int i = 0; i < 70; i++) {
      layers.add(layer(i, Json.MAX_BYTES)); // 70 MiB of junk, over the 64 MiB budget
    }
    layers.add(layer(100, Json.MAX_BYTES + 1L)); // larger than any signature
    layers.add(layer(101, 4000));

    List<Descriptor> kept = RegistryBundles.withinBudget(client, "a", layers);

    assertThat(kept).last().isEqualTo(layers.getLast());
    assertThat(kept).doesNotContain(layers.get(70));
    assertThat(kept.stream().mapToLong(Descriptor::size).sum())
        .isLessThanOrEqualTo(RegistryBundles.MAX_TOTAL_BYTES);
    assertThat(kept).hasSize(1 + (int) ((RegistryBundles.MAX_TOTAL_BYTES - 4000) / Json.MAX_BYTES));
    assertThat(kept).isSortedAccordingTo((a, b) -> layers.indexOf(a) - layers.indexOf(b));
  }
}
