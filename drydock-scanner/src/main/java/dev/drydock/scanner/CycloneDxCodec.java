package dev.drydock.scanner;

import static dev.drydock.scanner.SbomJson.clean;

import com.github.packageurl.PackageURL;
import dev.drydock.model.Severity;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.cyclonedx.Version;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.license.Expression;
import org.cyclonedx.model.metadata.ToolInformation;
import org.cyclonedx.model.vulnerability.Vulnerability;
import org.jspecify.annotations.Nullable;

/**
 * Writes CycloneDX 1.6 JSON through cyclonedx-core-java's model and generator.
 *
 * @see <a href="https://cyclonedx.org/docs/1.6/json/">CycloneDX 1.6 JSON reference</a>
 */
final class CycloneDxCodec {
  private static final String P = "drydock:";
  private static final Set<String> GROUPED = Set.of("maven", "npm");

  private CycloneDxCodec() {}

  static byte[] write(SbomSubject s, List<ImagePackage> packages, List<VulnMatch> vulns) {
    List<SbomPackages.Entry> entries = SbomPackages.index(packages);
    Bom bom = new Bom();
    bom.setSerialNumber("urn:uuid:" + SbomPackages.documentUuid(s, entries, vulns));
    bom.setVersion(1);
    bom.setMetadata(metadata(s));
    List<Component> components = new ArrayList<>();
    Component os = operatingSystem(s);
    if (os != null) {
      components.add(os);
    }
    for (SbomPackages.Entry e : entries) {
      components.add(component(e));
    }
    bom.setComponents(components);
    if (!vulns.isEmpty()) {
      bom.setVulnerabilities(vulnerabilities(vulns, entries));
    }
    // toJsonNode keeps the generator's field order; SbomJson fixes indent and line ends.
    return SbomJson.write(BomGeneratorFactory.createJson(Version.VERSION_16, bom).toJsonNode());
  }

  private static Metadata metadata(SbomSubject s) {
    Metadata m = new Metadata();
    m.setTimestamp(Date.from(s.created()));
    Component tool = new Component();
    tool.setType(Component.Type.APPLICATION);
    tool.setName(clean(s.toolName()));
    tool.setVersion(clean(s.toolVersion()));
    ToolInformation tools = new ToolInformation();
    tools.setComponents(List.of(tool));
    m.setToolChoice(tools);
    m.setComponent(image(s));
    return m;
  }

  /** Spec 1.6 section "metadata.component": the image is a {@code container} component. */
  private static Component image(SbomSubject s) {
    Component c = new Component();
    c.setType(Component.Type.CONTAINER);
    String purl = s.purl();
    c.setBomRef(purl == null ? "image:" + s.imageId() : purl);
    c.setName(clean(s.imageRef()));
    c.setVersion(Objects.requireNonNullElse(s.manifestDigest(), s.imageId()).toString());
    if (purl != null) {
      c.setPurl(purl);
    }
    List<Property> props = new ArrayList<>();
    props.add(new Property(P + "image-id", s.imageId().toString()));
    if (s.manifestDigest() != null) {
      props.add(new Property(P + "manifest-digest", String.valueOf(s.manifestDigest())));
    }
    if (s.architecture() != null) {
      props.add(new Property(P + "architecture", clean(String.valueOf(s.architecture()))));
    }
    c.setProperties(props);
    return c;
  }

  private static @Nullable Component operatingSystem(SbomSubject s) {
    String name = s.osName();
    if (name == null || name.isBlank()) {
      return null;
    }
    Component c = new Component();
    c.setType(Component.Type.OPERATING_SYSTEM);
    String version = s.osVersion();
    c.setBomRef("os:" + clean(name) + (version == null ? "" : "@" + clean(version)));
    c.setName(clean(name));
    if (version != null && !version.isBlank()) {
      c.setVersion(clean(version));
    }
    return c;
  }

