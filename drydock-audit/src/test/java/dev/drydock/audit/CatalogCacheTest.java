package dev.drydock.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Digest;
import dev.drydock.scanner.ImagePackage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogCacheTest {
  @TempDir Path dir;

  private static final String L0 = "sha256:" + "a".repeat(64);
  private static final String L1 = "sha256:" + "b".repeat(64);

  private static CachedCatalog catalog() {
    return new CachedCatalog(
        "Debian GNU/Linux 12 (bookworm)",
        List.of(
            new ImagePackage(
                "Debian:12",
                "dpkg",
                "1.21.22",
                "pkg:deb/debian/dpkg@1.21.22?arch=amd64",
                "dpkg",
                null,
                Digest.parse(L0),
                List.of("/var/lib/dpkg/status"),
                "dpkg",
                Map.of("architecture", "amd64")),
            new ImagePackage(
                "Maven",
                "org.example:lib",
                "1.0",
                "pkg:maven/org.example/lib@1.0",
                null,
                null,
                Digest.parse(L1),
                List.of("/app/a.war!/WEB-INF/lib/lib-1.0.jar"),
                "java-archive",
                Map.of())),
        List.of("/bad.jar: not a zip"));
  }

  @Test
  void chainId_followsTheOciDefinition() throws Exception {
    assertThat(CatalogCache.chainId(List.of(L0))).isEqualTo(L0);
    java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
    String expected =
        Digest.sha256(md.digest((L0 + " " + L1).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
            .toString();
    assertThat(CatalogCache.chainId(List.of(L0, L1))).isEqualTo(expected);
    assertThat(CatalogCache.chainId(List.of(L1, L0))).isNotEqualTo(expected);
  }

  @Test
  void put_thenGet_returnsTheSameCatalogue() throws Exception {
    CatalogCache cache = new CatalogCache(dir, "1.0");
    String chain = CatalogCache.chainId(List.of(L0, L1));
    assertThat(cache.get(chain)).isEmpty();
    cache.put(chain, catalog());
    assertThat(cache.get(chain)).contains(catalog());
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactly(Digest.parse(chain).hex() + ".json");
    }
  }

  @Test
  void entriesOfAnotherVersion_orDamaged_areMisses() throws Exception {
    String chain = CatalogCache.chainId(List.of(L0));
    new CatalogCache(dir, "1.0").put(chain, catalog());
    assertThat(new CatalogCache(dir, "1.1").get(chain)).isEmpty();
    Path file = dir.resolve(Digest.parse(chain).hex() + ".json");
    Files.writeString(file, "{\"format\":\"drydock-catalog-cache/1\",\"toolVersion\":\"1.0\",");
    assertThat(new CatalogCache(dir, "1.0").get(chain)).isEmpty();
    Files.writeString(
        file,
        "{\"format\":\"drydock-catalog-cache/1\",\"toolVersion\":\"1.0\",\"chainId\":\""
            + chain
            + "\",\"packages\":[{\"name\":\"x\"}]}");
    assertThat(new CatalogCache(dir, "1.0").get(chain)).isEmpty();
  }
}
