package dev.drydock.pki;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Who is on the other end of a mutually authenticated TLS connection, as its verified certificate
 * says.
 *
 * @param commonName the subject CN
 * @param sans the subject alternative names
 * @param roles the subject OUs, in order: drydock's roles or groups
 * @param serial the certificate serial, e.g. to look it up in the CA's list
 * @param notAfter when the certificate expires
 */
public record ClientIdentity(
    String commonName,
    List<SubjectAltName> sans,
    List<String> roles,
    SerialNumber serial,
    Instant notAfter) {

  /** Checks the parts are present. */
  public ClientIdentity {
    Objects.requireNonNull(commonName, "commonName");
    sans = List.copyOf(sans);
    roles = List.copyOf(roles);
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(notAfter, "notAfter");
  }

  /** {@return the identity in a certificate} */
  public static ClientIdentity of(X509Certificate certificate) {
    var subject = certificate.getSubjectX500Principal();
    return new ClientIdentity(
        Certificates.firstAttribute(subject, BCStyle.CN),
        Certificates.sans(certificate),
        Certificates.attribute(subject, BCStyle.OU),
        new SerialNumber(certificate.getSerialNumber()),
        certificate.getNotAfter().toInstant());
  }

  /**
   * {@return the identity of the peer of a session whose handshake verified the peer's chain}
   *
   * @throws PkiException when the peer presented no certificate, which a {@link TlsContext} server
   *     never allows
   */
  public static ClientIdentity from(SSLSession session) throws PkiException {
    try {
      Certificate[] chain = session.getPeerCertificates();
      if (chain.length > 0 && chain[0] instanceof X509Certificate leaf) {
        return of(leaf);
      }
    } catch (SSLPeerUnverifiedException e) {
      throw new PkiException(
          "The TLS peer "
              + session.getPeerHost()
              + " presented no certificate; "
              + "require client certificates (TlsContext.sslParameters does).",
          e);
    }
    throw new PkiException("The TLS peer " + session.getPeerHost() + " sent no X.509 certificate.");
  }
}
