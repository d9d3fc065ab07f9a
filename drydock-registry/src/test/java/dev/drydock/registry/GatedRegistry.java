package dev.drydock.registry;

import dev.drydock.registry.SecurityStore.Project;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A real registry on loopback whose access policy is {@link ProjectRules} over its own stores, with
 * projects kept in a map (the test's stand-in for the security store) and gates built from the
 * stores.
 */
final class GatedRegistry implements AutoCloseable {
  /** What a test needs to build its gates. */
  record Stores(
      BlobStorage blobs, MetadataStore metadata, RegistryConfig config, MutableClock clock) {}

  final TestRegistry registry;
  final Stores stores;
  final Map<String, Project> projects;

  private GatedRegistry(TestRegistry registry, Stores stores, Map<String, Project> projects) {
    this.registry = registry;
    this.stores = stores;
    this.projects = projects;
  }

  static GatedRegistry start(Path data, Function<Stores, List<PullGate>> gates) throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    RegistryConfig config =
        RegistryConfig.insecureLoopback(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), clock);
    BlobStorage blobs = FileBlobStorage.open(data, clock);
    MetadataStore metadata = FileMetadataStore.open(data);
    Stores stores = new Stores(blobs, metadata, config, clock);
    Map<String, Project> projects = new ConcurrentHashMap<>();
    ProjectRules rules =
        new ProjectRules(
            projects::get, blobs, metadata, gates.apply(stores), config.maxManifestBytes(), clock);
    RegistryServer server = RegistryServer.start(config, blobs, metadata, rules);
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    return new GatedRegistry(TestRegistry.wrap(server, clock, data, http), stores, projects);
  }

  /** Creates or replaces a project. */
  void project(Project project) {
    projects.put(project.name(), project);
  }

  @Override
  public void close() {
    registry.close();
  }
}
