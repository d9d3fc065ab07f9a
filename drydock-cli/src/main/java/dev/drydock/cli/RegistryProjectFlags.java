package dev.drydock.cli;

import dev.drydock.model.Severity;
import dev.drydock.registry.SecurityStore.Project;
import dev.drydock.registry.SecurityStore.ProjectPolicy;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The project settings {@code project create} and {@code project set} take. Each flag given
 * overrides what the project had (or, with {@code --prod}, the production preset); flags not given
 * keep it.
 */
final class RegistryProjectFlags {
  @Option(names = "--public", description = "Anyone, even anonymous clients, may pull.")
  boolean isPublic;

  @Option(names = "--private", description = "Only members (and administrators) may pull.")
  boolean isPrivate;

  @Option(
      names = "--prod",
      description =
          "The production preset: trust prod, block critical vulnerabilities, refuse unscanned images, immutable tags (other flags override it).")
  boolean prod;

  @Option(
      names = "--trust",
      paramLabel = "dev|prod|none",
      description = "Pull only images signed by a key of this environment (none: no trust gate).")
  @Nullable String trust;

  @Option(
      names = "--block-severity",
      paramLabel = "SEV",
      description =
          "Refuse pulls of images with a vulnerability at or above SEV: low, medium, high, critical (none: no vulnerability gate).")
  @Nullable String blockSeverity;

  @Option(
      names = "--refuse-unscanned",
      description = "With --block-severity, refuse images not scanned yet too.")
  boolean refuseUnscanned;

  @Option(names = "--no-refuse-unscanned", description = "Let unscanned images through.")
  boolean allowUnscanned;

  @Option(
      names = "--immutable-tags",
      description = "A tag, once pushed, can neither move nor be deleted.")
  boolean immutableTags;

  @Option(names = "--no-immutable-tags", description = "Tags may move and be deleted.")
  boolean mutableTags;

  @Option(
      names = "--quota",
      paramLabel = "SIZE",
      description = "The most its repositories may store, e.g. 10GiB or 500MB (none: no limit).")
  @Nullable String quota;

  /** {@return {@code base} (or the production preset) with the flags given applied} */
  Project apply(Project base) {
    if (isPublic && isPrivate) {
      throw RegistryAdmin.usage("Give --public or --private, not both.");
    }
    ProjectPolicy p = prod ? ProjectPolicy.PROD : base.policy();
    String newTrust = p.trust();
    if (trust != null) {
      String t = trust.strip().toLowerCase(Locale.ROOT);
      if (!t.equals("dev") && !t.equals("prod") && !t.equals("none")) {
        throw RegistryAdmin.usage("--trust " + trust + ": use dev, prod or none.");
      }
      newTrust = t.equals("none") ? null : t;
    }
    Severity severity = p.blockSeverity();
    if (blockSeverity != null) {
      severity = severity(blockSeverity);
    }
    boolean unscanned =
        choose("refuse-unscanned", refuseUnscanned, allowUnscanned, p.refuseUnscanned());
    boolean immutable = choose("immutable-tags", immutableTags, mutableTags, p.immutableTags());
    long quotaBytes = base.quotaBytes();
    if (quota != null) {
      String q = quota.strip().toLowerCase(Locale.ROOT);
      quotaBytes =
          q.equals("none") || q.equals("unlimited") ? -1 : RegistryValues.size("--quota", quota);
    }
    boolean open = isPublic || (!isPrivate && base.isPublic());
    return new Project(
        base.name(), open, new ProjectPolicy(newTrust, severity, unscanned, immutable), quotaBytes);
  }

  private static boolean choose(String flag, boolean yes, boolean no, boolean otherwise) {
    if (yes && no) {
      throw RegistryAdmin.usage("Give --" + flag + " or --no-" + flag + ", not both.");
    }
    return yes || (!no && otherwise);
  }

  private static @Nullable Severity severity(String text) {
    String s = text.strip().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "none" -> null;
      case "low" -> Severity.LOW;
      case "medium" -> Severity.MEDIUM;
      case "high" -> Severity.HIGH;
      case "critical" -> Severity.CRITICAL;
      default ->
          throw RegistryAdmin.usage(
              "--block-severity " + text + ": use low, medium, high, critical or none.");
    };
  }

  /** {@return the project's settings in words, for tables and the audit trail} */
  static String describe(Project p) {
    ProjectPolicy policy = p.policy();
    return (p.isPublic() ? "public" : "private")
        + " trust="
        + (policy.trust() == null ? "none" : policy.trust())
        + " block="
        + (policy.blockSeverity() == null
            ? "none"
            : policy.blockSeverity().name().toLowerCase(Locale.ROOT))
        + " refuse-unscanned="
        + policy.refuseUnscanned()
        + " immutable-tags="
        + policy.immutableTags()
        + " quota="
        + (p.quotaBytes() < 0 ? "none" : Long.toString(p.quotaBytes()));
  }
}
