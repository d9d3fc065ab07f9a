package dev.drydock.registry;

import dev.drydock.model.Digest;
import dev.drydock.registry.SecurityStore.Project;

/**
 * Told by {@link ProjectRules} when a manifest push was allowed (it is stored right after), so that
 * a gate can prepare its verdict: the vulnerability gate scans on push.
 */
interface PushObserver {
  void pushed(Project project, String repository, Digest manifest);
}
