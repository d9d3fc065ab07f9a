package dev.drydock.pki;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;

/**
 * A TLS echo server on 127.0.0.1 for tests: each connection is served on a virtual thread, which
 * completes the handshake, reads one line, answers with the client's identity and records what
 * happened.
 */
final class TestServer implements AutoCloseable {
  /** What one connection did: the identity and line on success, the failure otherwise. */
  record Outcome(
      @Nullable ClientIdentity identity, @Nullable String line, @Nullable Exception failure) {
    /** {@return the identity, failing the test with the server's error if there is none} */
    ClientIdentity requireIdentity() {
      if (identity == null) {
        throw new AssertionError("the server refused the connection", failure);
      }
      return identity;
    }
  }

  private static final Duration WAIT = Duration.ofSeconds(20);

  private final SSLServerSocket socket;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final BlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();

  private TestServer(SSLServerSocket socket) {
    this.socket = socket;
  }

  static TestServer start(TlsContext context) throws IOException {
    TestServer server =
        new TestServer(
            context.serverSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
    server.executor.execute(server::acceptLoop);
    return server;
  }

  int port() {
    return socket.getLocalPort();
  }

  /** {@return the outcome of the next connection, waiting at most 20 seconds} */
  Outcome next() throws InterruptedException {
    Outcome outcome = outcomes.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    if (outcome == null) {
      throw new AssertionError("the server saw no connection within " + WAIT);
    }
    return outcome;
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        SSLSocket client = (SSLSocket) socket.accept();
        executor.execute(() -> serve(client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(SSLSocket client) {
    try (client) {
      client.setSoTimeout((int) WAIT.toMillis());
      client.startHandshake();
      ClientIdentity identity = ClientIdentity.from(client.getSession());
      var in =
          new BufferedReader(
              new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
      String line = in.readLine();
      Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.UTF_8);
      out.write("hello " + identity.commonName() + " roles=" + identity.roles() + "\n");
      out.flush();
      outcomes.add(new Outcome(identity, line, null));
    } catch (Exception e) {
      outcomes.add(new Outcome(null, null, e));
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
        throw new AssertionError("the test server did not stop within 10 seconds");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while stopping the test server", e);
    }
  }
}
