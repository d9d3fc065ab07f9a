package dev.drydock.scanner;

import dev.drydock.oci.FileEntry;
import dev.drydock.oci.FileType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Plans how hard links are read in one walk of an image. {@link
 * dev.drydock.oci.ImageFilesystem#walk} hands a hard link's content by reading its target's whole
 * layer again (verifying its digest), which for Debian's {@code perl}/{@code perl5.36.0} pair alone
 * costs a second pass over the base layer. Instead, a target visited before its links is read into
 * memory once (up to {@link #MAX_BYTES}) and its content handed to each wanted link as well.
 *
 * <p>Correct because the walk visits files in layer and tar order: a target that is still a final
 * file and is visited before its link is the very entry the link points to (a replaced or deleted
 * target is visited after the link, or not at all). A link visited before its target keeps the
 * image's own (lazy) content and is struck from the plan, so a later file at the target's path
 * never stands in for it.
 */
final class SharedContent {
  /** Larger targets are not held in memory; their links are read the slow way. */
  static final long MAX_BYTES = 64L << 20;

  private final Map<String, List<FileEntry>> linksByTarget;
  private final Map<String, Boolean> pending;

  private SharedContent(Map<String, List<FileEntry>> linksByTarget, Map<String, Boolean> pending) {
    this.linksByTarget = linksByTarget;
    this.pending = pending;
  }

  /**
   * @param files every final file of the image
   * @param wanted whether a cataloguer will read a file
   */
  static SharedContent plan(List<FileEntry> files, Predicate<FileEntry> wanted) {
    Map<String, List<FileEntry>> byTarget = new HashMap<>();
    Map<String, Boolean> pending = new HashMap<>();
    for (FileEntry f : files) {
      if (f.type() == FileType.HARDLINK
          && f.linkTarget() != null
          && f.size() <= MAX_BYTES
          && wanted.test(f)) {
        byTarget.computeIfAbsent(f.linkTarget(), k -> new ArrayList<>()).add(f);
        pending.put(f.path(), Boolean.TRUE);
      }
    }
    return new SharedContent(byTarget, pending);
  }

  /**
   * Called for each visited file. {@return false for a hard link that was already read with its
   * target (skip it), true otherwise}
   */
  boolean takeLink(FileEntry entry) {
    if (entry.type() != FileType.HARDLINK) {
      return true;
    }
    Boolean state = pending.remove(entry.path());
    // Still pending: its target was not visited first, so it is read as the image gives it.
    return state == null || state;
  }

  /**
   * {@return the wanted, not yet visited hard links to this regular file, marked as read; the
   * caller reads the file into memory and hands them its content}
   */
  List<FileEntry> linksTo(FileEntry entry) {
    if (entry.type() != FileType.FILE || entry.size() > MAX_BYTES) {
      return List.of();
    }
    List<FileEntry> links = linksByTarget.remove(entry.path());
    if (links == null) {
      return List.of();
    }
    List<FileEntry> out = new ArrayList<>();
    for (FileEntry l : links) {
      if (pending.replace(l.path(), Boolean.TRUE, Boolean.FALSE)) {
        out.add(l);
      }
    }
    return out;
  }
}
