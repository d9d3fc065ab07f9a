package dev.drydock.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.model.Digest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Repository metadata as small files under {@code <root>/repositories/<name>/}: {@code
 * _blobs/<alg>/<hex>} (links), {@code _manifests/<alg>/<hex>} (manifest records), {@code
 * _tags/<tag>} (the digest) and {@code _referrers/<alg>/<subject hex>/<alg>-<hex>}. Repository path
 * components never start with {@code _}, so these folders cannot clash with nested repositories.
 * Each file is replaced by an atomic rename.
 */
public final class FileMetadataStore implements MetadataStore {
  private static final String BLOBS = "_blobs";
  private static final String MANIFESTS = "_manifests";
  private static final String TAGS = "_tags";
  private static final String REFERRERS = "_referrers";

  private final Path root;
  private final ObjectMapper json = new ObjectMapper();

  private FileMetadataStore(Path root) {
    this.root = root;
  }

  /**
   * Opens (creating when needed) the metadata under {@code root/repositories}.
   *
   * @throws RegistryException when the directory cannot be created
   */
  public static FileMetadataStore open(Path root) throws RegistryException {
    Path repositories = root.resolve("repositories");
    try {
      Files.createDirectories(repositories);
    } catch (IOException e) {
      throw new RegistryException("Cannot create " + repositories + ": " + e.getMessage(), e);
    }
    return new FileMetadataStore(repositories);
  }

  private Path repo(String repository) {
    return root.resolve(Refs.name(repository));
  }

  private static Path byDigest(Path dir, Digest digest) {
    return dir.resolve(digest.algorithm()).resolve(digest.hex());
  }

  @Override
  public boolean repositoryExists(String repository) {
    Path dir = repo(repository);
    return Files.isDirectory(dir.resolve(BLOBS)) || Files.isDirectory(dir.resolve(MANIFESTS));
  }

  @Override
  public List<String> repositories(@Nullable String last, int limit) throws RegistryException {
    java.util.TreeSet<String> names = new java.util.TreeSet<>();
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              String leaf = dir.getFileName().toString();
              if (leaf.startsWith("_")) {
                if (leaf.equals(BLOBS) || leaf.equals(MANIFESTS)) {
                  Path parent = java.util.Objects.requireNonNull(dir.getParent());
                  String name = root.relativize(parent).toString();
                  names.add(name);
                }
                return FileVisitResult.SKIP_SUBTREE;
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw failure("list the repositories under " + root, e);
    }
    return names.stream().filter(n -> last == null || n.compareTo(last) > 0).limit(limit).toList();
  }

  @Override
  public void linkBlob(String repository, Digest digest) throws RegistryException {
    write(byDigest(repo(repository).resolve(BLOBS), digest), new byte[0]);
  }

  @Override
  public boolean isBlobLinked(String repository, Digest digest) {
    return Files.exists(byDigest(repo(repository).resolve(BLOBS), digest));
  }

  @Override
  public List<Digest> linkedBlobs(String repository) throws RegistryException {
    return listDigests(repo(repository).resolve(BLOBS));
  }

  @Override
  public boolean unlinkBlob(String repository, Digest digest) throws RegistryException {
    return delete(byDigest(repo(repository).resolve(BLOBS), digest));
  }

  @Override
  public void putManifest(String repository, ManifestRecord manifest) throws RegistryException {
    Path dir = repo(repository);
    if (manifest.subject() != null) {
      Digest s = manifest.subject();
      Digest d = manifest.digest();
      write(
          dir.resolve(REFERRERS)
              .resolve(s.algorithm())
              .resolve(s.hex())
              .resolve(d.algorithm() + "-" + d.hex()),
          new byte[0]);
    }
    write(byDigest(dir.resolve(MANIFESTS), manifest.digest()), encode(manifest));
  }

