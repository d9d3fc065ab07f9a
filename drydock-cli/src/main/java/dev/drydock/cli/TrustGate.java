package dev.drydock.cli;

import dev.drydock.model.Digest;
import dev.drydock.model.ImageRef;
import dev.drydock.model.Severity;
import dev.drydock.oci.ArchiveLimits;
import dev.drydock.oci.Image;
import dev.drydock.oci.ImageFilesystem;
import dev.drydock.oci.OciException;
import dev.drydock.oci.Platform;
import dev.drydock.oci.RegistryClient;
import dev.drydock.oci.RegistryImageReader;
import dev.drydock.scanner.Catalog;
import dev.drydock.scanner.ImageCatalog;
import dev.drydock.scanner.ImagePackage;
import dev.drydock.scanner.ScannerException;
import dev.drydock.scanner.VulnDb;
import dev.drydock.scanner.VulnMatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The promotion gate: the image, read from its registry by digest, has no known vulnerability at or
 * above a severity (the scanner's catalogue matched against the local OSV database).
 */
final class TrustGate {
  /**
   * What the scan found.
   *
   * @param packages how many packages were catalogued
   * @param blocking the vulnerabilities at or above the gate's severity
   */
  record Outcome(int packages, List<VulnMatch> blocking) {}

  private TrustGate() {}

  static Outcome scan(
      RegistryClient client,
      ImageRef image,
      Digest digest,
      Platform platform,
      Path db,
      Severity gate)
      throws OciException, ScannerException, IOException {
    Path work = Files.createTempDirectory("drydock-promote-");
    try (VulnDb vulns = VulnDb.open(db);
        Image img =
            new RegistryImageReader(client, platform).open(image.withDigest(digest).toString())) {
      ImageFilesystem fs = ImageFilesystem.flatten(img, ArchiveLimits.defaults());
      Catalog catalog = new ImageCatalog(work).catalogue(fs);
      List<VulnMatch> blocking = new ArrayList<>();
      for (ImagePackage pkg : catalog.packages()) {
        for (VulnMatch m : vulns.match(pkg.query())) {
          if (m.severity().atLeast(gate)) {
            blocking.add(m);
          }
        }
      }
      blocking.sort(Comparator.comparing(VulnMatch::severity).reversed());
      return new Outcome(catalog.packages().size(), blocking);
    } finally {
      deleteTree(work);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not remove the work area " + dir, e);
    }
  }
}
