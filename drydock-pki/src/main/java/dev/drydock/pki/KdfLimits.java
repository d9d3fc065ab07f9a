package dev.drydock.pki;

import java.math.BigInteger;
import java.nio.file.Path;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBEParameter;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * Refuses encrypted keys whose key derivation would burn CPU or memory for minutes: the cost is
 * written in the (attacker-controlled) key file and paid before the passphrase can be checked.
 * drydock writes {@value KeyEncryption#ITERATIONS} PBKDF2 iterations; OpenSSL's default scrypt
 * (N=16384, r=8, p=1) costs 131072.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8018#appendix-A.2">RFC 8018, PBKDF2 params</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7914#section-7.1">RFC 7914, scrypt params</a>
 */
final class KdfLimits {
  /** About five seconds of PBKDF2-HMAC-SHA256 on one core; more is no longer a passphrase KDF. */
  static final long MAX_ITERATIONS = 10_000_000;

  /** scrypt's N × r × p: 2^21 blocks of 128 bytes, 256 MiB of memory at p = 1. */
  static final long MAX_SCRYPT_COST = 1L << 21;

  private static final ASN1ObjectIdentifier SCRYPT =
      new ASN1ObjectIdentifier("1.3.6.1.4.1.11591.4.11");
  private static final ASN1ObjectIdentifier PKCS5 = new ASN1ObjectIdentifier("1.2.840.113549.1.5");

  private KdfLimits() {}

  /**
   * Checks the key derivation of an encrypted PKCS#8 key read from {@code file}.
   *
   * @throws InvalidPemException naming the file and the limit when it costs too much
   */
  static void check(Path file, AlgorithmIdentifier encryption) throws InvalidPemException {
    try {
      ASN1ObjectIdentifier scheme = encryption.getAlgorithm();
      ASN1Encodable parameters = encryption.getParameters();
      if (scheme.equals(PKCSObjectIdentifiers.id_PBES2)) {
        checkPbes2(file, PBES2Parameters.getInstance(parameters).getKeyDerivationFunc());
      } else if (scheme.on(PKCSObjectIdentifiers.pkcs_12PbeIds) || scheme.on(PKCS5)) {
        // PKCS#12 and PBES1 schemes: SEQUENCE { salt, iterations }.
        checkIterations(file, PBEParameter.getInstance(parameters).getIterationCount());
      }
    } catch (RuntimeException e) {
      // BouncyCastle reports malformed ASN.1 with assorted unchecked exceptions.
      throw new InvalidPemException(
          file, "the parameters of its key encryption do not parse: " + e.getMessage(), e);
    }
  }

  private static void checkPbes2(Path file, KeyDerivationFunc kdf) throws InvalidPemException {
    if (kdf.getAlgorithm().equals(PKCSObjectIdentifiers.id_PBKDF2)) {
      checkIterations(file, PBKDF2Params.getInstance(kdf.getParameters()).getIterationCount());
    } else if (kdf.getAlgorithm().equals(SCRYPT)) {
      ASN1Sequence scrypt = ASN1Sequence.getInstance(kdf.getParameters());
      BigInteger cost =
          integer(scrypt, 1).multiply(integer(scrypt, 2)).multiply(integer(scrypt, 3));
      if (cost.compareTo(BigInteger.valueOf(MAX_SCRYPT_COST)) > 0) {
        throw tooCostly(file, "scrypt N × r × p of " + cost, MAX_SCRYPT_COST);
      }
    }
  }

  private static void checkIterations(Path file, BigInteger iterations) throws InvalidPemException {
    if (iterations.compareTo(BigInteger.valueOf(MAX_ITERATIONS)) > 0) {
      throw tooCostly(file, iterations + " key derivation iterations", MAX_ITERATIONS);
    }
  }

  private static BigInteger integer(ASN1Sequence sequence, int index) {
    return ASN1Integer.getInstance(sequence.getObjectAt(index)).getValue();
  }

  private static InvalidPemException tooCostly(Path file, String what, long limit) {
    return new InvalidPemException(
        file,
        "its encryption asks for "
            + what
            + ", more than the limit of "
            + limit
            + " (drydock writes "
            + KeyEncryption.ITERATIONS
            + " PBKDF2 iterations); re-encrypt it with"
            + " 'openssl pkcs8 -topk8 -v2 aes-256-cbc -iter 600000'",
        null);
  }
}
