package dev.drydock.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A {@link SecurityStore} held in memory: for ephemeral registries (tests, CI scratch registries)
 * whose accounts need not survive a restart. Thread-safe: every method holds the store's lock, so
 * each call sees and leaves a consistent state.
 */
public final class MemorySecurityStore implements SecurityStore {
  private final Map<String, Account> accounts = new TreeMap<>();
  private final Map<String, Project> projects = new TreeMap<>();
  // project -> account -> role, both sorted so listings come out in name order
  private final Map<String, Map<String, Role>> members = new TreeMap<>();
  private boolean closed;

  /** Creates an empty store. */
  public MemorySecurityStore() {}

  @Override
  public synchronized void createAccount(Account account) throws RegistryException {
    open();
    if (accounts.containsKey(account.name())) {
      throw new RegistryException("Account " + account.name() + " exists; choose another name");
    }
    if (account.robotProject() != null && !projects.containsKey(account.robotProject())) {
      throw new RegistryException(
          "Robot "
              + account.name()
              + " names project "
              + account.robotProject()
              + ", which does"
              + " not exist; create the project first");
    }
    accounts.put(account.name(), account);
  }

  @Override
  public synchronized @Nullable Account account(String name) throws RegistryException {
    open();
    return accounts.get(name);
  }

  @Override
  public synchronized List<Account> accounts() throws RegistryException {
    open();
    return List.copyOf(accounts.values());
  }

  @Override
  public synchronized boolean setSecret(String name, String secretHash) throws RegistryException {
    open();
    Account a = accounts.get(name);
    if (a == null) {
      return false;
    }
    accounts.put(
        name,
        new Account(
            a.name(),
            a.kind(),
            secretHash,
            a.admin(),
            a.disabled(),
            a.created(),
            a.expires(),
            a.robotProject(),
            a.robotPermissions()));
    return true;
  }

  @Override
  public synchronized boolean setDisabled(String name, boolean disabled) throws RegistryException {
    open();
    Account a = accounts.get(name);
    if (a == null) {
      return false;
    }
    accounts.put(
        name,
        new Account(
            a.name(),
            a.kind(),
            a.secretHash(),
            a.admin(),
            disabled,
            a.created(),
            a.expires(),
            a.robotProject(),
            a.robotPermissions()));
    return true;
  }

  @Override
  public synchronized boolean deleteAccount(String name) throws RegistryException {
    open();
    if (accounts.remove(name) == null) {
      return false;
    }
    members.values().forEach(m -> m.remove(name));
    return true;
  }

  @Override
  public synchronized void createProject(Project project) throws RegistryException {
    open();
    if (projects.containsKey(project.name())) {
      throw new RegistryException("Project " + project.name() + " exists; choose another name");
    }
    projects.put(project.name(), project);
  }

  @Override
  public synchronized boolean updateProject(Project project) throws RegistryException {
    open();
    if (!projects.containsKey(project.name())) {
      return false;
    }
    projects.put(project.name(), project);
    return true;
  }

  @Override
  public synchronized @Nullable Project project(String name) throws RegistryException {
    open();
    return projects.get(name);
  }

  @Override
  public synchronized List<Project> projects() throws RegistryException {
    open();
    return List.copyOf(projects.values());
  }

  @Override
  public synchronized boolean deleteProject(String name) throws RegistryException {
    open();
    if (projects.remove(name) == null) {
      return false;
    }
    members.remove(name);
    accounts.values().removeIf(a -> name.equals(a.robotProject()));
    return true;
  }

  @Override
  public synchronized void setMember(String project, String account, Role role)
      throws RegistryException {
    open();
    if (!projects.containsKey(project)) {
      throw new RegistryException("Project " + project + " does not exist; create it first");
    }
    if (!accounts.containsKey(account)) {
      throw new RegistryException("Account " + account + " does not exist; create it first");
    }
    members.computeIfAbsent(project, p -> new TreeMap<>()).put(account, role);
  }

  @Override
  public synchronized boolean removeMember(String project, String account)
      throws RegistryException {
    open();
    Map<String, Role> m = members.get(project);
    return m != null && m.remove(account) != null;
  }

  @Override
  public synchronized List<Member> members(String project) throws RegistryException {
    open();
    List<Member> out = new ArrayList<>();
    members.getOrDefault(project, Map.of()).forEach((a, r) -> out.add(new Member(project, a, r)));
    return out;
  }

  @Override
  public synchronized @Nullable Role role(String project, String account) throws RegistryException {
    open();
    return members.getOrDefault(project, Map.of()).get(account);
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  private void open() throws RegistryException {
    if (closed) {
      throw new RegistryException("The security store is closed");
    }
  }
}
