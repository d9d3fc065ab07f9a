package dev.drydock.pki;

import java.util.List;

/** The TLS protocol versions an endpoint accepts. */
public enum TlsVersions {
  /** TLS 1.3 only: drydock's default for every channel. */
  TLS_1_3,
  /** TLS 1.3 and 1.2 with ECDHE and AEAD suites only, for peers that cannot do 1.3. */
  TLS_1_2_AND_1_3;

  /** {@return the JSSE protocol names} */
  public List<String> protocols() {
    return switch (this) {
      case TLS_1_3 -> List.of("TLSv1.3");
      case TLS_1_2_AND_1_3 -> List.of("TLSv1.3", "TLSv1.2");
    };
  }
}
