package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.Digest;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety with the S3 backend: a JVM uploading through {@link S3BlobStorage} to a real S3
 * server is killed with SIGKILL after one multipart part was sent and while the next chunk is
 * arriving. A fresh store on the same bucket serves no blob, and upload expiry aborts the multipart
 * upload the dead process left; the same blob then uploads cleanly.
 */
class S3CrashIT {
  private static final int SIZE = 12 << 20;

  @TempDir Path dir;

  @Test
  @Timeout(120)
  void killMidUploadLeavesNoBlobAndExpiryCleansUp() throws Exception {
    byte[] blob = new byte[SIZE];
    new Random(42).nextBytes(blob);
    Digest digest = TestRegistry.sha256(blob);
    try (S3ProxyServer server = S3ProxyServer.start(dir)) {
      S3Settings settings = server.newBucket("crash").withPartSize(S3Settings.MIN_PART_SIZE);
      String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process child =
          new ProcessBuilder(
                  javaBin,
                  "-cp",
                  System.getProperty("java.class.path"),
                  S3UploadMain.class.getName(),
                  server.endpoint().toString(),
                  settings.bucket(),
                  server.credentials().accessKeyId(),
                  server.credentials().secret(),
                  dir.resolve("spool").toString(),
                  Integer.toString(SIZE))
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      String session = null;
      try {
        BufferedReader out =
            new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.equals("STALLED")) {
          if (line.startsWith("SESSION ")) {
            session = line.substring(8);
          }
        }
        assertThat(line).as("the child stalls mid-chunk").isEqualTo("STALLED");
      } finally {
        child.destroyForcibly(); // SIGKILL
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(session).isNotNull();

      try (S3BlobStorage store =
          S3BlobStorage.open(
              settings, server.credentials(), Clock.systemUTC(), dir.resolve("spool2"), 10)) {
        S3Operations s3 =
            new S3Operations(new S3Client(settings, server.credentials(), Clock.systemUTC()));
        assertThat(store.size(digest)).isEqualTo(-1);
        assertThatThrownBy(() -> store.open(digest, 0)).isInstanceOf(RegistryException.class);
        assertThat(store.list()).isEmpty();
        assertThat(store.upload(java.util.Objects.requireNonNull(session))).isNull();
        assertThat(s3.listMultipart(settings.key("uploads/"), null, null).items())
            .extracting(S3Operations.PendingUpload::key)
            .containsExactly(settings.key("uploads/" + session));

        Instant now = Clock.systemUTC().instant();
        assertThat(store.expireUploads(now.minus(Duration.ofHours(1)))).isZero();
        assertThat(store.expireUploads(now.plus(Duration.ofHours(1)))).isEqualTo(1);
        assertThat(s3.listMultipart(settings.key("uploads/"), null, null).items()).isEmpty();

        BlobStorage.UploadState again = store.startUpload("crash");
        store.append(again.id(), 0, new ByteArrayInputStream(blob), SIZE);
        store.commit(again.id(), digest);
        try (var in = store.open(digest, 0)) {
          assertThat(TestRegistry.sha256(in.readAllBytes())).isEqualTo(digest);
        }
      }
    }
  }
}
