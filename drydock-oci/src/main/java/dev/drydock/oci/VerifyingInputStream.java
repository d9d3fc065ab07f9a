package dev.drydock.oci;

import dev.drydock.model.Digest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Hashes what passes through and, at the end of the stream, compares with the expected digest and
 * size; a mismatch surfaces as an {@link OciIOException} carrying a {@link
 * DigestMismatchException}. Reading past the expected size fails at once, so a blob that is larger
 * than its descriptor says cannot fill the disk.
 */
final class VerifyingInputStream extends FilterInputStream {
  private final Digest expected;
  private final long expectedSize;
  private final String what;
  private final MessageDigest hash;
  private long count;
  private boolean checked;

  /**
   * @param expectedSize the size the descriptor promised, or -1 when unknown
   */
  VerifyingInputStream(InputStream in, Digest expected, long expectedSize, String what) {
    super(in);
    this.expected = expected;
    this.expectedSize = expectedSize;
    this.what = what;
    this.hash = newDigest(expected.algorithm());
  }

  static MessageDigest newDigest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm.equals("sha512") ? "SHA-512" : "SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256 and SHA-512", e);
    }
  }

  static Digest digestOf(MessageDigest md, String algorithm) {
    return new Digest(algorithm, java.util.HexFormat.of().formatHex(md.digest()));
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n < 0) {
      finish();
      return -1;
    }
    hash.update(b, off, n);
    count += n;
    if (expectedSize >= 0 && count > expectedSize) {
      throw new OciIOException(
          new DigestMismatchException(
              what + " (larger than its declared " + expectedSize + " bytes)",
              expected,
              digestOf(hash, expected.algorithm())));
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipped bytes must still be hashed.
    byte[] buf = new byte[8192];
    long done = 0;
    while (done < n) {
      int r = read(buf, 0, (int) Math.min(buf.length, n - done));
      if (r < 0) {
        break;
      }
      done += r;
    }
    return done;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void finish() throws IOException {
    if (checked) {
      return;
    }
    checked = true;
    Digest actual = digestOf(hash, expected.algorithm());
    if (!actual.equals(expected) || (expectedSize >= 0 && count != expectedSize)) {
      throw new OciIOException(new DigestMismatchException(what, expected, actual));
    }
  }
}
