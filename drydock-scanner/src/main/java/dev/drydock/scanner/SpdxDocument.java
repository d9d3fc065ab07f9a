package dev.drydock.scanner;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The SPDX 2.3 JSON document drydock writes: the subset of the model it fills, as records whose
 * component names are the JSON field names (the JSON names follow the SPDX schema, not Java style).
 *
 * @see <a href="https://spdx.github.io/spdx-spec/v2.3/">SPDX 2.3 specification</a>
 */
@JsonPropertyOrder({
  "spdxVersion",
  "dataLicense",
  "SPDXID",
  "name",
  "documentNamespace",
  "creationInfo",
  "packages",
  "relationships"
})
record SpdxDocument(
    String spdxVersion,
    String dataLicense,
    @JsonProperty("SPDXID") String spdxId,
    String name,
    String documentNamespace,
    CreationInfo creationInfo,
    List<SpdxPackage> packages,
    List<Relationship> relationships) {

  /** Spec section 6.8 to 6.10. */
  @JsonPropertyOrder({"created", "creators"})
  record CreationInfo(String created, List<String> creators) {}

  /** Spec section 7. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({
    "SPDXID",
    "name",
    "versionInfo",
    "downloadLocation",
    "filesAnalyzed",
    "sourceInfo",
    "licenseConcluded",
    "licenseDeclared",
    "licenseComments",
    "copyrightText",
    "primaryPackagePurpose",
    "externalRefs",
    "annotations"
  })
  record SpdxPackage(
      @JsonProperty("SPDXID") String spdxId,
      String name,
      @Nullable String versionInfo,
      String downloadLocation,
      boolean filesAnalyzed,
      @Nullable String sourceInfo,
      String licenseConcluded,
      String licenseDeclared,
      @Nullable String licenseComments,
      String copyrightText,
      String primaryPackagePurpose,
      @Nullable List<ExternalRef> externalRefs,
      @Nullable List<Annotation> annotations) {}

  /** Spec section 7.21. */
  @JsonPropertyOrder({"referenceCategory", "referenceType", "referenceLocator"})
  record ExternalRef(String referenceCategory, String referenceType, String referenceLocator) {}

  /** Spec section 12. */
  @JsonPropertyOrder({"annotationDate", "annotationType", "annotator", "comment"})
  record Annotation(
      String annotationDate, String annotationType, String annotator, String comment) {}

  /** Spec section 11. */
  @JsonPropertyOrder({"spdxElementId", "relationshipType", "relatedSpdxElement"})
  record Relationship(String spdxElementId, String relationshipType, String relatedSpdxElement) {}
}
