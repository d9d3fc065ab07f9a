package dev.drydock.scanner;

import dev.drydock.oci.FileEntry;
import dev.drydock.oci.FileType;
import dev.drydock.oci.ImageFilesystem;
import dev.drydock.oci.OciException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Finds the packages in an image's final file system (after whiteouts): OS packages (dpkg, apk,
 * rpm), Java archives, npm, Python, Go binaries, Rust binaries built with cargo-auditable, .NET and
 * Ruby gems. The image's files are read in one pass; each package names the layer that added its
 * evidence.
 *
 * <p>Language packages whose evidence file is owned by an OS package (e.g. a Python module
 * installed with apt) are left out: the OS package already reports them, and advisories for the OS
 * package are the ones that apply (Trivy does the same).
 */
public final class ImageCatalog {
  private static final Comparator<ImagePackage> ORDER =
      Comparator.comparing(ImagePackage::ecosystem)
          .thenComparing(ImagePackage::name)
          .thenComparing(ImagePackage::version)
          .thenComparing(p -> String.join("\n", p.locations()))
          .thenComparing(ImagePackage::cataloguer);

  private final Path tempDir;

  /**
   * @param tempDir where OS package databases are copied while they are read (a private
   *     subdirectory, removed afterwards)
   */
  public ImageCatalog(Path tempDir) {
    this.tempDir = tempDir;
  }

  /**
   * Catalogues an image.
   *
   * @param fs the image's flattened file system; its image must be open
   * @return the OS and the packages, in a deterministic order
   * @throws ScannerException when the image cannot be read (a layer fails to verify or read), or
   *     the temporary directory cannot be written; malformed package evidence is not an error but a
   *     {@linkplain Catalog#problems() problem}
   */
  public Catalog catalogue(ImageFilesystem fs) throws ScannerException {
    OsCataloguer os = new OsCataloguer(fs, tempDir);
    RustAuditCataloguer rust = new RustAuditCataloguer(fs);
    List<Cataloguer> cataloguers =
        List.of(
            os,
            new JavaArchiveCataloguer(),
            new NpmCataloguer(),
            new PythonCataloguer(),
            new GoBinaryCataloguer(rust),
            new DotnetCataloguer(),
            new RubyGemCataloguer(),
            rust);
    CatalogSink sink = new CatalogSink();
    SharedContent shared = SharedContent.plan(fs.files(), e -> wanted(cataloguers, e) != null);
    try {
      fs.walk(
          (entry, content) -> {
            if (entry.type() != FileType.FILE && entry.type() != FileType.HARDLINK) {
              return;
            }
            if (!shared.takeLink(entry)) {
              return; // a hard link already read with its target's content
            }
            List<FileEntry> links = shared.linksTo(entry);
            if (links.isEmpty()) {
              dispatch(cataloguers, entry, content, sink);
              return;
            }
            byte[] data = content.readAllBytes();
            dispatch(cataloguers, entry, new ByteArrayInputStream(data), sink);
            for (FileEntry link : links) {
              dispatch(cataloguers, link, new ByteArrayInputStream(data), sink);
            }
          });
    } catch (OciException e) {
      throw new ScannerException(
          "Cannot read the image to catalogue it: " + e.getMessage() + ". Check the image.", e);
    } finally {
      for (Cataloguer c : cataloguers) {
        c.finish(sink);
      }
    }
    Set<String> owned = os.ownedFiles();
    List<ImagePackage> packages = new ArrayList<>();
    for (ImagePackage p : sink.packages()) {
      if (isOs(p) || !owned.contains(outermost(p))) {
        packages.add(p);
      }
    }
    packages.sort(ORDER);
    return new Catalog(os.os(), packages, sink.problems());
  }

  /** Hands a file to the first cataloguer that wants it: a file is evidence of one kind. */
  private static void dispatch(
      List<Cataloguer> cataloguers, FileEntry entry, InputStream content, CatalogSink sink)
      throws IOException {
    Cataloguer c = wanted(cataloguers, entry);
    if (c != null) {
      c.read(entry, content, sink);
    }
  }

  private static @Nullable Cataloguer wanted(List<Cataloguer> cataloguers, FileEntry entry) {
    for (Cataloguer c : cataloguers) {
      if (c.wants(entry)) {
        return c;
      }
    }
    return null;
  }

  private static boolean isOs(ImagePackage p) {
    return switch (p.cataloguer()) {
      case "deb", "apk", "rpm" -> true;
      default -> false;
    };
  }

  private static String outermost(ImagePackage p) {
    String first = p.locations().isEmpty() ? "" : p.locations().getFirst();
    int bang = first.indexOf("!/");
    return bang < 0 ? first : first.substring(0, bang);
  }
}
