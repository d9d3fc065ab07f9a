package dev.drydock.audit;

import static dev.drydock.audit.Html.esc;

import dev.drydock.model.Finding;
import dev.drydock.model.Severity;
import dev.drydock.model.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The report's detail sections: containers, images, host and benchmark. */
final class HtmlSections {
  private HtmlSections() {}

  static void containers(StringBuilder b, List<ContainerRisk> containers, @Nullable Baseline base) {
    b.append("<section id=\"containers\"><h2>Containers, riskiest first</h2>");
    if (containers.isEmpty()) {
      b.append("<p>No container to assess.</p></section>\n");
      return;
    }
    b.append("<div class=\"scroll\"><table id=\"container-table\"><thead><tr><th>#</th>")
        .append("<th>Container</th><th>Risk</th><th>Exposure</th><th>Vulnerabilities</th>")
        .append("<th class=\"hide-phone\">Worst</th><th>Signature</th>")
        .append("<th class=\"hide-phone\">Misconfig.</th></tr></thead><tbody>");
    int rank = 1;
    for (ContainerRisk c : containers) {
      b.append("<tr><td class=\"num\">")
          .append(rank++)
          .append("</td><td><a href=\"#c-")
          .append(esc(c.id()))
          .append("\">")
          .append(esc(c.name()))
          .append("</a><br><span class=\"meta\">")
          .append(esc(c.image()))
          .append(" &middot; ")
          .append(esc(c.state()))
          .append("</span></td><td><span class=\"badge risk-")
          .append(c.score().level())
          .append("\">")
          .append(c.score().total())
          .append("</span>");
      Integer before = base == null ? null : base.containerRisk().get(c.name());
      if (before != null && before != c.score().total()) {
        int d = c.score().total() - before;
        b.append(" <small>").append(d > 0 ? "+" + d : Integer.toString(d)).append("</small>");
      }
      b.append("</td><td>");
      exposureChips(b, c.exposure());
      b.append("</td><td>");
      counts(b, c.vulnerabilities());
      b.append("</td><td class=\"hide-phone\">");
      Finding w = c.vulnerabilities().worst();
      b.append(w == null ? "&ndash;" : "<code>" + esc(w.ruleId()) + "</code>");
      b.append("</td><td>")
          .append(esc(c.signature().state().label().replace('_', ' ')))
          .append("</td><td class=\"num hide-phone\">")
          .append(c.misconfigurations().size())
          .append("</td></tr>");
    }
    b.append("</tbody></table></div>");
    for (ContainerRisk c : containers) {
      b.append("<details id=\"c-")
          .append(esc(c.id()))
          .append("\"><summary><strong>")
          .append(esc(c.name()))
          .append("</strong> &middot; risk ")
          .append(esc(c.score().toString()))
          .append("</summary><p class=\"mono\">")
          .append(esc(c.id()))
          .append("<br>image ")
          .append(esc(c.image()))
          .append(" (")
          .append(esc(c.imageId()))
          .append(")</p><p><span class=\"label\">Signature</span> ")
          .append(esc(c.signature().detail()))
          .append("</p>");
      Finding w = c.vulnerabilities().worst();
      if (w != null) {
        b.append("<p><span class=\"label\">Worst vulnerability</span></p>");
        finding(b, w);
      }
      if (!c.misconfigurations().isEmpty()) {
        b.append("<p><span class=\"label\">Runtime misconfigurations</span></p>");
        c.misconfigurations().forEach(f -> finding(b, f));
      }
      b.append("</details>");
    }
    b.append("</section>\n");
  }

  private static void exposureChips(StringBuilder b, Exposure x) {
    List<String> bad = new ArrayList<>();
    if (x.privileged()) {
      bad.add("privileged");
    }
    if (x.dockerSocket()) {
      bad.add("docker socket");
    }
    x.hostNamespaces().forEach(n -> bad.add("host " + n));
    x.addedCapabilities().forEach(cap -> bad.add("cap " + cap));
    x.sensitiveMounts().forEach(m -> bad.add("mount " + m));
    for (String s : bad) {
      b.append("<span class=\"chip bad\">").append(esc(s)).append("</span>");
    }
    for (String p : x.publishedPorts()) {
      b.append("<span class=\"chip\">").append(esc(p)).append("</span>");
    }
    if (bad.isEmpty() && x.publishedPorts().isEmpty()) {
      b.append("<span class=\"meta\">none</span>");
    }
  }

