package dev.drydock.cli;

import dev.drydock.bench.Bench;
import dev.drydock.bench.BenchException;
import dev.drydock.bench.BenchOptions;
import dev.drydock.bench.CheckInfo;
import dev.drydock.engine.EngineClient;
import dev.drydock.engine.EngineEndpoint;
import dev.drydock.engine.EngineException;
import dev.drydock.model.Report;
import dev.drydock.pki.PkiException;
import dev.drydock.report.FailOn;
import dev.drydock.report.Printable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code drydock bench}: audit a Docker host against the CIS Docker Benchmark. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Audit a Docker host against the CIS Docker Benchmark: host configuration, daemon flags and"
          + " daemon.json of the daemon that serves the audited socket, daemon files, images, and"
          + " every container (running, stopped or only created).",
      "Each check reports pass, fail, manual, not applicable or error, per object, with evidence."
    },
    footer = {
      "",
      "Examples:",
      "  drydock bench                                  audit the local daemon",
      "  drydock bench --section 5 --fail-on high       CI gate on container runtime",
      "  drydock bench -H tcp://host:2376 --tls-dir ./docker-tls --format sarif -o bench.sarif",
      "  drydock bench --list                           show every check and its CIS version"
    })
final class BenchCommand implements Callable<Integer> {
  @Mixin GlobalOptions global = new GlobalOptions();
  @Mixin EngineOptionsMixin engine = new EngineOptionsMixin();
  @Mixin ReportOptions report = new ReportOptions();

  @Option(
      names = "--check",
      split = ",",
      paramLabel = "IDS",
      description = "Run only these checks or groups, e.g. 5.5,2.7 or 1.1 (default: all).")
  List<String> checks = new ArrayList<>();

  @Option(
      names = "--exclude",
      split = ",",
      paramLabel = "IDS",
      description = "Skip these checks or groups, e.g. 1.1,5.28.")
  List<String> excludes = new ArrayList<>();

  @Option(
      names = "--section",
      split = ",",
      paramLabel = "N",
      description = "Run only these sections (1 to 7).")
  List<Integer> sections = new ArrayList<>();

  @Option(
      names = "--level",
      paramLabel = "1|2",
      defaultValue = "2",
      description = "Highest CIS profile level to run: 1 runs level-1 checks only (default: 2).")
  int level = 2;

  @Option(
      names = "--root",
      paramLabel = "DIR",
      defaultValue = "/",
      description = "Read the host's files below DIR instead of / (default: ${DEFAULT-VALUE}).")
  Path root = Path.of("/");

  @Option(
      names = "--trusted-user",
      split = ",",
      paramLabel = "USERS",
      description = "Users allowed in the docker group (check 1.1.2); others fail it.")
  List<String> trustedUsers = new ArrayList<>();

  @Option(
      names = "--list",
      description = "List the checks (with --check/--section filters) and exit.")
  boolean list;

  @Option(
      names = "--watch",
      description =
          "Audit, then re-audit whenever the daemon reports a container, image, network or daemon"
              + " event, printing only what changed. Stops on Ctrl-C.")
  boolean watch;

  @Override
  public Integer call() throws BenchException, EngineException, PkiException, InterruptedException {
    Drydock rootCommand = global.root();
    CliContext context = rootCommand.context();
    BenchOptions options =
        new BenchOptions(
            new LinkedHashSet<>(checks),
            new LinkedHashSet<>(excludes),
            Set.copyOf(sections),
            level,
            root,
            trustedUsers);
    if (list) {
      return listChecks(options, context.out());
    }
    EngineEndpoint endpoint = engine.endpoint(context);
    EngineClient client = EngineClient.create(endpoint);
    // An audit of a daemon that cannot be reached is no audit: fail before any check runs.
    client.ping();
    Bench bench = Bench.create(client, options);
    if (bench.selected().isEmpty()) {
      throw new CliException(
          "No check matches the selection; run 'drydock bench --list' to see the check IDs.",
          FailOn.EXIT_USAGE);
    }
    String version = VersionInfo.load().version();
    if (watch) {
      return BenchWatchLoop.run(bench, version, context, report, rootCommand);
    }
    Report result = bench.run(version, context.clock());
    return ReportOutput.emit(result, report, rootCommand);
  }

  private static int listChecks(BenchOptions options, PrintWriter out) {
    for (CheckInfo info : Bench.catalog()) {
      if (!options.selects(info)) {
        continue;
      }
      out.printf(
          Locale.ROOT,
          "%-7s L%d %-9s %-8s CIS %-6s %s%s%n",
          info.id(),
          info.level(),
          info.automated() ? "automated" : "manual",
          info.severity().label(),
          info.cisVersion(),
          Printable.clean(info.title()),
          info.dbsId().isEmpty() || info.dbsId().equals(info.id())
              ? ""
              : " (docker-bench " + info.dbsId() + ")");
    }
    out.flush();
    return FailOn.EXIT_OK;
  }
}
