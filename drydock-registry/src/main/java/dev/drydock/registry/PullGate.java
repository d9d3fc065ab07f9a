package dev.drydock.registry;

import dev.drydock.model.Digest;
import dev.drydock.registry.AccessPolicy.Decision;
import dev.drydock.registry.SecurityStore.Project;

/**
 * A check a manifest must pass before a project serves it: a valid signature of the project's trust
 * policy, or no vulnerability at or above its severity. The project's {@link
 * SecurityStore.ProjectPolicy} says which gates apply; a gate that does not apply allows.
 */
@FunctionalInterface
public interface PullGate {

  /**
   * {@return whether {@code manifest} of {@code repository} may be pulled from {@code project}}; a
   * refusal names the gate ({@code trust:prod}, {@code vulnerability:critical}) and the reason.
   *
   * @throws RegistryException when the gate cannot decide (the server then refuses: gates fail
   *     closed)
   */
  Decision check(Project project, String repository, Digest manifest) throws RegistryException;
}
