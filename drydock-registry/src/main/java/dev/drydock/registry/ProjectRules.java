package dev.drydock.registry;

import dev.drydock.model.Digest;
import dev.drydock.registry.SecurityStore.Project;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The project rules, asked after authentication and RBAC allowed a request: the pull gates,
 * immutable tags and quotas of the project a repository belongs to (its first path component).
 * Repositories outside any project get no rules here.
 *
 * <ul>
 *   <li><b>Pull gates</b> judge a manifest pull once the digest is resolved: every {@link PullGate}
 *       must allow. A platform manifest pulled by digest also passes when an index of the same
 *       repository that lists it passes (docker pulls the index by tag, then the platform manifest
 *       by digest; signatures are usually made on the index). Signature and attestation manifests
 *       (referrers, cosign {@code .sig} tags) are not gated: verifiers must read them. Blob pulls
 *       are not gated either: blobs are content-addressed and useless without the manifest that
 *       names them, which the gates guard.
 *   <li><b>Immutable tags</b>: a push that moves an existing tag to another digest, or a delete of
 *       a tag or of content a tag reaches (the tagged manifest, a platform manifest a tagged index
 *       lists, or a config or layer blob of either), is refused; pushing the same digest again is
 *       allowed. Blob deletes reach the rules as a {@code DELETE} whose {@code manifest} is the
 *       blob's digest (see {@link AccessPolicy.AccessRequest}). Signature tags ({@code
 *       sha256-<hex>.sig}, {@code .att}, {@code .sbom}, and the referrers fallback {@code
 *       sha256-<hex>}) stay mutable, or signing a prod image twice (promotion adds a signature)
 *       would be impossible.
 *   <li><b>Quotas</b>: a blob commit or manifest push that would take the project past its {@code
 *       quotaBytes} is refused; see {@link UsageCounter} for how usage is counted.
 * </ul>
 */
public final class ProjectRules implements AccessPolicy {
  private static final System.Logger LOG = System.getLogger(ProjectRules.class.getName());
  private static final Pattern ATTACHMENT_TAG =
      Pattern.compile("sha(256|512)-[0-9a-f]{64,128}(\\.(sig|att|sbom))?");

  private final ProjectLookup projects;
  private final MetadataStore metadata;
  private final List<PullGate> gates;
  private final ManifestGraph graph;
  private final UsageCounter usage;

  /**
   * Creates the rules over the registry's stores.
   *
   * @param projects finds a repository's project
   * @param blobs the registry's blob storage (manifest bytes are read back from it)
   * @param metadata the registry's metadata store
   * @param gates the pull gates, each of which applies per project policy
   * @param maxManifestBytes the registry's manifest size limit
   * @param clock when usage is recomputed
   */
  public ProjectRules(
      ProjectLookup projects,
      BlobStorage blobs,
      MetadataStore metadata,
      List<PullGate> gates,
      int maxManifestBytes,
      Clock clock) {
    this.projects = Objects.requireNonNull(projects, "projects");
    this.metadata = Objects.requireNonNull(metadata, "metadata");
    this.gates = List.copyOf(gates);
    this.graph = new ManifestGraph(blobs, metadata, maxManifestBytes);
    this.usage = new UsageCounter(blobs, metadata, graph, clock);
  }

  @Override
  public Decision decide(AccessRequest request) {
    String repository = request.repository();
    if (repository == null) {
      return Decision.ALLOW;
    }
    try {
      Project project = projects.project(projectName(repository));
      if (project == null) {
        return Decision.ALLOW;
      }
      return switch (request.action()) {
        case PULL -> pull(project, repository, request.manifest());
        case PUSH -> push(project, repository, request);
        case DELETE -> delete(project, repository, request);
        case CATALOG -> Decision.ALLOW;
      };
    } catch (RegistryException | RuntimeException e) {
      // Fail closed: a rule that cannot be evaluated refuses. The cause may name server paths
      // (a keyring file, a database), so it goes to the log only.
      LOG.log(System.Logger.Level.WARNING, "project rules failed for " + repository, e);
      return new Decision.Deny(
          "rules:" + projectName(repository),
          "the registry could not evaluate the rules of project "
              + projectName(repository)
              + "; retry, or ask an administrator to check the registry's log");
    }
  }

  /** {@return the project a repository belongs to: its first path component} */
  static String projectName(String repository) {
    int slash = repository.indexOf('/');
    return slash < 0 ? repository : repository.substring(0, slash);
  }

