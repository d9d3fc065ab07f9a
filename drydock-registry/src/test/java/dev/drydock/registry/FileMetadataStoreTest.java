package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileMetadataStoreTest extends MetadataStoreContract {
  @TempDir Path root;

  @Override
  protected MetadataStore create() throws Exception {
    return FileMetadataStore.open(root);
  }

  /**
   * A record reaches the disk before it gets its final name, so a power loss cannot leave a
   * zero-length tag or manifest record. The JDK's own {@code jdk.FileForce} event shows the flush
   * of the temporary file.
   */
  @Test
  @SuppressForbidden(reason = "JFR's jdk.FileForce event is the only view of an fsync")
  void recordsAreFlushedBeforeTheRename() throws Exception {
    Path dump = root.resolveSibling(root.getFileName() + "-force.jfr");
    try (Recording recording = new Recording()) {
      recording.enable("jdk.FileForce").withThreshold(Duration.ZERO).withStackTrace();
      recording.start();
      store.putManifest("app", record(A, B));
      store.tag("app", "v1", A);
      recording.stop();
      recording.dump(dump);
    }
    List<String> forced;
    try {
      forced =
          RecordingFile.readAllEvents(dump).stream()
              .filter(e -> e.getEventType().getName().equals("jdk.FileForce"))
              .map((RecordedEvent e) -> e.getString("path"))
              .toList();
    } finally {
      Files.deleteIfExists(dump);
    }
    Path repo = root.resolve("repositories").resolve("app");
    assertThat(forced)
        .anySatisfy(
            p -> assertThat(p).startsWith(repo.resolve("_tags").toString()).endsWith(".tmp"))
        .anySatisfy(
            p -> assertThat(p).startsWith(repo.resolve("_manifests").toString()).endsWith(".tmp"));
    assertThat(store.resolveTag("app", "v1")).isEqualTo(A);
    try (var files = Files.walk(repo)) {
      assertThat(files.map(Path::toString)).noneMatch(p -> p.endsWith(".tmp"));
    }
  }
}
