package dev.drydock.audit;

import dev.drydock.engine.ContainerDetails;
import dev.drydock.model.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins per container what the audit found elsewhere: the benchmark's failures about it (matched by
 * the subject the benchmark gives containers), its image's vulnerabilities and signature status,
 * and its exposure; then ranks by risk, riskiest first.
 */
public final class ContainerJoin {
  private ContainerJoin() {}

  /**
   * Joins and ranks.
   *
   * @param containers the inspected containers
   * @param benchFindings every benchmark finding (passes and failures)
   * @param images the scanned images by image ID
   * @param unscanned the signature status to give a container whose image was not scanned
   * @return one entry per container, highest score first, then by name
   */
  public static List<ContainerRisk> join(
      List<ContainerDetails> containers,
      List<Finding> benchFindings,
      Map<String, ImageResult> images,
      SignatureStatus unscanned) {
    Map<String, List<Finding>> problemsBySubject = new HashMap<>();
    for (Finding f : benchFindings) {
      if (f.isProblem()) {
        problemsBySubject.computeIfAbsent(f.subject(), k -> new ArrayList<>()).add(f);
      }
    }
    List<ContainerRisk> out = new ArrayList<>();
    for (ContainerDetails c : containers) {
      String subject = "container " + c.name() + " (" + ImageResult.shortId(c.id()) + ")";
      List<Finding> misconfigurations = problemsBySubject.getOrDefault(subject, List.of());
      ImageResult image = images.get(c.imageId());
      VulnSummary vulns = image == null ? VulnSummary.empty() : image.summary();
      SignatureStatus signature = image == null ? unscanned : image.signature();
      Exposure exposure = Exposure.of(c);
      out.add(
          new ContainerRisk(
              c.name(),
              c.id(),
              c.configImage(),
              c.imageId(),
              c.state().status(),
              exposure,
              misconfigurations,
              vulns,
              signature,
              RiskScore.of(exposure, vulns, misconfigurations, signature)));
    }
    out.sort(RANKING);
    return List.copyOf(out);
  }

  /** Highest total first; ties by exposure, then vulnerabilities, then name for a stable order. */
  static final Comparator<ContainerRisk> RANKING =
      Comparator.comparingInt((ContainerRisk r) -> r.score().total())
          .reversed()
          .thenComparingDouble(r -> -r.score().exposure())
          .thenComparingDouble(r -> -r.score().vulnerabilities())
          .thenComparing(ContainerRisk::name);
}