  @Override
  public @Nullable ManifestRecord manifest(String repository, Digest digest)
      throws RegistryException {
    Path file = byDigest(repo(repository).resolve(MANIFESTS), digest);
    try {
      return decode(digest, Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException | RuntimeException e) {
      throw new RegistryException(
          "Manifest record " + file + " is unreadable (" + e.getMessage() + ")", e);
    }
  }

  @Override
  public List<Digest> manifests(String repository) throws RegistryException {
    return listDigests(repo(repository).resolve(MANIFESTS));
  }

  @Override
  public boolean deleteManifest(String repository, Digest digest) throws RegistryException {
    ManifestRecord record = manifest(repository, digest);
    if (record == null) {
      return false;
    }
    Path dir = repo(repository);
    for (String tag : tags(repository)) {
      if (digest.equals(resolveTag(repository, tag))) {
        untag(repository, tag);
      }
    }
    Digest s = record.subject();
    if (s != null) {
      delete(
          dir.resolve(REFERRERS)
              .resolve(s.algorithm())
              .resolve(s.hex())
              .resolve(digest.algorithm() + "-" + digest.hex()));
    }
    return delete(byDigest(dir.resolve(MANIFESTS), digest));
  }

  @Override
  public void tag(String repository, String tag, Digest digest) throws RegistryException {
    write(
        repo(repository).resolve(TAGS).resolve(tag),
        digest.toString().getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public @Nullable Digest resolveTag(String repository, String tag) throws RegistryException {
    if (!Refs.isTag(tag)) {
      return null;
    }
    Path file = repo(repository).resolve(TAGS).resolve(tag);
    try {
      return Digest.parse(Files.readString(file, StandardCharsets.US_ASCII).strip());
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException | RuntimeException e) {
      throw new RegistryException(
          "Tag file " + file + " is unreadable (" + e.getMessage() + ")", e);
    }
  }

  @Override
  public boolean untag(String repository, String tag) throws RegistryException {
    return Refs.isTag(tag) && delete(repo(repository).resolve(TAGS).resolve(tag));
  }

  @Override
  public List<String> tags(String repository) throws RegistryException {
    Path dir = repo(repository).resolve(TAGS);
    List<String> out = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (Refs.isTag(name)) {
          out.add(name);
        }
      }
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw failure("list the tags in " + dir, e);
    }
    out.sort(null);
    return out;
  }

  @Override
  public List<ManifestRecord> referrers(String repository, Digest subject)
      throws RegistryException {
    Path dir =
        repo(repository).resolve(REFERRERS).resolve(subject.algorithm()).resolve(subject.hex());
    List<ManifestRecord> out = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        String name = file.getFileName().toString().replaceFirst("-", ":");
        if (Refs.looksLikeDigest(name)) {
          ManifestRecord record = manifest(repository, Refs.digest(name));
          if (record != null) {
            out.add(record);
          }
        }
      }
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw failure("list the referrers in " + dir, e);
    }
    out.sort((a, b) -> a.digest().toString().compareTo(b.digest().toString()));
    return out;
  }

  private static List<Digest> listDigests(Path dir) throws RegistryException {
    List<Digest> out = new ArrayList<>();
    try (DirectoryStream<Path> algorithms = Files.newDirectoryStream(dir)) {
      for (Path algorithm : algorithms) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(algorithm)) {
          for (Path file : files) {
            String text = algorithm.getFileName() + ":" + file.getFileName();
            if (Refs.looksLikeDigest(text)) {
              out.add(Refs.digest(text));
            }
          }
        }
      }
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException | DistributionException e) {
      throw new RegistryException("Cannot list " + dir + ": " + e.getMessage(), e);
    }
    return out;
  }

  private byte[] encode(ManifestRecord record) {
    ObjectNode node = json.createObjectNode();
    node.put("mediaType", record.mediaType());
    node.put("size", record.size());
    if (record.subject() != null) {
      node.put("subject", record.subject().toString());
    }
    if (record.artifactType() != null) {
      node.put("artifactType", record.artifactType());
    }
    ObjectNode annotations = node.putObject("annotations");
    record.annotations().forEach(annotations::put);
    try {
      return json.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a manifest record", e);
    }
  }

  private ManifestRecord decode(Digest digest, byte[] bytes) throws IOException {
    JsonNode node = json.readTree(bytes);
    JsonNode subject = node.get("subject");
    JsonNode artifactType = node.get("artifactType");
    return new ManifestRecord(
        digest,
        node.get("mediaType").textValue(),
        node.get("size").longValue(),
        subject == null ? null : Digest.parse(subject.textValue()),
        artifactType == null ? null : artifactType.textValue(),
        ManifestInfo.annotations(node, "annotations"));
  }

  private static void write(Path file, byte[] content) throws RegistryException {
    Path temp = file.resolveSibling("." + UUID.randomUUID() + ".tmp");
    try {
      Files.createDirectories(java.util.Objects.requireNonNull(file.getParent()));
      // Flush the content before the rename: otherwise a power loss can persist the rename but
      // not the data, leaving a zero-length tag or manifest record under the final name.
      try (FileChannel channel =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // the temporary name starts with '.', so no listing ever reads it
      }
      throw failure("write " + file, e);
    }
  }

  private static boolean delete(Path file) throws RegistryException {
    try {
      return Files.deleteIfExists(file);
    } catch (IOException e) {
      throw failure("delete " + file, e);
    }
  }

  private static RegistryException failure(String what, IOException e) {
    return new RegistryException("Cannot " + what + ": " + e.getMessage(), e);
  }
}
