package dev.drydock.scanner;

import java.util.List;

/**
 * Writes an image's packages as a software bill of materials: CycloneDX 1.6 JSON (optionally with
 * the vulnerabilities a scan found, for {@code drydock scan --format cyclonedx}) or SPDX 2.3 JSON.
 *
 * <p>Output is reproducible: packages are sorted, identifiers and the document's serial number or
 * namespace are derived from the inputs (including {@link SbomSubject#created()}), so the same
 * inputs always give the same bytes. Text from the image (names, paths, licences) is written
 * escaped as JSON requires; unpaired UTF-16 surrogates become U+FFFD. cyclonedx-core-java writes
 * strings as XML {@code normalizedString}s (trimmed, CR, LF and TAB as spaces, runs of spaces as
 * one); SPDX keeps them exactly.
 *
 * <p>Properties: each package's {@code properties} are written as CycloneDX properties named {@code
 * drydock:<key>}, except {@link #LICENSE_PROPERTY}, which becomes the licence.
 */
public final class SbomWriter {
  /**
   * The {@link ImagePackage#properties()} key cataloguers put a declared licence under: an SPDX
   * licence expression ({@code MIT}, {@code MIT OR Apache-2.0}) when the package states one, else
   * the text as found.
   */
  public static final String LICENSE_PROPERTY = "license";

  private SbomWriter() {}

  /**
   * {@return the packages as a CycloneDX 1.6 JSON document (UTF-8)}: the image is {@code
   * metadata.component} (type {@code container}, with a {@code pkg:oci} purl when the manifest
   * digest is known), the OS (when detected) is an {@code operating-system} component, and each
   * package a {@code library} component with purl, licence and {@code drydock:layer}, {@code
   * drydock:location} properties
   *
   * @throws dev.drydock.model.InvalidValueException when a package's purl is not a valid purl
   */
  public static byte[] cycloneDx(SbomSubject subject, List<ImagePackage> packages) {
    return CycloneDxCodec.write(subject, packages, List.of());
  }

  /**
   * {@return the packages and the vulnerabilities found in them as a CycloneDX 1.6 JSON document}:
   * as {@link #cycloneDx(SbomSubject, List)} plus a {@code vulnerabilities} section, one entry per
   * match with its source, aliases as references, the rating (CVSS vector, score and severity), the
   * fixed version as recommendation and {@code affects} pointing at the package's {@code bom-ref}
   *
   * @throws IllegalArgumentException when a match names a package that is not in {@code packages}
   */
  public static byte[] cycloneDx(
      SbomSubject subject, List<ImagePackage> packages, List<VulnMatch> vulnerabilities) {
    return CycloneDxCodec.write(subject, packages, vulnerabilities);
  }

  /**
   * {@return the packages as an SPDX 2.3 JSON document (UTF-8)}: a package for the image and one
   * per catalogued package (with a {@code PACKAGE-MANAGER purl} external reference, {@code
   * NOASSERTION} download location, the layer and locations as annotations), the document {@code
   * DESCRIBES} the image and the image {@code CONTAINS} each package
   *
   * @throws dev.drydock.model.InvalidValueException when a package's purl is not a valid purl
   */
  public static byte[] spdx(SbomSubject subject, List<ImagePackage> packages) {
    return SpdxCodec.write(subject, packages);
  }
}
