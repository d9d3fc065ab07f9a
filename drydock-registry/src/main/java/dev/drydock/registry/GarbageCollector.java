package dev.drydock.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.model.Digest;
import dev.drydock.registry.MetadataStore.ManifestRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Deletes blobs that no manifest references: mark every manifest of every repository and the blobs
 * and manifests it names, then sweep what is unmarked. Blobs stored after {@code keepAfter} are
 * spared, because a client pushes layers before the manifest that references them. Run it while no
 * pushes happen (offline, or under the server's maintenance lock).
 */
public final class GarbageCollector {
  private static final int PAGE = 1000;

  private final BlobStorage blobs;
  private final MetadataStore metadata;
  private final ObjectMapper json = new ObjectMapper();

  /** Creates a collector over one registry's storage. */
  public GarbageCollector(BlobStorage blobs, MetadataStore metadata) {
    this.blobs = blobs;
    this.metadata = metadata;
  }

  /**
   * What a collection did.
   *
   * @param repositories repositories scanned
   * @param referenced blobs kept because a manifest references them
   * @param deleted blobs deleted
   * @param freedBytes bytes freed
   */
  public record Result(int repositories, int referenced, int deleted, long freedBytes) {}

  /**
   * Marks and sweeps.
   *
   * @param keepAfter blobs stored after this instant are kept even when unreferenced
   * @throws RegistryException when storage cannot be read, or a manifest is unreadable (nothing is
   *     deleted then)
   */
  public Result collect(Instant keepAfter) throws RegistryException {
    List<String> repositories = allRepositories();
    Set<Digest> marked = new HashSet<>();
    for (String repository : repositories) {
      for (Digest digest : metadata.manifests(repository)) {
        ManifestRecord record = metadata.manifest(repository, digest);
        if (record == null) {
          continue;
        }
        marked.add(digest);
        ManifestInfo info =
            ManifestInfo.parse(json, read(digest, record.size()), record.mediaType());
        marked.addAll(info.blobs());
        marked.addAll(info.manifests());
      }
    }
    int deleted = 0;
    long freed = 0;
    for (BlobStorage.StoredBlob blob : blobs.list()) {
      if (marked.contains(blob.digest()) || blob.storedAt().isAfter(keepAfter)) {
        continue;
      }
      for (String repository : repositories) {
        metadata.unlinkBlob(repository, blob.digest());
      }
      if (blobs.delete(blob.digest())) {
        deleted++;
        freed += blob.size();
      }
    }
    return new Result(repositories.size(), marked.size(), deleted, freed);
  }

  /**
   * Collects garbage in a filesystem registry that no process is serving.
   *
   * @param keepAfter blobs stored after this instant are kept even when unreferenced
   * @throws RegistryException when a server holds the directory, or storage fails
   */
  public static Result collectOffline(Path dataDir, Instant keepAfter, Clock clock)
      throws RegistryException {
    try (DataLock _ = DataLock.acquire(dataDir, "collecting garbage")) {
      return new GarbageCollector(
              FileBlobStorage.open(dataDir, clock), FileMetadataStore.open(dataDir))
          .collect(keepAfter);
    }
  }

  private List<String> allRepositories() throws RegistryException {
    List<String> all = new java.util.ArrayList<>();
    String last = null;
    while (true) {
      List<String> page = metadata.repositories(last, PAGE);
      all.addAll(page);
      if (page.size() < PAGE) {
        return all;
      }
      last = page.getLast();
    }
  }

  private byte[] read(Digest digest, long size) throws RegistryException {
    if (size > Integer.MAX_VALUE) {
      throw new RegistryException("Manifest " + digest + " is too large to be a manifest");
    }
    try (InputStream in = blobs.open(digest, 0)) {
      return in.readNBytes((int) size);
    } catch (IOException e) {
      throw new RegistryException(
          "Cannot read manifest " + digest + " (" + e.getMessage() + "); nothing was deleted", e);
    }
  }
}
