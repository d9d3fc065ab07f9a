package dev.drydock.oci;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The flattened file system while layers are applied: paths (relative, no leading slash) to nodes.
 * Paths are stored resolved: a path never has a symlink as an ancestor, because entries under a
 * symlinked directory are stored where the link leads, resolved inside the root.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/layer.md#whiteouts">OCI
 *     whiteouts</a>
 */
final class FsTree {
  static final String WHITEOUT = ".wh.";
  static final String OPAQUE = ".wh..wh..opq";
  private static final int MAX_LINK_HOPS = 40;

  /** A file of the tree; {@code hardlinkTo} is the node a hard link shares content with. */
  record Node(String path, TarEntry entry, int layer, int ordinal, @Nullable Node hardlinkTo) {}

  private final TreeMap<String, Node> nodes = new TreeMap<>();
  private final String source;

  FsTree(String source) {
    this.source = source;
  }

  Map<String, Node> nodes() {
    return nodes;
  }

  /**
   * Normalises an entry name: strips {@code ./} and trailing slashes; refuses absolute paths and
   * {@code ..}.
   *
   * @return the components, empty for the root
   */
  List<String> split(String name, String what) throws UnsafeArchiveException {
    if (name.startsWith("/")) {
      throw unsafe(what + " '" + name + "' is an absolute path");
    }
    List<String> parts = new ArrayList<>();
    for (String part : name.split("/", -1)) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        throw unsafe(what + " '" + name + "' contains '..' (path traversal)");
      }
      parts.add(part);
    }
    return parts;
  }

  /** Applies one tar entry of layer {@code layer}. */
  void apply(TarEntry entry, int layer, int ordinal) throws UnsafeArchiveException {
    List<String> parts = split(entry.name(), "entry");
    if (parts.isEmpty()) {
      return; // the root directory itself
    }
    String base = parts.getLast();
    String parent = resolve(new ArrayList<>(), parts.subList(0, parts.size() - 1), entry.name(), 0);
    if (base.equals(OPAQUE)) {
      removeLower(parent, layer, false);
      return;
    }
    if (base.startsWith(WHITEOUT)) {
      if (!base.startsWith(WHITEOUT + WHITEOUT)) { // .wh..wh.* are aufs bookkeeping, skip
        removeLower(join(parent, base.substring(WHITEOUT.length())), layer, true);
      }
      return;
    }
    String path = join(parent, base);
    Node hardlinkTo = null;
    switch (entry.type()) {
      case SYMLINK -> checkSymlink(parent, entry);
      case HARDLINK -> hardlinkTo = hardlinkTarget(entry);
      default -> {}
    }
    Node existing = nodes.get(path);
    if (existing != null
        && !(existing.entry().type() == FileType.DIRECTORY && entry.type() == FileType.DIRECTORY)) {
      removeSubtree(path);
    }
    nodes.put(path, new Node(path, entry, layer, ordinal, hardlinkTo));
  }

  private void checkSymlink(String parent, TarEntry entry) throws UnsafeArchiveException {
    String target = java.util.Objects.requireNonNull(entry.linkName());
    List<String> start = target.startsWith("/") ? new ArrayList<>() : components(parent);
    List<String> rest = new ArrayList<>();
    for (String part : target.split("/", -1)) {
      if (!part.isEmpty() && !part.equals(".")) {
        rest.add(part);
      }
    }
    resolve(start, rest, entry.name() + " -> " + target, 0);
  }

  private Node hardlinkTarget(TarEntry entry) throws UnsafeArchiveException {
    String target = java.util.Objects.requireNonNull(entry.linkName());
    List<String> parts = split(target, "hard link target of '" + entry.name() + "'");
    if (parts.isEmpty()) {
      throw unsafe("hard link '" + entry.name() + "' points at the root");
    }
    String parent = resolve(new ArrayList<>(), parts.subList(0, parts.size() - 1), entry.name(), 0);
    Node node = nodes.get(join(parent, parts.getLast()));
    if (node == null) {
      throw unsafe(
          "hard link '"
              + entry.name()
              + "' points at '"
              + target
              + "', which no earlier entry of the image created");
    }
    if (node.hardlinkTo() != null) {
      node = node.hardlinkTo();
    }
    if (node.entry().type() != FileType.FILE) {
      throw unsafe(
          "hard link '"
              + entry.name()
              + "' points at '"
              + target
              + "', which is not a regular file");
    }
    return node;
  }

  /**
   * Resolves {@code rest} from {@code start}, following symlinks of the tree; {@code ..} above the
   * root is refused; absolute link targets restart at the image root.
   *
   * @return the resolved path
   */
  private String resolve(List<String> start, List<String> rest, String what, int hops)
      throws UnsafeArchiveException {
    List<String> current = new ArrayList<>(start);
    for (String part : rest) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (current.isEmpty()) {
          throw unsafe("'" + what + "' resolves outside the image root (symlink escape)");
        }
        current.removeLast();
        continue;
      }
      current.add(part);
      Node node = nodes.get(String.join("/", current));
      if (node != null && node.entry().type() == FileType.SYMLINK) {
        if (hops >= MAX_LINK_HOPS) {
          throw unsafe("'" + what + "' goes through more than " + MAX_LINK_HOPS + " symlinks");
        }
        current.removeLast();
        String target = java.util.Objects.requireNonNull(node.entry().linkName());
        List<String> from = target.startsWith("/") ? new ArrayList<>() : current;
        String resolved = resolve(from, List.of(target.split("/", -1)), what, hops + 1);
        current = components(resolved);
      }
    }
    return String.join("/", current);
  }

  private void removeLower(String path, int layer, boolean includingSelf) {
    if (includingSelf) {
      Node self = nodes.get(path);
      if (self != null && self.layer() < layer) {
        nodes.remove(path);
      }
    }
    String prefix = path.isEmpty() ? "" : path + "/";
    nodes
        .subMap(prefix, true, prefix + Character.MAX_VALUE, false)
        .values()
        .removeIf(n -> n.layer() < layer && !n.path().equals(path));
  }

  private void removeSubtree(String path) {
    nodes.remove(path);
    nodes.subMap(path + "/", true, path + "/" + Character.MAX_VALUE, false).clear();
  }

  private static List<String> components(String path) {
    List<String> out = new ArrayList<>();
    if (!path.isEmpty()) {
      out.addAll(List.of(path.split("/")));
    }
    return out;
  }

  private static String join(String parent, String base) {
    return parent.isEmpty() ? base : parent + "/" + base;
  }

  UnsafeArchiveException unsafe(String problem) {
    return new UnsafeArchiveException(source + ": " + problem + "; refusing the image");
  }
}
