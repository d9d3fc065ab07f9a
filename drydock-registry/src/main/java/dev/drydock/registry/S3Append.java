package dev.drydock.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import org.jspecify.annotations.Nullable;

/**
 * One append to an S3 upload session, all or nothing: the chunk is hashed and written into a fresh
 * copy of the session's part buffer, full parts are sent as they fill, and only when the whole
 * chunk arrived does the session take the new buffer, hashes and parts. When the chunk breaks off
 * or grows too large, the session keeps its old buffer and hashes and forgets the parts sent
 * meanwhile (S3 overwrites a part number that is sent again, and drops parts that Complete does not
 * name).
 */
final class S3Append {
  private static final int CHUNK = 64 * 1024;

  private final S3BlobStorage store;
  private final S3Session session;
  private final long limit;

  S3Append(S3BlobStorage store, S3Session session, long limit) {
    this.store = store;
    this.session = session;
    this.limit = limit;
  }

  /** Appends {@code data}, or leaves the session as it was and throws. */
  void run(InputStream data) throws RegistryException {
    MessageDigest sha256 = Hashing.copy(session.sha256);
    MessageDigest sha512 = Hashing.copy(session.sha512);
    int parts = session.etags.size();
    Path working = null;
    OutputStream out = null;
    long written = 0;
    try {
      working = store.newBuffer(session.id);
      if (session.buffered > 0) {
        S3BlobStorage.copyPrefix(session.buffer, working, session.buffered);
      }
      long filled = session.buffered;
      out = Files.newOutputStream(working, StandardOpenOption.APPEND);
      byte[] chunk = new byte[CHUNK];
      int n;
      while ((n = data.read(chunk)) > 0) {
        if (session.offset + written + n > limit) {
          throw new UploadRejectedException(
              UploadRejectedException.Reason.SIZE,
              session.offset,
              "upload " + session.id + " would exceed " + limit + " bytes");
        }
        sha256.update(chunk, 0, n);
        sha512.update(chunk, 0, n);
        out.write(chunk, 0, n);
        written += n;
        filled += n;
        if (filled >= store.partSize()) {
          out.close();
          out = null;
          sendPart(working);
          Files.delete(working);
          working = store.newBuffer(session.id);
          out = Files.newOutputStream(working, StandardOpenOption.APPEND);
          filled = 0;
        }
      }
      out.close();
      out = null;
      Files.delete(session.buffer);
      session.buffer = working;
      working = null;
      session.buffered = filled;
      session.offset += written;
      session.sha256 = sha256;
      session.sha512 = sha512;
    } catch (IOException e) {
      rollback(parts);
      throw new RegistryException(
          "Upload "
              + session.id
              + " broke off after "
              + written
              + " bytes of a chunk ("
              + e.getMessage()
              + "); the session still holds "
              + session.offset
              + " bytes: resume there",
          e);
    } catch (RegistryException e) {
      rollback(parts);
      throw e;
    } finally {
      closeQuietly(out);
      if (working != null) {
        StorageFiles.deleteQuietly(working);
      }
    }
  }

  private void sendPart(Path file) throws RegistryException {
    if (session.multipartId == null) {
      session.multipartId = store.startMultipart(session.id);
    }
    int number = session.etags.size() + 1;
    session.etags.add(store.sendPart(session.id, session.multipartId, number, file));
  }

  /** Forgets the parts this append sent; the session's buffer and hashes were never touched. */
  private void rollback(int parts) {
    while (session.etags.size() > parts) {
      session.etags.removeLast();
    }
  }

  private static void closeQuietly(@Nullable OutputStream out) {
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        // the working buffer is deleted anyway
      }
    }
  }
}
