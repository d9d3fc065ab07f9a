package dev.drydock.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Accepts connections on a server socket and hands each to {@code handler} on a virtual thread. */
final class LoopbackServer implements AutoCloseable {
  private final ServerSocket server;
  private final Thread acceptor;

  LoopbackServer(ServerSocket server, Consumer<Socket> handler) {
    this.server = server;
    this.acceptor = Thread.ofVirtual().start(() -> acceptLoop(handler));
  }

  /** {@return a plain server socket on 127.0.0.1 and a free port} */
  static ServerSocket plainSocket() throws IOException {
    return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
  }

  /** {@return the next element of {@code queue}, failing with {@code missing} after 10 seconds} */
  static String next(BlockingQueue<String> queue, String missing) throws InterruptedException {
    String value = queue.poll(10, TimeUnit.SECONDS);
    if (value == null) {
      throw new AssertionError(missing + " within 10 seconds");
    }
    return value;
  }

  int port() {
    return server.getLocalPort();
  }

  private void acceptLoop(Consumer<Socket> handler) {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread.ofVirtual().start(() -> handler.accept(socket));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    acceptor.interrupt();
  }
}
