package dev.drydock.pkg;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Builds small root trees with apt lists for upgrade tests. */
final class AptTrees {
  static final String MAIN = "deb.debian.org_debian_dists_bookworm";
  static final String SECURITY = "deb.debian.org_debian-security_dists_bookworm-security";

  private AptTrees() {}

  /**
   * The Debian minbase fixture plus two suites: bookworm offers a newer apt (plain list), an older
   * gzip, a newer tar for another architecture and an epoch-less zlib1g; bookworm-security (gzip'd
   * list) offers newer libgnutls30 and libc6.
   */
  static Path debianWithLists(Path root) throws IOException {
    Path fixture = Fixtures.rootfs("debian-12.15-minbase");
    Files.createDirectories(root.resolve("var/lib/dpkg"));
    Files.createDirectories(root.resolve("etc"));
    Files.copy(fixture.resolve("var/lib/dpkg/status"), root.resolve("var/lib/dpkg/status"));
    Files.copy(fixture.resolve("etc/os-release"), root.resolve("etc/os-release"));
    Path lists = Files.createDirectories(root.resolve("var/lib/apt/lists"));
    Files.writeString(
        lists.resolve(MAIN + "_InRelease"),
        signed(
            """
            Origin: Debian
            Label: Debian
            Suite: oldstable
            Version: 12.15
            Codename: bookworm
            SHA256:
             e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 0 main/binary-amd64/Packages
            """));
    Files.writeString(
        lists.resolve(MAIN + "_main_binary-amd64_Packages"),
        """
        Package: libc6
        Version: 2.36-9+deb12u14
        Architecture: amd64
        Description: same as installed

        Package: apt
        Version: 2.6.2
        Architecture: amd64

        Package: gzip
        Version: 1.11-1
        Architecture: amd64

        Package: tar
        Version: 1.35+dfsg-3
        Architecture: arm64

        Package: zlib1g
        Version: 1.3-1
        Architecture: amd64

        Package: not-installed
        Version: 9
        Architecture: all
        """);
    Files.writeString(
        lists.resolve(SECURITY + "_InRelease"),
        signed(
            """
            Origin: Debian
            Label: Debian-Security
            Suite: oldstable-security
            Codename: bookworm-security
            """));
    try (OutputStream out =
        new GZIPOutputStream(
            Files.newOutputStream(lists.resolve(SECURITY + "_main_binary-amd64_Packages.gz")))) {
      out.write(
          """
          Package: libgnutls30
          Version: 3.7.9-2+deb12u8
          Architecture: amd64

          Package: libc6
          Version: 2.36-9+deb12u15
          Architecture: amd64
          """
              .getBytes(StandardCharsets.UTF_8));
    }
    return root;
  }

  static String signed(String body) {
    return "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\n"
        + body
        + "-----BEGIN PGP SIGNATURE-----\n\niQIzBAEBCgAdFiEE\n=abcd\n-----END PGP SIGNATURE-----\n";
  }
}
