package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.Digest;
import dev.drydock.registry.BlobStorage.UploadState;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The blob store contract against a real S3 API server (s3proxy), plus S3-specific behaviour. */
class S3BlobStorageTest extends BlobStorageContract {
  private static final int PART = 5 << 20;

  @TempDir static Path serverDir;
  static S3ProxyServer server;

  @TempDir Path spool;
  final S3Settings settings;

  S3BlobStorageTest() throws Exception {
    settings = server.newBucket("reg/one").withPartSize(PART);
  }

  @BeforeAll
  static void startServer() throws Exception {
    server = S3ProxyServer.start(serverDir);
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected BlobStorage create() throws Exception {
    return S3BlobStorage.open(settings, server.credentials(), clock, Clock.systemUTC(), spool, 100);
  }

  @AfterEach
  void closeStore() {
    ((S3BlobStorage) store).close();
  }

  S3BlobStorage s3() {
    return (S3BlobStorage) store;
  }

  static byte[] random(int size, long seed) {
    byte[] out = new byte[size];
    new Random(seed).nextBytes(out);
    return out;
  }

  /**
   * S3's listing carries the server's LastModified, not the registry clock's time: the contract's
   * clock check is replaced by one against the wall clock.
   */
  @Override
  @Test
  void storedAtComesFromTheClock() throws Exception {
    Instant before = Clock.systemUTC().instant().minusSeconds(5);
    Digest digest = TestRegistry.sha256(bytes("when"));
    store.put(bytes("when"), digest);
    assertThat(store.list().getFirst().storedAt())
        .isBetween(before, Clock.systemUTC().instant().plusSeconds(5));
  }

  @Test
  void multipartUploadAcrossManyChunksAndParts() throws Exception {
    byte[] blob = random(PART * 2 + 12345, 7);
    Digest digest = TestRegistry.sha256(blob);
    UploadState state = store.startUpload("big");
    int step = 1_300_000;
    for (int at = 0; at < blob.length; at += step) {
      int n = Math.min(step, blob.length - at);
      state = store.append(state.id(), at, new ByteArrayInputStream(blob, at, n), blob.length);
    }
    assertThat(state.offset()).isEqualTo(blob.length);
    assertThat(store.size(digest)).isEqualTo(-1);
    store.commit(state.id(), digest);
    assertThat(store.size(digest)).isEqualTo(blob.length);
    assertThat(read(digest, 0)).isEqualTo(blob);
    byte[] tail = read(digest, PART + 7);
    assertThat(tail).hasSize(blob.length - PART - 7);
    assertThat(tail[0]).isEqualTo(blob[PART + 7]);
    assertThat(read(digest, blob.length)).isEmpty();
    // nothing is left under uploads/: the staging object was deleted after the copy
    assertThat(store.expireUploads(Clock.systemUTC().instant().plusSeconds(3600))).isZero();
    assertThat(store.list()).hasSize(1);
  }

  @Test
  void aChunkThatBreaksAfterAPartWasSentIsRolledBack() throws Exception {
    byte[] blob = random(PART + PART / 2, 8);
    UploadState state = store.startUpload("repo");
    store.append(state.id(), 0, new ByteArrayInputStream(blob, 0, 1000), blob.length);
    InputStream breaking =
        new InputStream() {
          int at = 1000;

          @Override
          public int read() {
            throw new UnsupportedOperationException();
          }

          @Override
          public int read(byte[] b, int off, int len) throws java.io.IOException {
            if (at >= PART + 100) {
              throw new java.io.IOException("connection reset");
            }
            int n = Math.min(len, PART + 100 - at);
            System.arraycopy(blob, at, b, off, n);
            at += n;
            return n;
          }
        };
    assertThatThrownBy(() -> store.append(state.id(), 1000, breaking, blob.length))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("resume there");
    assertThat(java.util.Objects.requireNonNull(store.upload(state.id())).offset()).isEqualTo(1000);
    store.append(
        state.id(), 1000, new ByteArrayInputStream(blob, 1000, blob.length - 1000), blob.length);
    Digest digest = TestRegistry.sha256(blob);
    store.commit(state.id(), digest);
    assertThat(read(digest, 0)).isEqualTo(blob);
  }

  @Test
  void aMismatchAfterPartsWereSentAbortsTheMultipartUpload() throws Exception {
    byte[] blob = random(PART + 10, 9);
    UploadState state = store.startUpload("repo");
    store.append(state.id(), 0, new ByteArrayInputStream(blob), blob.length);
    assertThatThrownBy(() -> store.commit(state.id(), TestRegistry.sha256(bytes("other"))))
        .isInstanceOf(UploadRejectedException.class);
    assertThat(store.list()).isEmpty();
    assertThat(store.expireUploads(Clock.systemUTC().instant().plusSeconds(3600))).isZero();
  }

  @Test
  void abandonedMultipartUploadsAndStagingObjectsAreExpired() throws Exception {
    byte[] blob = random(PART + 10, 10);
    UploadState state = store.startUpload("repo");
    store.append(state.id(), 0, new ByteArrayInputStream(blob), blob.length);
    // A second store on the same bucket stands for the restarted process: the session is gone.
    try (S3BlobStorage restarted =
        S3BlobStorage.open(
            settings, server.credentials(), clock, Clock.systemUTC(), spool.resolve("2"), 10)) {
      assertThat(restarted.upload(state.id())).isNull();
      assertThat(restarted.size(TestRegistry.sha256(blob))).isEqualTo(-1);
      Instant now = Clock.systemUTC().instant();
      assertThat(restarted.expireUploads(now.minus(Duration.ofHours(1)))).isZero();
      assertThat(restarted.expireUploads(now.plus(Duration.ofHours(1)))).isEqualTo(1);
      assertThat(restarted.expireUploads(now.plus(Duration.ofHours(1)))).isZero();
    }
  }

  @Test
  void listingsArePagedWithContinuationTokensAndMarkers() throws Exception {
    for (int i = 0; i < 5; i++) {
      store.put(bytes("blob " + i), TestRegistry.sha256(bytes("blob " + i)));
    }
    try (S3Client client = new S3Client(settings, server.credentials(), Clock.systemUTC())) {
      S3Operations s3 = new S3Operations(client, 2);
      for (int i = 0; i < 3; i++) {
        s3.createMultipart(settings.key("uploads/orphan-" + i));
        s3.put(settings.key("uploads/staged-" + i), bytes("staged"));
      }
      assertThat(s3.list(settings.key("blobs/"), null).next()).isNotNull();
      try (S3BlobStorage paged =
          S3BlobStorage.open(
              settings,
              server.credentials(),
              clock,
              Clock.systemUTC(),
              spool.resolve("p"),
              10,
              2)) {
        assertThat(paged.list()).hasSize(5);
        assertThat(paged.expireUploads(Clock.systemUTC().instant().plusSeconds(3600))).isEqualTo(6);
      }
      assertThat(s3.listMultipart(settings.key("uploads/"), null, null).items()).isEmpty();
      assertThat(s3.list(settings.key("uploads/"), null).items()).isEmpty();
    }
  }

  @Test
  void wrongCredentialsAreNamedWithoutTheSecret() throws Exception {
    S3Credentials wrong = new S3Credentials(server.credentials().accessKeyId(), "not-the-secret");
    assertThatThrownBy(
            () -> S3BlobStorage.open(settings, wrong, clock, Clock.systemUTC(), spool, 10))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("credentials are wrong")
        .hasMessageContaining(settings.bucket())
        .hasMessageNotContaining("not-the-secret");
    assertThat(wrong.toString()).doesNotContain("not-the-secret");
  }

  @Test
  void aMissingBucketIsNamed() throws Exception {
    S3Settings missing = S3Settings.of(server.endpoint(), "us-east-1", "no-such-bucket-here", "");
    assertThatThrownBy(
            () ->
                S3BlobStorage.open(
                    missing, server.credentials(), clock, Clock.systemUTC(), spool, 10))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("no-such-bucket-here")
        .hasMessageContaining("create it");
  }

  @Test
  void aSkewedClockIsExplained() throws Exception {
    Clock skewed = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));
    assertThatThrownBy(
            () -> S3BlobStorage.open(settings, server.credentials(), clock, skewed, spool, 10))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("clock");
  }

  @Test
  void anUnreachableEndpointIsRetriedThenNamed() throws Exception {
    S3Settings dead =
        S3Settings.of(java.net.URI.create("http://127.0.0.1:9"), "us-east-1", "bucket", "")
            .withRetries(Duration.ofSeconds(2), 2);
    assertThatThrownBy(
            () ->
                S3BlobStorage.open(dead, server.credentials(), clock, Clock.systemUTC(), spool, 10))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("after 2 tries")
        .hasMessageContaining("127.0.0.1:9");
  }
}
