package dev.drydock.cli;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Options every command accepts, mixed into each command so that they can follow any subcommand
 * ({@code drydock --debug pki list} and {@code drydock pki list --debug} alike). Values are stored
 * on the root command, which every command reaches through {@link #root()}.
 */
final class GlobalOptions {
  @Spec(Spec.Target.MIXEE)
  @Nullable CommandSpec mixee;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Data directory (default: $DRYDOCK_DATA, else ~/.drydock).")
  void setData(Path value) {
    root().setData(value);
  }

  @Option(names = "--debug", description = "Print stack traces with errors.")
  void setDebug(boolean value) {
    root().setDebug(value);
    Logging.configure(value);
  }

  @Option(
      names = {"-q", "--quiet"},
      description = "Print no progress, only results and errors.")
  void setQuiet(boolean value) {
    root().setQuiet(value);
  }

  @Option(
      names = "--no-color",
      description = "Never use colours (also: the NO_COLOR environment variable).")
  void setNoColor(boolean value) {
    root().setNoColor(value);
  }

  /** {@return the root command, which holds the option values} */
  Drydock root() {
    CommandSpec spec = mixee;
    if (spec == null) {
      throw new IllegalStateException("GlobalOptions used outside a picocli command");
    }
    return (Drydock) spec.root().userObject();
  }
}
