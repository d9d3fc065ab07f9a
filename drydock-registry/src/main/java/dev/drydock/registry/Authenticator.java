package dev.drydock.registry;

import dev.drydock.registry.SecurityStore.Account;
import dev.drydock.registry.SecurityStore.AccountKind;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.jspecify.annotations.Nullable;

/**
 * Establishes who a client is: by account name and password or robot secret, or by a client
 * certificate from the drydock CA whose common name names the account.
 *
 * <p>Throttling: failed logins are counted per account name and client network (the IPv4 address,
 * or the IPv6 /64, since one host usually owns a whole /64), and per account name alone across all
 * networks. After {@link #FREE_FAILURES} (per network) or {@link #ACCOUNT_FREE_FAILURES} (per
 * account) the key waits an exponentially growing time (up to {@link #MAX_BACKOFF}) before the next
 * attempt is even checked. An attempt is counted as a failure under the lock <em>before</em> its
 * secret is verified, and forgiven only when it succeeds, so concurrent guesses cannot all pass the
 * check while the first ones are still being hashed. Both counter maps are bounded ({@link
 * #MAX_TRACKED} keys each, least recently used forgotten first).
 *
 * <p>Verifying a secret runs Argon2id (memory and CPU heavy) even for unknown names, so at most
 * {@code maxVerifications} verifications run at once; a login that finds them all busy is refused
 * at once as {@link LoginException#throttled() throttled} rather than queued.
 *
 * <p>Unknown accounts, disabled or expired accounts and wrong secrets are refused with the same
 * message, and an unknown account is still checked against a dummy hash, so neither the answer nor
 * its timing says whether an account exists.
 */
final class Authenticator {
  static final int FREE_FAILURES = 5;
  static final int ACCOUNT_FREE_FAILURES = 20;
  static final Duration MAX_BACKOFF = Duration.ofMinutes(15);
  static final int MAX_TRACKED = 10_000;
  static final String REFUSED = "invalid user name or password";
  static final String ADMIN_CERTIFICATE =
      "the client certificate names a system administrator, and certificate logins for"
          + " administrators are off (registry auth setting adminCertificates): log in with the"
          + " password instead";
  static final String BUSY = "too many logins are being checked right now; try again in a second";

  /** How long a login waits for a free verification slot before it is refused. */
  private static final long SLOT_WAIT_MILLIS = 200;

  private static final int MAX_NAME = 200;

  private final SecurityStore store;
  private final SecretVerifier secrets;
  private final Clock clock;
  private final String dummyHash;
  private final Semaphore verifications;
  private final boolean adminCertificates;
  private final Map<String, Failures> failures = lru();
  private final Map<String, Failures> accountFailures = lru();

  /** A login that was refused, and whether it was throttled rather than checked. */
  static final class LoginException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean throttled;
    private final long retryAfterSeconds;

    LoginException(String message, boolean throttled) {
      this(message, throttled, 0);
    }

    LoginException(String message, boolean throttled, long retryAfterSeconds) {
      super(message);
      this.throttled = throttled;
      this.retryAfterSeconds = retryAfterSeconds;
    }

    boolean throttled() {
      return throttled;
    }

