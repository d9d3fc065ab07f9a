package dev.drydock.registry;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real S3 API server for tests: s3proxy (org.gaul:s3proxy, copied next to the test classes by the
 * build) in its own JVM, on a random loopback port, with SigV4 authentication and random
 * credentials, storing objects with s3proxy's filesystem-nio2 backend under a temporary folder.
 */
final class S3ProxyServer implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("\\{127\\.0\\.0\\.1:(\\d+)\\}");

  private final Process process;
  private final URI endpoint;
  private final S3Credentials credentials;
  private final List<String> log = new ArrayList<>();

  private S3ProxyServer(Process process, URI endpoint, S3Credentials credentials) {
    this.process = process;
    this.endpoint = endpoint;
    this.credentials = credentials;
  }

  static S3ProxyServer start(Path dir) throws Exception {
    return start(dir, false);
  }

  /**
   * Starts s3proxy; with {@code virtualHost} it serves buckets as {@code <bucket>.s3.localhost}
   * (and path style only through {@code s3.localhost}), see {@link LocalhostSubdomains}.
   */
  static S3ProxyServer start(Path dir, boolean virtualHost) throws Exception {
    URL jar = S3ProxyServer.class.getResource("/s3proxy/s3proxy.jar");
    if (jar == null) {
      throw new IllegalStateException(
          "s3proxy.jar is missing from the test classes: the build's maven-dependency-plugin"
              + " step copies it (run the tests through Maven)");
    }
    S3Credentials credentials =
        new S3Credentials(
            "AK" + UUID.randomUUID().toString().substring(0, 8), UUID.randomUUID().toString());
    Path data = Files.createDirectories(dir.resolve("s3data"));
    Path properties = dir.resolve("s3proxy.properties");
    Files.writeString(
        properties,
        String.join(
            "\n",
            "s3proxy.endpoint=http://127.0.0.1:0",
            "s3proxy.authorization=aws-v4",
            "s3proxy.identity=" + credentials.accessKeyId(),
            "s3proxy.credential=" + credentials.secret(),
            "jclouds.provider=filesystem-nio2",
            "jclouds.filesystem.basedir=" + data,
            "jclouds.identity=unused",
            "jclouds.credential=unused",
            virtualHost ? "s3proxy.virtual-host=s3.localhost" : "",
            ""),
        StandardCharsets.UTF_8);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                java,
                "-Xmx512m",
                "-jar",
                Path.of(jar.toURI()).toString(),
                "--properties",
                properties.toString())
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    List<String> seen = new ArrayList<>();
    String line;
    while ((line = out.readLine()) != null) {
      seen.add(line);
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        S3ProxyServer server =
            new S3ProxyServer(
                process,
                URI.create(
                    (virtualHost ? "http://s3.localhost:" : "http://127.0.0.1:") + m.group(1)),
                credentials);
        Thread.ofVirtual().start(() -> server.drain(out));
        return server;
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("s3proxy exited before listening:\n" + String.join("\n", seen));
  }

  private void drain(BufferedReader out) {
    try {
      String line;
      while ((line = out.readLine()) != null) {
        synchronized (log) {
          if (log.size() < 2000) {
            log.add(line);
          }
        }
      }
    } catch (java.io.IOException e) {
      // the process ended
    }
  }

  URI endpoint() {
    return endpoint;
  }

  S3Credentials credentials() {
    return credentials;
  }

  /** {@return settings for a new bucket, which this creates} */
  S3Settings newBucket(String prefix) throws Exception {
    String bucket = "b-" + UUID.randomUUID().toString().substring(0, 13);
    S3Settings settings = S3Settings.of(endpoint, "us-east-1", bucket, prefix);
    try (S3Client client = new S3Client(settings, credentials, Clock.systemUTC())) {
      client.expect("create bucket", "PUT", "", Map.of(), Map.of(), S3Client.NONE).discard();
    }
    return settings;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "s3proxy at " + endpoint + " (pid " + Objects.toString(process.pid()) + ")";
  }
}
