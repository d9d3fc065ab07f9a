package dev.drydock.oci;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes an {@link ImageFilesystem} to a directory. Paths come from the flattened tree, which holds
 * no {@code ..}, no absolute names and no symlinked ancestors; each write still checks on disk that
 * no ancestor is a symlink and opens files without following links, so that a tree changed
 * underneath cannot redirect a write outside the root.
 */
final class SafeExtractor {
  private final ImageFilesystem fs;
  private final Path root;
  private final ImageFilesystem.SpecialFiles specialFiles;

  SafeExtractor(ImageFilesystem fs, Path root, ImageFilesystem.SpecialFiles specialFiles) {
    this.fs = fs;
    this.root = root.toAbsolutePath().normalize();
    this.specialFiles = specialFiles;
  }

  long run() throws OciException {
    String source = fs.image().source();
    try {
      Files.createDirectories(root);
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
        if (entries.iterator().hasNext()) {
          throw new OciException(
              "Extraction directory " + root + " is not empty; give an empty work directory");
        }
      }
      long written = 0;
      List<FsTree.Node> links = new ArrayList<>();
      for (FsTree.Node node : fs.tree().nodes().values()) {
        switch (node.entry().type()) {
          case DIRECTORY -> {
            Path dir = target(node.path());
            Files.createDirectories(dir);
            written++;
          }
          case CHAR_DEVICE, BLOCK_DEVICE, FIFO -> {
            if (specialFiles == ImageFilesystem.SpecialFiles.REFUSE) {
              throw new UnsafeArchiveException(
                  source
                      + ": '/"
                      + node.path()
                      + "' is a "
                      + node.entry().type()
                      + "; device files and FIFOs are not extracted (use SpecialFiles.SKIP to leave"
                      + " them out)");
            }
          }
          case SYMLINK, HARDLINK -> links.add(node);
          case FILE -> {}
        }
      }
      written += writeFiles();
      for (FsTree.Node node : links) {
        writeLink(node);
        written++;
      }
      return written;
    } catch (IOException e) {
      throw OciIOException.unwrap(e, "Extracting " + source + " to " + root);
    }
  }

  private long writeFiles() throws OciException {
    Map<Long, FsTree.Node> wanted = new HashMap<>();
    for (FsTree.Node node : fs.tree().nodes().values()) {
      if (node.entry().type() == FileType.FILE) {
        wanted.put((long) node.layer() << 32 | node.ordinal(), node);
      }
    }
    long[] count = new long[1];
    Budget budget = new Budget(fs.limits(), fs.image().source());
    for (Layer layer : fs.image().layers()) {
      LayerPass.run(
          fs.image(),
          layer,
          budget,
          (entry, ordinal, content) -> {
            FsTree.Node node = wanted.get((long) layer.index() << 32 | ordinal);
            if (node != null) {
              writeFile(node, content);
              count[0]++;
            }
          });
    }
    return count[0];
  }

  private void writeFile(FsTree.Node node, InputStream content) throws IOException, OciException {
    Path file = target(node.path());
    Files.createDirectories(Objects.requireNonNull(file.getParent()));
    checkAncestors(file);
    Files.deleteIfExists(file);
    try (OutputStream out =
        Files.newOutputStream(
            file,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS)) {
      content.transferTo(out);
    }
    Files.setPosixFilePermissions(file, permissions(node.entry().mode() | 0600));
  }

  private void writeLink(FsTree.Node node) throws IOException, OciException {
    Path link = target(node.path());
    Files.createDirectories(Objects.requireNonNull(link.getParent()));
    checkAncestors(link);
    if (node.entry().type() == FileType.HARDLINK) {
      FsTree.Node to = Objects.requireNonNull(node.hardlinkTo());
      Path existing = target(to.path());
      if (!Files.isRegularFile(existing, LinkOption.NOFOLLOW_LINKS)) {
        return; // its target was replaced by a later layer; the walk API still reports the link
      }
      Files.createLink(link, existing);
      return;
    }
    String linkTarget = Objects.requireNonNull(node.entry().linkName());
    if (linkTarget.startsWith("/")) {
      // Relative to the image root, like in a container: rewrite so the host follows it inside.
      Path parent = Objects.requireNonNull(link.getParent());
      linkTarget = parent.relativize(root.resolve(linkTarget.substring(1)).normalize()).toString();
      if (linkTarget.isEmpty()) {
        linkTarget = ".";
      }
    }
    Files.createSymbolicLink(link, Path.of(linkTarget));
  }

  private Path target(String path) throws UnsafeArchiveException {
    Path p = root.resolve(path).normalize();
    if (!p.startsWith(root) || p.equals(root)) {
      throw new UnsafeArchiveException(
          fs.image().source() + ": '/" + path + "' would be written outside " + root);
    }
    return p;
  }

  private void checkAncestors(Path file) throws UnsafeArchiveException {
    for (Path p = file.getParent(); p != null && !p.equals(root); p = p.getParent()) {
      if (Files.isSymbolicLink(p)) {
        throw new UnsafeArchiveException(
            fs.image().source()
                + ": refusing to write "
                + root.relativize(file)
                + " through the symlink "
                + root.relativize(p));
      }
    }
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = {
      PosixFilePermission.OTHERS_EXECUTE,
      PosixFilePermission.OTHERS_WRITE,
      PosixFilePermission.OTHERS_READ,
      PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE,
      PosixFilePermission.OWNER_WRITE,
      PosixFilePermission.OWNER_READ
    };
    for (int i = 0; i < order.length; i++) {
      if ((mode & 1 << i) != 0) {
        set.add(order[i]);
      }
    }
    return set;
  }
}
