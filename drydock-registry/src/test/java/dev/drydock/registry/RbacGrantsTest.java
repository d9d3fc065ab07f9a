package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.registry.SecurityStore.Account;
import dev.drydock.registry.SecurityStore.AccountKind;
import dev.drydock.registry.SecurityStore.Project;
import dev.drydock.registry.SecurityStore.ProjectPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RBAC grants over the in-memory store, and the store's own rules. */
class RbacGrantsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final MutableClock clock = new MutableClock(T0);
  private final MemorySecurityStore store = new MemorySecurityStore();
  private final RbacGrants grants = new RbacGrants(store, clock);

  @BeforeEach
  void seed() throws RegistryException {
    store.createProject(new Project("team", false, ProjectPolicy.NONE, -1));
    store.createProject(new Project("pub", true, ProjectPolicy.NONE, -1));
    account("root", true, null, Set.of(), null);
    account("ann", false, null, Set.of(), null);
    account(
        "robot$team+ci", false, "team", Set.of(Role.Permission.PULL), T0.plus(Duration.ofHours(1)));
    store.setMember("team", "ann", Role.MAINTAINER);
  }

  private void account(
      String name,
      boolean admin,
      @Nullable String project,
      Set<Role.Permission> permissions,
      @Nullable Instant expires)
      throws RegistryException {
    store.createAccount(
        new Account(
            name,
            project == null ? AccountKind.USER : AccountKind.ROBOT,
            "hash",
            admin,
            false,
            T0,
            expires,
            project,
            permissions));
  }

  private Set<String> allowed(String subject, String scope) throws TokenException {
    return grants.allowedActions(subject, TokenScope.parse(scope));
  }

  @Test
  void administratorsMayDoEverythingIncludingTheCatalog() throws Exception {
    assertThat(allowed("root", "registry:catalog:*")).containsExactly("*");
    assertThat(allowed("root", "repository:single:push"))
        .containsExactlyInAnyOrder("pull", "push", "delete", "*");
    assertThat(allowed("ann", "registry:catalog:*")).isEmpty();
  }

  @Test
  void membersGetTheirRolesPermissionsAndPublicProjectsArePullableByAnyone() throws Exception {
    assertThat(allowed("ann", "repository:team/app:pull,push,delete"))
        .containsExactlyInAnyOrder("pull", "push", "delete", "*");
    assertThat(allowed("ann", "repository:pub/tool:push")).containsExactly("pull");
    assertThat(allowed("", "repository:pub/tool:pull")).containsExactly("pull");
    assertThat(allowed("", "repository:team/app:pull")).isEmpty();
    assertThat(allowed("ann", "repository:single:pull")).isEmpty();
    assertThat(allowed("nobody", "repository:pub/tool:pull")).isEmpty();
    store.setMember("team", "ann", Role.GUEST);
    assertThat(allowed("ann", "repository:team/app:push")).containsExactly("pull");
  }

  @Test
  void robotsStayInTheirProjectUntilTheyExpire() throws Exception {
    assertThat(allowed("robot$team+ci", "repository:team/app:pull,push")).containsExactly("pull");
    assertThat(allowed("robot$team+ci", "repository:pub/tool:pull")).isEmpty();
    clock.advance(Duration.ofHours(2));
    assertThat(allowed("robot$team+ci", "repository:team/app:pull")).isEmpty();
  }

  @Test
  void disabledAndDeletedAccountsGetNothing() throws Exception {
    store.setDisabled("ann", true);
    assertThat(allowed("ann", "repository:team/app:pull")).isEmpty();
    assertThat(allowed("ann", "repository:pub/tool:pull")).isEmpty();
    store.setDisabled("ann", false);
    assertThat(store.deleteAccount("ann")).isTrue();
    assertThat(store.members("team")).isEmpty();
    assertThat(allowed("ann", "repository:team/app:pull")).isEmpty();
  }

  @Test
  void aClosedStoreGrantsNothing() throws Exception {
    store.close();
    assertThat(allowed("root", "repository:team/app:pull")).isEmpty();
    assertThatThrownBy(store::accounts).isInstanceOf(RegistryException.class);
  }

  @Test
  void theMemoryStoreKeepsNamesUniqueAndDeletesRobotsWithTheirProject() throws Exception {
    assertThatThrownBy(() -> account("ann", false, null, Set.of(), null))
        .hasMessageContaining("exists");
    assertThatThrownBy(() -> store.createProject(new Project("team", true, ProjectPolicy.NONE, 1)))
        .hasMessageContaining("exists");
    assertThatThrownBy(() -> store.setMember("nope", "ann", Role.GUEST))
        .hasMessageContaining("nope");
    assertThatThrownBy(() -> store.setMember("team", "ghost", Role.GUEST))
        .hasMessageContaining("ghost");
    assertThatThrownBy(
            () -> account("robot$gone+x", false, "gone", Set.of(Role.Permission.PULL), null))
        .hasMessageContaining("create the project first");
    assertThat(store.setSecret("ann", "new")).isTrue();
    assertThat(store.setSecret("ghost", "new")).isFalse();
    assertThat(store.setDisabled("ghost", true)).isFalse();
    assertThat(store.updateProject(new Project("pub", false, ProjectPolicy.PROD, 10))).isTrue();
    assertThat(store.updateProject(new Project("zzz", false, ProjectPolicy.PROD, 10))).isFalse();
    assertThat(store.project("pub")).extracting(Project::isPublic).isEqualTo(false);
    assertThat(store.projects()).extracting(Project::name).containsExactly("pub", "team");
    assertThat(store.role("team", "ann")).isEqualTo(Role.MAINTAINER);
    assertThat(store.removeMember("team", "ann")).isTrue();
    assertThat(store.removeMember("team", "ann")).isFalse();
    assertThat(store.deleteProject("team")).isTrue();
    assertThat(store.account("robot$team+ci")).isNull();
    assertThat(store.deleteProject("team")).isFalse();
    assertThat(store.accounts()).extracting(Account::name).containsExactly("ann", "root");
  }
}
