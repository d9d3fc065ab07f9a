package dev.drydock.registry;

import dev.drydock.registry.SecurityStore.Project;
import org.jspecify.annotations.Nullable;

/**
 * Finds a project by name: all the project rules need of the {@link SecurityStore} ({@code
 * store::project} is one).
 */
@FunctionalInterface
public interface ProjectLookup {
  /** {@return the project, or null when there is none of that name} */
  @Nullable Project project(String name) throws RegistryException;
}
