package dev.drydock.registry;

import dev.drydock.model.InvalidValueException;
import dev.drydock.model.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Accounts, projects and members: who may use the registry and what they may do. Embedded by
 * default (one database file under the data directory), PostgreSQL for several registry nodes;
 * every implementation extends the contract test suite {@code SecurityStoreContract}.
 *
 * <p>Secrets are stored only as password hashes ({@link Account#secretHash()}, in the encoded form
 * of {@code PasswordHasher}); nothing here ever holds a clear-text password.
 */
public interface SecurityStore extends AutoCloseable {

  /**
   * Creates an account.
   *
   * @throws RegistryException when an account of that name exists, or the store fails
   */
  void createAccount(Account account) throws RegistryException;

  /** {@return the account, or null when there is none of that name} */
  @Nullable Account account(String name) throws RegistryException;

  /** {@return every account, sorted by name} */
  List<Account> accounts() throws RegistryException;

  /** Replaces an account's secret hash; {@return whether the account exists} */
  boolean setSecret(String name, String secretHash) throws RegistryException;

  /** Enables or disables an account; {@return whether the account exists} */
  boolean setDisabled(String name, boolean disabled) throws RegistryException;

  /** Deletes an account and its memberships; {@return whether it existed} */
  boolean deleteAccount(String name) throws RegistryException;

  /**
   * Creates a project.
   *
   * @throws RegistryException when a project of that name exists, or the store fails
   */
  void createProject(Project project) throws RegistryException;

  /** Replaces a project's settings; {@return whether the project exists} */
  boolean updateProject(Project project) throws RegistryException;

  /** {@return the project, or null} */
  @Nullable Project project(String name) throws RegistryException;

  /** {@return every project, sorted by name} */
  List<Project> projects() throws RegistryException;

  /**
   * Deletes a project, its members and its robots; {@return whether it existed}. Its repositories
   * are not touched: the caller refuses to delete a project that still holds images.
   */
  boolean deleteProject(String name) throws RegistryException;

  /** Gives {@code account} {@code role} in {@code project}, replacing an earlier role. */
  void setMember(String project, String account, Role role) throws RegistryException;

  /** Removes a member; {@return whether it was one} */
  boolean removeMember(String project, String account) throws RegistryException;

  /** {@return the members of a project, sorted by account name} */
  List<Member> members(String project) throws RegistryException;

  /** {@return the account's role in the project, or null when it is not a member} */
  @Nullable Role role(String project, String account) throws RegistryException;

  /** Releases connections; the store is unusable afterwards. */
  @Override
  void close() throws RegistryException;

  /** Account names: lower-case, as Harbor's; robots add {@code robot$project+}. */
  Pattern USER_NAME = Pattern.compile("[a-z0-9]([a-z0-9._-]{0,62}[a-z0-9])?");

  /** Project names: one path component of a repository name. */
  Pattern PROJECT_NAME = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");

  /** What kind of account. */
  enum AccountKind {
    /** A person, who logs in with a password. */
    USER,
    /** A machine (CI job, deploy agent) with a generated secret, bound to one project. */
    ROBOT
  }

  /**
   * An account.
   *
   * @param name the account name (for robots {@code robot$<project>+<name>})
   * @param kind user or robot
   * @param secretHash the password or robot secret, hashed ({@code PasswordHasher} format)
   * @param admin whether it is a system administrator (every permission everywhere)
   * @param disabled whether logins are refused
   * @param created when it was created
   * @param expires when a robot stops working, or null for never
   * @param robotProject the project a robot belongs to, null for users
   * @param robotPermissions what a robot may do in its project; empty for users
   */
  record Account(
      String name,
      AccountKind kind,
      String secretHash,
      boolean admin,
      boolean disabled,
      Instant created,
      @Nullable Instant expires,
      @Nullable String robotProject,
      Set<Role.Permission> robotPermissions) {
    /** Checks the name fits the kind and that only robots belong to a project. */
    public Account {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(secretHash, "secretHash");
      Objects.requireNonNull(created, "created");
      robotPermissions = Set.copyOf(robotPermissions);
      switch (kind) {
        case USER -> {
          if (!USER_NAME.matcher(name).matches()) {
            throw new InvalidValueException(
                "user name",
                name,
                "use 1-64 lower-case letters, digits, '.', '_' or '-', starting and ending with a"
                    + " letter or digit");
          }
          if (robotProject != null || !robotPermissions.isEmpty() || expires != null) {
            throw new InvalidValueException(
                "user " + name, "robot fields", "users have no project, permissions or expiry");
          }
        }
        case ROBOT -> {
          if (robotProject == null || !name.equals(robotName(robotProject, name))) {
            throw new InvalidValueException(
                "robot name", name, "robots are named robot$<project>+<name>");
          }
          if (admin) {
            throw new InvalidValueException(
                "robot " + name, "admin", "robots cannot be administrators");
          }
        }
      }
    }

    /** {@return whether the account can log in at {@code now}: enabled and not expired} */
    public boolean active(Instant now) {
      return !disabled && (expires == null || now.isBefore(expires));
    }

    /** Never prints the hash. */
    @Override
    public String toString() {
      return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + name;
    }
  }

  /**
   * {@return the full robot name {@code robot$project+short}} for a robot name given in either
   * form; used to check robot account names.
   */
  static String robotName(String project, String name) {
    String prefix = "robot$" + project + "+";
    String shortName = name.startsWith(prefix) ? name.substring(prefix.length()) : name;
    if (!PROJECT_NAME.matcher(project).matches() || !USER_NAME.matcher(shortName).matches()) {
      throw new InvalidValueException(
          "robot name", name, "robots are named robot$<project>+<name> with lower-case parts");
    }
    return prefix + shortName;
  }

  /**
   * A project: a repository namespace ({@code project/...}) and its policies.
   *
   * @param name the project name, the first component of its repositories' names
   * @param isPublic whether anyone, even anonymous clients, may pull
   * @param policy the gates applied to its images
   * @param quotaBytes the most bytes its repositories may store, or -1 for no limit
   */
  record Project(String name, boolean isPublic, ProjectPolicy policy, long quotaBytes) {
    /** Checks the name and quota. */
    public Project {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(policy, "policy");
      if (!PROJECT_NAME.matcher(name).matches() || name.length() > 64) {
        throw new InvalidValueException(
            "project name",
            name,
            "use lower-case letters and digits, separated by '.', '_', '__' or '-' (at most 64)");
      }
      if (quotaBytes < -1) {
        throw new InvalidValueException(
            "quota of project " + name, Long.toString(quotaBytes), "use -1 for no limit");
      }
    }
  }

  /**
   * The gates of a project.
   *
   * @param trust the trust policy pulls must satisfy: null for none, {@code dev} or {@code prod}
   *     for a valid signature by a key of that environment (see {@code drydock key})
   * @param blockSeverity pulls are refused when the image has a vulnerability at or above this
   *     severity; null for no vulnerability gate
   * @param refuseUnscanned with a severity gate, whether images not yet scanned are refused too
   * @param immutableTags whether a tag, once pushed, can neither move nor be deleted
   */
  record ProjectPolicy(
      @Nullable String trust,
      @Nullable Severity blockSeverity,
      boolean refuseUnscanned,
      boolean immutableTags) {
    /** No gates. */
    public static final ProjectPolicy NONE = new ProjectPolicy(null, null, false, false);

    /** What a production project gets: prod signatures, no critical findings, fixed tags. */
    public static final ProjectPolicy PROD =
        new ProjectPolicy("prod", Severity.CRITICAL, true, true);

    /** Checks the trust policy name. */
    public ProjectPolicy {
      if (trust != null && !trust.equals("dev") && !trust.equals("prod")) {
        throw new InvalidValueException("trust policy", trust, "use dev or prod");
      }
    }
  }

  /**
   * A project member.
   *
   * @param project the project
   * @param account the member's account name
   * @param role its role
   */
  record Member(String project, String account, Role role) {
    /** Checks the parts are present. */
    public Member {
      Objects.requireNonNull(project, "project");
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(role, "role");
    }
  }
}
