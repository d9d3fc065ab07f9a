package dev.drydock.cli;

import dev.drydock.model.Digest;
import dev.drydock.model.ImageRef;
import dev.drydock.model.Severity;
import dev.drydock.oci.ArchiveLimits;
import dev.drydock.oci.Descriptor;
import dev.drydock.oci.Image;
import dev.drydock.oci.ImageFilesystem;
import dev.drydock.oci.ImageIndex;
import dev.drydock.oci.MalformedContentException;
import dev.drydock.oci.MediaTypes;
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

  /**
   * Scans {@code digest}; for a multi-platform index every platform's image is scanned, since the
   * prod signature will cover the index and with it every platform (attestation entries, platform
   * {@code unknown/unknown}, hold no file system and are left out).
   */
  static Outcome scan(RegistryClient client, ImageRef image, Digest digest, Path db, Severity gate)
      throws OciException, ScannerException, IOException {
    RegistryClient.Manifest top = client.manifest(image.repository(), digest.toString());
    List<Digest> images = new ArrayList<>();
    if (MediaTypes.isIndex(top.mediaType())) {
      for (Descriptor d : ImageIndex.parse(top.bytes()).manifests()) {
        boolean attestation = d.platform() != null && "unknown".equals(d.platform().os());
        if (MediaTypes.isManifest(d.mediaType()) && !attestation) {
          images.add(d.digest());
        }
      }
      if (images.isEmpty()) {
        throw new MalformedContentException(
            image.withDigest(digest) + " is an index without any image manifest to scan.");
      }
    } else {
      images.add(digest);
    }
    int packages = 0;
    List<VulnMatch> blocking = new ArrayList<>();
    try (VulnDb vulns = VulnDb.open(db)) {
      for (Digest one : images) {
        packages += scanOne(client, image.withDigest(one), vulns, gate, blocking);
      }
    }
    blocking.sort(Comparator.comparing(VulnMatch::severity).reversed());
    return new Outcome(packages, blocking);
  }

  private static int scanOne(
      RegistryClient client, ImageRef image, VulnDb vulns, Severity gate, List<VulnMatch> blocking)
      throws OciException, ScannerException, IOException {
    Path work = Files.createTempDirectory("drydock-promote-");
    // The platform only matters for an index; a manifest digest names exactly one image.
    try (Image img =
        new RegistryImageReader(client, Platform.of("linux", "amd64")).open(image.toString())) {
      ImageFilesystem fs = ImageFilesystem.flatten(img, ArchiveLimits.defaults());
      Catalog catalog = new ImageCatalog(work).catalogue(fs);
      List<List<VulnMatch>> matched =
          vulns.matchAll(
              catalog.packages().stream().map(ImagePackage::query).toList(),
              Runtime.getRuntime().availableProcessors(),
              n -> {});
      for (List<VulnMatch> one : matched) {
        for (VulnMatch m : one) {
          if (m.severity().atLeast(gate)) {
            blocking.add(m);
          }
        }
      }
      return catalog.packages().size();
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
