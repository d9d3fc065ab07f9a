package dev.drydock.cli;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root {@code drydock} command: global options and the list of subcommands. */
@Command(
    name = "drydock",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.Provider.class,
    usageHelpAutoWidth = true,
    description =
        "Container security across a DevOps pipeline: audit the Docker host, scan and sign images, guard the registry and the daemon, watch running containers, investigate memory.",
    footer = {
      "",
      "Exit codes: 0 ok; 1 findings at or above --fail-on; 2 usage error; 3 could not complete.",
      "Run 'drydock COMMAND --help' for a command's options. Docs: docs/README.md"
    },
    subcommands = {
      VersionCommand.class,
      PkiCommand.class,
      EngineCommand.class,
      AuditCommand.class,
      BenchCommand.class,
      HostCommand.class,
      DbCommand.class,
      SbomCommand.class,
      ScanCommand.class,
      KeyCommand.class,
      SignCommand.class,
      VerifyCommand.class,
      PromoteCommand.class,
      RegistryCommand.class
    })
final class Drydock implements Runnable {
  private final CliContext context;
  private @Nullable Path data;
  private boolean debug;
  private boolean quiet;
  private boolean noColor;

  @Spec @Nullable CommandSpec spec;

  @picocli.CommandLine.Mixin GlobalOptions global = new GlobalOptions();

  Drydock(CliContext context) {
    this.context = context;
  }

  /** Runs the command line in {@code context} and returns the exit code; never throws. */
  static int run(CliContext context, String... args) {
    Drydock root = new Drydock(context);
    CommandLine cl = new CommandLine(root, new CommandFactory(context));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> Errors.report(ex, context.err(), root.debug()));
    cl.setParameterExceptionHandler((ex, arguments) -> Errors.usage(ex, context.err()));
    CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
    completion.getCommandSpec().usageMessage().hidden(false);
    cl.addSubcommand("completion", completion);
    cl.setOut(context.out());
    cl.setErr(context.err());
    return cl.execute(args);
  }

  @Override
  public void run() {
    CommandSpec s = spec;
    if (s != null) {
      s.commandLine().usage(context.out());
    }
  }

  CliContext context() {
    return context;
  }

  /** {@return the data directory: --data, else $DRYDOCK_DATA, else ~/.drydock} */
  Path dataDir() {
    Path given = data;
    if (given != null) {
      if (given.toString().isBlank()) {
        throw new CliException(
            "--data is empty; name a directory (or leave it out for ~/.drydock).",
            dev.drydock.report.FailOn.EXIT_USAGE);
      }
      return given.toAbsolutePath().normalize();
    }
    String fromEnv = context.env().get("DRYDOCK_DATA");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv).toAbsolutePath();
    }
    return context.home().resolve(".drydock");
  }

  boolean debug() {
    return debug;
  }

  boolean quiet() {
    return quiet;
  }

  /** {@return true when output may use ANSI colours: a terminal, no --no-color, no NO_COLOR} */
  boolean color() {
    return context.terminal() && !noColor && !context.env().containsKey("NO_COLOR");
  }

  void setData(Path value) {
    this.data = value;
  }

  void setDebug(boolean value) {
    this.debug = value;
  }

  void setQuiet(boolean value) {
    this.quiet = value;
  }

  void setNoColor(boolean value) {
    this.noColor = value;
  }
}
