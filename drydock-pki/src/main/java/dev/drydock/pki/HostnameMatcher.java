package dev.drydock.pki;

import java.net.InetAddress;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;

/**
 * Checks that a server certificate names the host the client connected to, by its DNS or IP subject
 * alternative names; the common name is ignored, as RFC 6125 asks.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6125#section-6.4">RFC 6125, 6.4</a>
 */
final class HostnameMatcher {
  private HostnameMatcher() {}

  /**
   * Checks {@code host} against {@code certificate}.
   *
   * @throws CertificateException naming the host and the names the certificate has
   */
  static void check(String host, X509Certificate certificate) throws CertificateException {
    List<SubjectAltName> sans = Certificates.sans(certificate);
    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    boolean matches =
        SubjectAltName.Ip.looksLikeIp(bare) ? matchesIp(bare, sans) : matchesDns(bare, sans);
    if (!matches) {
      throw new CertificateException(
          PeerVerifier.describe(certificate) + " is not valid for " + host + "; it names " + sans);
    }
  }

  private static boolean matchesIp(String host, List<SubjectAltName> sans) {
    InetAddress address;
    try {
      address = InetAddress.ofLiteral(host);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return sans.stream()
        .anyMatch(san -> san instanceof SubjectAltName.Ip ip && ip.address().equals(address));
  }

  private static boolean matchesDns(String host, List<SubjectAltName> sans) {
    String name = lower(host.endsWith(".") ? host.substring(0, host.length() - 1) : host);
    for (SubjectAltName san : sans) {
      if (san instanceof SubjectAltName.Dns dns && matches(lower(dns.name()), name)) {
        return true;
      }
    }
    return false;
  }

  /** A wildcard stands for exactly one whole, non-empty left-most label. */
  private static boolean matches(String pattern, String name) {
    if (!pattern.startsWith("*.")) {
      return pattern.equals(name);
    }
    int dot = name.indexOf('.');
    return dot > 0 && name.substring(dot + 1).equals(pattern.substring(2));
  }

  private static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
