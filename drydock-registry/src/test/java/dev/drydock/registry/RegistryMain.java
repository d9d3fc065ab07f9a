package dev.drydock.registry;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Runs a plain-HTTP loopback registry in its own JVM, for tests that kill it: {@code RegistryMain
 * DATA_DIR}. Prints {@code LISTENING <port>} once it serves.
 */
public final class RegistryMain {
  private RegistryMain() {}

  public static void main(String[] args) throws Exception {
    RegistryConfig config =
        RegistryConfig.insecureLoopback(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Clock.systemUTC());
    RegistryServer server = RegistryServer.start(config, Path.of(args[0]), AccessPolicy.OPEN);
    System.out.println("LISTENING " + server.address().getPort());
    System.out.flush();
    server.join();
  }
}
