package dev.drydock.report;

import dev.drydock.model.Finding;
import dev.drydock.model.Report;
import dev.drydock.model.Status;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML as CI servers read it (the Ant/Surefire dialect): one {@code testsuite} per section
 * (the finding property {@code section}, else the tool's name), one {@code testcase} per finding.
 * {@code fail} becomes {@code <failure>}, {@code error} becomes {@code <error>}, {@code manual} and
 * {@code not_applicable} become {@code <skipped>} with the reason.
 */
final class JunitRenderer implements Renderer {
  private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

  @Override
  public void render(Report report, Writer out) throws IOException {
    Map<String, List<Finding>> suites = new LinkedHashMap<>();
    for (Finding f : report.findings()) {
      String suite = f.properties().getOrDefault("section", report.tool());
      suites.computeIfAbsent(suite, k -> new ArrayList<>()).add(f);
    }
    try {
      XMLStreamWriter x = XML.createXMLStreamWriter(out);
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      x.writeStartElement("testsuites");
      x.writeAttribute("name", xmlSafe("drydock " + report.tool()));
      counts(x, report.findings());
      x.writeAttribute("time", seconds(report));
      x.writeAttribute("timestamp", Json.timestamp(report.started()));
      x.writeCharacters("\n");
      for (Map.Entry<String, List<Finding>> suite : suites.entrySet()) {
        writeSuite(x, report, suite.getKey(), suite.getValue());
      }
      x.writeEndElement();
      x.writeCharacters("\n");
      x.writeEndDocument();
      x.flush();
    } catch (XMLStreamException e) {
      throw new IOException("Could not write the JUnit XML report: " + e.getMessage(), e);
    }
  }

  private static void writeSuite(XMLStreamWriter x, Report report, String name, List<Finding> fs)
      throws XMLStreamException {
    x.writeCharacters("  ");
    x.writeStartElement("testsuite");
    x.writeAttribute("name", xmlSafe(name));
    counts(x, fs);
    x.writeAttribute("hostname", xmlSafe(report.target()));
    x.writeCharacters("\n");
    for (Finding f : fs) {
      writeCase(x, report, f);
    }
    x.writeCharacters("  ");
    x.writeEndElement();
    x.writeCharacters("\n");
  }

  private static void writeCase(XMLStreamWriter x, Report report, Finding f)
      throws XMLStreamException {
    x.writeCharacters("    ");
    x.writeStartElement("testcase");
    x.writeAttribute("classname", xmlSafe(report.tool() + "." + f.ruleId()));
    x.writeAttribute("name", xmlSafe(f.title() + " [" + f.subject() + "]"));
    x.writeAttribute("time", "0");
    switch (f.status()) {
      case PASS -> {}
      case FAIL -> outcome(x, "failure", f);
      case ERROR -> outcome(x, "error", f);
      case MANUAL, NOT_APPLICABLE -> {
        x.writeStartElement("skipped");
        x.writeAttribute("message", xmlSafe(f.status().label() + ": " + f.evidence()));
        x.writeEndElement();
      }
    }
    x.writeEndElement();
    x.writeCharacters("\n");
  }

  private static void outcome(XMLStreamWriter x, String element, Finding f)
      throws XMLStreamException {
    x.writeStartElement(element);
    x.writeAttribute("type", f.severity().label());
    x.writeAttribute("message", xmlSafe(f.evidence().isEmpty() ? f.title() : f.evidence()));
    StringBuilder body = new StringBuilder();
    body.append("severity: ").append(f.severity().label()).append('\n');
    body.append("subject: ").append(f.subject()).append('\n');
    if (!f.evidence().isEmpty()) {
      body.append("evidence: ").append(f.evidence()).append('\n');
    }
    if (!f.remediation().isEmpty()) {
      body.append("remediation: ").append(f.remediation()).append('\n');
    }
    x.writeCharacters(xmlSafe(body.toString()));
    x.writeEndElement();
  }

  private static void counts(XMLStreamWriter x, List<Finding> fs) throws XMLStreamException {
    long failures = fs.stream().filter(f -> f.status() == Status.FAIL).count();
    long errors = fs.stream().filter(f -> f.status() == Status.ERROR).count();
    long skipped =
        fs.stream()
            .filter(f -> f.status() == Status.MANUAL || f.status() == Status.NOT_APPLICABLE)
            .count();
    x.writeAttribute("tests", Integer.toString(fs.size()));
    x.writeAttribute("failures", Long.toString(failures));
    x.writeAttribute("errors", Long.toString(errors));
    x.writeAttribute("skipped", Long.toString(skipped));
  }

  /** XML 1.0 cannot carry most control characters; hostile names must not break the document. */
  static String xmlSafe(String text) {
    StringBuilder b = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              boolean allowed =
                  c == 0x9
                      || c == 0xA
                      || c == 0xD
                      || (c >= 0x20 && c <= 0xD7FF)
                      || (c >= 0xE000 && c <= 0xFFFD)
                      || c >= 0x10000;
              b.appendCodePoint(allowed ? c : 0xFFFD);
            });
    return b.toString();
  }

  private static String seconds(Report report) {
    return String.format(Locale.ROOT, "%.3f", report.duration().toMillis() / 1000.0);
  }
}
