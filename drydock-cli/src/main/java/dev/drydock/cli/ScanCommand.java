package dev.drydock.cli;

import dev.drydock.model.Finding;
import dev.drydock.model.Report;
import dev.drydock.model.Severity;
import dev.drydock.model.Status;
import dev.drydock.oci.OciException;
import dev.drydock.pki.PkiException;
import dev.drydock.report.FailOn;
import dev.drydock.report.Format;
import dev.drydock.scanner.DbMetadata;
import dev.drydock.scanner.ImagePackage;
import dev.drydock.scanner.SbomWriter;
import dev.drydock.scanner.ScannerException;
import dev.drydock.scanner.VexDocument;
import dev.drydock.scanner.VexFilter;
import dev.drydock.scanner.VulnDb;
import dev.drydock.scanner.VulnMatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code drydock scan}: known vulnerabilities in an image's packages. */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = {
      "Find known vulnerabilities in an image: catalogue its packages (as 'drydock sbom' does) and"
          + " match each against the local OSV database ('drydock db update' fills it). Each"
          + " finding names the package, version, layer, vulnerability IDs, severity and score,"
          + " and the fixed version.",
      "IMAGE is a local image name, a registry reference (host[:port]/repo:tag or @sha256:...,"
          + " or docker://...), a 'docker save' archive, or an OCI layout directory; --source"
          + " forces the kind."
    },
    footer = {
      "",
      "Examples:",
      "  drydock scan app:1                                   table of findings",
      "  drydock scan app:1 --severity high --ignore-unfixed --fail-on high",
      "  drydock scan app.tar --format sarif -o scan.sarif",
      "  drydock scan app:1 --format cyclonedx -o app.cdx.json   SBOM with vulnerabilities",
      "  drydock scan registry.example/team/app:1 --severity critical --exit-code 5",
      "  drydock scan localhost:5000/app:1 --insecure-http     a loopback test registry"
    })
final class ScanCommand implements Callable<Integer> {
  @Mixin GlobalOptions global = new GlobalOptions();
  @Mixin EngineOptionsMixin engine = new EngineOptionsMixin();
  @Mixin ImageInput input = new ImageInput();

  @Parameters(
      paramLabel = "IMAGE",
      description = "Image name, registry reference, docker save archive or OCI layout.")
  String image = "";

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table, json, sarif, junit or cyclonedx (default: ${DEFAULT-VALUE}).")
  String format = "table";

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the report to FILE (replaced atomically) instead of standard output.")
  @Nullable Path output;

  @Option(
      names = "--severity",
      paramLabel = "LEVEL",
      defaultValue = "info",
      description =
          "Report only vulnerabilities at least this severe: info (all), unknown, low, medium,"
              + " high, critical (default: ${DEFAULT-VALUE}).")
  String severity = "info";

  @Option(names = "--ignore-unfixed", description = "Leave out vulnerabilities with no fix yet.")
  boolean ignoreUnfixed;

  @Option(
      names = "--fail-on",
      paramLabel = "GATE",
      converter = ReportOptions.FailOnConverter.class,
      description =
          "Exit 1 (or --exit-code N) when a reported vulnerability or lint problem is at least"
              + " this severe (info, low, medium, high, critical) or any (fail); none (default)"
              + " never.")
  @Nullable FailOn failOn;

  @Option(
      names = "--exit-code",
      paramLabel = "N",
      description =
          "Exit with N (instead of 1) when findings trip the gate; alone, without --fail-on, the"
              + " gate is any reported problem at least as severe as --severity (as Trivy's"
              + " --exit-code). 0 never fails; 2 and 3 are reserved for errors.")
  @Nullable Integer exitCode;

  @Option(names = "--remediation", description = "Show the fixed version to upgrade to (table).")
  boolean remediation;

  @Option(
      names = "--vex",
      paramLabel = "FILE",
      description =
          "OpenVEX document (repeatable): vulnerabilities it marks not_affected or fixed for a"
              + " package are reported as suppressed, with its justification and statement.")
  List<Path> vex = new ArrayList<>();

  @Option(
      names = "--no-lint",
      description =
          "Skip the image configuration lint (root user, HEALTHCHECK, secrets in ENV, labels,"
              + " history and files, setuid/setgid files, ADD from URLs, update alone, latest tag).")
  boolean noLint;

