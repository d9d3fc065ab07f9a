package dev.drydock.registry;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class FileMetadataStoreTest extends MetadataStoreContract {
  @TempDir Path root;

  @Override
  protected MetadataStore create() throws Exception {
    return FileMetadataStore.open(root);
  }
}
