package dev.drydock.registry;

import dev.drydock.registry.SecurityStore.Account;
import dev.drydock.registry.SecurityStore.AccountKind;
import dev.drydock.registry.SecurityStore.Project;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Role-based grants over the {@link SecurityStore}, as Harbor has them: a system administrator may
 * do everything, including {@code registry:catalog:*}; a project member what its {@link Role}
 * permits; a robot what its permissions say, in its own project only; anyone, even anonymous, may
 * pull from a public project. Disabled or expired accounts, and accounts that no longer exist, get
 * nothing. A repository's project is the first component of its name; a repository whose name has a
 * single component belongs to no project and only administrators may use it.
 *
 * <p>A store failure grants nothing (fail closed) and is logged.
 */
public final class RbacGrants implements TokenGrants {
  private static final System.Logger LOG = System.getLogger(RbacGrants.class.getName());

  private final SecurityStore store;
  private final Clock clock;

  /**
   * Creates the grants.
   *
   * @param store accounts, projects and members
   * @param clock decides whether robots have expired
   */
  public RbacGrants(SecurityStore store, Clock clock) {
    this.store = Objects.requireNonNull(store);
    this.clock = Objects.requireNonNull(clock);
  }

  @Override
  public Set<String> allowedActions(String subject, TokenScope requested) {
    try {
      return actions(subject, requested.type(), requested.name());
    } catch (RegistryException | RuntimeException e) {
      LOG.log(Level.WARNING, "RBAC lookup failed, granting nothing: " + e.getMessage(), e);
      return Set.of();
    }
  }

  /** {@return the project of a repository, or null when its name has a single component} */
  static @Nullable String projectOf(String repository) {
    int slash = repository.indexOf('/');
    return slash < 0 ? null : repository.substring(0, slash);
  }

  private Set<String> actions(String subject, String type, String name) throws RegistryException {
    boolean repository = "repository".equals(type);
    if (subject.isEmpty()) {
      return repository && isPublic(projectOf(name)) ? Set.of("pull") : Set.of();
    }
    Account account = store.account(subject);
    if (account == null || !account.active(clock.instant())) {
      return Set.of();
    }
    if (account.admin()) {
      if ("registry".equals(type) && "catalog".equals(name)) {
        return Set.of("*");
      }
      return repository ? actionsOf(EnumSet.allOf(Role.Permission.class)) : Set.of();
    }
    String project = repository ? projectOf(name) : null;
    if (project == null) {
      return Set.of();
    }
    Set<Role.Permission> permissions = EnumSet.noneOf(Role.Permission.class);
    if (account.kind() == AccountKind.ROBOT) {
      if (project.equals(account.robotProject())) {
        permissions.addAll(account.robotPermissions());
      }
      return actionsOf(permissions);
    }
    Role role = store.role(project, account.name());
    if (role != null) {
      permissions.addAll(role.permissions());
    }
    if (isPublic(project)) {
      permissions.add(Role.Permission.PULL);
    }
    return actionsOf(permissions);
  }

  private boolean isPublic(@Nullable String project) throws RegistryException {
    if (project == null) {
      return false;
    }
    Project p = store.project(project);
    return p != null && p.isPublic();
  }

  private static Set<String> actionsOf(Set<Role.Permission> permissions) {
    Set<String> actions = new LinkedHashSet<>();
    for (Role.Permission p : permissions) {
      if (p != Role.Permission.MANAGE) {
        actions.add(p.name().toLowerCase(Locale.ROOT));
      }
    }
    if (actions.containsAll(Set.of("pull", "push", "delete"))) {
      actions.add("*");
    }
    return Set.copyOf(actions);
  }
}
