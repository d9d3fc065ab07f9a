package dev.drydock.cli;

import dev.drydock.registry.GarbageCollector;
import dev.drydock.registry.RegistryException;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code drydock registry}: the trusted registry (an OCI Distribution 1.1 server). */
@Command(
    name = "registry",
    mixinStandardHelpOptions = true,
    description =
        "The trusted registry: an OCI Distribution 1.1 server over TLS with token authentication, project roles, robot accounts, pull gates (signatures, vulnerabilities), immutable tags, quotas and an audit trail. Storage under <data>/registry or in S3; accounts in an embedded database or PostgreSQL. See docs/registry.md.",
    subcommands = {
      RegistryServeCommand.class,
      RegistryUserCommand.class,
      RegistryRobotCommand.class,
      RegistryProjectCommand.class,
      RegistryMemberCommand.class,
      RegistryAuditCommand.class
    })
final class RegistryCommand implements Runnable {
  @Spec CommandSpec spec = CommandSpec.create();
  @Mixin GlobalOptions global = new GlobalOptions();

  @Override
  public void run() {
    spec.commandLine().usage(global.root().context().out());
  }

  /** {@return the registry's storage directory, {@code <data>/registry}} */
  static Path directory(Drydock root) {
    return root.dataDir().resolve("registry");
  }

  @Command(
      name = "gc",
      mixinStandardHelpOptions = true,
      description =
          "Delete blobs that no manifest references, in a registry that is not serving (stop 'drydock registry serve' first; it holds <data>/registry/.lock). Blobs stored within --grace are kept: their manifests may still be on their way.")
  int gc(
      @Mixin GlobalOptions options,
      @Option(
              names = "--grace",
              paramLabel = "DURATION",
              defaultValue = "PT1H",
              description = "Keep unreferenced blobs younger than this (ISO-8601, default PT1H).")
          Duration grace)
      throws RegistryException {
    Drydock root = options.root();
    if (grace.isNegative()) {
      throw new CliException("--grace must not be negative.", dev.drydock.report.FailOn.EXIT_USAGE);
    }
    var clock = root.context().clock();
    GarbageCollector.Result result =
        GarbageCollector.collectOffline(directory(root), clock.instant().minus(grace), clock);
    root.context()
        .out()
        .println(
            "Scanned "
                + result.repositories()
                + " repositories; "
                + result.referenced()
                + " blobs referenced; deleted "
                + result.deleted()
                + " blobs, freeing "
                + result.freedBytes()
                + " bytes.");
    return 0;
  }
}
