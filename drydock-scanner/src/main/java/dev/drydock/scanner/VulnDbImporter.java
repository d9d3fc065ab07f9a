package dev.drydock.scanner;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Imports one source into {@code <dir>/osv.ddb}, incrementally: a record whose {@code modified}
 * time is not newer than the stored copy is not parsed again (its stored bytes are copied); records
 * that came from the same source before and are gone from it now are removed; withdrawn records are
 * kept (they never match) so that the next import still sees them as unchanged. Holds {@code
 * <dir>/osv.lock} so that two imports cannot interleave.
 */
final class VulnDbImporter {
  private static final int MAX_PROBLEMS = 20;

  private final ImportSource source;
  private final Path dir;
  private final ImportOptions options;

  private final Map<String, Fresh> fresh = new LinkedHashMap<>();
  private final Set<String> seen = new HashSet<>();
  private final List<String> problems = new ArrayList<>();
  private int rejected;

  /** What the writer needs of a new record; the parsed record itself is not kept. */
  @SuppressWarnings("ArrayRecordComponent") // private, never compared
  private record Fresh(
      String id, Instant modified, boolean withdrawn, List<String> keys, byte[] json) {}

  private VulnDbImporter(ImportSource source, Path dir, ImportOptions options) {
    this.source = source;
    this.dir = dir;
    this.options = options;
  }

  static ImportStats run(ImportSource source, Path dir, ImportOptions options)
      throws VulnDbException {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new VulnDbException("Cannot create database directory " + dir + ": " + e, e);
    }
    try (FileChannel lockChannel =
            FileChannel.open(
                dir.resolve("osv.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = tryLock(lockChannel, dir)) {
      return new VulnDbImporter(source, dir, options).locked(lock);
    } catch (IOException e) {
      throw new VulnDbException("Cannot lock database directory " + dir + ": " + e, e);
    }
  }

  private static FileLock tryLock(FileChannel channel, Path dir)
      throws IOException, VulnDbException {
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      throw new VulnDbException(
          "Another 'drydock db update' is running on " + dir + ": wait for it to finish.");
    }
    return lock;
  }

  private ImportStats locked(FileLock lock) throws VulnDbException, IOException {
    if (!lock.isValid()) {
      throw new VulnDbException("Lost the lock on " + dir + ".");
    }
    long started = System.nanoTime();
    removeLeftovers();
    Path file = dir.resolve(VulnDb.FILE_NAME);
    DbFile old = Files.exists(file) ? DbFile.open(file) : null;
    try {
      DbMetadata oldMeta =
          old == null ? null : DbMetadataCodec.read(old.metadataJson(), file.toString());
      List<DbMetadata.Source> sources =
          new ArrayList<>(oldMeta == null ? List.of() : oldMeta.sources());
      int sourceIndex = indexOf(sources, source.key());
      DbMetadata.Source previous = sourceIndex < sources.size() ? sources.get(sourceIndex) : null;
      Map<String, Integer> oldIds = old == null ? Map.of() : ids(old);

      String etag = null;
      String lastModified = null;
      boolean notModified = false;
      switch (source) {
        case ImportSource.Local local -> OsvSources.read(local.path(), options, sink(old, oldIds));
        case ImportSource.Remote remote -> {
          Path tmp = Files.createTempFile(dir, "osv-download.", ".tmp");
          try {
            OsvDownload.Result r =
                OsvDownload.fetch(
                    remote.uri(),
                    tmp,
                    options,
                    previous == null ? null : previous.etag(),
                    previous == null ? null : previous.lastModified());
            etag = r.etag();
            lastModified = r.lastModified();
            notModified = r.notModified();
            if (!notModified) {
              OsvSources.read(tmp, options, sink(old, oldIds));
            }
          } finally {
            Files.deleteIfExists(tmp);
          }
        }
      }
      return write(file, old, sources, sourceIndex, etag, lastModified, notModified, started);
    } finally {
      if (old != null) {
        old.close();
      }
    }
  }

