package dev.drydock.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Digest;
import dev.drydock.model.ImageRef;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link SignatureStore} implementation must have. */
abstract class SignatureStoreContract {
  static final ImageRef IMAGE = ImageRef.parse("registry.example:5000/team/app:1.0");
  static final Digest DIGEST = Fixtures.sha256("m".getBytes(StandardCharsets.UTF_8));

  abstract SignatureStore store();

  private static ImageSignature pgp(String s) {
    return ImageSignature.openPgp(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void anUnsignedDigestHasNoSignatures() throws Exception {
    assertThat(store().read(IMAGE, DIGEST)).isEmpty();
  }

  @Test
  void appendedSignaturesAreReadBackInOrderPerFormat() throws Exception {
    SignatureStore store = store();
    ImageSignature bundle = ImageSignature.cosignBundle("{}".getBytes(StandardCharsets.UTF_8));
    ImageSignature cosign =
        ImageSignature.cosignSimpleSigning("p".getBytes(StandardCharsets.UTF_8), "c2ln");
    store.append(IMAGE, DIGEST, pgp("dev"));
    store.append(IMAGE, DIGEST, bundle);
    store.append(IMAGE, DIGEST, pgp("prod"));
    store.append(IMAGE, DIGEST, cosign);
    assertThat(store.read(IMAGE, DIGEST)).containsExactly(pgp("dev"), pgp("prod"), cosign, bundle);
  }

  @Test
  void signaturesBelongToTheDigestNotTheTag() throws Exception {
    SignatureStore store = store();
    store.append(IMAGE, DIGEST, pgp("x"));
    assertThat(store.read(ImageRef.parse("registry.example:5000/team/app:other"), DIGEST))
        .containsExactly(pgp("x"));
    assertThat(store.read(IMAGE, Fixtures.sha256(new byte[] {1}))).isEmpty();
    assertThat(store.read(ImageRef.parse("registry.example:5000/team/else:1.0"), DIGEST)).isEmpty();
  }
}
