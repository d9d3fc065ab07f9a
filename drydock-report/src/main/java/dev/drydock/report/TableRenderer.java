package dev.drydock.report;

import dev.drydock.model.Finding;
import dev.drydock.model.Report;
import dev.drydock.model.Severity;
import dev.drydock.model.Status;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The human table: results grouped by section (the finding property {@code section}), problems
 * first within a section, then a summary with a score. Passing results are counted, and listed only
 * on request, so that a long audit shows what needs attention.
 */
final class TableRenderer implements Renderer {
  private static final String RESET = "\u001b[0m";

  private final TableOptions options;

  TableRenderer(TableOptions options) {
    this.options = options;
  }

  @Override
  public void render(Report report, Writer out) throws IOException {
    out.write("drydock " + printable(report.tool()) + " - " + printable(report.target()) + "\n");
    Map<String, List<Finding>> sections = new LinkedHashMap<>();
    for (Finding f : report.findings()) {
      sections.computeIfAbsent(sectionOf(f), k -> new ArrayList<>()).add(f);
    }
    for (Map.Entry<String, List<Finding>> section : sections.entrySet()) {
      List<Finding> shown =
          section.getValue().stream().filter(f -> options.showPassing() || !quiet(f)).toList();
      if (shown.isEmpty()) {
        continue;
      }
      out.write("\n");
      if (!section.getKey().isEmpty()) {
        out.write(bold(section.getKey()) + "\n");
      }
      writeRows(out, shown);
    }
    out.write("\n" + summary(report) + "\n");
  }

  private void writeRows(Writer out, List<Finding> findings) throws IOException {
    int ruleWidth = findings.stream().mapToInt(f -> f.ruleId().length()).max().orElse(4);
    List<Finding> ordered = new ArrayList<>(findings);
    ordered.sort((a, b) -> Boolean.compare(!a.isProblem(), !b.isProblem()));
    for (Finding f : ordered) {
      String status = paint(pad(statusLabel(f.status()), 6), colour(f));
      String severity = pad(f.severity().label(), 8);
      String line =
          "  "
              + status
              + " "
              + severity
              + " "
              + pad(printable(f.ruleId()), ruleWidth)
              + "  "
              + printable(f.title())
              + "  ["
              + printable(f.subject())
              + "]";
      out.write(line + "\n");
      if (f.status() != Status.PASS && !f.evidence().isEmpty()) {
        String label = f.isProblem() ? "evidence" : "note";
        out.write("      " + label + ": " + printable(f.evidence()) + "\n");
      }
      if (options.remediation() && f.isProblem() && !f.remediation().isEmpty()) {
        out.write("      fix: " + printable(f.remediation()) + "\n");
      }
    }
  }

  private static String summary(Report report) {
    Map<Status, Integer> counts = report.countByStatus();
    String byStatus =
        counts.entrySet().stream()
            .filter(e -> e.getValue() > 0)
            .map(e -> e.getValue() + " " + e.getKey().label())
            .collect(Collectors.joining(", "));
    int passed = counts.getOrDefault(Status.PASS, 0);
    int decided =
        passed + counts.getOrDefault(Status.FAIL, 0) + counts.getOrDefault(Status.ERROR, 0);
    String score =
        decided == 0
            ? "n/a"
            : String.format(Locale.ROOT, "%d%%", Math.round(100.0 * passed / decided));
    String worst = report.worstProblem().map(Severity::label).orElse("none");
    return String.format(
        Locale.ROOT,
        "%d results: %s. Score %s (passed of pass+fail+error). Worst problem: %s. Took %.1f s.",
        report.findings().size(),
        byStatus.isEmpty() ? "none" : byStatus,
        score,
        worst,
        report.duration().toMillis() / 1000.0);
  }

  private static String statusLabel(Status status) {
    return switch (status) {
      case PASS -> "PASS";
      case FAIL -> "FAIL";
      case ERROR -> "ERROR";
      case MANUAL -> "MANUAL";
      case NOT_APPLICABLE -> "N/A";
    };
  }

  private static boolean quiet(Finding f) {
    return f.status() == Status.PASS || f.status() == Status.NOT_APPLICABLE;
  }

  private static String sectionOf(Finding f) {
    return f.properties().getOrDefault("section", "");
  }

  private String colour(Finding f) {
    return switch (f.status()) {
      case FAIL -> f.severity().atLeast(Severity.HIGH) ? "\u001b[1;31m" : "\u001b[31m";
      case ERROR -> "\u001b[35m";
      case PASS -> "\u001b[32m";
      case MANUAL -> "\u001b[33m";
      case NOT_APPLICABLE -> "\u001b[90m";
    };
  }

  private String paint(String text, String ansi) {
    return options.color() ? ansi + text + RESET : text;
  }

  private String bold(String text) {
    return options.color() ? "\u001b[1m" + printable(text) + RESET : printable(text);
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }

  private static String printable(String s) {
    return Printable.clean(s);
  }
}
