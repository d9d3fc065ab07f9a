package dev.drydock.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.bench.Bench;
import dev.drydock.bench.BenchDiff;
import dev.drydock.bench.BenchException;
import dev.drydock.engine.EngineEvent;
import dev.drydock.model.Finding;
import dev.drydock.model.Report;
import dev.drydock.report.FailOn;
import dev.drydock.report.Format;
import dev.drydock.report.Printable;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code drydock bench --watch}: the first audit in full, then one line per change (table) or one
 * JSON object per change (json, JSON Lines that a SIEM can ingest).
 */
final class BenchWatchLoop {
  private static final Duration SETTLE = Duration.ofMillis(500);
  private static final ObjectMapper JSON = new ObjectMapper();

  private BenchWatchLoop() {}

  static int run(
      Bench bench, String version, CliContext context, ReportOptions report, Drydock root)
      throws BenchException, InterruptedException {
    if (report.format != Format.TABLE && report.format != Format.JSON) {
      throw new CliException(
          "--watch prints a table or JSON Lines; use --format table or --format json.",
          FailOn.EXIT_USAGE);
    }
    if (report.output != null) {
      throw new CliException(
          "--watch writes to standard output; redirect it instead of using --output.",
          FailOn.EXIT_USAGE);
    }
    PrintWriter out = context.out();
    AtomicReference<Report> last = new AtomicReference<>();
    try (var watch = bench.watch(version, context.clock(), SETTLE)) {
      Thread hook = new Thread(watch::close);
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        watch.run(
            (result, changes, triggers) -> {
              boolean first = last.getAndSet(result) == null;
              if (report.format == Format.JSON) {
                for (BenchDiff.Change change : changes) {
                  out.println(jsonLine(result, change));
                }
              } else if (first) {
                ReportOutput.emit(result, report, root);
                out.println("Watching for changes (Ctrl-C to stop)...");
              } else {
                out.println(tableHeader(result, changes, triggers));
                for (BenchDiff.Change change : changes) {
                  out.println(tableLine(change));
                }
              }
              out.flush();
            });
      } finally {
        removeHook(hook);
      }
    }
    Report result = last.get();
    return result == null ? FailOn.EXIT_OK : report.failOn.exitCode(result);
  }

  private static String tableHeader(
      Report result, List<BenchDiff.Change> changes, List<EngineEvent> triggers) {
    EngineEvent first = triggers.getFirst();
    String what =
        first.type()
            + " "
            + first.action()
            + " "
            + (first.actorName().isEmpty() ? shortId(first.actorId()) : first.actorName());
    return String.format(
        Locale.ROOT,
        "%s re-audit after %d event(s) (%s%s): %d change(s)",
        result.finished(),
        triggers.size(),
        Printable.clean(what),
        triggers.size() > 1 ? ", ..." : "",
        changes.size());
  }

  private static String tableLine(BenchDiff.Change change) {
    Finding f = change.finding();
    return String.format(
        Locale.ROOT,
        "  %-8s %-5s %-8s %-9s %s  [%s]",
        change.kind().name(),
        f.status().name(),
        f.severity().label(),
        f.ruleId(),
        Printable.clean(f.title()),
        Printable.clean(f.subject()));
  }

  private static String jsonLine(Report result, BenchDiff.Change change) {
    Finding f = change.finding();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("time", result.finished().toString());
    doc.put("tool", "bench");
    doc.put("target", result.target());
    doc.put("change", change.kind().name().toLowerCase(Locale.ROOT));
    doc.put("ruleId", f.ruleId());
    doc.put("title", f.title());
    doc.put("status", f.status().label());
    doc.put("severity", f.severity().label());
    doc.put("subject", f.subject());
    doc.put("evidence", f.evidence());
    doc.put("properties", f.properties());
    try {
      return JSON.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // Ctrl-C: the hook is running and closes the watch.
    }
  }

  private static String shortId(String id) {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }
}
