package dev.drydock.cli;

import dev.drydock.audit.AreaScore;
import dev.drydock.audit.AuditHtml;
import dev.drydock.audit.AuditJson;
import dev.drydock.audit.AuditResult;
import dev.drydock.audit.Baseline;
import dev.drydock.audit.ContainerRisk;
import dev.drydock.audit.Skipped;
import dev.drydock.report.Format;
import dev.drydock.report.Printable;
import dev.drydock.report.Renderer;
import dev.drydock.report.TableOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Renders an audit in the chosen format, names the default file, and prints the short summary. */
final class AuditRender {
  private static final Path PROC_OSRELEASE = Path.of("/proc/sys/kernel/osrelease");
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private AuditRender() {}

  static String render(
      AuditResult result, @Nullable Baseline baseline, AuditCommand.AuditFormat format) {
    return switch (format) {
      case HTML -> AuditHtml.render(result, baseline);
      case JSON -> AuditJson.write(result);
      case SARIF -> machine(result, Format.SARIF);
      case JUNIT -> machine(result, Format.JUNIT);
    };
  }

  private static String machine(AuditResult result, Format format) {
    StringWriter out = new StringWriter();
    try {
      Renderer.of(format, new TableOptions(false, true, false)).render(result.toReport(), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** {@return e.g. {@code drydock-audit-20261205-013000.html}, from the audit's start time} */
  static String defaultName(AuditResult result, AuditCommand.AuditFormat format) {
    return "drydock-audit-" + STAMP.format(result.started()) + "." + format.extension;
  }

  /** Prints the scores, what was skipped and the three riskiest containers. */
  static void summary(AuditResult r, PrintWriter err) {
    StringBuilder scores = new StringBuilder("drydock: scores");
    for (AreaScore a : r.areas()) {
      scores
          .append(" | ")
          .append(a.title())
          .append(' ')
          .append(a.score() == null ? "-" : a.score().toString());
    }
    err.println(scores);
    for (Skipped s : r.skipped()) {
      err.println(
          "drydock: skipped "
              + Printable.clean(s.area())
              + ": "
              + Printable.clean(s.reason())
              + (s.remedy().isEmpty() ? "" : "; " + Printable.clean(s.remedy())));
    }
    List<ContainerRisk> top = r.containers().stream().limit(3).toList();
    for (int i = 0; i < top.size(); i++) {
      ContainerRisk c = top.get(i);
      err.printf(
          Locale.ROOT,
          "drydock: #%d %s risk %d (%s)%n",
          i + 1,
          Printable.clean(c.name()),
          c.score().total(),
          c.score().level());
    }
    err.flush();
  }

  /** Opens the report with the desktop's opener; says so when there is none. */
  static void open(Path report, PrintWriter err) {
    try {
      new ProcessBuilder("xdg-open", report.toAbsolutePath().toString())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      err.println(
          "drydock: cannot open a browser here ("
              + Errors.message(e)
              + "); open "
              + report
              + " yourself.");
      err.flush();
    }
  }

  /** The running kernel matters only for the host itself, not for another root. */
  static @Nullable String runningKernel(Path root) throws IOException {
    if (Files.isDirectory(root)
        && Files.isSameFile(root, Path.of("/"))
        && Files.isReadable(PROC_OSRELEASE)) {
      return Files.readString(PROC_OSRELEASE, StandardCharsets.UTF_8).strip();
    }
    return null;
  }
}
