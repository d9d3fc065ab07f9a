package dev.drydock.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Finding;
import dev.drydock.model.Severity;
import dev.drydock.model.Status;
import dev.drydock.scanner.PackageQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostCacheTest {
  @TempDir Path root;
  @TempDir Path cacheDir;

  private static HostCache.Entry entry() {
    return new HostCache.Entry(
        List.of(
            Finding.builder("host-upgrade", "Pending upgrade")
                .severity(Severity.HIGH)
                .status(Status.FAIL)
                .subject("host: openssl")
                .evidence("3.0.1 -> 3.0.2")
                .remediation("apt-get upgrade")
                .references(List.of("https://security-tracker.debian.org/"))
                .property("security", "true")
                .build()),
        List.of(
            new HostCache.Query(
                "Debian:12",
                new PackageQuery("Debian:12", "libssl3", "3.0.1-1", "openssl", "3.0.1-1")),
            new HostCache.Query("Debian:12", PackageQuery.of("Debian:12", "bash", "5.2-2"))));
  }

  @Test
  void roundTrip_andTheKeyFollowsThePackageDatabase() throws Exception {
    Path status = Files.createDirectories(root.resolve("var/lib/dpkg")).resolve("status");
    Files.writeString(status, "Package: bash\n");
    Files.createDirectories(root.resolve("var/lib/apt/lists"));
    Files.writeString(root.resolve("var/lib/apt/lists/x_Packages"), "Package: bash\n");
    String key = HostCache.key(root, "6.1.0", "1.0");
    assertThat(HostCache.key(root, "6.1.0", "1.0")).isEqualTo(key);
    assertThat(HostCache.key(root, "6.1.1", "1.0")).isNotEqualTo(key);
    assertThat(HostCache.key(root, "6.1.0", "1.1")).isNotEqualTo(key);

    HostCache cache = new HostCache(cacheDir);
    assertThat(cache.get(key)).isEmpty();
    cache.put(key, entry());
    assertThat(cache.get(key)).contains(entry());

    Files.writeString(status, "Package: bash\n\nPackage: zsh\n");
    Files.setLastModifiedTime(status, FileTime.fromMillis(0));
    String changed = HostCache.key(root, "6.1.0", "1.0");
    assertThat(changed).isNotEqualTo(key);
    assertThat(cache.get(changed)).isEmpty();
    Files.writeString(root.resolve("var/lib/apt/lists/y_Packages"), "new index");
    assertThat(HostCache.key(root, "6.1.0", "1.0")).isNotEqualTo(changed);
  }

  @Test
  void damagedEntry_isAMiss() throws Exception {
    HostCache cache = new HostCache(cacheDir);
    cache.put("k", entry());
    Files.writeString(
        cacheDir.resolve("host.json"),
        "{\"format\":\"drydock-host-cache/1\",\"key\":\"k\",\"findings\":[{}]}");
    assertThat(cache.get("k")).isEmpty();
  }
}
