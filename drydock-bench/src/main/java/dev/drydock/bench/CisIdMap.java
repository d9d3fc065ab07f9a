package dev.drydock.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The map of CIS Docker Benchmark recommendation IDs across versions 1.6.0, 1.7.0 and 1.8.0, with
 * docker-bench-security's IDs, CIS's own levels, Automated/Manual labels and v1.8.0 titles. drydock
 * numbers its checks as v1.8.0 does; v1.8.0 inserted 2.7 (devicemapper), so v1.6.0's 2.7 to 2.18
 * are 2.8 to 2.19 here. Shipped as {@code cis-id-map.tsv}, so that users can map old reports.
 */
public final class CisIdMap {
  private static final String RESOURCE = "cis-id-map.tsv";

  /**
   * One recommendation.
   *
   * @param v180 its ID in v1.8.0 (drydock's ID)
   * @param v170 its ID in v1.7.0, or empty when it did not exist
   * @param v160 its ID in v1.6.0, or empty when it did not exist
   * @param dockerBench docker-bench-security v1.6's ID, or empty when it has none
   * @param level CIS profile level, 1 or 2
   * @param labels CIS's Automated/Manual label in v1.6.0, v1.7.0 and v1.8.0 ({@code -} when absent)
   * @param title the v1.8.0 title
   */
  public record Entry(
      String v180,
      String v170,
      String v160,
      String dockerBench,
      int level,
      List<String> labels,
      String title) {
    /** Validates the fields. */
    public Entry {
      Objects.requireNonNull(v180, "v180");
      Objects.requireNonNull(v170, "v170");
      Objects.requireNonNull(v160, "v160");
      Objects.requireNonNull(dockerBench, "dockerBench");
      labels = List.copyOf(labels);
      Objects.requireNonNull(title, "title");
    }
  }

  /** The benchmark version drydock's IDs and titles follow. */
  public static final String VERSION = "1.8.0";

  private static final Map<String, Entry> ENTRIES = load();

  private CisIdMap() {}

  /** {@return every recommendation of v1.8.0, in benchmark order} */
  public static List<Entry> entries() {
    return List.copyOf(ENTRIES.values());
  }

  /** {@return the recommendation with this v1.8.0 ID} */
  public static Optional<Entry> byId(String v180) {
    return Optional.ofNullable(ENTRIES.get(v180));
  }

  /** {@return the v1.8.0 recommendation that docker-bench-security v1.6 numbers {@code dbsId}} */
  public static Optional<Entry> byDockerBenchId(String dbsId) {
    return ENTRIES.values().stream().filter(e -> e.dockerBench().equals(dbsId)).findFirst();
  }

  /**
   * {@return docker-bench-security's ID for the v1.8.0 ID {@code v180}, or empty when it has none}
   */
  static String dockerBenchId(String v180) {
    Entry e = ENTRIES.get(v180);
    if (e == null) {
      throw new IllegalArgumentException("CIS v1.8.0 has no recommendation " + v180);
    }
    return e.dockerBench();
  }

  private static Map<String, Entry> load() {
    Map<String, Entry> entries = new LinkedHashMap<>();
    try (InputStream in = CisIdMap.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("drydock's " + RESOURCE + " resource is missing.");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      boolean header = true;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        if (header) {
          header = false;
          continue;
        }
        String[] c = line.split("\t", -1);
        if (c.length != 9) {
          throw new IllegalStateException("Malformed line in " + RESOURCE + ": " + line);
        }
        entries.put(
            c[0],
            new Entry(
                c[0],
                none(c[1]),
                none(c[2]),
                none(c[3]),
                Integer.parseInt(c[4]),
                List.of(c[5], c[6], c[7]),
                c[8]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read drydock's " + RESOURCE + " resource", e);
    }
    return entries;
  }

  private static String none(String value) {
    return value.equals("-") ? "" : value;
  }
}