  @Override
  public Integer call() throws OciException, ScannerException, PkiException, IOException {
    Drydock root = global.root();
    CliContext context = root.context();
    String fmt = format.strip().toLowerCase(Locale.ROOT);
    Severity minimum;
    try {
      minimum = Severity.parse(severity);
    } catch (IllegalArgumentException e) {
      throw new CliException(
          "Unknown --severity '"
              + severity
              + "': use info, unknown, low, medium, high or critical.",
          FailOn.EXIT_USAGE);
    }
    Format reportFormat = null;
    if (!fmt.equals("cyclonedx")) {
      try {
        reportFormat = Format.parse(fmt);
      } catch (IllegalArgumentException e) {
        throw new CliException(
            "Unknown --format '" + format + "': use table, json, sarif, junit or cyclonedx.",
            FailOn.EXIT_USAGE);
      }
    }
    ExitGate gate = ExitGate.of(failOn, exitCode, minimum);
    VexFilter vexFilter = new VexFilter(readVex());
    Instant started = context.clock().instant();
    try (VulnDb db = VulnDb.open(DbCommand.dbDir(root));
        TerminalProgress progress = input.progress(root)) {
      DbMetadata meta = db.metadata();
      if (meta.isStale(context.clock()) && !root.quiet()) {
        context
            .err()
            .printf(
                Locale.ROOT,
                "drydock: the vulnerability database is %d days old; run 'drydock db update'.%n",
                meta.age(context.clock()).toDays());
      }
      ImageInput.Catalogued read = input.catalogue(image, engine, root, !noLint, progress);
      List<VulnMatch> matches = new ArrayList<>();
      List<Finding> findings = new ArrayList<>();
      String imagePurl = read.subject().purl();
      String imageId = imagePurl == null ? image : imagePurl;
      progress.phase("match packages");
      List<ImagePackage> packages = read.catalog().packages();
      progress.total(packages.size());
      List<List<VulnMatch>> perPackage =
          db.matchAll(
              packages.stream().map(ImagePackage::query).toList(),
              Runtime.getRuntime().availableProcessors(),
              progress::advance);
      for (int i = 0; i < packages.size(); i++) {
        ImagePackage pkg = packages.get(i);
        for (VulnMatch m : perPackage.get(i)) {
          if (!m.severity().atLeast(minimum) || (ignoreUnfixed && !m.fixAvailable())) {
            continue;
          }
          Optional<VexFilter.Suppression> suppressed =
              vexFilter.suppression(m.id(), m.aliases(), pkg.purl(), imageId);
          if (suppressed.isPresent()) {
            findings.add(suppressedFinding(finding(pkg, m), suppressed.get()));
            continue;
          }
          matches.add(m);
          findings.add(finding(pkg, m));
        }
      }
      progress.done();
      findings.addAll(read.lint());
      if (reportFormat == null) {
        SbomCommand.write(
            root, output, SbomWriter.cycloneDx(read.subject(), read.catalog().packages(), matches));
        return gate.exitCode(report(started, context, findings));
      }
      ReportOptions options = new ReportOptions();
      options.format = reportFormat;
      options.output = output;
      options.failOn = FailOn.none();
      options.remediation = remediation;
      Report report = report(started, context, findings);
      ReportOutput.emit(report, options, root);
      return gate.exitCode(report);
    }
  }

  private List<VexDocument> readVex() throws IOException, ScannerException {
    List<VexDocument> docs = new ArrayList<>();
    for (Path file : vex) {
      if (Files.size(file) > VexDocument.MAX_BYTES) {
        throw new CliException(
            "--vex " + file + " is larger than " + VexDocument.MAX_BYTES + " bytes.",
            FailOn.EXIT_USAGE);
      }
      docs.add(VexDocument.parse(Files.readAllBytes(file), file.toString()));
    }
    return docs;
  }

  /** A finding a VEX statement suppresses: kept, not a problem, with the stated reason. */
  private static Finding suppressedFinding(Finding f, VexFilter.Suppression s) {
    Finding.Builder b =
        Finding.builder(f.ruleId(), f.title())
            .severity(f.severity())
            .status(Status.NOT_APPLICABLE)
            .subject(f.subject())
            .evidence(
                "suppressed by VEX ("
                    + s.status()
                    + (s.justification().isEmpty() ? "" : ", " + s.justification())
                    + (s.statement().isEmpty() ? "" : ": " + s.statement())
                    + ") from "
                    + s.source()
                    + "; "
                    + f.evidence())
            .references(f.references());
    f.properties().forEach(b::property);
    b.property("vex_status", s.status());
    b.property("vex_justification", s.justification());
    b.property("vex_source", s.source());
    return b.build();
  }

  private Report report(Instant started, CliContext context, List<Finding> findings) {
    return new Report(
        "scan", VersionInfo.load().version(), image, started, context.clock().instant(), findings);
  }

  private static Finding finding(ImagePackage pkg, VulnMatch m) {
    String fixed = m.fixedVersion();
    Finding.Builder b =
        Finding.builder(m.id(), m.summary().isBlank() ? m.id() : m.summary())
            .severity(m.severity())
            .status(Status.FAIL)
            .subject(pkg.name() + " " + pkg.version())
            .evidence(
                (fixed == null ? "no fix yet" : "fixed in " + fixed)
                    + (m.aliases().isEmpty() ? "" : "; also " + String.join(", ", m.aliases()))
                    + (m.cvss() == null
                        ? ""
                        : "; CVSS " + m.cvss().version() + " " + m.cvss().baseScore())
                    + "; layer "
                    + pkg.layer())
            .remediation(
                fixed == null
                    ? "No fixed version is known; mitigate or replace " + pkg.name() + "."
                    : "Upgrade " + pkg.name() + " to " + fixed + " or later.")
            .references(List.of("https://osv.dev/vulnerability/" + m.id()))
            .property("section", pkg.ecosystem() + " packages")
            .property("package", pkg.name())
            .property("version", pkg.version())
            .property("purl", pkg.purl())
            .property("layer", pkg.layer().toString())
            .property("fix_available", Boolean.toString(fixed != null))
            .property("severity_source", m.severitySource());
    if (fixed != null) {
      b.property("fixed_version", fixed);
    }
    if (!m.aliases().isEmpty()) {
      b.property("aliases", String.join(" ", m.aliases()));
    }
    if (m.cvss() != null) {
      b.property("cvss_vector", m.cvss().vector());
      b.property("cvss_score", Double.toString(m.cvss().baseScore()));
    }
    if (!pkg.locations().isEmpty()) {
      b.property("location", pkg.locations().getFirst());
    }
    return b.build();
  }
}