  private static Component component(SbomPackages.Entry e) {
    ImagePackage p = e.pkg();
    Component c = new Component();
    c.setType(Component.Type.LIBRARY);
    c.setBomRef(e.bomRef());
    c.setName(clean(p.name()));
    // Maven and npm coordinates have a group: CycloneDX writes it apart from the name.
    PackageURL purl = Purls.parse(p.purl());
    if (purl.getNamespace() != null && GROUPED.contains(purl.getType())) {
      c.setGroup(clean(purl.getNamespace()));
      c.setName(clean(purl.getName()));
    }
    c.setVersion(clean(p.version()));
    c.setPurl(p.purl());
    String license = SbomPackages.license(p);
    if (license != null) {
      c.setLicenses(licenses(clean(license)));
    }
    List<Property> props = new ArrayList<>();
    props.add(new Property(P + "ecosystem", clean(p.ecosystem())));
    props.add(new Property(P + "cataloguer", clean(p.cataloguer())));
    props.add(new Property(P + "layer", p.layer().toString()));
    for (String location : p.locations()) {
      props.add(new Property(P + "location", clean(location)));
    }
    if (p.sourceName() != null) {
      props.add(new Property(P + "source-name", clean(String.valueOf(p.sourceName()))));
    }
    if (p.sourceVersion() != null) {
      props.add(new Property(P + "source-version", clean(String.valueOf(p.sourceVersion()))));
    }
    for (Map.Entry<String, String> kv : SbomPackages.properties(p).entrySet()) {
      if (!kv.getKey().equals(SbomWriter.LICENSE_PROPERTY)) {
        props.add(new Property(P + clean(kv.getKey()), clean(kv.getValue())));
      }
    }
    c.setProperties(props);
    return c;
  }

  /**
   * A compound licence ({@code MIT OR Apache-2.0}) made of SPDX ids is an expression, a listed SPDX
   * id is an {@code id} (the schema checks ids against the SPDX list), anything else, such as
   * Debian's {@code GPL-2+}, is a {@code name}.
   */
  private static LicenseChoice licenses(String text) {
    LicenseChoice choice = new LicenseChoice();
    if (SbomLicenses.isCompound(text) && SbomLicenses.isExpression(text)) {
      choice.setExpression(new Expression(text));
      return choice;
    }
    License l = new License();
    if (SbomLicenses.isListedId(text)) {
      l.setId(text);
    } else {
      l.setName(text);
    }
    choice.addLicense(l);
    return choice;
  }

  private static List<Vulnerability> vulnerabilities(
      List<VulnMatch> vulns, List<SbomPackages.Entry> entries) {
    Map<PackageQuery, List<String>> refsByQuery = new HashMap<>();
    for (SbomPackages.Entry e : entries) {
      refsByQuery.computeIfAbsent(e.pkg().query(), q -> new ArrayList<>()).add(e.bomRef());
    }
    List<VulnMatch> sorted = new ArrayList<>(vulns);
    sorted.sort(
        Comparator.comparing(VulnMatch::id)
            .thenComparing(v -> v.pkg().toString())
            .thenComparing(v -> Objects.toString(v.fixedVersion(), "")));
    List<Vulnerability> out = new ArrayList<>();
    for (VulnMatch v : sorted) {
      List<String> refs = refsByQuery.get(v.pkg());
      if (refs == null) {
        throw new IllegalArgumentException(
            "vulnerability "
                + v.id()
                + " names package "
                + v.pkg().name()
                + " "
                + v.pkg().version()
                + " ("
                + v.pkg().ecosystem()
                + "), which is not among the SBOM's packages: pass the packages that were"
                + " matched");
      }
      out.add(vulnerability(v, refs));
    }
    return out;
  }

