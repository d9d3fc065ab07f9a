package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.InvalidValueException;
import dev.drydock.model.Severity;
import dev.drydock.registry.SecurityStore.Account;
import dev.drydock.registry.SecurityStore.AccountKind;
import dev.drydock.registry.SecurityStore.Member;
import dev.drydock.registry.SecurityStore.Project;
import dev.drydock.registry.SecurityStore.ProjectPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract every {@link SecurityStore} passes. */
abstract class SecurityStoreContract {
  /** A real Argon2id hash (of "correct horse", made by the argon2 CLI). */
  static final String HASH = PasswordHasherTest.CLI_ARGON2;

  static final Instant T0 = Instant.parse("2026-03-04T05:06:07.123456789Z");

  protected SecurityStore store;

  protected abstract SecurityStore create() throws Exception;

  @BeforeEach
  void createStore() throws Exception {
    store = create();
  }

  @AfterEach
  void closeStore() throws Exception {
    store.close();
  }

  Account existing(String name) throws RegistryException {
    Account account = store.account(name);
    assertThat(account).as(name).isNotNull();
    return java.util.Objects.requireNonNull(account);
  }

  static Account user(String name) {
    return new Account(name, AccountKind.USER, HASH, false, false, T0, null, null, Set.of());
  }

  static Account robot(String project, String name, Instant expires) {
    return new Account(
        SecurityStore.robotName(project, name),
        AccountKind.ROBOT,
        HASH,
        false,
        false,
        T0,
        expires,
        project,
        Set.of(Role.Permission.PULL, Role.Permission.PUSH));
  }

  static Project project(String name) {
    return new Project(name, false, ProjectPolicy.NONE, -1);
  }

  @Test
  void accountsRoundTripExactly() throws Exception {
    Account admin =
        new Account("root", AccountKind.USER, HASH, true, false, T0, null, null, Set.of());
    store.createAccount(admin);
    store.createProject(project("team"));
    Account bot = robot("team", "ci", T0.plus(Duration.ofDays(30)));
    store.createAccount(bot);
    assertThat(store.account("root")).isEqualTo(admin);
    assertThat(store.account("robot$team+ci")).isEqualTo(bot);
    assertThat(store.account("nobody")).isNull();
  }

  @Test
  void duplicatesAreRefused() throws Exception {
    store.createAccount(user("alice"));
    assertThatThrownBy(() -> store.createAccount(user("alice")))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("alice");
    store.createProject(project("team"));
    assertThatThrownBy(() -> store.createProject(project("team")))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("team");
    assertThat(store.accounts()).hasSize(1);
  }

