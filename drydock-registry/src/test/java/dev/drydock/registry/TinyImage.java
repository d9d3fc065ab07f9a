package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A one-layer image holding one Java archive that names a Maven package in its {@code
 * pom.properties}, as a build would put it: enough for the scanner's Java cataloguer to find it.
 */
final class TinyImage {
  private TinyImage() {}

  /** Pushes the image to {@code repository}:{@code tag}; {@return its manifest digest} */
  static Digest push(
      TestRegistry r, String repository, String tag, String group, String artifact, String version)
      throws Exception {
    byte[] layer = tar("app/" + artifact + "-" + version + ".jar", jar(group, artifact, version));
    return push(r, repository, tag, layer);
  }

  /** Pushes a one-layer image with {@code layer} as its uncompressed layer; {@return its digest} */
  static Digest push(TestRegistry r, String repository, String tag, byte[] layer) throws Exception {
    Digest layerDigest = r.pushBlob(repository, layer);
    byte[] config =
        TestRegistry.bytes(
            "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + layerDigest
                + "\"]}}");
    Digest configDigest = r.pushBlob(repository, config);
    byte[] manifest =
        TestRegistry.bytes(
            "{\"schemaVersion\":2,\"mediaType\":\""
                + TestRegistry.OCI_MANIFEST
                + "\",\"config\":"
                + TestRegistry.descriptor(TestRegistry.OCI_CONFIG, configDigest, config.length)
                + ",\"layers\":["
                + TestRegistry.descriptor(
                    "application/vnd.oci.image.layer.v1.tar", layerDigest, layer.length)
                + "]}");
    HttpResponse<byte[]> put = r.pushManifest(repository, tag, TestRegistry.OCI_MANIFEST, manifest);
    assertThat(put.statusCode()).as(TestRegistry.text(put)).isEqualTo(201);
    return TestRegistry.sha256(manifest);
  }

  static byte[] jar(String group, String artifact, String version) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(
          new ZipEntry("META-INF/maven/" + group + "/" + artifact + "/pom.properties"));
      zip.write(
          ("groupId=" + group + "\nartifactId=" + artifact + "\nversion=" + version + "\n")
              .getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return out.toByteArray();
  }

  /** {@return a POSIX ustar archive holding one regular file} */
  static byte[] tar(String name, byte[] content) {
    byte[] header = new byte[512];
    put(header, 0, name);
    put(header, 100, "0000644");
    put(header, 108, "0000000");
    put(header, 116, "0000000");
    put(header, 124, String.format(java.util.Locale.ROOT, "%011o", content.length));
    put(header, 136, "00000000000");
    header[156] = '0';
    put(header, 257, "ustar");
    put(header, 263, "00");
    Arrays.fill(header, 148, 156, (byte) ' ');
    int sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, String.format(java.util.Locale.ROOT, "%06o", sum));
    header[154] = 0;
    header[155] = ' ';
    int padded = (content.length + 511) / 512 * 512;
    byte[] out = new byte[512 + padded + 1024];
    System.arraycopy(header, 0, out, 0, 512);
    System.arraycopy(content, 0, out, 512, content.length);
    return out;
  }

  private static void put(byte[] header, int at, String text) {
    byte[] b = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, header, at, b.length);
  }
}
