package dev.drydock.trust;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.bouncycastle.bcpg.BCPGOutputStream;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPOnePassSignatureList;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

/** Rewrites OpenPGP messages for negative tests. */
final class OpenPgpTestMessages {
  private OpenPgpTestMessages() {}

  /** {@return the message with one payload byte changed, the signature packets kept} */
  static byte[] flipLiteralByte(byte[] message) throws Exception {
    BcPGPObjectFactory outer = new BcPGPObjectFactory(message);
    PGPCompressedData compressed = (PGPCompressedData) outer.nextObject();
    BcPGPObjectFactory inner = new BcPGPObjectFactory(compressed.getDataStream());
    PGPOnePassSignatureList onePass = (PGPOnePassSignatureList) inner.nextObject();
    PGPLiteralData literal = (PGPLiteralData) inner.nextObject();
    byte[] payload = literal.getInputStream().readAllBytes();
    PGPSignatureList signatures = (PGPSignatureList) inner.nextObject();
    payload[payload.length / 2] ^= 0x01;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (BCPGOutputStream packets = new BCPGOutputStream(out)) {
      onePass.get(0).encode(packets);
      try (OutputStream data =
          new PGPLiteralDataGenerator()
              .open(
                  packets,
                  PGPLiteralData.BINARY,
                  "",
                  payload.length,
                  literal.getModificationTime())) {
        data.write(payload);
      }
      signatures.get(0).encode(packets);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }
}
