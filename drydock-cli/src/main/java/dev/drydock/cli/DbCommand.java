package dev.drydock.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.drydock.report.Printable;
import dev.drydock.scanner.DbMetadata;
import dev.drydock.scanner.ImportOptions;
import dev.drydock.scanner.ImportSource;
import dev.drydock.scanner.ImportStats;
import dev.drydock.scanner.VulnDb;
import dev.drydock.scanner.VulnDbException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code drydock db}: the local vulnerability database (OSV records). */
@Command(
    name = "db",
    mixinStandardHelpOptions = true,
    description =
        "The local vulnerability database: OSV advisories imported from the public OSV archive,"
            + " a mirror, or a directory, kept under <data>/db in one file that opens in"
            + " milliseconds.",
    subcommands = {DbCommand.Update.class, DbCommand.Status.class})
final class DbCommand implements Runnable {
  @Mixin GlobalOptions global = new GlobalOptions();

  @Override
  public void run() {
    Drydock root = global.root();
    new picocli.CommandLine(this).usage(root.context().out());
  }

  static Path dbDir(Drydock root) {
    return root.dataDir().resolve("db");
  }

  /** {@code drydock db update}. */
  @Command(
      name = "update",
      mixinStandardHelpOptions = true,
      description = {
        "Import OSV advisories: from each --from (an OSV all.zip URL, a zip file, or a directory"
            + " of OSV JSON files), or by default from the public OSV archive of each --ecosystem.",
        "Updates are incremental: unchanged records are kept as they are, a source that has not"
            + " changed since the last download is not downloaded again."
      },
      footer = {
        "",
        "Examples:",
        "  drydock db update                                  Debian, Alpine, Maven, npm, PyPI, Go, ...",
        "  drydock db update --ecosystem Debian --ecosystem Maven",
        "  drydock db update --from https://mirror.example/osv/Maven/all.zip",
        "  drydock db update --from ./advisories/"
      })
  static final class Update implements Callable<Integer> {
    static final List<String> DEFAULT_ECOSYSTEMS =
        List.of("Debian", "Alpine", "Maven", "npm", "PyPI", "Go", "crates.io", "RubyGems", "NuGet");

    @Mixin GlobalOptions global = new GlobalOptions();

    @Option(
        names = "--from",
        paramLabel = "URL|PATH",
        description = "Import this source (repeatable) instead of the public OSV archive.")
    List<String> from = new ArrayList<>();

    @Option(
        names = "--ecosystem",
        paramLabel = "NAME",
        description =
            "Download this ecosystem's archive from the public OSV archive (repeatable; default:"
                + " Debian, Alpine, Maven, npm, PyPI, Go, crates.io, RubyGems, NuGet).")
    List<String> ecosystems = new ArrayList<>();

    @Option(
        names = "--allow-http",
        description = "Accept plain http:// sources (a local mirror); https is required otherwise.")
    boolean allowHttp;

    @Override
    public Integer call() throws VulnDbException {
      Drydock root = global.root();
      CliContext context = root.context();
      List<ImportSource> sources = new ArrayList<>();
      for (String f : from) {
        sources.add(ImportSource.parse(f));
      }
      if (!from.isEmpty() && !ecosystems.isEmpty()) {
        throw new CliException(
            "Give either --from or --ecosystem, not both.", dev.drydock.report.FailOn.EXIT_USAGE);
      }
      if (sources.isEmpty()) {
        for (String eco : ecosystems.isEmpty() ? DEFAULT_ECOSYSTEMS : ecosystems) {
          sources.add(ImportSource.osvArchive(eco));
        }
      }
      ImportOptions options = ImportOptions.defaults(context.clock()).withPlainHttp(allowHttp);
      Path dir = dbDir(root);
      PrintWriter err = context.err();
      for (ImportSource source : sources) {
        if (!root.quiet()) {
          err.println("drydock: importing " + Printable.clean(source.key()));
          err.flush();
        }
        ImportStats s = VulnDb.importFrom(source, dir, options);
        context
            .out()
            .printf(
                Locale.ROOT,
                "%s: %s%d records (%d added, %d updated, %d unchanged, %d removed, %d withdrawn,"
                    + " %d rejected) in %.1f s%n",
                Printable.clean(s.source()),
                s.notModified() ? "not modified since the last download, " : "",
                s.total(),
                s.added(),
                s.updated(),
                s.unchanged(),
                s.removed(),
                s.withdrawn(),
                s.rejected(),
                s.elapsed().toMillis() / 1000.0);
        for (String problem : s.problems().stream().limit(10).toList()) {
          err.println("drydock: skipped: " + Printable.clean(problem));
        }
      }
      context.out().flush();
      return 0;
    }
  }

  /** {@code drydock db status}. */
  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description =
          "Show what the local vulnerability database holds, how old it is, and whether it is"
              + " stale (older than 7 days, or --max-age). Exit 1 when stale.")
  static final class Status implements Callable<Integer> {
    @Mixin GlobalOptions global = new GlobalOptions();

    @Option(names = "--json", description = "Print the metadata as JSON.")
    boolean json;

    @Option(
        names = "--max-age",
        paramLabel = "DAYS",
        defaultValue = "7",
        description = "Days after which the database counts as stale (default: ${DEFAULT-VALUE}).")
    int maxAgeDays = 7;

    @Override
    public Integer call() throws VulnDbException, IOException {
      Drydock root = global.root();
      CliContext context = root.context();
      DbMetadata m;
      try (VulnDb db = VulnDb.open(dbDir(root))) {
        m = db.metadata();
      }
      Duration maxAge = Duration.ofDays(maxAgeDays);
      boolean stale = m.isStale(context.clock(), maxAge);
      PrintWriter out = context.out();
      if (json) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("directory", dbDir(root).toString());
        doc.put("formatVersion", m.formatVersion());
        doc.put("built", m.built().toString());
        doc.put(
            "newestModified", m.newestModified() == null ? null : m.newestModified().toString());
        doc.put("records", m.recordCount());
        doc.put("withdrawn", m.withdrawnCount());
        doc.put("packages", m.packageCount());
        List<Map<String, Object>> sources = new ArrayList<>();
        for (DbMetadata.Source s : m.sources()) {
          Map<String, Object> one = new LinkedHashMap<>();
          one.put("source", s.source());
          one.put("imported", s.imported().toString());
          one.put("records", s.records());
          sources.add(one);
        }
        doc.put("sources", sources);
        doc.put("ageSeconds", m.age(context.clock()).toSeconds());
        doc.put("stale", stale);
        out.println(
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
      } else {
        out.printf(Locale.ROOT, "Vulnerability database in %s%n", dbDir(root));
        out.printf(
            Locale.ROOT,
            "  %d records (%d withdrawn) for %d packages, built %s (%d h ago)%n",
            m.recordCount(),
            m.withdrawnCount(),
            m.packageCount(),
            m.built(),
            m.age(context.clock()).toHours());
        for (DbMetadata.Source s : m.sources()) {
          out.printf(
              Locale.ROOT,
              "  %-60s %6d records, imported %s%n",
              Printable.clean(s.source()),
              s.records(),
              s.imported());
        }
        if (stale) {
          out.printf(
              Locale.ROOT, "  STALE: older than %d days; run 'drydock db update'.%n", maxAgeDays);
        }
      }
      out.flush();
      return stale ? 1 : 0;
    }
  }
}
