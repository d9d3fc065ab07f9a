package dev.drydock.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.model.Finding;
import dev.drydock.model.Severity;
import dev.drydock.model.Status;
import dev.drydock.scanner.PackageQuery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The host patch status of the last audit, reused while nothing it was computed from has changed:
 * the key hashes the size and modification time of every package database, package index and reboot
 * flag the patch status reads (the paths of drydock-pkg), the running kernel and drydock's version.
 * Reading the package indices (an apt Packages list is tens of MB) dominates a warm audit
 * otherwise.
 */
final class HostCache {
  static final String FORMAT = "drydock-host-cache/1";
  private static final long MAX_BYTES = 64L * 1024 * 1024;

  /** Files and directories (whose entries count) the patch status reads, relative to the root. */
  static final List<String> INPUTS =
      List.of(
          "var/lib/dpkg/status",
          "var/lib/dpkg/status.d",
          "var/lib/dpkg/info",
          "lib/apk/db/installed",
          "usr/lib/apk/db/installed",
          "var/cache/apk",
          "var/lib/apt/lists",
          "var/lib/rpm",
          "usr/lib/sysimage/rpm",
          "usr/share/rpm",
          "etc/os-release",
          "usr/lib/os-release",
          "var/run/reboot-required",
          "run/reboot-required");

  /** What is cached: the patch status findings and the installed packages as queries. */
  record Entry(List<Finding> findings, List<Query> packages) {}

  /** An installed package as the vulnerability database is asked about it. */
  record Query(String ecosystem, PackageQuery query) {}

  private final Path file;
  private final ObjectMapper mapper = new ObjectMapper();

  HostCache(Path dir) {
    this.file = dir.resolve("host.json");
  }

  /** {@return the key of the host's current state} */
  static String key(Path root, @Nullable String kernel, String toolVersion) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(
          (toolVersion + "\n" + kernel + "\n" + root + "\n").getBytes(StandardCharsets.UTF_8));
      for (String rel : INPUTS) {
        Path p = root.resolve(rel);
        md.update((rel + "=" + stat(p) + "\n").getBytes(StandardCharsets.UTF_8));
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          TreeSet<String> entries = new TreeSet<>();
          try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
            int n = 0;
            for (Path e : ds) {
              // The dpkg info directory has a few files per package; its own mtime changes
              // whenever a package comes or goes, so its entries are not needed.
              if (rel.endsWith("info") || n++ > 10_000) {
                break;
              }
              entries.add(e.getFileName() + "=" + stat(e));
            }
          }
          md.update(String.join("\n", entries).getBytes(StandardCharsets.UTF_8));
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      return "unreadable-" + e.getClass().getSimpleName();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static String stat(Path p) throws IOException {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return "-";
    }
    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
    return a.size() + "@" + a.lastModifiedTime().toMillis() + "#" + a.fileKey();
  }

  Optional<Entry> get(String key) {
    try {
      if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
        return Optional.empty();
      }
      JsonNode doc = mapper.readTree(file.toFile());
      if (!FORMAT.equals(doc.path("format").asText()) || !key.equals(doc.path("key").asText())) {
        return Optional.empty();
      }
      List<Finding> findings = new ArrayList<>();
      for (JsonNode f : doc.path("findings")) {
        findings.add(finding(f));
      }
      List<Query> packages = new ArrayList<>();
      for (JsonNode q : doc.path("packages")) {
        packages.add(
            new Query(
                q.path("ecosystem").asText(),
                new PackageQuery(
                    q.path("queryEcosystem").asText(),
                    q.path("name").asText(),
                    q.path("version").asText(),
                    q.hasNonNull("sourceName") ? q.path("sourceName").asText() : null,
                    q.hasNonNull("sourceVersion") ? q.path("sourceVersion").asText() : null)));
      }
      return Optional.of(new Entry(findings, packages));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // a damaged entry is a miss
    }
  }

  void put(String key, Entry entry) throws IOException {
    ObjectNode doc = mapper.createObjectNode();
    doc.put("format", FORMAT);
    doc.put("key", key);
    ArrayNode findings = doc.putArray("findings");
    for (Finding f : entry.findings()) {
      ObjectNode n = findings.addObject();
      n.put("ruleId", f.ruleId());
      n.put("title", f.title());
      n.put("severity", f.severity().name());
      n.put("status", f.status().name());
      n.put("subject", f.subject());
      n.put("evidence", f.evidence());
      n.put("remediation", f.remediation());
      ArrayNode refs = n.putArray("references");
      f.references().forEach(refs::add);
      ObjectNode props = n.putObject("properties");
      f.properties().forEach(props::put);
    }
    ArrayNode packages = doc.putArray("packages");
    for (Query q : entry.packages()) {
      ObjectNode n = packages.addObject();
      n.put("ecosystem", q.ecosystem());
      n.put("queryEcosystem", q.query().ecosystem());
      n.put("name", q.query().name());
      n.put("version", q.query().version());
      n.put("sourceName", q.query().sourceName());
      n.put("sourceVersion", q.query().sourceVersion());
    }
    Path dir = file.getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Path temp = Files.createTempFile(dir == null ? Path.of(".") : dir, ".host-", ".tmp");
    try {
      mapper.writeValue(temp.toFile(), doc);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static Finding finding(JsonNode n) {
    List<String> refs = new ArrayList<>();
    n.path("references").forEach(r -> refs.add(r.asText()));
    Map<String, String> props = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : n.path("properties").properties()) {
      props.put(e.getKey(), e.getValue().asText());
    }
    return new Finding(
        n.path("ruleId").asText(),
        n.path("title").asText(),
        Severity.valueOf(n.path("severity").asText()),
        Status.valueOf(n.path("status").asText()),
        n.path("subject").asText(),
        n.path("evidence").asText(),
        n.path("remediation").asText(),
        refs,
        props);
  }
}
