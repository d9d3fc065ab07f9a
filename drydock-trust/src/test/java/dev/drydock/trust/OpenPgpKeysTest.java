package dev.drydock.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import java.util.List;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyConverter;
import org.junit.jupiter.api.Test;

class OpenPgpKeysTest {

  private static byte[] ring(PGPPublicKey key) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new PGPPublicKeyRing(List.of(key)).encode(out);
    return out.toByteArray();
  }

  @Test
  void weakRsaKeysAreRefused() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    PGPPublicKey key =
        new JcaPGPKeyConverter()
            .getPGPPublicKey(
                PublicKeyPacket.VERSION_4,
                PublicKeyAlgorithmTags.RSA_GENERAL,
                rsa.generateKeyPair().getPublic(),
                Date.from(java.time.Instant.EPOCH));
    assertThatThrownBy(() -> OpenPgpKeys.read("weak.gpg", ring(key), "k", Environment.DEV))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining("weak.gpg")
        .hasMessageContaining("at least 3072 bits");
  }

  @Test
  void otherCurvesAreRefused() throws Exception {
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp384r1"));
    PGPPublicKey key =
        new JcaPGPKeyConverter()
            .getPGPPublicKey(
                PublicKeyPacket.VERSION_4,
                PublicKeyAlgorithmTags.ECDSA,
                ec.generateKeyPair().getPublic(),
                Date.from(java.time.Instant.EPOCH));
    assertThatThrownBy(() -> OpenPgpKeys.read("p384.gpg", ring(key), "k", Environment.DEV))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining("other than P-256");
  }

  @Test
  void readsEveryKeyOfAKeyringWithNumberedNames() throws Exception {
    byte[] a = Fixtures.bytes("/dev/drydock/trust/containers-image/public-key-1.gpg");
    byte[] b = Fixtures.bytes("/dev/drydock/trust/containers-image/public-key-2.gpg");
    byte[] both = new byte[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    List<TrustedKey.OpenPgp> keys = OpenPgpKeys.read("both", both, "team", Environment.PROD);
    assertThat(keys).extracting(k -> k.metadata().name()).containsExactly("team-1", "team-2");
    assertThat(keys)
        .allSatisfy(k -> assertThat(k.metadata().algorithm()).isEqualTo(KeyAlgorithm.RSA_3072));
  }

  @Test
  void notAKeyRingIsRefused() {
    assertThatThrownBy(() -> OpenPgpKeys.read("junk", new byte[] {1, 2, 3}, "k", Environment.DEV))
        .isInstanceOf(KeyFileException.class)
        .hasMessageStartingWith("junk");
  }
}
