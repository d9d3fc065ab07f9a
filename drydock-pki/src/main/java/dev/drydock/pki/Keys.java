package dev.drydock.pki;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/** Checks on key pairs read from separate files. */
final class Keys {
  private static final byte[] CHALLENGE =
      "drydock: does this private key belong to this certificate?"
          .getBytes(StandardCharsets.US_ASCII);

  private Keys() {}

  /**
   * Checks that {@code privateKey} from {@code keyFile} belongs to {@code publicKey} by signing and
   * verifying a challenge, which works for every key type.
   *
   * @throws PkiException naming both files when they do not belong together
   */
  static void checkPair(PrivateKey privateKey, PublicKey publicKey, Path keyFile, Path certFile)
      throws PkiException {
    String algorithm = KeyAlgorithm.signatureAlgorithm(publicKey);
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(privateKey);
      signer.update(CHALLENGE);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(CHALLENGE);
      if (verifier.verify(signature)) {
        return;
      }
    } catch (GeneralSecurityException e) {
      // fall through: a key of another type cannot sign for this certificate either
    }
    throw new PkiException(
        "The private key in "
            + keyFile
            + " does not belong to the certificate in "
            + certFile
            + "; write both files from the same issue.");
  }
}
