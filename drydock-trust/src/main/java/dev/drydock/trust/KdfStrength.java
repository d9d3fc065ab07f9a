package dev.drydock.trust;

/**
 * The scrypt parameter sets a cosign private key file may use. Decryption accepts only these, so a
 * hostile file cannot make drydock spend unbounded memory or time (cosign and go-securesystemslib
 * accept the same three).
 *
 * @see <a
 *     href="https://github.com/secure-systems-lab/go-securesystemslib/blob/main/encrypted/encrypted.go">go-securesystemslib
 *     encrypted</a>
 */
public enum KdfStrength {
  /** N=32768, r=8, p=1: what cosign wrote before the default was raised. */
  LEGACY(32768),
  /** N=65536, r=8, p=1: cosign's default. */
  STANDARD(65536),
  /** N=131072, r=8, p=1: the OWASP recommendation. */
  OWASP(131072);

  /** scrypt block size r, the same for all sets. */
  static final int R = 8;

  /** scrypt parallelism p, the same for all sets. */
  static final int P = 1;

  private final int cost;

  KdfStrength(int cost) {
    this.cost = cost;
  }

  /** {@return the scrypt CPU/memory cost N} */
  public int cost() {
    return cost;
  }

  /** {@return the set with these parameters, or null when drydock does not accept them} */
  static @org.jspecify.annotations.Nullable KdfStrength of(long n, long r, long p) {
    if (r != R || p != P) {
      return null;
    }
    for (KdfStrength s : values()) {
      if (s.cost == n) {
        return s;
      }
    }
    return null;
  }
}
