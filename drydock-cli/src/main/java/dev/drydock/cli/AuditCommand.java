package dev.drydock.cli;

import dev.drydock.audit.Audit;
import dev.drydock.audit.AuditException;
import dev.drydock.audit.AuditJson;
import dev.drydock.audit.AuditOptions;
import dev.drydock.audit.AuditResult;
import dev.drydock.audit.Baseline;
import dev.drydock.audit.TrustCheck;
import dev.drydock.engine.EngineClient;
import dev.drydock.engine.EngineEndpoint;
import dev.drydock.pki.PkiException;
import dev.drydock.report.FailOn;
import dev.drydock.trust.LookasideSignatureStore;
import dev.drydock.trust.TrustException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code drydock audit}: the whole host in one report. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
      "Audit a Docker host in one run: the CIS Docker Benchmark, the host's patch status and"
          + " known vulnerabilities in its packages, a vulnerability scan of every local image (or"
          + " only those in use), image signatures against a trust policy, and per container a"
          + " risk score joining its exposure, runtime misconfigurations, image vulnerabilities"
          + " and signature status, riskiest first.",
      "Writes a self-contained HTML report (default drydock-audit-<time>.html in the current"
          + " directory) or JSON, SARIF or JUnit. Parts that cannot run (no vulnerability"
          + " database, a remote daemon) are skipped and named in the report. Formulas and the"
          + " JSON schema: docs/audit.md."
    },
    footer = {
      "",
      "Examples:",
      "  drydock audit --open                          audit the local host, open the report",
      "  drydock audit --in-use --format json -o audit.json",
      "  drydock audit --baseline last.json --fail-on critical",
      "  drydock audit --policy trust.yaml --lookaside /var/lib/signatures"
    })
final class AuditCommand implements Callable<Integer> {
  @Mixin GlobalOptions global = new GlobalOptions();
  @Mixin EngineOptionsMixin engine = new EngineOptionsMixin();
  @Mixin TrustOptions trust = new TrustOptions();

