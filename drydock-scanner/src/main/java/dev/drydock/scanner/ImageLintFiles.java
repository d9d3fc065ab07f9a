package dev.drydock.scanner;

import dev.drydock.model.Finding;
import dev.drydock.model.Severity;
import dev.drydock.model.Status;
import dev.drydock.oci.FileEntry;
import dev.drydock.oci.FileType;
import dev.drydock.oci.ImageFilesystem;
import dev.drydock.oci.OciException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The file-system rules of {@link ImageLint}: set-id files and files that hold credentials. */
final class ImageLintFiles {
  /** Only files up to this size are read when looking for credentials inside them. */
  static final int READ_CAP = 64 * 1024;

  /** The most candidate files whose content is examined. */
  static final int MAX_CANDIDATES = 2_000;

  private static final int SETUID = 04000;
  private static final int SETGID = 02000;

  private static final Pattern PRIVATE_KEY =
      Pattern.compile("-----BEGIN [A-Z0-9 ]{0,30}PRIVATE KEY( BLOCK)?-----");
  private static final Pattern NPM_TOKEN =
      Pattern.compile("(?m)_auth(?:Token)?\\s{0,10}=\\s{0,10}\\S");
  private static final Pattern DOCKER_AUTH =
      Pattern.compile("\"(?:auth|identitytoken)\"\\s{0,10}:\\s{0,10}\"[^\"]");
  private static final Pattern AWS_SECRET =
      Pattern.compile("(?i)aws_secret_access_key\\s{0,10}=\\s{0,10}\\S");
  private static final Pattern NETRC_PASSWORD = Pattern.compile("(?m)\\bpassword\\s{1,10}\\S");

  /** Reads the content of chosen files. */
  @FunctionalInterface
  interface Content {
    /**
     * Reads the named files (each at most {@link #READ_CAP} bytes) and returns their content by
     * path; files that cannot be read are left out.
     *
     * @throws OciException when the image cannot be read
     */
    Map<String, byte[]> read(Set<String> paths) throws OciException;
  }

  private ImageLintFiles() {}

  /** {@return content read with one pass over the image's layers} */
  static Content contentOf(ImageFilesystem fs) {
    return paths -> {
      Map<String, byte[]> out = new HashMap<>();
      fs.walk(
          (entry, content) -> {
            if (paths.contains(entry.path())
                && entry.type() == FileType.FILE
                && entry.size() <= READ_CAP) {
              out.put(entry.path(), content.readNBytes(READ_CAP));
            }
          });
      return out;
    };
  }

  static Finding setuid(String ref, List<FileEntry> files) {
    Set<String> hits = new TreeSet<>();
    for (FileEntry f : files) {
      boolean regular = f.type() == FileType.FILE || f.type() == FileType.HARDLINK;
      if (regular && (f.mode() & (SETUID | SETGID)) != 0) {
        String bits =
            ((f.mode() & SETUID) != 0 ? "setuid" : "")
                + ((f.mode() & (SETUID | SETGID)) == (SETUID | SETGID) ? "+" : "")
                + ((f.mode() & SETGID) != 0 ? "setgid" : "");
        hits.add(ImageLintSecrets.printable(f.path()) + " (" + bits + ")");
      }
    }
    List<String> list = List.copyOf(hits);
    return ImageLint.listFinding(
            ref,
            "lint-setuid",
            "No unexpected setuid or setgid files",
            Severity.MEDIUM,
            "4.8",
            list,
            "no regular file has the setuid or setgid bit")
        .evidence(
            list.isEmpty()
                ? "no regular file has the setuid or setgid bit"
                : list.size() + " set-id file(s): " + ImageLint.limited(list))
        .remediation(
            "Remove the set-id bits from binaries the service does not need (RUN chmod a-s"
                + " <file>), or remove those binaries.")
        .build();
  }

  static Finding secretFiles(String ref, List<FileEntry> files, Content src) {
    List<String> hits = new ArrayList<>();
    Map<String, String> needContent = new HashMap<>();
    for (FileEntry f : files) {
      if (f.type() != FileType.FILE) {
        continue;
      }
      String path = f.path();
      String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
      if (name.matches("id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?")) {
        hits.add(ImageLintSecrets.printable(path) + ": SSH private key file");
      } else if (path.endsWith("/.aws/credentials")) {
        needContent.put(path, "aws");
      } else if (path.endsWith("/.docker/config.json")) {
        needContent.put(path, "docker");
      } else if (name.equals(".npmrc")) {
        needContent.put(path, "npm");
      } else if (name.equals(".git-credentials")) {
        hits.add(ImageLintSecrets.printable(path) + ": Git credential store");
      } else if (name.equals(".netrc")) {
        needContent.put(path, "netrc");
      } else if (name.endsWith(".pem") || name.endsWith(".key")) {
        needContent.put(path, "pem");
      }
    }
    Status status = Status.PASS;
    String error = "";
    if (!needContent.isEmpty()) {
      TreeSet<String> chosen = new TreeSet<>(needContent.keySet());
      while (chosen.size() > MAX_CANDIDATES) {
        chosen.remove(chosen.last());
      }
      try {
        Map<String, byte[]> content = src.read(chosen);
        for (String path : chosen) {
          byte[] data = content.get(path);
          if (data != null) {
            String kind = contentKind(needContent.get(path), data);
            if (kind != null) {
              hits.add(ImageLintSecrets.printable(path) + ": " + kind);
            }
          }
        }
      } catch (OciException e) {
        status = Status.ERROR;
        error = "could not read candidate files: " + e.getMessage();
      }
    }
    hits.sort(null);
    Finding.Builder b =
        ImageLint.listFinding(
                ref,
                "lint-secret-files",
                "No credential files in the image",
                Severity.HIGH,
                null,
                hits,
                "no private keys or credential files found")
            .remediation(
                "Remove credential files from the image (and from every layer: delete them in the"
                    + " same RUN that creates them, or use BuildKit secret mounts).");
    if (status == Status.ERROR && hits.isEmpty()) {
      b.status(Status.ERROR).evidence(error);
    }
    return b.build();
  }

  private static @Nullable String contentKind(@Nullable String candidate, byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    return switch (candidate == null ? "" : candidate) {
      case "aws" ->
          AWS_SECRET.matcher(text).find() ? "AWS credentials file with a secret key" : null;
      case "docker" ->
          DOCKER_AUTH.matcher(text).find() ? "Docker config with registry credentials" : null;
      case "npm" -> NPM_TOKEN.matcher(text).find() ? "npm config with an auth token" : null;
      case "netrc" -> NETRC_PASSWORD.matcher(text).find() ? "netrc with a password" : null;
      case "pem" -> PRIVATE_KEY.matcher(text).find() ? "PEM private key" : null;
      default -> null;
    };
  }
}
