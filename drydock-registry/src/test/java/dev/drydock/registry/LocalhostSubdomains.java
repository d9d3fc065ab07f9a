package dev.drydock.registry;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Test-only name resolution: every {@code *.localhost} name (not {@code localhost} itself, which
 * other tests use as the system resolves it) resolves to 127.0.0.1 (RFC 6761 section 6.3 reserves
 * them for loopback), so that virtual-host-style S3 requests ({@code
 * http://bucket.s3.localhost:port/key}) reach a local s3proxy. Every other name goes to the JDK's
 * resolver. Registered through {@code META-INF/services} in the test resources.
 */
public final class LocalhostSubdomains extends InetAddressResolverProvider {
  @Override
  public InetAddressResolver get(Configuration configuration) {
    InetAddressResolver builtin = configuration.builtinResolver();
    return new InetAddressResolver() {
      @Override
      public Stream<InetAddress> lookupByName(String host, LookupPolicy policy)
          throws UnknownHostException {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".localhost")) {
          return Stream.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}));
        }
        return builtin.lookupByName(host, policy);
      }

      @Override
      public String lookupByAddress(byte[] addr) throws UnknownHostException {
        return builtin.lookupByAddress(addr);
      }
    };
  }

  @Override
  public String name() {
    return "drydock-test-localhost-subdomains";
  }
}
