package dev.drydock.scanner;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Writes {@code osv.ddb} (layout in {@link DbFile}) to a temporary file in the same directory,
 * forces it to disk and renames it over the old one, so that readers see either the old or the new
 * database, never a torn one; a reader that has the old file mapped keeps its view.
 */
final class DbWriter {

  /**
   * One record to write.
   *
   * @param json the compact record JSON, or null to copy record {@code oldRecord} of the old file
   */
  @SuppressWarnings("ArrayRecordComponent") // built and consumed here only
  record Entry(
      String id,
      Instant modified,
      boolean withdrawn,
      int source,
      List<String> keys,
      byte @Nullable [] json,
      int oldRecord) {}

  private DbWriter() {}

  static void write(Path target, List<Entry> entries, DbMetadata meta, @Nullable DbFile old)
      throws IOException, VulnDbException {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, "osv.ddb.", ".tmp");
    try {
      writeTo(tmp, entries, meta, old);
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  @SuppressWarnings("JavaInstantGetSecondsGetNano") // both parts are stored
  private static void writeTo(Path tmp, List<Entry> entries, DbMetadata meta, @Nullable DbFile old)
      throws IOException, VulnDbException {
    // Keys and ids, sorted by their UTF-8 bytes as the reader's binary search expects.
    TreeMap<byte[], List<Integer>> keys = new TreeMap<>(Arrays::compareUnsigned);
    TreeMap<byte[], Integer> ids = new TreeMap<>(Arrays::compareUnsigned);
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      ids.put(e.id().getBytes(StandardCharsets.UTF_8), i);
      for (String k : e.keys()) {
        List<Integer> list =
            keys.computeIfAbsent(k.getBytes(StandardCharsets.UTF_8), x -> new ArrayList<>());
        if (list.isEmpty() || list.get(list.size() - 1) != i) {
          list.add(i);
        }
      }
    }
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      DataOutputStream out =
          new DataOutputStream(
              new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(ch), 1 << 16));
      out.write(new byte[DbFile.HEADER_BYTES]);
      long blobOff = DbFile.HEADER_BYTES;
      long[] recOff = new long[entries.size()];
      int[] recLen = new int[entries.size()];
      long pos = 0;
      for (int i = 0; i < entries.size(); i++) {
        Entry e = entries.get(i);
        byte[] json = e.json();
        if (json == null) {
          if (old == null) {
            throw new IllegalStateException("entry " + e.id() + " has no bytes");
          }
          json = old.recordBytes(e.oldRecord());
        }
        out.write(json);
        recOff[i] = pos;
        recLen[i] = json.length;
        pos += json.length;
      }
      long blobLen = pos;
      long keyTableOff = blobOff + blobLen;
      // strings: keys first, then ids
      ByteArrayBuilder strings = new ByteArrayBuilder();
      int postingsIndex = 0;
      for (Map.Entry<byte[], List<Integer>> k : keys.entrySet()) {
        out.writeInt(strings.append(k.getKey()));
        out.writeInt(k.getKey().length);
        out.writeInt(postingsIndex);
        out.writeInt(k.getValue().size());
        postingsIndex += k.getValue().size();
      }
      long postingsOff = keyTableOff + (long) keys.size() * DbFile.KEY_ENTRY;
      for (List<Integer> list : keys.values()) {
        for (int r : list) {
          out.writeInt(r);
        }
      }
      long idTableOff = postingsOff + 4L * postingsIndex;
      for (Map.Entry<byte[], Integer> id : ids.entrySet()) {
        out.writeInt(strings.append(id.getKey()));
        out.writeInt(id.getKey().length);
        out.writeInt(id.getValue());
      }
      long recTableOff = idTableOff + (long) ids.size() * DbFile.ID_ENTRY;
      for (int i = 0; i < entries.size(); i++) {
        Entry e = entries.get(i);
        out.writeLong(recOff[i]);
        out.writeInt(recLen[i]);
        out.writeInt(e.source());
        out.writeLong(e.modified().getEpochSecond());
        out.writeInt(e.modified().getNano());
        out.writeInt(e.withdrawn() ? 1 : 0);
      }
      long stringsOff = recTableOff + (long) entries.size() * DbFile.REC_ENTRY;
      strings.writeTo(out);
      long metaOff = stringsOff + strings.size();
      byte[] metaJson = DbMetadataCodec.write(meta);
      out.write(metaJson);
      out.flush();

      ByteBuffer h = ByteBuffer.allocate(DbFile.HEADER_BYTES);
      h.put(DbFile.MAGIC);
      h.putInt(DbFile.FORMAT);
      h.putInt(entries.size());
      h.putInt(keys.size());
      h.putInt(ids.size());
      h.putLong(metaOff);
      h.putInt(metaJson.length);
      h.putInt(0);
      h.putLong(keyTableOff);
      h.putLong(postingsOff);
      h.putLong(idTableOff);
      h.putLong(recTableOff);
      h.putLong(stringsOff);
      h.putLong(strings.size());
      h.putLong(blobOff);
      h.putLong(blobLen);
      h.flip();
      while (h.hasRemaining()) {
        ch.write(h, h.position());
      }
      ch.force(true);
    }
  }

  /** A growable byte buffer for the strings section. */
  private static final class ByteArrayBuilder {
    private byte[] buf = new byte[1 << 16];
    private int size;

    int append(byte[] b) {
      if (size + b.length > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + b.length));
      }
      System.arraycopy(b, 0, buf, size, b.length);
      int at = size;
      size += b.length;
      return at;
    }

    int size() {
      return size;
    }

    void writeTo(OutputStream out) throws IOException {
      out.write(buf, 0, size);
    }
  }
}