  /** Spec 1.6 section "vulnerabilities": one entry per matched package, affects by bom-ref. */
  private static Vulnerability vulnerability(VulnMatch v, List<String> refs) {
    Vulnerability x = new Vulnerability();
    x.setId(clean(v.id()));
    x.setSource(source(v.id()));
    List<Vulnerability.Reference> references = new ArrayList<>();
    for (String alias : v.aliases()) {
      Vulnerability.Reference r = new Vulnerability.Reference();
      r.setId(clean(alias));
      r.setSource(source(alias));
      references.add(r);
    }
    if (!references.isEmpty()) {
      x.setReferences(references);
    }
    x.setRatings(List.of(rating(v)));
    if (!v.summary().isBlank()) {
      x.setDescription(clean(v.summary()));
    }
    String fixed = v.fixedVersion();
    if (fixed != null) {
      x.setRecommendation(clean("Upgrade " + v.pkg().matchName() + " to " + fixed + " or later."));
    }
    List<Vulnerability.Advisory> advisories = new ArrayList<>();
    for (String record : v.recordIds()) {
      Vulnerability.Advisory a = new Vulnerability.Advisory();
      a.setTitle(clean(record));
      a.setUrl(osvUrl(record));
      advisories.add(a);
    }
    if (!advisories.isEmpty()) {
      x.setAdvisories(advisories);
    }
    x.setUpdated(Date.from(v.modified()));
    List<Vulnerability.Affect> affects = new ArrayList<>();
    for (String ref : refs) {
      Vulnerability.Affect a = new Vulnerability.Affect();
      a.setRef(ref);
      Vulnerability.Version version = new Vulnerability.Version();
      version.setVersion(clean(v.pkg().version()));
      version.setStatus(Vulnerability.Version.Status.AFFECTED);
      a.setVersions(List.of(version));
      affects.add(a);
    }
    x.setAffects(affects);
    List<Property> props = new ArrayList<>();
    props.add(new Property(P + "severity-source", clean(v.severitySource())));
    if (fixed != null) {
      props.add(new Property(P + "fixed-version", clean(fixed)));
    }
    x.setProperties(props);
    return x;
  }

  private static Vulnerability.Rating rating(VulnMatch v) {
    Vulnerability.Rating r = new Vulnerability.Rating();
    r.setSeverity(severity(v.severity()));
    CvssScore cvss = v.cvss();
    if (cvss != null) {
      r.setScore(cvss.baseScore());
      r.setVector(clean(cvss.vector()));
      r.setMethod(
          switch (cvss.version()) {
            case "3.0" -> Vulnerability.Rating.Method.CVSSV3;
            case "3.1" -> Vulnerability.Rating.Method.CVSSV31;
            case "4.0" -> Vulnerability.Rating.Method.CVSSV4;
            default -> Vulnerability.Rating.Method.OTHER;
          });
    }
    return r;
  }

  private static Vulnerability.Rating.Severity severity(Severity s) {
    return switch (s) {
      case INFO -> Vulnerability.Rating.Severity.INFO;
      case UNKNOWN -> Vulnerability.Rating.Severity.UNKNOWN;
      case LOW -> Vulnerability.Rating.Severity.LOW;
      case MEDIUM -> Vulnerability.Rating.Severity.MEDIUM;
      case HIGH -> Vulnerability.Rating.Severity.HIGH;
      case CRITICAL -> Vulnerability.Rating.Severity.CRITICAL;
    };
  }

  private static Vulnerability.Source source(String id) {
    Vulnerability.Source src = new Vulnerability.Source();
    src.setName(sourceName(id));
    src.setUrl(sourceUrl(id));
    return src;
  }

  private static String sourceName(String id) {
    if (id.startsWith("CVE-")) {
      return "NVD";
    }
    return id.startsWith("GHSA-") ? "GitHub" : "OSV";
  }

  private static String sourceUrl(String id) {
    String encoded = URLEncoder.encode(id, StandardCharsets.UTF_8);
    if (id.startsWith("CVE-")) {
      return "https://nvd.nist.gov/vuln/detail/" + encoded;
    }
    return id.startsWith("GHSA-") ? "https://github.com/advisories/" + encoded : osvUrl(id);
  }

  private static String osvUrl(String recordId) {
    return "https://osv.dev/vulnerability/" + URLEncoder.encode(recordId, StandardCharsets.UTF_8);
  }
}
