package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Digest;
import dev.drydock.registry.MetadataStore.ManifestRecord;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract every {@link MetadataStore} passes. */
abstract class MetadataStoreContract {
  static final Digest A = TestRegistry.sha256(TestRegistry.bytes("a"));
  static final Digest B = TestRegistry.sha256(TestRegistry.bytes("b"));
  static final Digest C = TestRegistry.sha256(TestRegistry.bytes("c"));
  protected MetadataStore store;

  protected abstract MetadataStore create() throws Exception;

  @BeforeEach
  void createStore() throws Exception {
    store = create();
  }

  static ManifestRecord record(Digest digest, Digest subject) {
    return new ManifestRecord(
        digest, TestRegistry.OCI_MANIFEST, 42, subject, "application/x", Map.of("k", "v"));
  }

  @Test
  void blobLinksArePerRepository() throws Exception {
    assertThat(store.repositoryExists("one")).isFalse();
    store.linkBlob("one", A);
    assertThat(store.repositoryExists("one")).isTrue();
    assertThat(store.isBlobLinked("one", A)).isTrue();
    assertThat(store.isBlobLinked("two", A)).isFalse();
    assertThat(store.linkedBlobs("one")).containsExactly(A);
    store.linkBlob("one", B);
    store.linkBlob("one", B);
    store.linkBlob("two", B);
    assertThat(store.linkedBlobs("one")).containsExactlyInAnyOrder(A, B);
    assertThat(store.linkedBlobs("two")).containsExactly(B);
    assertThat(store.linkedBlobs("three")).isEmpty();
    assertThat(store.unlinkBlob("one", B)).isTrue();
    assertThat(store.unlinkBlob("one", A)).isTrue();
    assertThat(store.unlinkBlob("one", A)).isFalse();
    assertThat(store.isBlobLinked("one", A)).isFalse();
  }

  @Test
  void manifestsRoundTripWithTheirReferrerFacts() throws Exception {
    ManifestRecord record = record(A, B);
    store.putManifest("repo", record);
    assertThat(store.manifest("repo", A)).isEqualTo(record);
    assertThat(store.manifest("repo", B)).isNull();
    assertThat(store.manifests("repo")).containsExactly(A);
    assertThat(store.referrers("repo", B)).containsExactly(record);
    assertThat(store.referrers("other", B)).isEmpty();
  }

  @Test
  void tagsResolveAndListSorted() throws Exception {
    store.putManifest("repo", new ManifestRecord(A, "m", 1, null, null, Map.of()));
    store.tag("repo", "b", A);
    store.tag("repo", "A", A);
    store.tag("repo", "a", A);
    assertThat(store.tags("repo")).containsExactly("A", "a", "b");
    assertThat(store.resolveTag("repo", "a")).isEqualTo(A);
    store.tag("repo", "a", B);
    assertThat(store.resolveTag("repo", "a")).isEqualTo(B);
    assertThat(store.untag("repo", "a")).isTrue();
    assertThat(store.resolveTag("repo", "a")).isNull();
    assertThat(store.tags("empty")).isEmpty();
  }

  @Test
  void deletingAManifestDeletesItsTagsAndReferrerEntry() throws Exception {
    store.putManifest("repo", record(A, C));
    store.putManifest("repo", new ManifestRecord(B, "m", 1, null, null, Map.of()));
    store.tag("repo", "x", A);
    store.tag("repo", "y", B);
    assertThat(store.deleteManifest("repo", A)).isTrue();
    assertThat(store.deleteManifest("repo", A)).isFalse();
    assertThat(store.tags("repo")).containsExactly("y");
    assertThat(store.referrers("repo", C)).isEmpty();
  }

  @Test
  void repositoriesPageInOrder() throws Exception {
    for (String name : new String[] {"c", "a/b", "a", "b"}) {
      store.linkBlob(name, A);
    }
    assertThat(store.repositories(null, 10)).containsExactly("a", "a/b", "b", "c");
    assertThat(store.repositories(null, 2)).containsExactly("a", "a/b");
    assertThat(store.repositories("a/b", 2)).containsExactly("b", "c");
  }
}
