package dev.drydock.scanner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * A JMH-free measurement of the vulnerability database (not a test; no timing is asserted
 * anywhere): builds an OSV {@code all.zip} from the real bulk sets plus synthesised records (copies
 * of real records under new ids and package names) up to a target count, imports it, re-imports it
 * (incremental, nothing changed), then times opening the index and matching 10,000 packages.
 *
 * <p>Run with {@code drydock-scanner/bench/vulndb-bench.sh [bulk-dir] [records] [work-dir]}.
 */
public final class VulnDbBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private VulnDbBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path bulk = Path.of(args.length > 0 ? args[0] : "../shared/vulndata/bulk");
    int target = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    Path work = Files.createDirectories(Path.of(args.length > 2 ? args[2] : "target-bench"));
    PrintStream out = System.out;

    List<byte[]> real = new ArrayList<>();
    try (Stream<Path> w = Files.walk(bulk)) {
      for (Path p : w.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        real.add(Files.readAllBytes(p));
      }
    }
    Path zip = work.resolve("all.zip");
    List<String[]> packages = new ArrayList<>();
    Path dir = work.resolve("db");
    boolean reuse =
        args.length > 3
            && args[3].equals("reuse")
            && Files.exists(zip)
            && Files.exists(dir.resolve(VulnDb.FILE_NAME));
    long t0 = System.nanoTime();
    int written = writeZip(reuse ? null : zip, real, target, packages);
    out.printf(
        Locale.ROOT,
        "archive: %d records (%d real), %.1f MB, built in %.1f s%n",
        written,
        real.size(),
        Files.size(zip) / 1e6,
        (System.nanoTime() - t0) / 1e9);
    if (!reuse) {
      deleteDb(dir);
      ImportOptions options = ImportOptions.defaults(Clock.systemUTC());
      ImportStats first = VulnDb.importFrom(new ImportSource.Local(zip), dir, options);
      out.printf(
          Locale.ROOT,
          "import: %d added, %d rejected in %.1f s; db file %.1f MB%n",
          first.added(),
          first.rejected(),
          first.elapsed().toMillis() / 1e3,
          Files.size(dir.resolve(VulnDb.FILE_NAME)) / 1e6);
      first.problems().stream().limit(5).forEach(p -> out.println("  rejected: " + p));
      ImportStats again = VulnDb.importFrom(new ImportSource.Local(zip), dir, options);
      out.printf(
          Locale.ROOT,
          "re-import (incremental, unchanged): %d unchanged in %.1f s%n",
          again.unchanged(),
          again.elapsed().toMillis() / 1e3);
    }

    long[] opens = new long[21];
    for (int i = 0; i < opens.length; i++) {
      long s = System.nanoTime();
      try (VulnDb db = VulnDb.open(dir)) {
        db.metadata();
      }
      opens[i] = System.nanoTime() - s;
    }
    Arrays.sort(opens);
    out.printf(
        Locale.ROOT,
        "open: median %.2f ms, max %.2f ms (%d opens)%n",
        opens[10] / 1e6,
        opens[opens.length - 1] / 1e6,
        opens.length);

    // Sample distinct packages uniformly, as a scan meets them (each package once per image).
    List<String[]> distinct = new ArrayList<>();
    java.util.Set<String> seenKeys = new java.util.HashSet<>();
    for (String[] p : packages) {
      if (seenKeys.add(p[0] + ":" + p[1])) {
        distinct.add(p);
      }
    }
    out.printf(Locale.ROOT, "packages: %d distinct (ecosystem, name)%n", distinct.size());
    Random rnd = new Random(42);
    List<PackageQuery> queries = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      if (i % 2 == 0) {
        String[] p = distinct.get(rnd.nextInt(distinct.size()));
        queries.add(PackageQuery.of(p[0], p[1], p[0].equals("Go") ? "0.0.1" : "0.1"));
      } else {
        queries.add(PackageQuery.of("npm", "no-such-package-" + i, "1.0.0"));
      }
    }
    try (VulnDb db = VulnDb.open(dir)) {
      for (int round = 0; round < 3; round++) {
        long s = System.nanoTime();
        long c = CPU.getCurrentThreadCpuTime();
        int records = 0;
        for (PackageQuery q : queries) {
          records += db.lookup(q.ecosystem(), q.name()).size();
        }
        double lookupMs = (System.nanoTime() - s) / 1e6;
        double lookupCpu = (CPU.getCurrentThreadCpuTime() - c) / 1e6;
        s = System.nanoTime();
        c = CPU.getCurrentThreadCpuTime();
        int matches = 0;
        for (PackageQuery q : queries) {
          matches += db.match(q).size();
        }
        double ms = (System.nanoTime() - s) / 1e6;
        double cpu = (CPU.getCurrentThreadCpuTime() - c) / 1e6;
        out.printf(
            Locale.ROOT,
            "round %d: 10,000 packages (half unknown): lookup %.0f ms wall / %.0f ms cpu (%d"
                + " records read); match %.0f ms wall / %.0f ms cpu (%.1f us cpu/package, %d"
                + " vulnerabilities)%n",
            round + 1,
            lookupMs,
            lookupCpu,
            records,
            ms,
            cpu,
            cpu * 1000 / queries.size(),
            matches);
      }
    }
  }

  /** Real records first, then copies with new ids and package names until the target. */
  private static int writeZip(
      @Nullable Path zip, List<byte[]> real, int target, List<String[]> packages)
      throws IOException {
    int n = 0;
    try (OutputStream os =
            zip == null ? OutputStream.nullOutputStream() : Files.newOutputStream(zip);
        ZipOutputStream z = new ZipOutputStream(os)) {
      z.setLevel(1);
      for (int copy = 0; n < target; copy++) {
        for (byte[] r : real) {
          if (n >= target) {
            break;
          }
          JsonNode node = JSON.readTree(r);
          if (!(node instanceof ObjectNode o) || !o.path("id").isTextual()) {
            continue;
          }
          String suffix = copy == 0 ? "" : "-syn" + copy;
          String id = o.path("id").asText() + suffix;
          o.put("id", id);
          if (copy > 0) {
            o.remove("aliases"); // copies are distinct vulnerabilities
          }
          for (JsonNode a : o.path("affected")) {
            if (a.path("package") instanceof ObjectNode p && p.path("name").isTextual()) {
              p.put("name", p.path("name").asText() + suffix);
              if (copy == 0 || packages.size() < 200_000) {
                packages.add(new String[] {p.path("ecosystem").asText(), p.path("name").asText()});
              }
            }
          }
          z.putNextEntry(new ZipEntry(id + ".json"));
          z.write(o.toString().getBytes(StandardCharsets.UTF_8));
          z.closeEntry();
          n++;
        }
      }
    }
    return n;
  }

  private static void deleteDb(Path dir) throws IOException {
    Files.deleteIfExists(dir.resolve(VulnDb.FILE_NAME));
  }
}
