package dev.drydock.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a file looked like: enough to notice it was replaced without reading it. The file key (the
 * inode on Unix) changes on every atomic replace, even within one modification-time tick.
 *
 * @param modified the modification time, or null when the file is missing
 * @param size the size in bytes, or -1 when missing
 * @param fileKey the file system's identity of the file, when it has one
 */
record FileStamp(@Nullable FileTime modified, long size, @Nullable Object fileKey) {
  private static final FileStamp MISSING = new FileStamp(null, -1, null);

  static FileStamp of(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return new FileStamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
    } catch (IOException e) {
      return MISSING;
    }
  }

  static List<FileStamp> of(List<Path> files) {
    List<FileStamp> stamps = new ArrayList<>(files.size());
    files.forEach(file -> stamps.add(of(file)));
    return stamps;
  }
}
