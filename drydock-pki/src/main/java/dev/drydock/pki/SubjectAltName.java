package dev.drydock.pki;

import dev.drydock.model.InvalidValueException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A subject alternative name: the DNS names, IP addresses and URIs a certificate is valid for.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5280#section-4.2.1.6">RFC 5280, 4.2.1.6</a>
 */
public sealed interface SubjectAltName {

  /**
   * Parses {@code DNS:name}, {@code IP:address} or {@code URI:uri}; a value without a prefix is an
   * IP address when it is an IP literal and a DNS name otherwise.
   *
   * @throws InvalidValueException naming the input when the type is unknown or the value invalid
   */
  static SubjectAltName parse(String text) {
    int colon = text.indexOf(':');
    String prefix = colon < 0 ? "" : text.substring(0, colon).toUpperCase(Locale.ROOT);
    String value = text.substring(colon + 1);
    return switch (prefix) {
      case "DNS" -> new Dns(value);
      case "IP" -> Ip.parse(value);
      case "URI" -> Uri.parse(value);
      default -> parseBare(text);
    };
  }

  /** {@return the value without its type prefix} */
  String value();

  /** {@return the value with its type prefix, e.g. {@code DNS:registry.local}} */
  @Override
  String toString();

  private static SubjectAltName parseBare(String text) {
    if (text.contains(":") && !Ip.looksLikeIpv6(text)) {
      throw new InvalidValueException(
          "subject alternative name",
          text,
          "the type must be DNS:, IP: or URI:, e.g. DNS:registry.local or IP:10.0.0.5");
    }
    return Ip.looksLikeIp(text) ? Ip.parse(text) : new Dns(text);
  }

  /**
   * A DNS name, optionally with a wildcard as its whole first label ({@code *.example.com}).
   *
   * @param name the host name, letters, digits and hyphens in dot-separated labels
   */
  record Dns(String name) implements SubjectAltName {
    private static final Pattern LABELS =
        Pattern.compile(
            "(\\*\\.)?[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
                + "(\\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*");

    /** Rejects empty names, bad characters and labels longer than 63 characters. */
    public Dns {
      Objects.requireNonNull(name, "name");
      if (name.length() > 253 || !LABELS.matcher(name).matches()) {
        throw new InvalidValueException(
            "DNS name",
            name,
            "expected a host name such as registry.local: letters, digits, hyphens and dots");
      }
    }

    @Override
    public String value() {
      return name;
    }

    @Override
    public String toString() {
      return "DNS:" + name;
    }
  }

  /**
   * An IPv4 or IPv6 address.
   *
   * @param address the address; never resolved through DNS
   */
  record Ip(InetAddress address) implements SubjectAltName {
    private static final Pattern DOTTED_QUAD =
        Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");

    /** Checks the address is present. */
    public Ip {
      Objects.requireNonNull(address, "address");
    }

    /**
     * Parses an IP literal: four dotted decimal octets without leading zeros, or IPv6.
     *
     * @throws InvalidValueException naming the input when it is no IP address
     */
    static Ip parse(String text) {
      try {
        if (looksLikeIpv6(text) && !text.contains("%") && !text.startsWith("[")) {
          return new Ip(InetAddress.ofLiteral(text));
        }
        if (DOTTED_QUAD.matcher(text).matches()) {
          return new Ip(Inet4Address.ofLiteral(text));
        }
      } catch (IllegalArgumentException e) {
        // fall through to the message below, which names the input
      }
      throw new InvalidValueException(
          "IP address", text, "expected an IPv4 address such as 10.0.0.5 or an IPv6 address");
    }

    static boolean looksLikeIp(String text) {
      return looksLikeIpv6(text) || text.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    static boolean looksLikeIpv6(String text) {
      return text.chars().filter(c -> c == ':').count() >= 2;
    }

    @Override
    public String value() {
      return address.getHostAddress();
    }

    @Override
    public String toString() {
      return "IP:" + value();
    }
  }

  /**
   * An absolute URI, such as a SPIFFE ID.
   *
   * @param uri the URI, with a scheme and ASCII-only
   */
  record Uri(URI uri) implements SubjectAltName {
    /** Rejects relative and non-ASCII URIs. */
    public Uri {
      Objects.requireNonNull(uri, "uri");
      // Checks the characters itself: URI.toASCIIString() throws a NullPointerException on an
      // unpaired surrogate, which new URI(...) accepts.
      if (!uri.isAbsolute() || !uri.toString().chars().allMatch(c -> c < 0x80)) {
        throw new InvalidValueException(
            "URI", uri.toString(), "expected an absolute ASCII URI such as spiffe://drydock/agent");
      }
    }

    /**
     * Parses an absolute URI.
     *
     * @throws InvalidValueException naming the input when it is no absolute URI
     */
    static Uri parse(String text) {
      try {
        return new Uri(new URI(text));
      } catch (URISyntaxException e) {
        throw new InvalidValueException(
            "URI", text, "expected an absolute URI such as spiffe://drydock/agent");
      }
    }

    @Override
    public String value() {
      return uri.toString();
    }

    @Override
    public String toString() {
      return "URI:" + value();
    }
  }
}
