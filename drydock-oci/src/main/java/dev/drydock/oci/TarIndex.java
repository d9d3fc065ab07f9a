package dev.drydock.oci;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where each file of an uncompressed tar lies, so that archive members (blobs, configs) can be read
 * by seeking instead of re-reading the archive. Names are normalised; duplicates, absolute names
 * and {@code ..} are refused, and symlinks are followed only inside the archive.
 */
final class TarIndex {
  private record Member(long offset, long size, FileType type, @Nullable String link) {}

  private final Path tar;
  private final String source;
  private final Map<String, Member> members;

  private TarIndex(Path tar, String source, Map<String, Member> members) {
    this.tar = tar;
    this.source = source;
    this.members = members;
  }

  static TarIndex build(Path tar, String source, ArchiveLimits limits) throws OciException {
    Map<String, Member> members = new HashMap<>();
    FsTree names = new FsTree(source);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(tar), 64 * 1024)) {
      TarReader reader = new TarReader(in, source, new Budget(limits, source));
      for (TarEntry e = reader.next(); e != null; e = reader.next()) {
        List<String> parts = names.split(e.name(), "archive member");
        if (parts.isEmpty() || e.type() == FileType.DIRECTORY) {
          continue;
        }
        String name = String.join("/", parts);
        Member previous =
            members.put(name, new Member(reader.contentStart(), e.size(), e.type(), e.linkName()));
        if (previous != null) {
          throw new UnsafeArchiveException(
              source + ": member '" + name + "' appears twice; refusing an ambiguous archive");
        }
      }
    } catch (IOException e) {
      throw OciIOException.unwrap(e, "Indexing " + source);
    }
    return new TarIndex(tar, source, members);
  }

  boolean has(String name) {
    return members.containsKey(name);
  }

  long size(String name) throws OciException {
    return member(name).size();
  }

  InputStream open(String name) throws IOException, OciException {
    Member m = member(name);
    FileChannel channel = FileChannel.open(tar, StandardOpenOption.READ);
    channel.position(m.offset());
    InputStream raw = Channels.newInputStream(channel);
    return new BufferedInputStream(
        new java.io.FilterInputStream(raw) {
          long left = m.size();

          @Override
          public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
              return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
              left -= n;
            }
            return n;
          }
        },
        64 * 1024);
  }

  byte[] readSmall(String name) throws OciException {
    Member m = member(name);
    if (m.size() > Codecs.MAX_DOCUMENT_BYTES) {
      throw new MalformedContentException(
          source
              + ": '"
              + name
              + "' is "
              + m.size()
              + " bytes, over the limit of "
              + Codecs.MAX_DOCUMENT_BYTES);
    }
    try (InputStream in = open(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw OciIOException.unwrap(e, "Reading '" + name + "' of " + source);
    }
  }

  /** Follows symlink members (relative to their directory, inside the archive), at most 8. */
  private Member member(String name) throws OciException {
    String current = name;
    for (int hops = 0; hops < 8; hops++) {
      Member m = members.get(current);
      if (m == null) {
        throw new MalformedContentException(source + " has no member '" + name + "'");
      }
      if (m.type() == FileType.FILE) {
        return m;
      }
      if (m.type() != FileType.SYMLINK && m.type() != FileType.HARDLINK) {
        throw new MalformedContentException(source + ": member '" + name + "' is not a file");
      }
      String link = Objects.requireNonNull(m.link());
      Path base = m.type() == FileType.HARDLINK ? Path.of("") : Path.of(current).getParent();
      Path next = (base == null ? Path.of(link) : base.resolve(link)).normalize();
      if (link.startsWith("/") || next.startsWith("..")) {
        throw new UnsafeArchiveException(
            source + ": member '" + current + "' links outside the archive ('" + link + "')");
      }
      current = next.toString();
    }
    throw new MalformedContentException(source + ": member '" + name + "' links in a loop");
  }
}
