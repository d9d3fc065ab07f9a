package dev.drydock.registry;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Random;

/**
 * A process that S3CrashIT kills: {@code S3UploadMain ENDPOINT BUCKET ACCESS_KEY SECRET SPOOL
 * SIZE}. Uploads the first part of a random blob through {@link S3BlobStorage}, prints {@code
 * SESSION <id>}, then streams a chunk that stalls halfway and prints {@code STALLED}.
 */
public final class S3UploadMain {
  private S3UploadMain() {}

  public static void main(String[] args) throws Exception {
    S3Settings settings =
        S3Settings.of(URI.create(args[0]), "us-east-1", args[1], "crash")
            .withPartSize(S3Settings.MIN_PART_SIZE);
    S3Credentials credentials = new S3Credentials(args[2], args[3]);
    int size = Integer.parseInt(args[5]);
    byte[] blob = new byte[size];
    new Random(42).nextBytes(blob);
    S3BlobStorage store =
        S3BlobStorage.open(settings, credentials, Clock.systemUTC(), Path.of(args[4]), 10);
    BlobStorage.UploadState state = store.startUpload("crash");
    int first = (int) S3Settings.MIN_PART_SIZE + 1000;
    store.append(state.id(), 0, new ByteArrayInputStream(blob, 0, first), size);
    System.out.println("SESSION " + state.id());
    System.out.flush();
    InputStream stalling =
        new InputStream() {
          int at = first;

          @Override
          public int read() {
            throw new UnsupportedOperationException();
          }

          @Override
          public int read(byte[] b, int off, int len) throws java.io.IOException {
            if (at >= size - 1000) {
              System.out.println("STALLED");
              System.out.flush();
              try {
                Thread.sleep(Long.MAX_VALUE);
              } catch (InterruptedException e) {
                throw new java.io.InterruptedIOException();
              }
            }
            int n = Math.min(len, size - 1000 - at);
            System.arraycopy(blob, at, b, off, n);
            at += n;
            return n;
          }
        };
    store.append(state.id(), first, stalling, size);
  }
}
