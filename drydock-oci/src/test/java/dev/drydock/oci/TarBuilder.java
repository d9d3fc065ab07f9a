package dev.drydock.oci;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/** Builds tar archives byte by byte in tests, including malformed and hostile ones. */
final class TarBuilder {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  TarBuilder file(String name, String content) {
    return entry(name, '0', content.getBytes(StandardCharsets.UTF_8), "", 0644);
  }

  TarBuilder file(String name, byte[] content, int mode) {
    return entry(name, '0', content, "", mode);
  }

  TarBuilder dir(String name) {
    return entry(name, '5', new byte[0], "", 0755);
  }

  TarBuilder symlink(String name, String target) {
    return entry(name, '2', new byte[0], target, 0777);
  }

  TarBuilder hardlink(String name, String target) {
    return entry(name, '1', new byte[0], target, 0644);
  }

  TarBuilder device(String name, char type) {
    return entry(name, type, new byte[0], "", 0600);
  }

  TarBuilder longName(String name, String content) {
    byte[] n = (name + "\0").getBytes(StandardCharsets.UTF_8);
    entry("././@LongLink", 'L', n, "", 0644);
    return file("placeholder-name", content);
  }

  TarBuilder pax(String key, String value) {
    String rec = " " + key + "=" + value + "\n";
    int len = rec.getBytes(StandardCharsets.UTF_8).length;
    int total = len + 1;
    while (len + String.valueOf(total).length() != total) {
      total = len + String.valueOf(total).length();
    }
    return entry("PaxHeader", 'x', (total + rec).getBytes(StandardCharsets.UTF_8), "", 0644);
  }

  TarBuilder entry(String name, char type, byte[] content, String link, int mode) {
    byte[] h = new byte[512];
    put(h, 0, name, 100);
    put(h, 100, String.format(java.util.Locale.ROOT, "%07o", mode), 8);
    put(h, 108, "0000000", 8);
    put(h, 116, "0000000", 8);
    put(h, 124, String.format(java.util.Locale.ROOT, "%011o", content.length), 12);
    put(h, 136, "00000000000", 12);
    h[156] = (byte) type;
    put(h, 157, link, 100);
    put(h, 257, "ustar", 6);
    h[263] = '0';
    h[264] = '0';
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, String.format(java.util.Locale.ROOT, "%06o", sum), 7);
    out.writeBytes(h);
    out.writeBytes(content);
    int pad = (512 - content.length % 512) % 512;
    out.writeBytes(new byte[pad]);
    return this;
  }

  byte[] build() {
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    copy.writeBytes(out.toByteArray());
    copy.writeBytes(new byte[1024]);
    return copy.toByteArray();
  }

  byte[] gzip() throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(buf)) {
      gz.write(build());
    }
    return buf.toByteArray();
  }

  private static void put(byte[] h, int off, String s, int len) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(b, 0, h, off, Math.min(b.length, len));
  }
}