  private static void counts(StringBuilder b, VulnSummary v) {
    if (v.total() == 0) {
      b.append("<span class=\"meta\">none known</span>");
      return;
    }
    for (Severity s : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW)) {
      if (v.count(s) > 0) {
        b.append("<span class=\"badge sev-")
            .append(s.label())
            .append("\">")
            .append(v.count(s))
            .append(' ')
            .append(s.label().charAt(0))
            .append("</span> ");
      }
    }
    b.append("<span class=\"meta\">").append(v.fixable()).append(" fixable</span>");
  }

  static void images(StringBuilder b, List<ImageResult> images) {
    b.append("<section id=\"images\"><h2>Images</h2>");
    if (images.isEmpty()) {
      b.append("<p>No image.</p></section>\n");
      return;
    }
    b.append("<div class=\"scroll\"><table id=\"image-table\"><thead><tr><th>Image</th>")
        .append("<th class=\"hide-phone\">OS</th><th>Packages</th><th>Vulnerabilities</th>")
        .append("<th>Signature</th></tr></thead><tbody>");
    for (ImageResult i : images) {
      b.append("<tr><td>")
          .append(esc(i.name()))
          .append("<br><span class=\"meta mono\">")
          .append(esc(ImageResult.shortId(i.id())))
          .append(i.fromCache() ? " &middot; cached" : "")
          .append("</span></td><td class=\"hide-phone\">")
          .append(esc(i.os()))
          .append("</td><td class=\"num\">")
          .append(i.packages())
          .append("</td><td>");
      String error = i.error();
      if (error != null) {
        b.append("<span class=\"meta\">").append(esc(error)).append("</span>");
      } else {
        counts(b, i.summary());
      }
      b.append("</td><td>")
          .append(esc(i.signature().state().label().replace('_', ' ')))
          .append("</td></tr>");
    }
    b.append("</tbody></table></div>");
    for (ImageResult i : images) {
      if (i.vulnerabilities().isEmpty()) {
        continue;
      }
      b.append("<details><summary>")
          .append(esc(i.name()))
          .append(": ")
          .append(i.summary().total())
          .append(" vulnerabilities</summary>");
      i.vulnerabilities().forEach(f -> finding(b, f));
      b.append("</details>");
    }
    b.append("</section>\n");
  }

  static void host(StringBuilder b, AuditResult r) {
    b.append("<section id=\"host\"><h2>Host</h2>");
    if (r.host().findings().isEmpty()) {
      b.append("<p>The host patch status did not run.</p>");
    }
    r.host().findings().forEach(f -> finding(b, f));
    if (!r.hostVulnerabilities().isEmpty()) {
      b.append("<details><summary>")
          .append(r.hostVulnerabilities().size())
          .append(" known vulnerabilities in host packages</summary>");
      r.hostVulnerabilities().forEach(f -> finding(b, f));
      b.append("</details>");
    }
    b.append("</section>\n");
  }

  static void bench(StringBuilder b, List<Finding> findings) {
    b.append("<section id=\"bench\"><h2>CIS Docker Benchmark</h2>");
    if (findings.isEmpty()) {
      b.append("<p>The benchmark did not run.</p></section>\n");
      return;
    }
    Map<String, List<Finding>> bySection = new LinkedHashMap<>();
    for (Finding f : findings) {
      bySection
          .computeIfAbsent(f.properties().getOrDefault("section", "other"), k -> new ArrayList<>())
          .add(f);
    }
    for (Map.Entry<String, List<Finding>> e : bySection.entrySet()) {
      List<Finding> problems = e.getValue().stream().filter(Finding::isProblem).toList();
      List<Finding> rest = e.getValue().stream().filter(f -> !f.isProblem()).toList();
      b.append("<h3>").append(esc(e.getKey())).append("</h3>");
      problems.forEach(f -> finding(b, f));
      if (!rest.isEmpty()) {
        b.append("<details><summary>")
            .append(rest.stream().filter(f -> f.status() == Status.PASS).count())
            .append(" passed, ")
            .append(rest.stream().filter(f -> f.status() != Status.PASS).count())
            .append(" manual or not applicable</summary>");
        rest.forEach(f -> finding(b, f));
        b.append("</details>");
      }
    }
    b.append("</section>\n");
  }

  /** One finding: rule, title, status and severity, subject, evidence, remediation. */
  static void finding(StringBuilder b, Finding f) {
    b.append("<div class=\"finding")
        .append(f.isProblem() ? " problem" : "")
        .append("\"><p><span class=\"badge st-")
        .append(f.status().label())
        .append("\">")
        .append(f.status().label().replace('_', ' '))
        .append("</span> <span class=\"badge sev-")
        .append(f.severity().label())
        .append("\">")
        .append(f.severity().label())
        .append("</span> <code>")
        .append(esc(f.ruleId()))
        .append("</code> ")
        .append(esc(f.title()))
        .append("</p><p class=\"mono\">")
        .append(esc(f.subject()))
        .append("</p>");
    if (!f.evidence().isEmpty()) {
      b.append("<p><span class=\"label\">Evidence</span> ")
          .append(esc(f.evidence()))
          .append("</p>");
    }
    if (!f.remediation().isEmpty()) {
      b.append("<p><span class=\"label\">Remediation</span> ")
          .append(esc(f.remediation()))
          .append("</p>");
    }
    b.append("</div>");
  }
}
