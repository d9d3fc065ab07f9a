package dev.drydock.pki;

import java.net.Socket;
import java.nio.file.Path;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.jspecify.annotations.Nullable;

/**
 * Offers one key and chain, read from PEM files and re-read when the files change. JSSE picks an
 * alias first and asks for the key and chain later, so aliases name a certificate: a handshake that
 * chose the old certificate just before a rotation still gets the matching old key.
 */
final class ReloadingKeyManager extends X509ExtendedKeyManager {
  private final Reloadable<KeyMaterial> material;

  private ReloadingKeyManager(Reloadable<KeyMaterial> material) {
    this.material = material;
  }

  static ReloadingKeyManager load(Path keyFile, Path chainFile, Duration interval, Clock clock)
      throws PkiException {
    return new ReloadingKeyManager(
        Reloadable.load(
            List.of(keyFile, chainFile),
            () -> KeyMaterial.read(keyFile, chainFile),
            interval,
            clock));
  }

  @Override
  public String @Nullable [] getClientAliases(String keyType, Principal @Nullable [] issuers) {
    return aliases(keyType);
  }

  @Override
  public @Nullable String chooseClientAlias(
      String[] keyTypes, Principal @Nullable [] issuers, @Nullable Socket socket) {
    return choose(keyTypes);
  }

  @Override
  public @Nullable String chooseEngineClientAlias(
      String[] keyTypes, Principal @Nullable [] issuers, @Nullable SSLEngine engine) {
    return choose(keyTypes);
  }

  @Override
  public String @Nullable [] getServerAliases(String keyType, Principal @Nullable [] issuers) {
    return aliases(keyType);
  }

  @Override
  public @Nullable String chooseServerAlias(
      String keyType, Principal @Nullable [] issuers, @Nullable Socket socket) {
    return choose(keyType);
  }

  @Override
  public @Nullable String chooseEngineServerAlias(
      String keyType, Principal @Nullable [] issuers, @Nullable SSLEngine engine) {
    return choose(keyType);
  }

  @Override
  public X509Certificate @Nullable [] getCertificateChain(String alias) {
    KeyMaterial found = find(alias);
    return found == null ? null : found.chain();
  }

  @Override
  public @Nullable PrivateKey getPrivateKey(String alias) {
    KeyMaterial found = find(alias);
    return found == null ? null : found.key();
  }

  private @Nullable String choose(String... keyTypes) {
    KeyMaterial current = material.current();
    for (String keyType : keyTypes) {
      if (current.serves(keyType)) {
        return current.alias();
      }
    }
    return null;
  }

  private String @Nullable [] aliases(String keyType) {
    String alias = choose(keyType);
    return alias == null ? null : new String[] {alias};
  }

  private @Nullable KeyMaterial find(String alias) {
    KeyMaterial current = material.peek();
    if (current.alias().equals(alias)) {
      return current;
    }
    KeyMaterial previous = material.previous();
    return previous != null && previous.alias().equals(alias) ? previous : null;
  }
}
