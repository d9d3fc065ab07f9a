package dev.drydock.pkg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads apk's cached repository indices, {@code var/cache/apk/APKINDEX.<hash>.tar.gz}: gzip members
 * (a signature tar, then a tar holding {@code DESCRIPTION} and {@code APKINDEX}) that decompress to
 * one continuous tar stream. {@code APKINDEX} has the installed database's format.
 */
final class ApkIndexes {
  static final String DIR = "var/cache/apk";
  private static final int MAX_ENTRIES = 1_000;
  private static final int BLOCK = 512;

  /** One version of one package that an index offers. */
  record Offer(String version, String architecture, String origin) {}

  private ApkIndexes() {}

  static Map<String, List<Offer>> offers(Path root, List<Path> read)
      throws PackageDatabaseException {
    Map<String, List<Offer>> offers = new HashMap<>();
    Path dir = RootPaths.resolve(root, DIR);
    if (!Files.isDirectory(dir)) {
      return offers;
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "APKINDEX.*.tar.gz")) {
      for (Path p : entries) {
        files.add(RootPaths.resolveFound(root, p));
      }
    } catch (IOException e) {
      throw new PackageDatabaseException(dir, "", "cannot be listed: " + e.getMessage(), e);
    }
    files.sort(null);
    for (Path file : files) {
      if (!Files.isRegularFile(file)) {
        continue;
      }
      read.add(file);
      Map<String, byte[]> entries = untar(IndexFiles.decoded(file), file);
      byte[] index = entries.get("APKINDEX");
      if (index == null) {
        throw new PackageDatabaseException(file, "", "holds no APKINDEX entry.");
      }
      byte[] description = entries.get("DESCRIPTION");
      String name = file.getFileName().toString().replace(".tar.gz", "");
      String origin =
          description == null
              ? name
              : new String(description, StandardCharsets.UTF_8).strip() + " (" + name + ")";
      for (InstalledPackage p :
          ApkDatabase.parse(new String(index, StandardCharsets.UTF_8), file, "Alpine")) {
        offers
            .computeIfAbsent(p.name(), k -> new ArrayList<>())
            .add(new Offer(p.version(), p.architecture(), origin));
      }
    }
    return offers;
  }

  /** Regular-file entries of a tar stream by name (POSIX ustar, pax/GNU headers skipped). */
  static Map<String, byte[]> untar(byte[] tar, Path file) throws PackageDatabaseException {
    Map<String, byte[]> out = new HashMap<>();
    int pos = 0;
    int entries = 0;
    while (pos + BLOCK <= tar.length) {
      if (isZero(tar, pos)) {
        pos += BLOCK; // end-of-archive blocks, also between concatenated archives
        continue;
      }
      if (++entries > MAX_ENTRIES) {
        throw new PackageDatabaseException(file, "offset " + pos, "more than 1000 tar entries.");
      }
      String name = text(tar, pos, 100);
      long size = octal(tar, pos + 124, 12, file, pos);
      char type = (char) tar[pos + 156];
      int data = pos + BLOCK;
      if (size > tar.length - data) {
        throw new PackageDatabaseException(file, "offset " + pos, "a tar entry is truncated.");
      }
      if (type == '0' || type == 0) {
        out.put(name, java.util.Arrays.copyOfRange(tar, data, data + (int) size));
      }
      pos = data + (int) ((size + BLOCK - 1) / BLOCK * BLOCK);
    }
    return out;
  }

  private static boolean isZero(byte[] b, int at) {
    for (int i = at; i < at + BLOCK; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static String text(byte[] b, int at, int len) {
    int end = at;
    while (end < at + len && b[end] != 0) {
      end++;
    }
    return new String(b, at, end - at, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] b, int at, int len, Path file, int header)
      throws PackageDatabaseException {
    String s = text(b, at, len).strip();
    if (!s.matches("[0-7]{1,11}")) {
      throw new PackageDatabaseException(
          file, "offset " + header, "a tar header has a malformed size '" + s + "'.");
    }
    return Long.parseLong(s, 8);
  }
}