    /** {@return seconds the client should wait before retrying, at least 1 when throttled} */
    long retryAfterSeconds() {
      return Math.max(1, retryAfterSeconds);
    }
  }

  private record Failures(int count, Instant until) {}

  Authenticator(SecurityStore store, SecretVerifier secrets, Clock clock) {
    this(store, secrets, clock, RegistryConfig.Auth.DEFAULT_MAX_VERIFICATIONS, false);
  }

  /**
   * @param maxVerifications how many secret verifications may run at once
   * @param adminCertificates whether client certificates may name system administrators
   */
  Authenticator(
      SecurityStore store,
      SecretVerifier secrets,
      Clock clock,
      int maxVerifications,
      boolean adminCertificates) {
    this.store = store;
    this.secrets = secrets;
    this.clock = clock;
    this.verifications = new Semaphore(maxVerifications);
    this.adminCertificates = adminCertificates;
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    this.dummyHash = secrets.hash(Base64.getEncoder().encodeToString(random));
  }

  private static Map<String, Failures> lru() {
    return new LinkedHashMap<>(64, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
        return size() > MAX_TRACKED;
      }
    };
  }

  /**
   * Checks a name and secret.
   *
   * @param remote the client's address (without port), part of the throttling key
   * @return the principal
   * @throws LoginException when refused (the message never says why in more detail)
   */
  Principal login(String name, String secret, String remote)
      throws LoginException, RegistryException {
    String accountKey = name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
    String key = accountKey + "\u0000" + network(remote);
    Instant now = clock.instant();
    synchronized (failures) {
      refuseThrottled(key, accountKey, now);
    }
    boolean acquired;
    try {
      acquired = verifications.tryAcquire(SLOT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      acquired = false;
    }
    if (!acquired) {
      throw new LoginException(BUSY, true, 1);
    }
    try {
      synchronized (failures) {
        // Checked again: other attempts may have been counted while this one waited for a slot.
        refuseThrottled(key, accountKey, now);
        count(failures, key, now, FREE_FAILURES);
        count(accountFailures, accountKey, now, ACCOUNT_FREE_FAILURES);
      }
      Account account = name.length() > MAX_NAME ? null : store.account(name);
      boolean valid = secrets.verify(secret, account == null ? dummyHash : account.secretHash());
      if (account == null || !valid || !account.active(now)) {
        throw new LoginException(REFUSED, false);
      }
      synchronized (failures) {
        failures.remove(key);
        accountFailures.remove(accountKey);
      }
      return principalOf(account, false);
    } finally {
      verifications.release();
    }
  }

  private void refuseThrottled(String key, String accountKey, Instant now) throws LoginException {
    Instant until = later(failures.get(key), accountFailures.get(accountKey));
    if (until != null && now.isBefore(until)) {
      long seconds = Math.max(1, Duration.between(now, until).toSeconds());
      throw new LoginException(
          "too many failed logins; try again after " + seconds + " s", true, seconds);
    }
  }

  private static @Nullable Instant later(@Nullable Failures a, @Nullable Failures b) {
    if (a == null) {
      return b == null ? null : b.until();
    }
    return b == null || a.until().isAfter(b.until()) ? a.until() : b.until();
  }

  private static void count(Map<String, Failures> map, String key, Instant now, int free) {
    Failures f = map.get(key);
    int count = f == null ? 1 : f.count() + 1;
    Instant until = now;
    if (count >= free) {
      long seconds = 1L << Math.min(20, count - free);
      until = now.plus(Duration.ofSeconds(Math.min(seconds, MAX_BACKOFF.toSeconds())));
    }
    map.put(key, new Failures(count, until));
  }

  /**
   * {@return the throttling key of a client address} IPv6 addresses are reduced to their /64, IPv4
   * addresses (and anything unparsable) are used as they are.
   */
  static String network(String remote) {
    if (remote.indexOf(':') < 0 || remote.length() > 64) {
      return remote;
    }
    try {
      InetAddress address = InetAddress.ofLiteral(remote);
      if (address instanceof Inet6Address) {
        byte[] bytes = address.getAddress();
        return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
      }
      return address.getHostAddress();
    } catch (IllegalArgumentException e) {
      return remote;
    }
  }

  /**
   * {@return the principal a client certificate names, or null when it names no active account} The
   * chain was verified against the drydock CA during the TLS handshake.
   *
   * @throws LoginException when the certificate names a system administrator and certificate logins
   *     for administrators are not enabled ({@code adminCertificates})
   */
  @Nullable Principal certificate(X509Certificate leaf) throws RegistryException, LoginException {
    String cn = commonName(leaf);
    if (cn == null) {
      return null;
    }
    Account account = store.account(cn);
    if (account == null || !account.active(clock.instant())) {
      return null;
    }
    if (account.admin() && !adminCertificates) {
      throw new LoginException(ADMIN_CERTIFICATE, false);
    }
    return principalOf(account, true);
  }

  /** {@return the account still exists and may log in} */
  @Nullable Account active(String name) throws RegistryException {
    Account account = store.account(name);
    return account != null && account.active(clock.instant()) ? account : null;
  }

  static Principal principalOf(Account account, boolean certificate) {
    if (certificate) {
      return new Principal(Principal.Kind.CERTIFICATE, account.name());
    }
    return new Principal(
        account.kind() == AccountKind.ROBOT ? Principal.Kind.ROBOT : Principal.Kind.USER,
        account.name());
  }

  /** {@return the principal a token subject names: anonymous, robot or user} */
  static Principal principalOf(String subject) {
    if (subject.isEmpty()) {
      return Principal.ANONYMOUS;
    }
    return new Principal(
        subject.startsWith("robot$") ? Principal.Kind.ROBOT : Principal.Kind.USER, subject);
  }

  static @Nullable String commonName(X509Certificate certificate) {
    try {
      LdapName dn = new LdapName(certificate.getSubjectX500Principal().getName());
      for (Rdn rdn : dn.getRdns()) {
        if ("CN".equalsIgnoreCase(rdn.getType()) && rdn.getValue() instanceof String s) {
          return s;
        }
      }
      return null;
    } catch (InvalidNameException e) {
      return null;
    }
  }
}
