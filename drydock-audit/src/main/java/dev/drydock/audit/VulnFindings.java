package dev.drydock.audit;

import dev.drydock.model.Finding;
import dev.drydock.model.Status;
import dev.drydock.scanner.PackageQuery;
import dev.drydock.scanner.VulnMatch;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Turns a vulnerability match into a finding with its evidence and remediation. */
final class VulnFindings {
  private VulnFindings() {}

  /**
   * @param subjectPrefix e.g. {@code image web:1} or {@code host}
   * @param layer the diffID of the layer that added the package, or null for the host
   * @param location where the package was identified, or null
   */
  static Finding of(
      String subjectPrefix,
      PackageQuery pkg,
      String ecosystem,
      VulnMatch m,
      @Nullable String layer,
      @Nullable String location) {
    String fixed = m.fixedVersion();
    String ecosystemBase =
        ecosystem.contains(":") ? ecosystem.substring(0, ecosystem.indexOf(':')) : ecosystem;
    Finding.Builder b =
        Finding.builder(m.id(), m.summary().isBlank() ? m.id() : m.summary())
            .severity(m.severity())
            .status(Status.FAIL)
            .subject(subjectPrefix + ": " + pkg.name() + " " + pkg.version())
            .evidence(
                pkg.name()
                    + " "
                    + pkg.version()
                    + " is affected; "
                    + (fixed == null ? "no fix yet" : "fixed in " + fixed)
                    + (m.aliases().isEmpty() ? "" : "; also " + String.join(", ", m.aliases()))
                    + (m.cvss() == null
                        ? ""
                        : "; CVSS " + m.cvss().version() + " " + m.cvss().baseScore())
                    + (layer == null ? "" : "; layer " + layer)
                    + (location == null ? "" : "; found at " + location))
            .remediation(
                fixed == null
                    ? "No fixed version is known; mitigate, or replace " + pkg.name() + "."
                    : "Upgrade " + pkg.name() + " to " + fixed + " or later.")
            .references(List.of("https://osv.dev/vulnerability/" + m.id()))
            .property("section", "vulnerabilities")
            .property("ecosystem", ecosystemBase)
            .property("package", pkg.name())
            .property("version", pkg.version())
            .property("fix_available", Boolean.toString(fixed != null));
    if (fixed != null) {
      b.property("fixed_version", fixed);
    }
    if (!m.aliases().isEmpty()) {
      b.property("aliases", String.join(" ", m.aliases()));
    }
    if (m.cvss() != null) {
      b.property("cvss_score", Double.toString(m.cvss().baseScore()));
    }
    if (layer != null) {
      b.property("layer", layer);
    }
    return b.build();
  }
}
