package dev.drydock.audit;

import dev.drydock.model.Finding;
import java.util.List;
import java.util.Objects;

/**
 * One container with everything the audit knows about it, joined: the row of the ranked table.
 *
 * @param name the container name
 * @param id the full container ID
 * @param image the image as the container was created from it, e.g. {@code web:1}
 * @param imageId the image ID
 * @param state e.g. {@code running}, {@code created}, {@code exited}
 * @param exposure its exposure
 * @param misconfigurations the CIS checks it fails (section 5, container runtime)
 * @param vulnerabilities its image's vulnerabilities in numbers
 * @param signature its image's signature status
 * @param score its risk
 */
public record ContainerRisk(
    String name,
    String id,
    String image,
    String imageId,
    String state,
    Exposure exposure,
    List<Finding> misconfigurations,
    VulnSummary vulnerabilities,
    SignatureStatus signature,
    RiskScore score) {

  /** Copies and validates. */
  public ContainerRisk {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(imageId, "imageId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(exposure, "exposure");
    misconfigurations = List.copyOf(misconfigurations);
    Objects.requireNonNull(vulnerabilities, "vulnerabilities");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(score, "score");
  }

  /**
   * {@return the subject the benchmark names this container by, e.g. {@code container web
   * (0123456789ab)}}
   */
  public String subject() {
    return "container " + name + " (" + ImageResult.shortId(id) + ")";
  }
}
