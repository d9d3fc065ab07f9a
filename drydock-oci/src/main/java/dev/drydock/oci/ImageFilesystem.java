package dev.drydock.oci;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The file system an image's layers produce when applied bottom-up, honouring whiteouts ({@code
 * .wh.<name>}) and opaque directories ({@code .wh..wh..opq}). Building it reads every layer once
 * (verifying blob digests and diffIDs) and keeps only metadata; content is read again, lazily, by
 * {@link #walk}, {@link #readFile} and {@link #extractTo}. The image must stay open while this is
 * used.
 *
 * <p>Entries are refused (with {@link UnsafeArchiveException}) when they are absolute, contain
 * {@code ..}, lead through or create a symlink resolving outside the root, hard-link to a path no
 * earlier entry created, or exceed the {@link ArchiveLimits}. Absolute symlink targets are taken
 * relative to the image root, as inside a container. Device files and FIFOs are listed but never
 * opened; extraction refuses or skips them as the caller chooses.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/layer.md">OCI layer
 *     changesets</a>
 */
public final class ImageFilesystem {
  /** What {@link #extractTo} does with device files and FIFOs. */
  public enum SpecialFiles {
    /** Fail with {@link UnsafeArchiveException}. */
    REFUSE,
    /** Leave them out of the extracted tree. */
    SKIP
  }

  /** Receives the files of the image, one at a time. */
  @FunctionalInterface
  public interface FileVisitor {
    /**
     * Visits one final file.
     *
     * @param entry the file
     * @param content its content for regular files and hard links (read lazily: unread content is
     *     skipped), empty for others; valid only during this call
     */
    void visit(FileEntry entry, InputStream content) throws IOException, OciException;
  }

  /** The most a hard link's content is buffered to when visited by {@link #walk}. */
  static final int HARDLINK_READ_CAP = 256 << 20;

  private final Image image;
  private final ArchiveLimits limits;
  private final FsTree tree;

  private ImageFilesystem(Image image, ArchiveLimits limits, FsTree tree) {
    this.image = image;
    this.limits = limits;
    this.tree = tree;
  }

  /**
   * Applies the image's layers bottom-up.
   *
   * @throws UnsafeArchiveException when a layer breaks a safety rule
   * @throws DigestMismatchException when a blob or diffID does not verify
   * @throws OciException when a layer cannot be read
   */
  public static ImageFilesystem flatten(Image image, ArchiveLimits limits) throws OciException {
    FsTree tree = new FsTree(image.source());
    Budget budget = new Budget(limits, image.source());
    for (Layer layer : image.layers()) {
      LayerPass.run(
          image,
          layer,
          budget,
          (entry, ordinal, content) -> tree.apply(entry, layer.index(), ordinal));
    }
    return new ImageFilesystem(image, limits, tree);
  }

  /** {@return every file, sorted by path} */
  public List<FileEntry> files() {
    List<FileEntry> out = new ArrayList<>(tree.nodes().size());
    for (FsTree.Node node : tree.nodes().values()) {
      out.add(toEntry(node));
    }
    return out;
  }

  /** {@return the file at an absolute path (symlinks not followed), if there is one} */
  public Optional<FileEntry> find(String path) {
    FsTree.Node node = tree.nodes().get(strip(path));
    return node == null ? Optional.empty() : Optional.of(toEntry(node));
  }

  /**
   * Reads one regular file (or hard link) whole.
   *
   * @param path absolute path inside the image
   * @param maxBytes the most to read; a larger file is an error
   * @throws OciException when the file is missing, not regular, too large, or its layer fails
   */
  public byte[] readFile(String path, int maxBytes) throws OciException {
    FsTree.Node node = tree.nodes().get(strip(path));
    if (node == null) {
      throw new OciException(image.source() + " has no file " + path);
    }
    FsTree.Node data = node.hardlinkTo() != null ? node.hardlinkTo() : node;
    if (data.entry().type() != FileType.FILE) {
      throw new OciException(
          path + " in " + image.source() + " is a " + data.entry().type() + ", not a regular file");
    }
    return read(data, path, maxBytes);
  }

  /** Reads the content a node's tar entry holds, by reading its layer up to that entry. */
  private byte[] read(FsTree.Node data, String path, int maxBytes) throws OciException {
    if (data.entry().size() > maxBytes) {
      throw new OciException(
          path
              + " in "
              + image.source()
              + " is "
              + data.entry().size()
              + " bytes, more than the "
              + maxBytes
              + " asked for");
    }
    byte[][] result = new byte[1][];
    Layer layer = image.layers().get(data.layer());
    LayerPass.run(
        image,
        layer,
        new Budget(limits, image.source()),
        (entry, ordinal, content) -> {
          if (ordinal == data.ordinal()) {
            result[0] = content.readNBytes(maxBytes);
          }
        });
    return java.util.Objects.requireNonNull(result[0], "the entry was seen when flattening");
  }

  /**
   * Visits every final file, layer by layer in tar order, handing each regular file's content as a
   * stream that is only read if the visitor reads it.
   */
  public void walk(FileVisitor visitor) throws OciException {
    Map<Long, FsTree.Node> byOrigin = new HashMap<>();
    for (FsTree.Node node : tree.nodes().values()) {
      byOrigin.put(key(node.layer(), node.ordinal()), node);
    }
    Budget budget = new Budget(limits, image.source());
    for (Layer layer : image.layers()) {
      LayerPass.run(
          image,
          layer,
          budget,
          (entry, ordinal, content) -> {
            FsTree.Node node = byOrigin.get(key(layer.index(), ordinal));
            if (node != null) {
              visitor.visit(toEntry(node), contentOf(node, content));
            }
          });
    }
  }

  /**
   * Writes the final file system under {@code dir} (which must be empty or absent): directories,
   * regular files, hard links and symlinks (absolute symlink targets are rewritten relative, so
   * that following them on the host stays under {@code dir}). Set-id and sticky bits and owners are
   * dropped. Nothing is written outside {@code dir}.
   *
   * @return how many entries were written
   */
  public long extractTo(Path dir, SpecialFiles specialFiles) throws OciException {
    return new SafeExtractor(this, dir, specialFiles).run();
  }

  Image image() {
    return image;
  }

  ArchiveLimits limits() {
    return limits;
  }

  FsTree tree() {
    return tree;
  }

  private InputStream contentOf(FsTree.Node node, InputStream content) {
    if (node.hardlinkTo() != null) {
      FsTree.Node target = node.hardlinkTo();
      // The shared content lies in another tar entry; it is read into memory, within a cap.
      return new LazyStream(
          () ->
              new java.io.ByteArrayInputStream(read(target, "/" + node.path(), HARDLINK_READ_CAP)));
    }
    return node.entry().type() == FileType.FILE ? content : InputStream.nullInputStream();
  }

  FileEntry toEntry(FsTree.Node node) {
    TarEntry e = node.entry();
    Layer layer = image.layers().get(node.layer());
    FsTree.Node target = node.hardlinkTo();
    return new FileEntry(
        "/" + node.path(),
        e.type(),
        e.mode(),
        target != null ? target.entry().size() : e.size(),
        target != null ? "/" + target.path() : e.linkName(),
        e.uid(),
        e.gid(),
        layer.diffId(),
        layer.index());
  }

  private static String strip(String path) {
    String p = path;
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  private static long key(int layer, int ordinal) {
    return ((long) layer << 32) | (ordinal & 0xffffffffL);
  }

  /** Opens its delegate on first read. */
  private static final class LazyStream extends InputStream {
    private final Opener opener;
    private @Nullable InputStream delegate;

    @FunctionalInterface
    interface Opener {
      InputStream open() throws OciException;
    }

    LazyStream(Opener opener) {
      this.opener = opener;
    }

    private InputStream delegate() throws IOException {
      if (delegate == null) {
        try {
          delegate = opener.open();
        } catch (OciException e) {
          throw new OciIOException(e);
        }
      }
      return delegate;
    }

    @Override
    public int read() throws IOException {
      return delegate().read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return delegate().read(b, off, len);
    }

    @Override
    public long transferTo(OutputStream out) throws IOException {
      return delegate().transferTo(out);
    }
  }
}
