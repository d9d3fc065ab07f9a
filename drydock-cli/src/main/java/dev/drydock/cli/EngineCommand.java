package dev.drydock.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code drydock engine}: talk to a Docker engine. */
@Command(
    name = "engine",
    mixinStandardHelpOptions = true,
    description = "Talk to a Docker engine over its Unix socket or over TCP with TLS.",
    subcommands = {EngineInfoCommand.class})
final class EngineCommand implements Runnable {
  @Spec CommandSpec spec = CommandSpec.create();
  @Mixin GlobalOptions global = new GlobalOptions();

  @Override
  public void run() {
    spec.commandLine().usage(global.root().context().out());
  }
}
