package dev.drydock.trust;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One signature as stored next to an image, before verification: the bytes of a format, plus for
 * cosign simple signing the base64 signature annotation. Carries no trust by itself.
 */
public final class ImageSignature {
  /** The layer annotation that carries a cosign simple-signing signature. */
  public static final String COSIGN_SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";

  private final SignatureFormat format;
  private final byte[] bytes;
  private final @Nullable String annotation;

  private ImageSignature(SignatureFormat format, byte[] bytes, @Nullable String annotation) {
    this.format = format;
    this.bytes = bytes.clone();
    this.annotation = annotation;
  }

  /** {@return a cosign bundle (the JSON document)} */
  public static ImageSignature cosignBundle(byte[] bundleJson) {
    return new ImageSignature(SignatureFormat.COSIGN_BUNDLE, bundleJson, null);
  }

  /** {@return a cosign simple-signing layer: its payload and its signature annotation} */
  public static ImageSignature cosignSimpleSigning(byte[] payload, String base64Signature) {
    Objects.requireNonNull(base64Signature, "base64Signature");
    return new ImageSignature(SignatureFormat.COSIGN_SIMPLE_SIGNING, payload, base64Signature);
  }

  /** {@return an OpenPGP simple signature (the binary OpenPGP message)} */
  public static ImageSignature openPgp(byte[] message) {
    return new ImageSignature(SignatureFormat.OPENPGP_SIMPLE_SIGNING, message, null);
  }

  /** {@return the format} */
  public SignatureFormat format() {
    return format;
  }

  /**
   * {@return a copy of the stored bytes: bundle JSON, simple-signing payload or OpenPGP message}
   */
  public byte[] bytes() {
    return bytes.clone();
  }

  byte[] bytesUnsafe() {
    return bytes;
  }

  /** {@return the base64 signature annotation of a cosign simple-signing layer, else null} */
  public @Nullable String signatureAnnotation() {
    return annotation;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImageSignature other
        && format == other.format
        && Arrays.equals(bytes, other.bytes)
        && Objects.equals(annotation, other.annotation);
  }

  @Override
  public int hashCode() {
    return Objects.hash(format, Arrays.hashCode(bytes), annotation);
  }

  @Override
  public String toString() {
    return "ImageSignature[" + format + ", " + bytes.length + " bytes]";
  }
}
