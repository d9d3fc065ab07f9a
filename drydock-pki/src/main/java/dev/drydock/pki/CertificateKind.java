package dev.drydock.pki;

import org.bouncycastle.asn1.x509.KeyPurposeId;

/** What a leaf certificate is for; it decides the extended key usage and the validity limits. */
public enum CertificateKind {
  /** A TLS server: extended key usage serverAuth; 397 days by default, at most 825. */
  SERVER(397, 825),
  /** A TLS client: extended key usage clientAuth; 365 days by default, at most 825. */
  CLIENT(365, 825);

  private final int defaultDays;
  private final int maxDays;

  CertificateKind(int defaultDays, int maxDays) {
    this.defaultDays = defaultDays;
    this.maxDays = maxDays;
  }

  /** {@return the validity in days used when a request names none} */
  public int defaultDays() {
    return defaultDays;
  }

  /** {@return the longest validity in days a request may ask for} */
  public int maxDays() {
    return maxDays;
  }

  /** {@return the extended key usage this kind of certificate carries} */
  KeyPurposeId purpose() {
    return switch (this) {
      case SERVER -> KeyPurposeId.id_kp_serverAuth;
      case CLIENT -> KeyPurposeId.id_kp_clientAuth;
    };
  }

  /** {@return the dotted OID of {@link #purpose()}, as {@code X509Certificate} reports it} */
  String purposeOid() {
    return purpose().getId();
  }
}
