package dev.drydock.testkit;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Builds the test images locally, since no registry is reachable: a busybox image and a Debian 12
 * image, imported from root file systems, and images built on top of them with {@code docker
 * build}. Builds hold a file lock, so concurrent test JVMs build each image once.
 */
public final class TestImages {
  /** A busybox image ({@code /bin/sh}, coreutils applets, passwd, /tmp); about 1 MB. */
  public static final String BUSYBOX = "drydock-test/busybox:1";

  /** Debian 12 (bookworm) from {@code debootstrap --variant=minbase}, with dpkg and apt. */
  public static final String DEBIAN = "drydock-test/debian:12";

  static final String KEY_LABEL = "dev.drydock.testkit.key";
  static final String BUSYBOX_KEY = "busybox-1";
  static final String DEBIAN_KEY = "debian-12-minbase-1";

  private static final System.Logger LOG = System.getLogger(TestImages.class.getName());
  private static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration DEBOOTSTRAP_TIMEOUT = Duration.ofMinutes(20);

  private final DockerCli cli;
  private final Path cacheDir;
  private final Map<String, String> env;

  TestImages(DockerCli cli, Path cacheDir, Map<String, String> env) {
    this.cli = cli;
    this.cacheDir = cacheDir;
    this.env = env;
  }

  /** {@return where the Debian root file system tar is cached between runs} */
  public Path cacheDir() {
    return cacheDir;
  }

  /**
   * Makes sure {@link #BUSYBOX} exists, importing it from the host's static busybox if not.
   *
   * @return {@link #BUSYBOX}
   * @throws TestkitException if busybox is missing or docker fails
   */
  public String busybox() throws TestkitException {
    return ensure(BUSYBOX, BUSYBOX_KEY, "CMD [\"/bin/sh\"]", this::busyboxTar);
  }

  /**
   * Makes sure {@link #DEBIAN} exists, importing it from a cached debootstrap tar, or running
   * debootstrap (a few minutes, needs root and the Debian mirror) when there is no tar yet.
   *
   * @return {@link #DEBIAN}
   * @throws TestkitException if debootstrap or docker fails
   */
  public String debian() throws TestkitException {
    return ensure(DEBIAN, DEBIAN_KEY, "CMD [\"/bin/bash\"]", this::debianTar);
  }

  /**
   * Builds {@code contextDir} (with its {@code Dockerfile}) as {@code tag}, using the classic
   * builder without network; {@code FROM} lines may name {@link #BUSYBOX} or {@link #DEBIAN}, which
   * are built first when mentioned.
   *
   * @param contextDir the build context
   * @param tag the tag for the result, e.g. {@code drydock-test/app:1}
   * @return {@code tag}
   * @throws TestkitException if a base image or the build fails
   */
  public String build(Path contextDir, String tag) throws TestkitException {
    String dockerfile = readDockerfile(contextDir);
    if (dockerfile.contains(BUSYBOX)) {
      busybox();
    }
    if (dockerfile.contains(DEBIAN)) {
      debian();
    }
    cli.run(
        BUILD_TIMEOUT,
        List.of("build", "--network", "none", "--tag", tag, contextDir.toString()),
        Map.of("DOCKER_BUILDKIT", "0"));
    return tag;
  }

  /** Produces a root file system tar and says where it is. */
  @FunctionalInterface
  private interface TarSource {
    Path tar(Path workDir) throws IOException, TestkitException;
  }

  private String ensure(String tag, String key, String cmd, TarSource source)
      throws TestkitException {
    if (hasImage(tag, key)) {
      return tag;
    }
    try (ImageLock _ = ImageLock.acquire(cacheDir)) {
      if (hasImage(tag, key)) {
        return tag; // another JVM built it while we waited
      }
      Path work = Files.createTempDirectory(cacheDir, "work-");
      try {
        long start = System.nanoTime();
        Path tar = source.tar(work);
        cli.run(
            IMPORT_TIMEOUT,
            List.of(
                "import",
                "--change",
                cmd,
                "--change",
                "LABEL " + KEY_LABEL + "=" + key,
                tar.toString(),
                tag));
        LOG.log(Level.INFO, "Imported {0} in {1} ms", tag, (System.nanoTime() - start) / 1_000_000);
      } finally {
        Rootfs.remove(work, cli.commands());
      }
      return tag;
    } catch (IOException e) {
      throw new CommandFailedException(
          List.of("docker", "import", tag), "an I/O error occurred: " + e, e);
    }
  }

  private boolean hasImage(String tag, String key) throws CommandFailedException {
    CommandResult result =
        cli.tryRun(
            DockerCli.DEFAULT_TIMEOUT,
            List.of(
                "image",
                "inspect",
                "--format",
                "{{index .Config.Labels \"" + KEY_LABEL + "\"}}",
                tag));
    return result.succeeded() && result.stdout().strip().equals(key);
  }

  private Path busyboxTar(Path work) throws IOException, TestkitException {
    Path busybox =
        Executables.require(env, "busybox", "Install it with 'apt-get install -y busybox-static'.");
    Path root = Files.createDirectory(work.resolve("rootfs"));
    BusyboxRootfs.create(root, busybox, cli.commands());
    Path tar = work.resolve("busybox.tar");
    Rootfs.tar(root, tar, cli.commands());
    return tar;
  }

  private Path debianTar(Path work) throws IOException, TestkitException {
    Path cached = cacheDir.resolve(DEBIAN_KEY + ".tar");
    if (Files.isRegularFile(cached)) {
      return cached;
    }
    Path debootstrap =
        Executables.require(
            env, "debootstrap", "Install it with 'apt-get install -y debootstrap'.");
    String mirror = mirror();
    Path root = work.resolve("rootfs");
    long start = System.nanoTime();
    cli.commands()
        .run(
            List.of(
                debootstrap.toString(), "--variant=minbase", "bookworm", root.toString(), mirror),
            Map.of(),
            DEBOOTSTRAP_TIMEOUT);
    LOG.log(
        Level.INFO,
        "debootstrap bookworm from {0} took {1} ms",
        mirror,
        (System.nanoTime() - start) / 1_000_000);
    Rootfs.tar(root, cached, cli.commands());
    return cached;
  }

  private String mirror() throws IOException {
    String configured = env.getOrDefault("DRYDOCK_TESTKIT_DEBIAN_MIRROR", "");
    if (!configured.isBlank()) {
      return configured;
    }
    return DebianMirror.find(Path.of("/etc/apt"), "bookworm").orElse(DebianMirror.FALLBACK);
  }

  private static String readDockerfile(Path contextDir) throws CommandFailedException {
    try {
      return Files.readString(
          contextDir.resolve("Dockerfile"), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CommandFailedException(
          List.of("docker", "build", contextDir.toString()),
          "there is no readable Dockerfile: " + e,
          e);
    }
  }
}
