package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Digest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Virtual-host-style addressing ({@code http://bucket.s3.localhost:port/key}) against s3proxy
 * configured with a virtual host: signing with the bucket in the Host header, multipart upload,
 * copy and ranged read all work as with path style.
 */
class S3VirtualHostTest {
  @TempDir Path dir;

  @Test
  void blobsRoundTripWithVirtualHostAddressing() throws Exception {
    try (S3ProxyServer server = S3ProxyServer.start(dir, true)) {
      S3Settings settings =
          server.newBucket("vh").withPathStyle(false).withPartSize(S3Settings.MIN_PART_SIZE);
      assertThat(settings.host())
          .isEqualTo(settings.bucket() + "." + server.endpoint().getRawAuthority());
      byte[] blob = new byte[(int) S3Settings.MIN_PART_SIZE + 4096];
      new Random(3).nextBytes(blob);
      Digest digest = TestRegistry.sha256(blob);
      try (S3BlobStorage store =
          S3BlobStorage.open(
              settings, server.credentials(), Clock.systemUTC(), dir.resolve("spool"), 10)) {
        BlobStorage.UploadState state = store.startUpload("vh");
        store.append(state.id(), 0, new ByteArrayInputStream(blob), blob.length);
        store.commit(state.id(), digest);
        assertThat(store.size(digest)).isEqualTo(blob.length);
        try (InputStream in = store.open(digest, 10)) {
          assertThat(in.readAllBytes()).hasSize(blob.length - 10);
        }
        assertThat(store.list()).extracting(BlobStorage.StoredBlob::digest).containsExactly(digest);
      }
    }
  }
}
