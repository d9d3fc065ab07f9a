package dev.drydock.scanner;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Reads the OSV records of a local source: a directory tree of {@code *.json} files (symbolic links
 * not followed), an OSV {@code all.zip} (a flat zip of one JSON file per record), or one JSON file.
 * Bounded: at most {@code maxRecords} records, {@link OsvLimits#MAX_RECORD_BYTES} per record, and
 * {@code maxInflatedBytes} inflated in total, so a zip bomb stops early.
 */
final class OsvSources {
  private static final int MAX_DEPTH = 32;
  private static final int MAX_ENTRY_NAME = 1024;

  /** Receives each record's bytes with the name of the file or entry it came from. */
  interface Sink {
    void accept(String name, byte[] json) throws VulnDbException;

    /** A record that could not even be read (too big, unreadable). */
    void reject(String name, String problem);
  }

  private OsvSources() {}

  static void read(Path path, ImportOptions options, Sink sink) throws VulnDbException {
    try {
      if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
        directory(path, options, sink);
      } else if (!Files.isRegularFile(path)) {
        throw new VulnDbException(
            "OSV source "
                + path
                + " is neither a directory nor a file: give a directory of OSV"
                + " JSON files, an all.zip, or a URL.");
      } else if (isZip(path)) {
        try (InputStream in = Files.newInputStream(path)) {
          zip(in, path.toString(), options, sink);
        }
      } else {
        sink.accept(path.toString(), bounded(Files.newInputStream(path), path.toString()));
      }
    } catch (IOException e) {
      throw new VulnDbException("Cannot read OSV source " + path + ": " + e, e);
    }
  }

  static boolean isZip(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      byte[] head = in.readNBytes(4);
      return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }
  }

  private static void directory(Path dir, ImportOptions options, Sink sink)
      throws IOException, VulnDbException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir, MAX_DEPTH)) {
      files =
          walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
              .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json"))
              .limit(options.maxRecords() + 1L)
              .sorted()
              .toList();
    }
    if (files.size() > options.maxRecords()) {
      throw new VulnDbException(
          "OSV source "
              + dir
              + " holds more than "
              + options.maxRecords()
              + " JSON files: raise the record limit if this is intended.");
    }
    for (Path f : files) {
      if (Files.size(f) > OsvLimits.MAX_RECORD_BYTES) {
        sink.reject(f.toString(), "file larger than " + OsvLimits.MAX_RECORD_BYTES + " bytes");
        continue;
      }
      sink.accept(f.toString(), Files.readAllBytes(f));
    }
  }

  /** Streams a zip's entries; the central directory is not trusted (nor needed). */
  static void zip(InputStream raw, String name, ImportOptions options, Sink sink)
      throws IOException, VulnDbException {
    long inflated = 0;
    int records = 0;
    try (ZipInputStream zin = new ZipInputStream(new BufferedInputStream(raw, 1 << 16))) {
      ZipEntry entry;
      while ((entry = nextEntry(zin, name)) != null) {
        String entryName = entry.getName();
        if (entry.isDirectory() || !entryName.toLowerCase(Locale.ROOT).endsWith(".json")) {
          continue;
        }
        String where = name + "!" + shorten(entryName);
        if (++records > options.maxRecords()) {
          throw new VulnDbException(
              "OSV archive "
                  + name
                  + " holds more than "
                  + options.maxRecords()
                  + " records: raise the record limit if this is intended.");
        }
        byte[] buf = zin.readNBytes(OsvLimits.MAX_RECORD_BYTES + 1);
        inflated += buf.length;
        if (inflated > options.maxInflatedBytes()) {
          throw new VulnDbException(
              "OSV archive "
                  + name
                  + " inflates to more than "
                  + options.maxInflatedBytes()
                  + " bytes: refusing it as a possible zip bomb.");
        }
        if (buf.length > OsvLimits.MAX_RECORD_BYTES) {
          sink.reject(where, "entry larger than " + OsvLimits.MAX_RECORD_BYTES + " bytes");
          continue;
        }
        sink.accept(where, buf);
      }
    }
  }

  private static @Nullable ZipEntry nextEntry(ZipInputStream zin, String name)
      throws IOException, VulnDbException {
    try {
      ZipEntry e = zin.getNextEntry();
      if (e != null && e.getName().length() > MAX_ENTRY_NAME) {
        throw new VulnDbException("OSV archive " + name + " has an entry with an over-long name.");
      }
      return e;
    } catch (ZipException e) {
      throw new VulnDbException(
          "OSV archive " + name + " is not a valid zip: " + e.getMessage(), e);
    }
  }

  private static byte[] bounded(InputStream in, String name) throws IOException, VulnDbException {
    try (in) {
      byte[] b = in.readNBytes(OsvLimits.MAX_RECORD_BYTES + 1);
      if (b.length > OsvLimits.MAX_RECORD_BYTES) {
        throw new VulnDbException(
            "OSV file " + name + " is larger than " + OsvLimits.MAX_RECORD_BYTES + " bytes.");
      }
      return b;
    }
  }

  private static String shorten(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }
}