  private Decision pull(Project project, String repository, @Nullable Digest manifest)
      throws RegistryException {
    if (manifest == null || gates.isEmpty()) {
      return Decision.ALLOW;
    }
    Decision own = gates(project, repository, manifest);
    if (own instanceof Decision.Allow) {
      return own;
    }
    if (graph.isAttachment(repository, manifest)) {
      return Decision.ALLOW;
    }
    for (Digest parent : graph.parents(repository, manifest)) {
      if (gates(project, repository, parent) instanceof Decision.Allow) {
        return Decision.ALLOW;
      }
    }
    return own;
  }

  private Decision gates(Project project, String repository, Digest manifest)
      throws RegistryException {
    for (PullGate gate : gates) {
      Decision d = gate.check(project, repository, manifest);
      if (d instanceof Decision.Deny) {
        return d;
      }
    }
    return Decision.ALLOW;
  }

  private Decision push(Project project, String repository, AccessRequest request)
      throws RegistryException {
    String tag = request.tag();
    Digest manifest = request.manifest();
    if (project.policy().immutableTags() && tag != null && manifest != null && isImmutable(tag)) {
      Digest current = metadata.resolveTag(repository, tag);
      if (current != null && !current.equals(manifest)) {
        return immutable(
            project,
            "tag "
                + tag
                + " of "
                + repository
                + " already points to "
                + current
                + " and tags in project "
                + project.name()
                + " are immutable: push under a new tag");
      }
    }
    if (project.quotaBytes() >= 0 && request.bytes() > 0) {
      UsageCounter.Reservation reservation =
          usage.reserve(project.name(), request.bytes(), project.quotaBytes());
      if (!reservation.allowed()) {
        long used = reservation.used();
        return new Decision.Deny(
            "quota:" + project.name(),
            "project "
                + project.name()
                + " uses "
                + UsageCounter.human(used)
                + " of its "
                + UsageCounter.human(project.quotaBytes())
                + " quota and this push adds "
                + UsageCounter.human(request.bytes())
                + ": delete unused images (then run garbage collection) or ask an administrator"
                + " for a larger quota");
      }
    }
    if (manifest != null) {
      for (PullGate gate : gates) {
        if (gate instanceof PushObserver observer) {
          observer.pushed(project, repository, manifest);
        }
      }
    }
    return Decision.ALLOW;
  }

  private Decision delete(Project project, String repository, AccessRequest request)
      throws RegistryException {
    if (project.policy().immutableTags()) {
      String tag = request.tag();
      Digest manifest = request.manifest();
      if (tag != null && isImmutable(tag) && metadata.resolveTag(repository, tag) != null) {
        return immutable(
            project,
            "tag "
                + tag
                + " of "
                + repository
                + " cannot be deleted: tags in project "
                + project.name()
                + " are immutable");
      }
      if (manifest != null) {
        String holder = protectedBy(repository, manifest);
        if (holder != null) {
          return immutable(
              project,
              manifest
                  + " "
                  + holder
                  + " in "
                  + repository
                  + ", and tags in project "
                  + project.name()
                  + " are immutable: it cannot be deleted");
        }
      }
    }
    if (request.manifest() != null || request.tag() != null) {
      usage.invalidate(project.name());
    }
    return Decision.ALLOW;
  }

  /**
   * {@return how an immutable tag of {@code repository} reaches {@code content} (a manifest or a
   * blob), or null when none does} Content is reached when it is the tagged manifest, a manifest
   * the tagged index lists, or a config or layer of either; deleting any of it would break the
   * tagged image.
   */
  private @Nullable String protectedBy(String repository, Digest content) throws RegistryException {
    for (String t : metadata.tags(repository)) {
      if (!isImmutable(t)) {
        continue;
      }
      Digest tagged = metadata.resolveTag(repository, t);
      if (tagged == null) {
        continue;
      }
      if (tagged.equals(content)) {
        return "is tagged " + t;
      }
      ManifestInfo info = graph.info(repository, tagged);
      if (info == null) {
        continue;
      }
      if (info.blobs().contains(content)) {
        return "is referenced by " + tagged + ", tagged " + t;
      }
      for (Digest child : info.manifests()) {
        if (child.equals(content)) {
          return "is listed by index " + tagged + ", tagged " + t;
        }
        ManifestInfo platform = graph.info(repository, child);
        if (platform != null && platform.blobs().contains(content)) {
          return "is referenced by " + child + ", listed by index " + tagged + " tagged " + t;
        }
      }
    }
    return null;
  }

  private static boolean isImmutable(String tag) {
    return !ATTACHMENT_TAG.matcher(tag).matches();
  }

  private static Decision immutable(Project project, String reason) {
    return new Decision.Deny("immutable:" + project.name(), reason);
  }
}
