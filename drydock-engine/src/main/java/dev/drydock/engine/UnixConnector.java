package dev.drydock.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * Connects over a Unix domain socket. A Unix {@link SocketChannel} has no {@code SO_TIMEOUT}, so
 * the channel is non-blocking and each read or write waits on a {@link Selector} with the timeout.
 */
final class UnixConnector implements Connector {
  private final Path socket;
  private final EngineOptions options;

  UnixConnector(Path socket, EngineOptions options) {
    this.socket = socket;
    this.options = options;
  }

  @Override
  public Connection open() throws IOException {
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    Selector selector = Selector.open();
    try {
      channel.configureBlocking(false);
      SelectionKey key = channel.register(selector, 0);
      if (!channel.connect(UnixDomainSocketAddress.of(socket))) {
        await(selector, key, SelectionKey.OP_CONNECT, options.connectTimeoutMillis(), "connect");
        channel.finishConnect();
      }
      return new UnixConnection(channel, selector, key, options.readTimeoutMillis());
    } catch (IOException | RuntimeException e) {
      selector.close();
      channel.close();
      throw e;
    }
  }

  @Override
  public String hostHeader() {
    // Docker ignores the host of a Unix socket request, but HTTP/1.1 requires the field.
    return "localhost";
  }

  static void await(Selector selector, SelectionKey key, int ops, int timeoutMillis, String what)
      throws IOException {
    key.interestOps(ops);
    int ready = selector.select(timeoutMillis);
    selector.selectedKeys().clear();
    if (ready == 0) {
      throw new SocketTimeoutException(what + " timed out after " + timeoutMillis + " ms");
    }
  }

  /** A non-blocking channel presented as blocking streams with timeouts. */
  private static final class UnixConnection implements Connection {
    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    private final int timeoutMillis;
    private final InputStream input = new ChannelInput();
    private final OutputStream output = new ChannelOutput();

    UnixConnection(SocketChannel channel, Selector selector, SelectionKey key, int timeoutMillis) {
      this.channel = channel;
      this.selector = selector;
      this.key = key;
      this.timeoutMillis = timeoutMillis;
    }

    @Override
    public InputStream input() {
      return input;
    }

    @Override
    public OutputStream output() {
      return output;
    }

    @Override
    public void close() throws IOException {
      try (selector) {
        channel.close();
      }
    }

    private final class ChannelInput extends BulkInputStream {
      @Override
      int readSome(byte[] b, int off, int len) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
        while (true) {
          int n = channel.read(buffer);
          if (n != 0) {
            return n;
          }
          await(selector, key, SelectionKey.OP_READ, timeoutMillis, "read");
        }
      }
    }

    private final class ChannelOutput extends OutputStream {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
        while (buffer.hasRemaining()) {
          if (channel.write(buffer) == 0) {
            await(selector, key, SelectionKey.OP_WRITE, timeoutMillis, "write");
          }
        }
      }
    }
  }
}
