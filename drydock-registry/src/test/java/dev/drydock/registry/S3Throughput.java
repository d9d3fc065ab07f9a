package dev.drydock.registry;

import dev.drydock.model.Digest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Push and pull throughput of one blob through {@link FileBlobStorage} and through {@link
 * S3BlobStorage} on a local s3proxy (filesystem backend): {@code S3Throughput WORK_DIR [MB]
 * [RUNS]}. Run by {@code bench/registry-s3.sh}; prints the median of the runs. No assertions.
 */
public final class S3Throughput {
  private S3Throughput() {}

  public static void main(String[] args) throws Exception {
    Path work = Files.createDirectories(Path.of(args[0]));
    int mb = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    byte[] blob = new byte[mb * 1_000_000];
    new Random(1).nextBytes(blob);
    Digest digest = TestRegistry.sha256(blob);
    Clock clock = Clock.systemUTC();
    try (S3ProxyServer server = S3ProxyServer.start(work.resolve("s3proxy"))) {
      double[][] file = new double[runs][];
      double[][] s3 = new double[runs][];
      for (int run = 0; run < runs; run++) {
        file[run] = measure(FileBlobStorage.open(work.resolve("file-" + run), clock), blob, digest);
        S3Settings settings = server.newBucket("bench");
        try (S3BlobStorage store =
            S3BlobStorage.open(
                settings, server.credentials(), clock, work.resolve("spool-" + run), 10)) {
          s3[run] = measure(store, blob, digest);
        }
      }
      report("FileBlobStorage", mb, file);
      report("S3BlobStorage (s3proxy, filesystem-nio2, loopback http)", mb, s3);
    }
  }

  /** {@return push and pull seconds} */
  private static double[] measure(BlobStorage store, byte[] blob, Digest digest) throws Exception {
    long start = System.nanoTime();
    BlobStorage.UploadState state = store.startUpload("bench");
    store.append(state.id(), 0, new ByteArrayInputStream(blob), blob.length);
    store.commit(state.id(), digest);
    double push = (System.nanoTime() - start) / 1e9;
    start = System.nanoTime();
    long read;
    try (InputStream in = store.open(digest, 0)) {
      read = in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    double pull = (System.nanoTime() - start) / 1e9;
    if (read != blob.length) {
      throw new IllegalStateException("read " + read + " of " + blob.length + " bytes");
    }
    return new double[] {push, pull};
  }

  private static void report(String name, int mb, double[][] runs) {
    double[] push = Arrays.stream(runs).mapToDouble(r -> r[0]).sorted().toArray();
    double[] pull = Arrays.stream(runs).mapToDouble(r -> r[1]).sorted().toArray();
    double p = push[push.length / 2];
    double q = pull[pull.length / 2];
    System.out.println(
        String.format(
            Locale.ROOT,
            "%s: %d MB push %.2f s (%.0f MB/s), pull %.2f s (%.0f MB/s), median of %d",
            name,
            mb,
            p,
            mb / p,
            q,
            mb / q,
            runs.length));
  }
}
