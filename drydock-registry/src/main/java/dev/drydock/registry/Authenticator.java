package dev.drydock.registry;

import dev.drydock.registry.SecurityStore.Account;
import dev.drydock.registry.SecurityStore.AccountKind;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.jspecify.annotations.Nullable;

/**
 * Establishes who a client is: by account name and password or robot secret, or by a client
 * certificate from the drydock CA whose common name names the account. Failed logins are counted
 * per account name and client address; after {@link #FREE_FAILURES} the pair waits an exponentially
 * growing time (up to {@link #MAX_BACKOFF}) before the next attempt is even checked. The counters
 * are bounded ({@link #MAX_TRACKED} pairs, least recently used forgotten first).
 *
 * <p>Unknown accounts, disabled or expired accounts and wrong secrets are refused with the same
 * message, and an unknown account is still checked against a dummy hash, so neither the answer nor
 * its timing says whether an account exists.
 */
final class Authenticator {
  static final int FREE_FAILURES = 5;
  static final Duration MAX_BACKOFF = Duration.ofMinutes(15);
  static final int MAX_TRACKED = 10_000;
  static final String REFUSED = "invalid user name or password";

  private final SecurityStore store;
  private final SecretVerifier secrets;
  private final Clock clock;
  private final String dummyHash;
  private final Map<String, Failures> failures =
      new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
          return size() > MAX_TRACKED;
        }
      };

  /** A login that was refused, and whether it was throttled rather than checked. */
  static final class LoginException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean throttled;

    LoginException(String message, boolean throttled) {
      super(message);
      this.throttled = throttled;
    }

    boolean throttled() {
      return throttled;
    }
  }

  private record Failures(int count, Instant until) {}

  Authenticator(SecurityStore store, SecretVerifier secrets, Clock clock) {
    this.store = store;
    this.secrets = secrets;
    this.clock = clock;
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    this.dummyHash = secrets.hash(Base64.getEncoder().encodeToString(random));
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
    String key = name.length() > 200 ? name.substring(0, 200) : name;
    key = key + "\u0000" + remote;
    Instant now = clock.instant();
    synchronized (failures) {
      Failures f = failures.get(key);
      if (f != null && now.isBefore(f.until())) {
        throw new LoginException(
            "too many failed logins; try again after "
                + Duration.between(now, f.until()).toSeconds()
                + " s",
            true);
      }
    }
    Account account = name.length() > 200 ? null : store.account(name);
    boolean valid = secrets.verify(secret, account == null ? dummyHash : account.secretHash());
    if (account == null || !valid || !account.active(now)) {
      synchronized (failures) {
        Failures f = failures.get(key);
        int count = f == null ? 1 : f.count() + 1;
        Instant until = now;
        if (count >= FREE_FAILURES) {
          long seconds = 1L << Math.min(20, count - FREE_FAILURES);
          until = now.plus(Duration.ofSeconds(Math.min(seconds, MAX_BACKOFF.toSeconds())));
        }
        failures.put(key, new Failures(count, until));
      }
      throw new LoginException(REFUSED, false);
    }
    synchronized (failures) {
      failures.remove(key);
    }
    return principalOf(account, false);
  }

  /**
   * {@return the principal a client certificate names, or null when it names no active account} The
   * chain was verified against the drydock CA during the TLS handshake.
   */
  @Nullable Principal certificate(X509Certificate leaf) throws RegistryException {
    String cn = commonName(leaf);
    if (cn == null) {
      return null;
    }
    Account account = store.account(cn);
    if (account == null || !account.active(clock.instant())) {
      return null;
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
