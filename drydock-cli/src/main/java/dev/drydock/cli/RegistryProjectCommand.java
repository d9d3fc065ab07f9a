package dev.drydock.cli;

import dev.drydock.registry.FileMetadataStore;
import dev.drydock.registry.MetadataStore;
import dev.drydock.registry.RegistryException;
import dev.drydock.registry.SecurityStore.Project;
import dev.drydock.registry.SecurityStore.ProjectPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drydock registry project}: repository namespaces and their rules. */
@Command(
    name = "project",
    mixinStandardHelpOptions = true,
    description = {
      "Manage projects: the first component of repository names (project/app:tag), with their visibility, pull gates, immutable tags and quota.",
      "Every change is recorded in the audit log as operation admin by cli:<os user>."
    })
final class RegistryProjectCommand implements Runnable {
  /** Repository names read per page while looking for a project's repositories. */
  private static final int PAGE = 1000;

  /** Pages read at most: a million repositories. */
  private static final int MAX_PAGES = 1000;

  @Spec CommandSpec spec = CommandSpec.create();
  @Mixin GlobalOptions global = new GlobalOptions();

  @Override
  public void run() {
    spec.commandLine().usage(global.root().context().out());
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create a project (private, without gates, unless flags say otherwise).")
  int create(
      @Mixin GlobalOptions options,
      @Mixin RegistryDatabaseOptions database,
      @Mixin RegistryProjectFlags flags,
      @Parameters(paramLabel = "NAME") String name)
      throws RegistryException {
    Project project = flags.apply(new Project(name, false, ProjectPolicy.NONE, -1));
    try (RegistryAdmin session = RegistryAdmin.open(options, database)) {
      if (session.store().project(name) != null) {
        throw RegistryAdmin.usage(
            "The project '"
                + name
                + "' exists: change it with 'drydock registry project set "
                + name
                + " ...'.");
      }
      session.store().createProject(project);
      String settings = RegistryProjectFlags.describe(project);
      session.record("project create " + name + " " + settings);
      session.out().println("Created project " + name + ": " + settings + ".");
    }
    return 0;
  }

  @Command(
      name = "set",
      mixinStandardHelpOptions = true,
      description = "Change a project's settings; flags not given keep their value.")
  int set(
      @Mixin GlobalOptions options,
      @Mixin RegistryDatabaseOptions database,
      @Mixin RegistryProjectFlags flags,
      @Parameters(paramLabel = "NAME") String name)
      throws RegistryException {
    try (RegistryAdmin session = RegistryAdmin.open(options, database)) {
      Project before = session.project(name);
      Project after = flags.apply(before);
      session.store().updateProject(after);
      String settings = RegistryProjectFlags.describe(after);
      session.record(
          "project set "
              + name
              + " "
              + settings
              + " (was "
              + RegistryProjectFlags.describe(before)
              + ")");
      session.out().println("Project " + name + ": " + settings + ".");
    }
    return 0;
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List projects with their visibility, gates and quota.")
  int list(@Mixin GlobalOptions options, @Mixin RegistryDatabaseOptions database)
      throws RegistryException {
    try (RegistryAdmin session = RegistryAdmin.open(options, database)) {
      List<List<String>> rows = new ArrayList<>();
      for (Project p : session.store().projects()) {
        ProjectPolicy policy = p.policy();
        rows.add(
            List.of(
                p.name(),
                p.isPublic() ? "public" : "private",
                policy.trust() == null ? "-" : policy.trust(),
                policy.blockSeverity() == null
                    ? "-"
                    : policy.blockSeverity().name().toLowerCase(Locale.ROOT),
                policy.refuseUnscanned() ? "yes" : "no",
                policy.immutableTags() ? "yes" : "no",
                p.quotaBytes() < 0 ? "-" : RegistryValues.bytes(p.quotaBytes())));
      }
      session
          .out()
          .print(
              RegistryValues.table(
                  List.of(
                      "NAME",
                      "VISIBILITY",
                      "TRUST",
                      "BLOCK",
                      "REFUSE-UNSCANNED",
                      "IMMUTABLE-TAGS",
                      "QUOTA"),
                  rows));
    }
    return 0;
  }

  @Command(
      name = "remove",
      mixinStandardHelpOptions = true,
      description =
          "Delete a project with its members and robots. Refused while it holds repositories: delete its images first.")
  int remove(
      @Mixin GlobalOptions options,
      @Mixin RegistryDatabaseOptions database,
      @Parameters(paramLabel = "NAME") String name)
      throws RegistryException {
    try (RegistryAdmin session = RegistryAdmin.open(options, database)) {
      session.project(name);
      MetadataStore metadata =
          session.database().embedded()
              ? FileMetadataStore.open(session.registryDir())
              : session.database().metadataStore();
      String held = firstRepository(metadata, name);
      if (held != null) {
        throw RegistryAdmin.usage(
            "The project '"
                + name
                + "' still holds repositories (e.g. "
                + held
                + "): delete their images first, then remove the project.");
      }
      session.store().deleteProject(name);
      session.record("project remove " + name);
      session.out().println("Removed project " + name + " with its members and robots.");
    }
    return 0;
  }

  /** {@return a repository of the project that still holds content, or null} */
  static @Nullable String firstRepository(MetadataStore metadata, String project)
      throws RegistryException {
    String prefix = project + "/";
    String last = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      List<String> names = metadata.repositories(last, PAGE);
      for (String repository : names) {
        if ((repository.startsWith(prefix) || repository.equals(project))
            && metadata.repositoryExists(repository)) {
          return repository;
        }
      }
      if (names.size() < PAGE) {
        return null;
      }
      last = names.getLast();
    }
    throw new CliException(
        "More than " + PAGE * MAX_PAGES + " repositories: cannot check project " + project + ".",
        dev.drydock.report.FailOn.EXIT_ERROR);
  }
}
