package dev.drydock.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VulnerableImageTest {
  private static final byte[] CONTENT = "jar bytes".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  private ServerSocket server;
  private final AtomicInteger requests = new AtomicInteger();
  private volatile byte[] served = CONTENT;
  private volatile int status = 200;

  /** A one-request-per-connection HTTP/1.1 server on loopback, enough for the download. */
  @BeforeEach
  void start() throws Exception {
    server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    Thread.ofVirtual()
        .start(
            () -> {
              while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                  serve(s);
                } catch (java.io.IOException closed) {
                  // the test is over
                }
              }
            });
  }

  private void serve(Socket s) throws java.io.IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
      // skip the request line and headers
    }
    requests.incrementAndGet();
    byte[] body = served;
    OutputStream out = s.getOutputStream();
    out.write(
        ("HTTP/1.1 "
                + status
                + " X\r\nContent-Length: "
                + body.length
                + "\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private VulnerableImage.Artifact artifact(byte[] pinned) {
    return new VulnerableImage.Artifact(
        "http://127.0.0.1:" + server.getLocalPort() + "/m/a-1.0.jar",
        VulnerableImage.sha256(pinned));
  }

  @Test
  void download_checksPin_thenReusesTheCachedFile() throws Exception {
    VulnerableImage.Artifact a = artifact(CONTENT);

    Path file = VulnerableImage.download(a, dir);
    Path again = VulnerableImage.download(a, dir);

    assertThat(file).isEqualTo(dir.resolve("a-1.0.jar")).isEqualTo(again);
    assertThat(Files.readAllBytes(file)).isEqualTo(CONTENT);
    assertThat(requests).hasValue(1);
    try (var left = Files.list(dir)) {
      assertThat(left).containsExactly(file);
    }
  }

  @Test
  void download_refusesWrongChecksum_errorStatus_andEmptyBody() {
    VulnerableImage.Artifact other = artifact("other".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> VulnerableImage.download(other, dir))
        .isInstanceOf(CommandFailedException.class)
        .hasMessageContaining("SHA-256 is " + VulnerableImage.sha256(CONTENT));
    status = 404;
    assertThatThrownBy(() -> VulnerableImage.download(artifact(CONTENT), dir))
        .hasMessageContaining("HTTP 404");
    status = 200;
    served = new byte[0];
    assertThatThrownBy(() -> VulnerableImage.download(artifact(CONTENT), dir))
        .hasMessageContaining("with 0 bytes");
    assertThat(dir.resolve("a-1.0.jar")).doesNotExist();
  }

  @Test
  void artifacts_arePinned_andNamedByTheirUrl() {
    assertThat(VulnerableImage.ARTIFACTS)
        .extracting(VulnerableImage.Artifact::fileName)
        .containsExactly("log4j-core-2.14.1.jar", "commons-text-1.9.jar", "lodash-4.17.15.tgz");
    assertThatThrownBy(() -> new VulnerableImage.Artifact("http://x/y", "abc"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void dockerfile_plantsInOrder_deletesTheJarLast_andLabelsTheCacheKey() {
    List<String> lines = VulnerableImage.dockerfile().lines().toList();
    assertThat(lines)
        .containsExactly(
            "FROM " + TestImages.DEBIAN,
            "COPY log4j-core-2.14.1.jar commons-text-1.9.jar shop.war /app/lib/",
            "ADD lodash-4.17.15.tgz /app/node_modules/",
            "RUN mv /app/node_modules/package /app/node_modules/lodash",
            "RUN rm " + VulnerableImage.DELETED,
            "LABEL " + TestImages.KEY_LABEL + "=" + VulnerableImage.KEY);
  }

  @Test
  void war_nestsTheJarUnderWebInfLib() throws Exception {
    byte[] war = VulnerableImage.war(CONTENT);
    List<String> names = new ArrayList<>();
    byte[] nested = null;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(war))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        names.add(e.getName());
        if (e.getName().endsWith(".jar")) {
          nested = zip.readAllBytes();
        }
      }
    }
    assertThat(names).containsExactly("WEB-INF/web.xml", "WEB-INF/lib/log4j-core-2.14.1.jar");
    assertThat(nested).isEqualTo(CONTENT);
    assertThat(VulnerableImage.war(CONTENT)).as("reproducible").isEqualTo(war);
  }
}
