package dev.drydock.registry;

import static dev.drydock.registry.TestRegistry.header;
import static dev.drydock.registry.TestRegistry.withQuery;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Digest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety: a registry in its own JVM is killed with SIGKILL while a blob is half uploaded;
 * after a restart the blob is not served, the interrupted session is still resumable at the bytes
 * that reached the disk, and a fresh upload of the same blob succeeds.
 */
class CrashIT {
  private static final int SIZE = 8 << 20;

  @TempDir Path data;

  /** A registry JVM and its port. */
  record Child(Process process, int port) {
    URI base() {
      return URI.create("http://127.0.0.1:" + port);
    }
  }

  static Child launch(Path data) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                RegistryMain.class.getName(),
                data.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("LISTENING ")) {
        return new Child(process, Integer.parseInt(line.substring(10).strip()));
      }
    }
    throw new AssertionError("the registry JVM exited with " + process.waitFor());
  }

  @Test
  @Timeout(120)
  void killMidUploadNeverServesAPartialBlob() throws Exception {
    byte[] blob = new byte[SIZE];
    new Random(42).nextBytes(blob);
    Digest digest = TestRegistry.sha256(blob);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    Child first = launch(data);
    String location;
    try {
      HttpResponse<String> post =
          http.send(
              HttpRequest.newBuilder(first.base().resolve("/v2/crash/blobs/uploads/"))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(post.statusCode()).isEqualTo(202);
      location = header(post, "Location");
      String id = location.substring(location.lastIndexOf('/') + 1);
      Path partial = data.resolve("uploads").resolve(id).resolve("data");

      // A monolithic PUT naming the whole blob's digest, of which only half is ever sent.
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), first.port())) {
        OutputStream out = socket.getOutputStream();
        String head =
            "PUT "
                + withQuery(location, "digest=" + digest)
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Length: "
                + SIZE
                + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(blob, 0, SIZE / 2);
        out.flush();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Files.size(partial) < SIZE / 4 && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertThat(Files.size(partial)).isGreaterThan(0);
        first.process().destroyForcibly(); // SIGKILL
        assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      first.process().destroyForcibly();
    }

    assertThat(storedBlobs()).isEmpty();

    Child second = launch(data);
    try {
      URI base = second.base();
      HttpResponse<byte[]> head =
          http.send(
              HttpRequest.newBuilder(base.resolve("/v2/crash/blobs/" + digest))
                  .method("HEAD", HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(head.statusCode()).isEqualTo(404);
      HttpResponse<byte[]> get =
          http.send(
              HttpRequest.newBuilder(base.resolve("/v2/crash/blobs/" + digest)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(get.statusCode()).isEqualTo(404);

      // The interrupted session survived and reports what reached the disk.
      HttpResponse<byte[]> status =
          http.send(
              HttpRequest.newBuilder(base.resolve(location)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(status.statusCode()).isEqualTo(204);
      long kept = Long.parseLong(header(status, "Range").substring(2)) + 1;
      assertThat(kept).isBetween(1L, (long) SIZE / 2);

      // Resuming it with the rest completes the blob, hashed again from disk.
      HttpResponse<byte[]> resumed =
          http.send(
              HttpRequest.newBuilder(base.resolve(withQuery(location, "digest=" + digest)))
                  .header("Content-Range", kept + "-" + (SIZE - 1))
                  .PUT(HttpRequest.BodyPublishers.ofByteArray(blob, (int) kept, SIZE - (int) kept))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(resumed.statusCode()).as(TestRegistry.text(resumed)).isEqualTo(201);

      // A fresh upload of the same blob, in another repository, succeeds too.
      HttpResponse<String> post =
          http.send(
              HttpRequest.newBuilder(base.resolve("/v2/again/blobs/uploads/"))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<byte[]> put =
          http.send(
              HttpRequest.newBuilder(
                      base.resolve(withQuery(header(post, "Location"), "digest=" + digest)))
                  .PUT(HttpRequest.BodyPublishers.ofByteArray(blob))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(put.statusCode()).isEqualTo(201);
      HttpResponse<byte[]> pulled =
          http.send(
              HttpRequest.newBuilder(base.resolve("/v2/again/blobs/" + digest)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(TestRegistry.sha256(pulled.body())).isEqualTo(digest);
      assertThat(storedBlobs()).hasSize(1);
    } finally {
      second.process().destroyForcibly();
      second.process().waitFor(30, TimeUnit.SECONDS);
      http.close();
    }
  }

  @Test
  @Timeout(60)
  void aSecondServerOnTheSameDataIsRefusedWhileTheFirstRuns() throws Exception {
    Child first = launch(data);
    try {
      RegistryConfig config =
          RegistryConfig.insecureLoopback(
              new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
              java.time.Clock.systemUTC());
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> RegistryServer.start(config, data, AccessPolicy.OPEN))
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining("Another process uses the registry data");
    } finally {
      first.process().destroyForcibly();
      first.process().waitFor(30, TimeUnit.SECONDS);
    }
    // The kernel released the dead process's lock: a new server starts.
    Child second = launch(data);
    second.process().destroyForcibly();
    second.process().waitFor(30, TimeUnit.SECONDS);
  }

  private List<Path> storedBlobs() throws Exception {
    Path blobs = data.resolve("blobs");
    if (!Files.exists(blobs)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(blobs)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }
}