  private ImportStats write(
      Path file,
      @Nullable DbFile old,
      List<DbMetadata.Source> sources,
      int sourceIndex,
      @Nullable String etag,
      @Nullable String lastModified,
      boolean notModified,
      long started)
      throws IOException, VulnDbException {
    List<DbWriter.Entry> entries = new ArrayList<>();
    int removed = 0;
    int updated = 0;
    if (old != null) {
      List<List<String>> oldKeys = keysByRecord(old);
      String[] oldIds = idsByRecord(old);
      for (int i = 0; i < old.recordCount; i++) {
        String id = oldIds[i];
        int src = old.recordSource(i);
        if (fresh.containsKey(id)) {
          updated++;
          continue;
        }
        boolean ours = src == sourceIndex;
        if (ours && !notModified && !seen.contains(id)) {
          removed++;
          continue;
        }
        entries.add(
            new DbWriter.Entry(
                id,
                old.recordModified(i),
                old.recordWithdrawn(i),
                seen.contains(id) ? sourceIndex : src,
                oldKeys.get(i),
                null,
                i));
      }
    }
    int withdrawn = 0;
    for (Fresh f : fresh.values()) {
      withdrawn += f.withdrawn() ? 1 : 0;
      entries.add(
          new DbWriter.Entry(
              f.id(), f.modified(), f.withdrawn(), sourceIndex, f.keys(), f.json(), -1));
    }
    int added = fresh.size() - updated;
    int unchanged = seen.size() - fresh.size();

    Instant now = options.clock().instant();
    int[] perSource = new int[Math.max(sources.size(), sourceIndex + 1)];
    Instant newest = null;
    int withdrawnTotal = 0;
    Set<String> packages = new HashSet<>();
    for (DbWriter.Entry e : entries) {
      perSource[e.source()]++;
      newest = newest == null || e.modified().isAfter(newest) ? e.modified() : newest;
      withdrawnTotal += e.withdrawn() ? 1 : 0;
      packages.addAll(e.keys());
    }
    DbMetadata.Source mine = new DbMetadata.Source(source.key(), now, 0, etag, lastModified);
    if (sourceIndex < sources.size()) {
      sources.set(sourceIndex, mine);
    } else {
      sources.add(mine);
    }
    List<DbMetadata.Source> counted = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      DbMetadata.Source s = sources.get(i);
      counted.add(
          new DbMetadata.Source(
              s.source(), s.imported(), perSource[i], s.etag(), s.lastModified()));
    }
    DbMetadata meta =
        new DbMetadata(
            DbFile.FORMAT, now, newest, entries.size(), withdrawnTotal, packages.size(), counted);
    DbWriter.write(file, entries, meta, old);
    return new ImportStats(
        source.key(),
        added,
        updated,
        Math.max(0, unchanged),
        removed,
        withdrawn,
        rejected,
        problems,
        entries.size(),
        notModified,
        Duration.ofNanos(System.nanoTime() - started));
  }

  private OsvSources.Sink sink(@Nullable DbFile old, Map<String, Integer> oldIds) {
    return new OsvSources.Sink() {
      @Override
      public void accept(String name, byte[] json) throws VulnDbException {
        OsvCodec.Peek peek = OsvCodec.peek(json);
        if (peek != null && old != null) {
          Integer i = oldIds.get(peek.id());
          if (i != null
              && !old.recordModified(i).isBefore(peek.modified())
              && !fresh.containsKey(peek.id())) {
            seen.add(peek.id());
            return;
          }
        }
        OsvRecord record;
        try {
          record = OsvCodec.parse(json, name);
        } catch (OsvFormatException e) {
          reject(name, String.valueOf(e.getMessage()));
          return;
        }
        Fresh existing = fresh.get(record.id());
        if (existing != null && !record.modified().isAfter(existing.modified())) {
          return;
        }
        seen.add(record.id());
        fresh.put(
            record.id(),
            new Fresh(
                record.id(),
                record.modified(),
                record.isWithdrawn(),
                keys(record),
                OsvCodec.write(record)));
      }

      @Override
      public void reject(String name, String problem) {
        rejected++;
        if (problems.size() < MAX_PROBLEMS) {
          problems.add(problem.contains(name) ? problem : name + ": " + problem);
        }
      }
    };
  }

  /** Deletes temporary files an interrupted import left behind (safe: the lock is held). */
  private void removeLeftovers() throws IOException {
    try (DirectoryStream<Path> stale =
        Files.newDirectoryStream(dir, "{osv.ddb.,osv-download.}*.tmp")) {
      for (Path p : stale) {
        Files.deleteIfExists(p);
      }
    }
  }

  static List<String> keys(OsvRecord record) {
    List<String> keys = new ArrayList<>();
    for (OsvAffected a : record.affected()) {
      String k = Ecosystems.key(a.pkg().ecosystem(), a.pkg().name());
      if (!keys.contains(k)) {
        keys.add(k);
      }
    }
    return keys;
  }

  private static int indexOf(List<DbMetadata.Source> sources, String key) {
    for (int i = 0; i < sources.size(); i++) {
      if (sources.get(i).source().equals(key)) {
        return i;
      }
    }
    return sources.size();
  }

  private static Map<String, Integer> ids(DbFile db) throws VulnDbException {
    Map<String, Integer> out = new HashMap<>();
    for (int i = 0; i < db.idCount; i++) {
      out.put(db.idOfRecordEntry(i), db.recordOfIdEntry(i));
    }
    return out;
  }

  private static String[] idsByRecord(DbFile db) throws VulnDbException {
    String[] out = new String[db.recordCount];
    for (int i = 0; i < db.idCount; i++) {
      out[db.recordOfIdEntry(i)] = db.idOfRecordEntry(i);
    }
    return out;
  }

  private static List<List<String>> keysByRecord(DbFile db) throws VulnDbException {
    List<List<String>> out = new ArrayList<>(db.recordCount);
    for (int i = 0; i < db.recordCount; i++) {
      out.add(new ArrayList<>(2));
    }
    for (int k = 0; k < db.keyCount; k++) {
      String key = db.key(k);
      for (int r : db.postings(key)) {
        out.get(r).add(key);
      }
    }
    return out;
  }
}
