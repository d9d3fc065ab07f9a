package dev.drydock.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.engine.ContainerDetails;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The host paths behind a container's mounts, as the kernel sees them: a bind source with its
 * symbolic links resolved on the host (below the root prefix), and the device of a {@code local}
 * volume created with {@code o=bind} (read from the volume's {@code opts.json} in Docker's data
 * root, which is where the local driver keeps its options).
 */
final class MountSources implements HostMounts.Sources {
  private static final long MAX_OPTS_BYTES = 64 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;
  private final String dataRoot;

  MountSources(Path root, String dataRoot) {
    this.root = root;
    this.dataRoot = HostMounts.normalise(dataRoot.isEmpty() ? "/var/lib/docker" : dataRoot);
  }

  /** {@return the resolver for this audit: the host's files are local only for a local daemon} */
  static HostMounts.Sources of(BenchContext context) throws BenchException {
    return new MountSources(context.host().root(), context.engine().info().dockerRootDir());
  }

  @Override
  public List<String> of(ContainerDetails.Mount m) {
    List<String> out = new ArrayList<>();
    if (m.type().equals("bind")) {
      addWithRealPath(out, m.source());
    } else if (m.type().equals("volume")) {
      bindDevice(m.source()).ifPresent(device -> addWithRealPath(out, device));
    }
    return out;
  }

  private void addWithRealPath(List<String> out, String hostPath) {
    String recorded = HostMounts.normalise(hostPath);
    out.add(recorded);
    if (!recorded.startsWith("/")) {
      return;
    }
    HostPaths.resolve(root, recorded)
        .filter(p -> p.startsWith(root))
        .map(p -> HostMounts.normalise("/" + root.relativize(p)))
        .filter(real -> !out.contains(real))
        .ifPresent(out::add);
  }

  /** A local volume's source is {@code <data-root>/volumes/<name>/_data}. */
  private Optional<String> bindDevice(String source) {
    String s = HostMounts.normalise(source);
    String prefix = dataRoot + "/volumes/";
    if (!s.startsWith(prefix) || !s.endsWith("/_data")) {
      return Optional.empty();
    }
    String name = s.substring(prefix.length(), s.length() - "/_data".length());
    if (name.isEmpty() || name.contains("/")) {
      return Optional.empty();
    }
    Path opts = HostPaths.under(root, prefix + name + "/opts.json");
    if (!Files.isRegularFile(opts, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(opts)) {
      byte[] bytes = in.readNBytes((int) MAX_OPTS_BYTES + 1);
      if (bytes.length > MAX_OPTS_BYTES) {
        return Optional.empty();
      }
      JsonNode node = JSON.readTree(bytes);
      String opt = node.path("MountOpts").asText("");
      String device = node.path("MountDevice").asText("");
      boolean bind =
          List.of(opt.split(",")).stream().anyMatch(o -> o.equals("bind") || o.equals("rbind"));
      return bind && device.startsWith("/") ? Optional.of(device) : Optional.empty();
    } catch (IOException e) {
      // An unreadable or malformed options file: judge the volume by its recorded source only.
      return Optional.empty();
    }
  }
}
