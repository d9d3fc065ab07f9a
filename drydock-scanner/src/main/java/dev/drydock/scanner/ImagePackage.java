package dev.drydock.scanner;

import dev.drydock.model.Digest;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One package found in an image by a cataloguer: what it is (ecosystem, name, version, purl), where
 * it is (the files it was identified from) and which layer added it. The SBOM writers and the
 * vulnerability matcher consume it.
 *
 * @param ecosystem the OSV ecosystem, e.g. {@code Debian:12}, {@code Maven}, {@code npm}
 * @param name the package name as the ecosystem writes it ({@code
 *     org.apache.logging.log4j:log4j-core} for Maven, {@code @scope/name} for npm)
 * @param version the version as installed
 * @param purl the package URL ({@code pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1})
 * @param sourceName the source package for OS packages (dpkg {@code Source:}, apk origin, source
 *     RPM name), else null
 * @param sourceVersion the source package's version, else null
 * @param layer the diffID of the layer that added (last wrote) the identifying file
 * @param locations the paths in the image the package was identified from, outermost first (a jar
 *     inside a war is {@code /app.war!/WEB-INF/lib/x.jar})
 * @param cataloguer which cataloguer found it, e.g. {@code dpkg}, {@code java-archive}
 * @param properties further facts (licenses, architecture, how it was identified), sorted
 */
public record ImagePackage(
    String ecosystem,
    String name,
    String version,
    String purl,
    @Nullable String sourceName,
    @Nullable String sourceVersion,
    Digest layer,
    List<String> locations,
    String cataloguer,
    Map<String, String> properties) {

  /** Validates and copies. */
  public ImagePackage {
    Objects.requireNonNull(ecosystem, "ecosystem");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(purl, "purl");
    Objects.requireNonNull(layer, "layer");
    locations = List.copyOf(locations);
    Objects.requireNonNull(cataloguer, "cataloguer");
    properties = Map.copyOf(new java.util.TreeMap<>(properties));
  }

  /** {@return the query the vulnerability database matches this package with} */
  public PackageQuery query() {
    return new PackageQuery(ecosystem, name, version, sourceName, sourceVersion);
  }
}
