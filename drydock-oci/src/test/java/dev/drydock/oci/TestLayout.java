package dev.drydock.oci;

import dev.drydock.model.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Writes OCI layouts from tar layers in tests, so that crafted layers go through real readers. */
final class TestLayout {
  private TestLayout() {}

  static Digest sha256(byte[] b) {
    return Images.sha256(b);
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(buf)) {
      gz.write(data);
    }
    return buf.toByteArray();
  }

  /** Writes a layout whose layers are the given tars, gzip-compressed; returns the directory. */
  static Path write(Path dir, List<byte[]> tars) throws IOException {
    return write(dir, tars, true);
  }

  static Path write(Path dir, List<byte[]> tars, boolean compress) throws IOException {
    Files.createDirectories(dir.resolve("blobs/sha256"));
    List<Descriptor> layers = new ArrayList<>();
    List<Digest> diffIds = new ArrayList<>();
    for (byte[] tar : tars) {
      byte[] blob = compress ? gzip(tar) : tar;
      layers.add(
          Descriptor.of(
              compress ? MediaTypes.OCI_LAYER_GZIP : MediaTypes.OCI_LAYER,
              blob(dir, blob),
              blob.length));
      diffIds.add(sha256(tar));
    }
    ImageConfig config =
        new ImageConfig("amd64", "linux", null, null, null, null, diffIds, List.of());
    byte[] configBytes = config.toJson();
    Descriptor configDesc =
        Descriptor.of(MediaTypes.OCI_CONFIG, blob(dir, configBytes), configBytes.length);
    byte[] manifest =
        new ImageManifest(MediaTypes.OCI_MANIFEST, null, configDesc, layers, null, Map.of())
            .toJson();
    Descriptor manifestDesc =
        new Descriptor(
            MediaTypes.OCI_MANIFEST,
            blob(dir, manifest),
            manifest.length,
            List.of(),
            Map.of("org.opencontainers.image.ref.name", "test"),
            null,
            null,
            null);
    Files.write(
        dir.resolve("index.json"),
        new ImageIndex(null, null, List.of(manifestDesc), null, Map.of()).toJson());
    Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    return dir;
  }

  static Digest blob(Path dir, byte[] content) throws IOException {
    Digest d = sha256(content);
    Files.write(dir.resolve("blobs/sha256").resolve(d.hex()), content);
    return d;
  }

  static Image open(Path dir) throws OciException {
    return new OciLayoutReader(dir, Platform.of("linux", "amd64")).open(null);
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