  @Option(
      names = "--in-use",
      description = "Scan only the images of existing containers (running, stopped or created).")
  boolean inUse;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "html",
      description = "html, json, sarif or junit (default: ${DEFAULT-VALUE}).")
  String format = "html";

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description =
          "Write the report to FILE (- is standard output); default drydock-audit-<time>.<ext>"
              + " in the current directory.")
  @Nullable Path output;

  @Option(
      names = "--baseline",
      paramLabel = "FILE",
      description = "A previous 'drydock audit --format json' report: show the trend against it.")
  @Nullable Path baseline;

  @Option(names = "--open", description = "Open the report in the desktop's browser afterwards.")
  boolean open;

  @Option(
      names = "--fail-on",
      paramLabel = "GATE",
      defaultValue = "none",
      converter = ReportOptions.FailOnConverter.class,
      description =
          "Exit 1 when a problem is at least this severe (info, low, medium, high, critical), or"
              + " any (fail); none (default) never.")
  FailOn failOn = FailOn.none();

  @Option(
      names = "--lookaside",
      paramLabel = "DIR",
      description =
          "Signature directory (containers lookaside layout) to check images' signatures in,"
              + " with the trust policy.")
  @Nullable Path lookaside;

  @Option(
      names = "--container",
      paramLabel = "GLOB",
      description =
          "Audit only containers whose name matches (repeatable; * and ?); with --in-use, only"
              + " their images are scanned.")
  List<String> containers = new ArrayList<>();

  @Option(
      names = "--parallel",
      paramLabel = "N",
      defaultValue = "3",
      description = "Images read at once, 1 to 16 (default: ${DEFAULT-VALUE}).")
  int parallel = 3;

  @Option(
      names = "--root",
      paramLabel = "DIR",
      defaultValue = "/",
      description = "Read the host's files below DIR instead of / (default: ${DEFAULT-VALUE}).")
  Path root = Path.of("/");

  @Override
  public Integer call()
      throws AuditException, PkiException, TrustException, IOException, InterruptedException {
    Drydock rootCommand = global.root();
    CliContext context = rootCommand.context();
    AuditFormat fmt = AuditFormat.parse(format);
    if (parallel < 1 || parallel > 16) {
      throw new CliException(
          "--parallel must be 1 to 16, not " + parallel + ".", FailOn.EXIT_USAGE);
    }
    Baseline base = baseline == null ? null : readBaseline(baseline);
    EngineEndpoint endpoint = engine.endpoint(context);
    EngineClient client = EngineClient.create(endpoint);
    AuditOptions options =
        new AuditOptions(
            VersionInfo.load().version(),
            context.clock(),
            rootCommand.dataDir(),
            root,
            AuditRender.runningKernel(root),
            inUse,
            containers,
            parallel,
            trustCheck(rootCommand),
            endpoint instanceof EngineEndpoint.Unix unix ? unix.socket() : null);
    AuditResult result;
    try (TerminalProgress progress = TerminalProgress.forCommand(rootCommand, false)) {
      result = Audit.run(client, options, new AuditProgressBar(progress));
    }
    String text = AuditRender.render(result, base, fmt);
    Path target = output == null ? Path.of(AuditRender.defaultName(result, fmt)) : output;
    if (target.toString().equals("-")) {
      context.out().print(text);
      context.out().flush();
    } else {
      ReportOutput.write(target, text);
      if (!rootCommand.quiet()) {
        AuditRender.summary(result, context.err());
      }
      context.out().println(target.toAbsolutePath());
      context.out().flush();
      if (open) {
        AuditRender.open(target, context.err());
      }
    }
    return failOn.exitCode(result.toReport());
  }

  private Baseline readBaseline(Path file) throws AuditException, IOException {
    if (!Files.isRegularFile(file)) {
      throw new CliException(
          "--baseline "
              + file
              + " is not a file; give an earlier 'drydock audit --format json'"
              + " report.",
          FailOn.EXIT_USAGE);
    }
    if (Files.size(file) > AuditJson.MAX_BASELINE_BYTES) {
      throw new CliException("--baseline " + file + " is too large.", FailOn.EXIT_USAGE);
    }
    return AuditJson.readBaseline(file.toString(), Files.readAllBytes(file));
  }

  /**
   * The trust check, when a policy is configured ({@code --policy}, or the default policy file
   * exists) and a signature store is given; without a store nothing can be checked.
   */
  private @Nullable TrustCheck trustCheck(Drydock rootCommand) throws TrustException {
    Path policyFile = trust.policyFile(rootCommand);
    if (trust.policy == null && !Files.isRegularFile(policyFile)) {
      return null;
    }
    if (lookaside == null) {
      if (!rootCommand.quiet()) {
        rootCommand
            .context()
            .err()
            .println(
                "drydock: signatures not checked: no signature store configured; pass"
                    + " --lookaside DIR with the policy.");
      }
      return null;
    }
    TrustKeyring keyring = new TrustKeyring(rootCommand.dataDir(), rootCommand.context().clock());
    return new TrustCheck(
        trust.policy(rootCommand, keyring),
        new LookasideSignatureStore(lookaside),
        policyFile + " with signatures in " + lookaside);
  }

  /** The output formats of {@code drydock audit}. */
  enum AuditFormat {
    HTML("html"),
    JSON("json"),
    SARIF("sarif"),
    JUNIT("xml");

    final String extension;

    AuditFormat(String extension) {
      this.extension = extension;
    }

    static AuditFormat parse(String text) {
      for (AuditFormat f : values()) {
        if (f.name().equalsIgnoreCase(text.strip())) {
          return f;
        }
      }
      throw new CliException(
          "Unknown --format '" + text + "': use html, json, sarif or junit.", FailOn.EXIT_USAGE);
    }

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
