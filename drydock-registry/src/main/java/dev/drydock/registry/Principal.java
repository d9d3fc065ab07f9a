package dev.drydock.registry;

import dev.drydock.model.InvalidValueException;
import java.util.Objects;

/**
 * Who made a request, once authenticated. A user logs in with a password, a robot with its secret,
 * and a client certificate issued by the drydock CA identifies the account named by its common
 * name; all three then hold the same project roles. Tokens carry {@link #subject()} as their {@code
 * sub} claim.
 *
 * @param kind how the identity was established
 * @param name the account name: a user name, a robot's full name ({@code robot$project+name}), or
 *     empty for anonymous clients
 */
public record Principal(Kind kind, String name) {

  /** The client that presented no credentials. */
  public static final Principal ANONYMOUS = new Principal(Kind.ANONYMOUS, "");

  /** How a principal was authenticated. */
  public enum Kind {
    /** No credentials. */
    ANONYMOUS,
    /** A user account (password, or a token issued to it). */
    USER,
    /** A robot account (its secret, or a token issued to it). */
    ROBOT,
    /** A client certificate from the drydock CA naming an account. */
    CERTIFICATE
  }

  /** Checks that only anonymous principals have no name. */
  public Principal {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    if ((kind == Kind.ANONYMOUS) != name.isEmpty()) {
      throw new InvalidValueException(
          "principal", kind + ":" + name, "anonymous principals and only they have no name");
    }
  }

  /** {@return the token subject: the account name, empty when anonymous} */
  public String subject() {
    return name;
  }

  /** {@return how logs and audit events show this principal} */
  @Override
  public String toString() {
    return kind == Kind.ANONYMOUS ? "anonymous" : name;
  }
}
