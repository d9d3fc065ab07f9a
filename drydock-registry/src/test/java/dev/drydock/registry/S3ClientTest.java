package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Retries and error mapping against a loopback HTTP peer that answers from a script: failures a
 * real S3 server cannot be made to produce on demand (503 SlowDown, errors inside 200 answers).
 */
class S3ClientTest {
  private final List<String> answers = new CopyOnWriteArrayList<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger served = new AtomicInteger();
  private final ServerSocket listener;
  @org.junit.jupiter.api.io.TempDir java.nio.file.Path temp;

  S3ClientTest() throws Exception {
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(this::serve);
  }

  @AfterEach
  void stop() throws Exception {
    listener.close();
  }

  private void serve() {
    while (!listener.isClosed()) {
      try (Socket socket = listener.accept()) {
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        String first = in.readLine();
        long length = 0;
        String line;
        while ((line = in.readLine()) != null && !line.isEmpty()) {
          if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
            length = Long.parseLong(line.substring(15).strip());
          }
        }
        in.skip(length);
        requests.add(first);
        int n = served.getAndIncrement();
        String answer = answers.get(Math.min(n, answers.size() - 1));
        String[] parts = answer.split(" ", 2);
        byte[] body = parts.length > 1 ? parts[1].getBytes(StandardCharsets.UTF_8) : new byte[0];
        OutputStream out = socket.getOutputStream();
        out.write(
            ("HTTP/1.1 "
                    + parts[0]
                    + " X\r\nContent-Length: "
                    + body.length
                    + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
      } catch (Exception e) {
        // closed
      }
    }
  }

  private S3Client client(int attempts) {
    S3Settings settings =
        S3Settings.of(
                URI.create("http://127.0.0.1:" + listener.getLocalPort()), "us-east-1", "bkt", "p")
            .withRetries(Duration.ofSeconds(5), attempts);
    return new S3Client(settings, new S3Credentials("AKID", "sekrit"), Clock.systemUTC());
  }

  @Test
  void serverErrorsAreRetriedThenSucceed() throws Exception {
    answers.addAll(
        List.of(
            "503 <Error><Code>SlowDown</Code></Error>",
            "500",
            "200 <ListBucketResult><IsTruncated>false</IsTruncated></ListBucketResult>"));
    try (S3Client client = client(4)) {
      assertThat(new S3Operations(client).list("p/blobs/", null).items()).isEmpty();
    }
    assertThat(requests).hasSize(3).allMatch(r -> r.startsWith("GET /bkt?"));
  }

  @Test
  void retriesAreBounded() throws Exception {
    answers.add("503 <Error><Code>SlowDown</Code><Message>Reduce your rate</Message></Error>");
    try (S3Client client = client(3)) {
      assertThatThrownBy(() -> new S3Operations(client).get("p/blobs/x", 0))
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining("s3://bkt/p/blobs/x")
          .hasMessageContaining("SlowDown")
          .hasMessageContaining("retry later")
          .hasMessageNotContaining("sekrit");
    }
    assertThat(requests).hasSize(3);
  }

  @Test
  void clientErrorsAreNotRetriedAndNameTheRemedy() throws Exception {
    answers.add("403 <Error><Code>AccessDenied</Code></Error>");
    try (S3Client client = client(4)) {
      assertThatThrownBy(() -> new S3Operations(client).put("p/blobs/x", new byte[] {1}))
          .hasMessageContaining("access key AKID lacks the permission");
    }
    assertThat(requests).hasSize(1);
  }

  @Test
  void anErrorInsideA200IsAnError() throws Exception {
    answers.add("200 <Error><Code>InternalError</Code><Message>boom</Message></Error>");
    try (S3Client client = client(1)) {
      assertThatThrownBy(
              () ->
                  new S3Operations(client).completeMultipart("p/uploads/u", "id", List.of("\"e\"")))
          .hasMessageContaining("complete the multipart upload of s3://bkt/p/uploads/u")
          .hasMessageContaining("boom");
    }
  }

  @Test
  void garbageAnswersAndOtherErrorsAreNamed() throws Exception {
    answers.addAll(
        List.of(
            "200 not xml",
            "200 <InitiateMultipartUploadResult/>",
            "404 <Error><Code>NoSuchUpload</Code></Error>",
            "200 <ListMultipartUploadsResult><IsTruncated>true</IsTruncated>"
                + "<NextKeyMarker>k</NextKeyMarker><NextUploadIdMarker>u</NextUploadIdMarker>"
                + "<Upload><Key>k</Key><UploadId>u</UploadId><Initiated>bad</Initiated></Upload>"
                + "</ListMultipartUploadsResult>",
            "200"));
    try (S3Client client = client(1)) {
      S3Operations s3 = new S3Operations(client);
      assertThatThrownBy(() -> s3.list("p/", null)).hasMessageContaining("unreadable XML");
      assertThatThrownBy(() -> s3.createMultipart("p/uploads/x"))
          .hasMessageContaining("without an UploadId");
      assertThatThrownBy(() -> s3.uploadPart("p/uploads/x", "id", 1, writeTemp()))
          .hasMessageContaining("restart the upload");
      assertThatThrownBy(() -> s3.listMultipart("p/uploads/", "a", "b"))
          .hasMessageContaining("bad timestamp");
      assertThatThrownBy(() -> s3.uploadPart("p/uploads/x", "id", 2, writeTemp()))
          .hasMessageContaining("no ETag");
    }
    assertThat(requests.get(3)).contains("key-marker=a").contains("upload-id-marker=b");
  }

  private java.nio.file.Path writeTemp() throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile(temp, "s3part", ".bin");
    java.nio.file.Files.write(file, new byte[] {1, 2, 3});
    return file;
  }

  @Test
  void aCommitWhoseStoreFailsStillEndsTheSession() throws Exception {
    answers.addAll(
        List.of(
            "200 <ListBucketResult><IsTruncated>false</IsTruncated></ListBucketResult>",
            "404",
            "403 <Error><Code>AccessDenied</Code></Error>"));
    S3Settings settings =
        S3Settings.of(
                URI.create("http://127.0.0.1:" + listener.getLocalPort()), "us-east-1", "bkt", "p")
            .withRetries(Duration.ofSeconds(5), 1);
    try (S3BlobStorage store =
        S3BlobStorage.open(
            settings, new S3Credentials("AKID", "sekrit"), Clock.systemUTC(), temp, 10)) {
      BlobStorage.UploadState state = store.startUpload("repo");
      store.append(state.id(), 0, new java.io.ByteArrayInputStream(new byte[] {1, 2}), 10);
      assertThatThrownBy(() -> store.commit(state.id(), TestRegistry.sha256(new byte[] {1, 2})))
          .hasMessageContaining("AccessDenied");
      assertThat(store.upload(state.id())).isNull();
    }
    assertThat(requests).hasSize(3);
    assertThat(requests.get(2)).startsWith("PUT /bkt/p/blobs/sha256/");
  }
}
