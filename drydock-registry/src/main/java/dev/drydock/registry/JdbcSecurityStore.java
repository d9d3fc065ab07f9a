package dev.drydock.registry;

import dev.drydock.model.Severity;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * {@link SecurityStore} over {@link JdbcDatabase} (H2 or PostgreSQL). Members go with their account
 * or project and robots with their project through {@code ON DELETE CASCADE}; times are stored as
 * seconds and nanoseconds so they read back exactly.
 */
final class JdbcSecurityStore implements SecurityStore {
  private static final String ACCOUNT_COLUMNS =
      "name, kind, secret_hash, admin, disabled, created_s, created_n, expires_s, expires_n,"
          + " robot_project, robot_permissions";

  private final JdbcDatabase db;

  JdbcSecurityStore(JdbcDatabase db) {
    this.db = db;
  }

  @Override
  public void createAccount(Account a) throws RegistryException {
    // Refuses anything but a hash, so a clear-text password cannot be stored by mistake.
    PasswordHasher.scheme(a.secretHash());
    Instant created = a.created();
    long createdSeconds = created.getEpochSecond();
    int createdNanos = created.getNano();
    Instant expires = a.expires();
    Long expiresSeconds = expires == null ? null : expires.getEpochSecond();
    Integer expiresNanos = expires == null ? null : expires.getNano();
    try {
      db.pool()
          .call(
              c -> {
                try (PreparedStatement s =
                    c.prepareStatement(
                        "INSERT INTO registry_accounts ("
                            + ACCOUNT_COLUMNS
                            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                  s.setString(1, a.name());
                  s.setString(2, a.kind().name());
                  s.setString(3, a.secretHash());
                  s.setBoolean(4, a.admin());
                  s.setBoolean(5, a.disabled());
                  s.setLong(6, createdSeconds);
                  s.setInt(7, createdNanos);
                  s.setObject(8, expiresSeconds, java.sql.Types.BIGINT);
                  s.setObject(9, expiresNanos, java.sql.Types.INTEGER);
                  s.setString(10, a.robotProject());
                  s.setString(11, permissions(a.robotPermissions()));
                  return s.executeUpdate();
                }
              });
    } catch (SQLException e) {
      if (JdbcDatabase.duplicate(e)) {
        throw new RegistryException(
            "An account named " + a.name() + " exists already: choose another name", e);
      }
      if (JdbcDatabase.missingReference(e)) {
        throw new RegistryException(
            "Robot " + a.name() + " names project " + a.robotProject() + ", which does not exist",
            e);
      }
      throw db.failure("create account " + a.name(), e);
    }
  }

  @Override
  public @Nullable Account account(String name) throws RegistryException {
    List<Account> found =
        accounts("SELECT " + ACCOUNT_COLUMNS + " FROM registry_accounts WHERE name = ?", name);
    return found.isEmpty() ? null : found.getFirst();
  }

  @Override
  public List<Account> accounts() throws RegistryException {
    return accounts("SELECT " + ACCOUNT_COLUMNS + " FROM registry_accounts ORDER BY name", null);
  }

  private List<Account> accounts(String sql, @Nullable String name) throws RegistryException {
    try {
      return db.pool()
          .call(
              c -> {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                  if (name != null) {
                    s.setString(1, name);
                  }
                  List<Account> out = new ArrayList<>();
                  try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                      out.add(account(r));
                    }
                  }
                  return out;
                }
              });
    } catch (SQLException e) {
      throw db.failure("read accounts", e);
    }
  }

  private static Account account(ResultSet r) throws SQLException {
    long expiresS = r.getLong(8);
    Instant expires = r.wasNull() ? null : Instant.ofEpochSecond(expiresS, r.getInt(9));
    return new Account(
        r.getString(1),
        AccountKind.valueOf(r.getString(2)),
        r.getString(3),
        r.getBoolean(4),
        r.getBoolean(5),
        Instant.ofEpochSecond(r.getLong(6), r.getInt(7)),
        expires,
        r.getString(10),
        permissions(r.getString(11)));
  }

  @Override
  public boolean setSecret(String name, String secretHash) throws RegistryException {
    PasswordHasher.scheme(secretHash);
    return update("UPDATE registry_accounts SET secret_hash = ? WHERE name = ?", secretHash, name);
  }

  @Override
  public boolean setDisabled(String name, boolean disabled) throws RegistryException {
    return update("UPDATE registry_accounts SET disabled = ? WHERE name = ?", disabled, name);
  }

  @Override
  public boolean deleteAccount(String name) throws RegistryException {
    return update("DELETE FROM registry_accounts WHERE name = ?", name);
  }

  @Override
  public void createProject(Project p) throws RegistryException {
    try {
      db.pool()
          .call(
              c -> {
                try (PreparedStatement s =
                    c.prepareStatement(
                        "INSERT INTO registry_projects (is_public, trust, block_severity,"
                            + " refuse_unscanned, immutable_tags, quota_bytes, name)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                  bindProject(s, p);
                  return s.executeUpdate();
                }
              });
    } catch (SQLException e) {
      if (JdbcDatabase.duplicate(e)) {
        throw new RegistryException(
            "A project named " + p.name() + " exists already: choose another name", e);
      }
      throw db.failure("create project " + p.name(), e);
    }
  }

  @Override
  public boolean updateProject(Project p) throws RegistryException {
    try {
      return db.pool()
          .call(
              c -> {
                try (PreparedStatement s =
                    c.prepareStatement(
                        "UPDATE registry_projects SET is_public = ?, trust = ?, block_severity = ?,"
                            + " refuse_unscanned = ?, immutable_tags = ?, quota_bytes = ?"
                            + " WHERE name = ?")) {
                  bindProject(s, p);
                  return s.executeUpdate() > 0;
                }
              });
    } catch (SQLException e) {
      throw db.failure("update project " + p.name(), e);
    }
  }

  private static void bindProject(PreparedStatement s, Project p) throws SQLException {
    ProjectPolicy policy = p.policy();
    Severity severity = policy.blockSeverity();
    s.setBoolean(1, p.isPublic());
    s.setString(2, policy.trust());
    s.setString(3, severity == null ? null : severity.name());
    s.setBoolean(4, policy.refuseUnscanned());
    s.setBoolean(5, policy.immutableTags());
    s.setLong(6, p.quotaBytes());
    s.setString(7, p.name());
  }

  @Override
  public @Nullable Project project(String name) throws RegistryException {
    List<Project> found = projects(" WHERE name = ?", name);
    return found.isEmpty() ? null : found.getFirst();
  }

  @Override
  public List<Project> projects() throws RegistryException {
    return projects(" ORDER BY name", null);
  }

  private List<Project> projects(String where, @Nullable String name) throws RegistryException {
    try {
      return db.pool()
          .call(
              c -> {
                try (PreparedStatement s =
                    c.prepareStatement(
                        "SELECT name, is_public, trust, block_severity, refuse_unscanned,"
                            + " immutable_tags, quota_bytes FROM registry_projects"
                            + where)) {
                  if (name != null) {
                    s.setString(1, name);
                  }
                  List<Project> out = new ArrayList<>();
                  try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                      String severity = r.getString(4);
                      ProjectPolicy policy =
                          new ProjectPolicy(
                              r.getString(3),
                              severity == null ? null : Severity.valueOf(severity),
                              r.getBoolean(5),
                              r.getBoolean(6));
                      out.add(new Project(r.getString(1), r.getBoolean(2), policy, r.getLong(7)));
                    }
                  }
                  return out;
                }
              });
    } catch (SQLException e) {
      throw db.failure("read projects", e);
    }
  }

  @Override
  public boolean deleteProject(String name) throws RegistryException {
    return update("DELETE FROM registry_projects WHERE name = ?", name);
  }

  @Override
  public void setMember(String project, String account, Role role) throws RegistryException {
    String sql = db.dialect().upsert("registry_members", List.of("project", "account", "role"), 2);
    try {
      db.pool()
          .call(
              c -> {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                  s.setString(1, project);
                  s.setString(2, account);
                  s.setString(3, role.name());
                  return s.executeUpdate();
                }
              });
    } catch (SQLException e) {
      if (JdbcDatabase.missingReference(e)) {
        throw new RegistryException(
            "Cannot make "
                + account
                + " a member of "
                + project
                + ": the account or the project does not exist",
            e);
      }
      throw db.failure("set member " + account + " of " + project, e);
    }
  }

  @Override
  public boolean removeMember(String project, String account) throws RegistryException {
    return update(
        "DELETE FROM registry_members WHERE project = ? AND account = ?", project, account);
  }

  @Override
  public List<Member> members(String project) throws RegistryException {
    try {
      return db.pool()
          .call(
              c -> {
                try (PreparedStatement s =
                    c.prepareStatement(
                        "SELECT account, role FROM registry_members WHERE project = ?"
                            + " ORDER BY account")) {
                  s.setString(1, project);
                  List<Member> out = new ArrayList<>();
                  try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                      out.add(new Member(project, r.getString(1), Role.valueOf(r.getString(2))));
                    }
                  }
                  return out;
                }
              });
    } catch (SQLException e) {
      throw db.failure("read the members of " + project, e);
    }
  }

  @Override
  public @Nullable Role role(String project, String account) throws RegistryException {
    List<Role> roles;
    try {
      roles =
          db.pool()
              .call(
                  c -> {
                    try (PreparedStatement s =
                        c.prepareStatement(
                            "SELECT role FROM registry_members WHERE project = ? AND account = ?")) {
                      s.setString(1, project);
                      s.setString(2, account);
                      List<Role> out = new ArrayList<>();
                      try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                          out.add(Role.valueOf(r.getString(1)));
                        }
                      }
                      return out;
                    }
                  });
    } catch (SQLException e) {
      throw db.failure("read the role of " + account + " in " + project, e);
    }
    return roles.isEmpty() ? null : roles.getFirst();
  }

  /** Runs one update with the given parameters; {@return whether it changed a row} */
  private boolean update(String sql, Object... parameters) throws RegistryException {
    try {
      return db.pool()
          .call(
              c -> {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                  for (int i = 0; i < parameters.length; i++) {
                    s.setObject(i + 1, parameters[i]);
                  }
                  return s.executeUpdate() > 0;
                }
              });
    } catch (SQLException e) {
      throw db.failure("update (" + sql.split(" ", 2)[0].toLowerCase(Locale.ROOT) + ")", e);
    }
  }

  private static String permissions(Set<Role.Permission> permissions) {
    return permissions.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
  }

  private static Set<Role.Permission> permissions(String text) {
    Set<Role.Permission> out = EnumSet.noneOf(Role.Permission.class);
    for (String part : text.split(",", -1)) {
      if (!part.isEmpty()) {
        out.add(Role.Permission.valueOf(part));
      }
    }
    return out;
  }

  @Override
  public void close() {
    db.close();
  }
}
