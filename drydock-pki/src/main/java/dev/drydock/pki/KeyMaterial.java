package dev.drydock.pki;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A private key and the certificate chain that goes with it, checked to belong together. Not a
 * record: it holds a secret and must not print or compare it.
 */
final class KeyMaterial {
  private final String alias;
  private final PrivateKey key;
  private final List<X509Certificate> chain;

  private KeyMaterial(String alias, PrivateKey key, List<X509Certificate> chain) {
    this.alias = alias;
    this.key = key;
    this.chain = List.copyOf(chain);
  }

  /**
   * Reads an unencrypted key and the chain whose first certificate is for that key.
   *
   * @throws PkiException when a file is unreadable or the key does not match the certificate
   */
  static KeyMaterial read(Path keyFile, Path chainFile) throws PkiException {
    PrivateKey key = Pem.readPrivateKey(keyFile, null);
    List<X509Certificate> chain = Pem.readCertificates(chainFile);
    Keys.checkPair(key, chain.getFirst().getPublicKey(), keyFile, chainFile);
    // The serial makes the alias unique per certificate, so a handshake that chose an alias
    // before a rotation still finds the key that matches its chain.
    String alias = "drydock-" + chain.getFirst().getSerialNumber().toString(16);
    return new KeyMaterial(alias, key, chain);
  }

  String alias() {
    return alias;
  }

  PrivateKey key() {
    return key;
  }

  X509Certificate[] chain() {
    return chain.toArray(X509Certificate[]::new);
  }

  /** {@return whether this key serves the JSSE key type, e.g. {@code EC} or {@code RSA}} */
  boolean serves(String keyType) {
    return key.getAlgorithm().equals(keyType);
  }

  @Override
  public String toString() {
    return "KeyMaterial[" + alias + ", " + key.getAlgorithm() + " key]";
  }
}
