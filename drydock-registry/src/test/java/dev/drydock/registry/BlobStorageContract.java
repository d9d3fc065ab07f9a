package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.Digest;
import dev.drydock.registry.BlobStorage.UploadState;
import dev.drydock.registry.UploadRejectedException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link BlobStorage} passes: content addressing, verified atomic commits,
 * resumable and expiring sessions. Implementations extend this class and create their store.
 */
abstract class BlobStorageContract {
  protected final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  protected BlobStorage store;

  /** {@return a new, empty store using {@link #clock}} */
  protected abstract BlobStorage create() throws Exception;

  @BeforeEach
  void createStore() throws Exception {
    store = create();
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static InputStream stream(String text) {
    return new ByteArrayInputStream(bytes(text));
  }

  byte[] read(Digest digest, long offset) throws Exception {
    try (InputStream in = store.open(digest, offset)) {
      return in.readAllBytes();
    }
  }

  @Test
  void uploadInChunksThenCommitMakesTheBlobReadable() throws Exception {
    UploadState state = store.startUpload("repo");
    assertThat(state.offset()).isZero();
    state = store.append(state.id(), 0, stream("hello "), 1000);
    state = store.append(state.id(), 6, stream("world"), 1000);
    assertThat(state.offset()).isEqualTo(11);
    Digest digest = TestRegistry.sha256(bytes("hello world"));
    assertThat(store.size(digest)).isEqualTo(-1);
    store.commit(state.id(), digest);
    assertThat(store.size(digest)).isEqualTo(11);
    assertThat(read(digest, 6)).isEqualTo(bytes("world"));
    assertThat(store.upload(state.id())).isNull();
    assertThat(store.list()).extracting(BlobStorage.StoredBlob::digest).containsExactly(digest);
  }

  @Test
  void sha512IsVerifiedToo() throws Exception {
    UploadState state = store.startUpload("repo");
    store.append(state.id(), 0, stream("five twelve"), 100);
    Digest digest = Hashing.digest("sha512", bytes("five twelve"));
    store.commit(state.id(), digest);
    assertThat(read(digest, 0)).isEqualTo(bytes("five twelve"));
  }

  @Test
  void mismatchedDigestStoresNothingAndEndsTheSession() throws Exception {
    UploadState state = store.startUpload("repo");
    store.append(state.id(), 0, stream("actual"), 100);
    Digest claimed = TestRegistry.sha256(bytes("claimed"));
    assertThatThrownBy(() -> store.commit(state.id(), claimed))
        .isInstanceOfSatisfying(
            UploadRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DIGEST));
    assertThat(store.size(claimed)).isEqualTo(-1);
    assertThat(store.size(TestRegistry.sha256(bytes("actual")))).isEqualTo(-1);
    assertThat(store.upload(state.id())).isNull();
    assertThat(store.list()).isEmpty();
  }

  @Test
  void appendAtTheWrongOffsetIsARangeRefusal() throws Exception {
    UploadState state = store.startUpload("repo");
    store.append(state.id(), 0, stream("abc"), 100);
    assertThatThrownBy(() -> store.append(state.id(), 5, stream("x"), 100))
        .isInstanceOfSatisfying(
            UploadRejectedException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.RANGE);
              assertThat(e.offset()).isEqualTo(3);
            });
  }

  @Test
  void oversizedAppendIsRolledBack() throws Exception {
    UploadState state = store.startUpload("repo");
    store.append(state.id(), 0, stream("abc"), 5);
    assertThatThrownBy(() -> store.append(state.id(), 3, stream("defgh"), 5))
        .isInstanceOfSatisfying(
            UploadRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SIZE));
    assertThat(java.util.Objects.requireNonNull(store.upload(state.id())).offset()).isEqualTo(3);
    store.append(state.id(), 3, stream("de"), 5);
    store.commit(state.id(), TestRegistry.sha256(bytes("abcde")));
  }

  @Test
  void failingClientStreamLeavesTheSessionAsItWas() throws Exception {
    UploadState state = store.startUpload("repo");
    store.append(state.id(), 0, stream("abc"), 100);
    InputStream broken =
        new InputStream() {
          int sent;

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            int c = read();
            b[off] = (byte) c;
            return 1;
          }

          @Override
          public int read() throws IOException {
            if (sent++ < 2) {
              return 'x';
            }
            throw new IOException("connection reset");
          }
        };
    assertThatThrownBy(() -> store.append(state.id(), 3, broken, 100))
        .isInstanceOf(RegistryException.class);
    assertThat(java.util.Objects.requireNonNull(store.upload(state.id())).offset()).isEqualTo(3);
    store.append(state.id(), 3, stream("def"), 100);
    store.commit(state.id(), TestRegistry.sha256(bytes("abcdef")));
  }

  @Test
  void unknownSessionsAreRefused() throws Exception {
    String id = "00000000-0000-0000-0000-000000000000";
    assertThat(store.upload(id)).isNull();
    assertThat(store.upload("../../etc")).isNull();
    assertThat(store.cancel(id)).isFalse();
    assertThatThrownBy(() -> store.append(id, 0, stream("x"), 10))
        .isInstanceOfSatisfying(
            UploadRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN));
  }

  @Test
  void cancelAndExpiryEndSessions() throws Exception {
    UploadState cancelled = store.startUpload("repo");
    assertThat(store.cancel(cancelled.id())).isTrue();
    assertThat(store.upload(cancelled.id())).isNull();

    UploadState old = store.startUpload("repo");
    clock.advance(Duration.ofMinutes(30));
    UploadState fresh = store.startUpload("repo");
    assertThat(store.expireUploads(clock.instant().minus(Duration.ofMinutes(10)))).isEqualTo(1);
    assertThat(store.upload(old.id())).isNull();
    assertThat(store.upload(fresh.id())).isNotNull();
  }

  @Test
  void putVerifiesSmallContentAndIsIdempotent() throws Exception {
    Digest digest = TestRegistry.sha256(bytes("{}"));
    store.put(bytes("{}"), digest);
    store.put(bytes("{}"), digest);
    assertThat(read(digest, 0)).isEqualTo(bytes("{}"));
    assertThatThrownBy(() -> store.put(bytes("{ }"), digest))
        .isInstanceOf(UploadRejectedException.class);
  }

  @Test
  void twoUploadsOfTheSameContentBothSucceed() throws Exception {
    Digest digest = TestRegistry.sha256(bytes("same"));
    UploadState a = store.startUpload("one");
    UploadState b = store.startUpload("two");
    store.append(a.id(), 0, stream("same"), 10);
    store.append(b.id(), 0, stream("same"), 10);
    store.commit(a.id(), digest);
    store.commit(b.id(), digest);
    assertThat(store.list()).hasSize(1);
  }

  @Test
  void deleteRemovesTheBlob() throws Exception {
    Digest digest = TestRegistry.sha256(bytes("gone"));
    store.put(bytes("gone"), digest);
    assertThat(store.delete(digest)).isTrue();
    assertThat(store.delete(digest)).isFalse();
    assertThat(store.size(digest)).isEqualTo(-1);
    assertThatThrownBy(() -> store.open(digest, 0)).isInstanceOf(RegistryException.class);
  }

  @Test
  void storedAtComesFromTheClock() throws Exception {
    Digest digest = TestRegistry.sha256(bytes("when"));
    store.put(bytes("when"), digest);
    assertThat(store.list().getFirst().storedAt()).isEqualTo(clock.instant());
  }
}
