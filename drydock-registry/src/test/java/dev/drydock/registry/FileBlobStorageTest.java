package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Digest;
import dev.drydock.registry.BlobStorage.UploadState;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBlobStorageTest extends BlobStorageContract {
  @TempDir Path root;

  @Override
  protected BlobStorage create() throws Exception {
    return FileBlobStorage.open(root, clock);
  }

  @Test
  void sessionsSurviveARestartAndAreRehashedFromDisk() throws Exception {
    UploadState state = store.startUpload("repo");
    store.append(state.id(), 0, stream("before restart "), 100);
    BlobStorage reopened = FileBlobStorage.open(root, clock);
    UploadState resumed = java.util.Objects.requireNonNull(reopened.upload(state.id()));
    assertThat(resumed).isNotNull();
    assertThat(resumed.offset()).isEqualTo(15);
    assertThat(resumed.repository()).isEqualTo("repo");
    reopened.append(state.id(), 15, stream("and after"), 100);
    Digest digest = TestRegistry.sha256(bytes("before restart and after"));
    reopened.commit(state.id(), digest);
    assertThat(reopened.size(digest)).isEqualTo(24);
  }

  @Test
  void corruptedSessionDataIsCaughtAtCommit() throws Exception {
    UploadState state = store.startUpload("repo");
    store.append(state.id(), 0, stream("good bytes"), 100);
    Files.writeString(root.resolve("uploads").resolve(state.id()).resolve("data"), "bad bytes!");
    BlobStorage reopened = FileBlobStorage.open(root, clock);
    Digest digest = TestRegistry.sha256(bytes("good bytes"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> reopened.commit(state.id(), digest))
        .isInstanceOf(UploadRejectedException.class);
    assertThat(reopened.size(digest)).isEqualTo(-1);
  }

  @Test
  void blobsAreContentAddressedFiles() throws Exception {
    Digest digest = TestRegistry.sha256(bytes("layout"));
    store.put(bytes("layout"), digest);
    assertThat(
            root.resolve("blobs/sha256")
                .resolve(digest.hex().substring(0, 2))
                .resolve(digest.hex()))
        .hasContent("layout");
  }

  @Test
  void openSessionsAreCappedAcrossRestarts() throws Exception {
    BlobStorage capped = FileBlobStorage.open(root.resolve("capped"), clock, 2);
    UploadState first = capped.startUpload("repo");
    capped.startUpload("repo");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> capped.startUpload("repo"))
        .isInstanceOfSatisfying(
            UploadRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(UploadRejectedException.Reason.TOO_MANY));
    // sessions a previous process left count until they end
    BlobStorage reopened = FileBlobStorage.open(root.resolve("capped"), clock, 2);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> reopened.startUpload("repo"))
        .isInstanceOf(UploadRejectedException.class);
    assertThat(reopened.cancel(first.id())).isTrue();
    assertThat(reopened.cancel(first.id())).isFalse(); // released once only
    reopened.startUpload("repo");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> reopened.startUpload("repo"))
        .isInstanceOf(UploadRejectedException.class);
    clock.advance(java.time.Duration.ofHours(2));
    assertThat(reopened.expireUploads(clock.instant().minusSeconds(1))).isEqualTo(2);
    reopened.startUpload("repo");
    reopened.startUpload("repo");
  }
}
