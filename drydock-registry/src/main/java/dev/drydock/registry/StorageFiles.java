package dev.drydock.registry;

import dev.drydock.registry.BlobStorage.UploadState;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** File steps of the filesystem blob store: session state, rollback, directory sync. */
final class StorageFiles {
  static final String STATE = "state";
  static final String DATA = "data";

  private StorageFiles() {}

  static void writeState(Path dir, UploadState state) throws IOException {
    String text =
        state.repository()
            + "\n"
            + state.startedAt().toEpochMilli()
            + "\n"
            + state.updatedAt().toEpochMilli()
            + "\n";
    Path temp = dir.resolve(STATE + ".tmp");
    Files.writeString(temp, text, StandardCharsets.UTF_8);
    Files.move(temp, dir.resolve(STATE), StandardCopyOption.ATOMIC_MOVE);
  }

  static void truncate(Path file, long length) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(length);
    } catch (IOException e) {
      // The session is unusable; its length no longer matches and the next append is refused.
    }
  }

  static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some file systems cannot sync directories; the rename is still atomic.
    }
  }

  /** {@return how many upload session folders {@code uploads} holds} */
  static int countSessions(Path uploads) throws IOException {
    int count = 0;
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(uploads)) {
      for (Path dir : dirs) {
        if (Route.UPLOAD_ID.matcher(dir.getFileName().toString()).matches()) {
          count++;
        }
      }
    }
    return count;
  }

  /**
   * Deletes a session folder with its files.
   *
   * @return whether this call deleted the folder (false when it was gone already)
   */
  static boolean deleteSession(Path dir) throws IOException {
    deleteQuietly(dir.resolve(DATA));
    deleteQuietly(dir.resolve(STATE));
    deleteQuietly(dir.resolve(STATE + ".tmp"));
    return Files.deleteIfExists(dir);
  }

  static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // best effort: a leftover temporary file is removed by upload expiry
    }
  }
}