  @Test
  void onlyHashesAreStored() {
    Account clear =
        new Account("bob", AccountKind.USER, "hunter2", false, false, T0, null, null, Set.of());
    assertThatThrownBy(() -> store.createAccount(clear))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void accountsAndProjectsListSortedByName() throws Exception {
    for (String name : List.of("carol", "alice", "bob", "a.b", "a-b")) {
      store.createAccount(user(name));
      store.createProject(project(name.replace('.', '_')));
    }
    assertThat(store.accounts().stream().map(Account::name))
        .containsExactly("a-b", "a.b", "alice", "bob", "carol");
    assertThat(store.projects().stream().map(Project::name))
        .containsExactly("a-b", "a_b", "alice", "bob", "carol");
  }

  @Test
  void secretsAndDisablingChangeOnlyExistingAccounts() throws Exception {
    store.createAccount(user("alice"));
    String other = new PasswordHasher().hash("new".toCharArray());
    assertThat(store.setSecret("alice", other)).isTrue();
    assertThat(store.setSecret("nobody", other)).isFalse();
    assertThat(existing("alice").secretHash()).isEqualTo(other);
    assertThat(store.setDisabled("alice", true)).isTrue();
    assertThat(store.setDisabled("nobody", true)).isFalse();
    Account disabled = existing("alice");
    assertThat(disabled.disabled()).isTrue();
    assertThat(disabled.active(T0)).isFalse();
    assertThat(store.setDisabled("alice", false)).isTrue();
    assertThat(existing("alice").active(T0)).isTrue();
  }

  @Test
  void expiredRobotsAreInactive() throws Exception {
    store.createProject(project("team"));
    store.createAccount(robot("team", "old", T0.plusSeconds(60)));
    Account old = existing("robot$team+old");
    assertThat(old.active(T0)).isTrue();
    assertThat(old.active(T0.plusSeconds(60))).isFalse();
  }

  @Test
  void robotsNeedTheirProject() {
    assertThatThrownBy(() -> store.createAccount(robot("ghost", "ci", T0)))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("ghost");
  }

  @Test
  void projectsRoundTripAndUpdate() throws Exception {
    Project prod = new Project("prod", true, ProjectPolicy.PROD, 1L << 40);
    store.createProject(prod);
    assertThat(store.project("prod")).isEqualTo(prod);
    assertThat(store.project("none")).isNull();
    Project changed =
        new Project("prod", false, new ProjectPolicy("dev", Severity.HIGH, false, false), 5);
    assertThat(store.updateProject(changed)).isTrue();
    assertThat(store.project("prod")).isEqualTo(changed);
    assertThat(store.updateProject(project("none"))).isFalse();
  }

  @Test
  void membersHaveOneRoleAndListSorted() throws Exception {
    store.createProject(project("team"));
    for (String name : List.of("carol", "alice", "bob")) {
      store.createAccount(user(name));
    }
    store.setMember("team", "carol", Role.GUEST);
    store.setMember("team", "alice", Role.DEVELOPER);
    store.setMember("team", "alice", Role.ADMIN);
    store.setMember("team", "bob", Role.MAINTAINER);
    assertThat(store.members("team"))
        .containsExactly(
            new Member("team", "alice", Role.ADMIN),
            new Member("team", "bob", Role.MAINTAINER),
            new Member("team", "carol", Role.GUEST));
    assertThat(store.role("team", "alice")).isEqualTo(Role.ADMIN);
    assertThat(store.role("team", "nobody")).isNull();
    assertThat(store.role("other", "alice")).isNull();
    assertThat(store.removeMember("team", "bob")).isTrue();
    assertThat(store.removeMember("team", "bob")).isFalse();
    assertThat(store.members("team")).hasSize(2);
    assertThat(store.members("other")).isEmpty();
  }

  @Test
  void membersNeedAnAccountAndAProject() throws Exception {
    store.createProject(project("team"));
    store.createAccount(user("alice"));
    assertThatThrownBy(() -> store.setMember("team", "ghost", Role.GUEST))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("ghost");
    assertThatThrownBy(() -> store.setMember("ghost", "alice", Role.GUEST))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("ghost");
  }

  @Test
  void deletingAnAccountRemovesItsMemberships() throws Exception {
    store.createProject(project("team"));
    store.createAccount(user("alice"));
    store.setMember("team", "alice", Role.DEVELOPER);
    assertThat(store.deleteAccount("alice")).isTrue();
    assertThat(store.deleteAccount("alice")).isFalse();
    assertThat(store.account("alice")).isNull();
    assertThat(store.members("team")).isEmpty();
    store.createAccount(user("alice"));
    assertThat(store.role("team", "alice")).isNull();
  }

  @Test
  void deletingAProjectRemovesItsMembersAndRobots() throws Exception {
    store.createProject(project("team"));
    store.createProject(project("keep"));
    store.createAccount(user("alice"));
    store.createAccount(robot("team", "ci", T0.plusSeconds(3600)));
    store.createAccount(robot("keep", "ci", T0.plusSeconds(3600)));
    store.setMember("team", "alice", Role.DEVELOPER);
    store.setMember("keep", "alice", Role.GUEST);
    assertThat(store.deleteProject("team")).isTrue();
    assertThat(store.deleteProject("team")).isFalse();
    assertThat(store.project("team")).isNull();
    assertThat(store.account("robot$team+ci")).isNull();
    assertThat(store.account("robot$keep+ci")).isNotNull();
    assertThat(store.account("alice")).isNotNull();
    assertThat(store.role("keep", "alice")).isEqualTo(Role.GUEST);
    store.createProject(project("team"));
    assertThat(store.members("team")).isEmpty();
  }

  @Test
  void concurrentWritersAllLand() throws Exception {
    store.createProject(project("team"));
    int threads = 4;
    int each = 10;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Void>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < each; i++) {
                    String name = "u" + thread + "-" + i;
                    store.createAccount(user(name));
                    store.setMember("team", name, Role.GUEST);
                    store.setMember("team", name, Role.DEVELOPER);
                  }
                  return null;
                }));
      }
      for (Future<Void> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.accounts()).hasSize(threads * each);
    assertThat(store.members("team"))
        .hasSize(threads * each)
        .allSatisfy(m -> assertThat(m.role()).isEqualTo(Role.DEVELOPER));
  }
}
