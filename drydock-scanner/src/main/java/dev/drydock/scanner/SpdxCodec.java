package dev.drydock.scanner;

import static dev.drydock.scanner.SbomJson.clean;
import static dev.drydock.scanner.SbomJson.cleanOrNull;

import dev.drydock.scanner.SpdxDocument.Annotation;
import dev.drydock.scanner.SpdxDocument.CreationInfo;
import dev.drydock.scanner.SpdxDocument.ExternalRef;
import dev.drydock.scanner.SpdxDocument.Relationship;
import dev.drydock.scanner.SpdxDocument.SpdxPackage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Writes SPDX 2.3 JSON: one package for the image, one per catalogued package, the document
 * DESCRIBES the image and the image CONTAINS each package.
 *
 * @see <a href="https://spdx.github.io/spdx-spec/v2.3/">SPDX 2.3 specification</a>
 */
final class SpdxCodec {
  /** Where document namespaces live: a URI drydock controls the path of, never dereferenced. */
  static final String NAMESPACE_BASE = "https://drydock-dev.github.io/spdxdocs/";

  private static final String NOASSERTION = "NOASSERTION";
  private static final String DOCUMENT_ID = "SPDXRef-DOCUMENT";
  private static final Pattern NOT_URI_SAFE = Pattern.compile("[^A-Za-z0-9._-]+");

  private SpdxCodec() {}

  static byte[] write(SbomSubject s, List<ImagePackage> packages) {
    List<SbomPackages.Entry> entries = SbomPackages.index(packages);
    UUID uuid = SbomPackages.documentUuid(s, entries, List.of());
    String created = SbomJson.seconds(s.created());
    String tool = "Tool: " + clean(s.toolName()) + "-" + clean(s.toolVersion());
    String imageId = SbomPackages.spdxId("Image", s.imageRef(), s.imageId().toString());

    List<SpdxPackage> spdxPackages = new ArrayList<>();
    spdxPackages.add(image(s, imageId));
    List<Relationship> relationships = new ArrayList<>();
    relationships.add(new Relationship(DOCUMENT_ID, "DESCRIBES", imageId));
    for (SbomPackages.Entry e : entries) {
      spdxPackages.add(pkg(e, created, tool));
      relationships.add(new Relationship(imageId, "CONTAINS", e.spdxId()));
    }
    SpdxDocument doc =
        new SpdxDocument(
            "SPDX-2.3",
            "CC0-1.0",
            DOCUMENT_ID,
            clean(s.imageRef()),
            NAMESPACE_BASE + namespaceName(s.imageRef()) + "-" + uuid,
            new CreationInfo(created, List.of(tool)),
            spdxPackages,
            relationships);
    return SbomJson.write(SbomJson.mapper().valueToTree(doc));
  }

  private static SpdxPackage image(SbomSubject s, String id) {
    String purl = s.purl();
    List<ExternalRef> refs =
        purl == null ? null : List.of(new ExternalRef("PACKAGE-MANAGER", "purl", purl));
    return new SpdxPackage(
        id,
        clean(s.imageRef()),
        Objects.requireNonNullElse(s.manifestDigest(), s.imageId()).toString(),
        NOASSERTION,
        false,
        null,
        NOASSERTION,
        NOASSERTION,
        null,
        NOASSERTION,
        "CONTAINER",
        refs,
        null);
  }

  private static SpdxPackage pkg(SbomPackages.Entry e, String created, String tool) {
    ImagePackage p = e.pkg();
    String license = SbomPackages.license(p);
    String declared = NOASSERTION;
    String comments = null;
    if (license != null) {
      if (SbomLicenses.isExpression(license)) {
        declared = license;
      } else {
        comments = "Declared licence as found: " + clean(license);
      }
    }
    String sourceInfo = null;
    if (p.sourceName() != null) {
      sourceInfo =
          "built from source package "
              + clean(String.valueOf(p.sourceName()))
              + (p.sourceVersion() == null ? "" : " " + cleanOrNull(p.sourceVersion()));
    }
    List<Annotation> notes = new ArrayList<>();
    notes.add(note(created, tool, "drydock:layer=" + p.layer()));
    notes.add(note(created, tool, "drydock:cataloguer=" + clean(p.cataloguer())));
    for (String location : p.locations()) {
      notes.add(note(created, tool, "drydock:location=" + clean(location)));
    }
    return new SpdxPackage(
        e.spdxId(),
        clean(p.name()),
        clean(p.version()),
        NOASSERTION,
        false,
        sourceInfo,
        NOASSERTION,
        declared,
        comments,
        NOASSERTION,
        "LIBRARY",
        List.of(new ExternalRef("PACKAGE-MANAGER", "purl", p.purl())),
        notes);
  }

  private static Annotation note(String created, String tool, String comment) {
    return new Annotation(created, "OTHER", tool, comment);
  }

  private static String namespaceName(String imageRef) {
    String n = NOT_URI_SAFE.matcher(imageRef).replaceAll("-");
    return n.length() > 64 ? n.substring(0, 64) : n;
  }
}
