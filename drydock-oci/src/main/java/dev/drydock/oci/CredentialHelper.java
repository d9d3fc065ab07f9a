package dev.drydock.oci;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Runs a Docker credential helper ({@code docker-credential-<name> get}), as the docker CLI does
 * for {@code credsStore} and {@code credHelpers} in {@code ~/.docker/config.json}: the server URL
 * on standard input, {@code {"ServerURL","Username","Secret"}} on standard output. The helper is
 * looked up on the {@code PATH} of the injected environment and runs with that environment, a
 * timeout and a cap on what it prints. Secrets never reach a message or a log.
 *
 * @see <a href="https://github.com/docker/docker-credential-helpers#usage">credential helper
 *     protocol</a>
 */
public final class CredentialHelper {
  /** How long a helper may take by default (a keychain prompt should not hang a scan forever). */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** What the docker CLI treats as "no credentials stored", from docker-credential-helpers. */
  static final String NOT_FOUND = "credentials not found in native keychain";

  /** The user name by which a helper marks its secret as an identity (refresh) token. */
  static final String TOKEN_USER = "<token>";

  static final int MAX_OUTPUT_BYTES = 64 * 1024;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final System.Logger LOG = System.getLogger(CredentialHelper.class.getName());

  private final Map<String, String> env;
  private final Duration timeout;

  /**
   * @param env the environment the helper runs with; its {@code PATH} is where helpers are found
   * @param timeout how long one helper call may take before it is killed
   */
  public CredentialHelper(Map<String, String> env, Duration timeout) {
    this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    this.timeout = timeout;
  }

  /** {@return a runner with the {@link #DEFAULT_TIMEOUT}} */
  public static CredentialHelper of(Map<String, String> env) {
    return new CredentialHelper(env, DEFAULT_TIMEOUT);
  }

  /**
   * Asks helper {@code name} for the credentials of {@code serverUrl}.
   *
   * @param name the helper name as in the config ({@code desktop}, {@code pass}, {@code ecr-login})
   * @param serverUrl the registry host, or {@code https://index.docker.io/v1/} for Docker Hub
   * @return the credentials, or {@link RegistryCredentials#anonymous()} when the helper has none
   * @throws CredentialHelperException when the helper is missing, fails, times out or prints an
   *     unexpected answer
   */
  public RegistryCredentials get(String name, String serverUrl) throws CredentialHelperException {
    String program = "docker-credential-" + name;
    if (!NAME.matcher(name).matches()) {
      throw new CredentialHelperException(
          "'" + name + "' is not a valid credential helper name; fix credsStore/credHelpers");
    }
    Path exe = find(program);
    String what = program + " get (for " + serverUrl + ")";
    Output out = run(exe, serverUrl, what);
    if (out.exitCode() != 0) {
      String message = out.message();
      if (message.contains("credentials not found")) {
        LOG.log(System.Logger.Level.DEBUG, "{0}: no credentials stored", what);
        return RegistryCredentials.anonymous();
      }
      throw new CredentialHelperException(
          what
              + " exited with status "
              + out.exitCode()
              + (message.isEmpty() ? "" : ": " + message)
              + "; check the helper works with `echo "
              + serverUrl
              + " | "
              + program
              + " get`");
    }
    RegistryCredentials credentials = parse(out.stdout(), what);
    LOG.log(System.Logger.Level.DEBUG, "{0}: {1}", what, credentials);
    return credentials;
  }

  /** Parses a helper's answer; the message never quotes it, since it holds the secret. */
  static RegistryCredentials parse(byte[] stdout, String what) throws CredentialHelperException {
    JsonNode json;
    String username;
    String secret;
    try {
      json = Codecs.parseObject(stdout, what);
      username = Codecs.optText(json, "Username", what);
      secret = Codecs.optText(json, "Secret", what);
    } catch (MalformedContentException e) {
      throw new CredentialHelperException(
          what
              + " printed "
              + stdout.length
              + " bytes that are not the JSON object {\"ServerURL\", \"Username\", \"Secret\"}"
              + " that helpers print");
    }
    if (secret == null || secret.isEmpty()) {
      return RegistryCredentials.anonymous();
    }
    if (TOKEN_USER.equals(username)) {
      return RegistryCredentials.identityToken(secret);
    }
    if (username == null || username.isEmpty()) {
      throw new CredentialHelperException(what + " returned a secret without a Username");
    }
    return RegistryCredentials.basic(username, secret);
  }

  private Path find(String program) throws CredentialHelperException {
    String path = env.getOrDefault("PATH", "");
    List<String> searched = new ArrayList<>();
    for (String dir : path.split(Pattern.quote(File.pathSeparator), -1)) {
      // An empty entry would mean the working directory: never run a helper from there.
      if (dir.isEmpty() || !dir.startsWith("/")) {
        continue;
      }
      searched.add(dir);
      Path candidate = Path.of(dir, program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new CredentialHelperException(
        program
            + " is not on PATH ("
            + (searched.isEmpty() ? "PATH is empty" : String.join(File.pathSeparator, searched))
            + "); install the credential helper or remove it from credsStore/credHelpers in the"
            + " docker config");
  }

  private Output run(Path exe, String serverUrl, String what) throws CredentialHelperException {
    ProcessBuilder pb = new ProcessBuilder(exe.toString(), "get");
    pb.environment().clear();
    pb.environment().putAll(env);
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new CredentialHelperException("Cannot start " + what + ": " + e.getMessage(), e);
    }
    try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
      try {
        return collect(process, readers, serverUrl, what);
      } finally {
        // Before the executor waits for its readers: killing the helper (and anything it
        // started) closes the pipes they read.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    }
  }

  private Output collect(Process process, ExecutorService readers, String serverUrl, String what)
      throws CredentialHelperException {
    Future<byte[]> stdout = readers.submit(() -> capped(process.getInputStream()));
    Future<byte[]> stderr = readers.submit(() -> capped(process.getErrorStream()));
    try (OutputStream stdin = process.getOutputStream()) {
      // As the docker CLI: the server URL alone, without a newline.
      stdin.write(serverUrl.getBytes(StandardCharsets.UTF_8));
    } catch (IOException ignored) {
      // A helper may exit without reading its input; its status tells what happened.
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new CredentialHelperException(
            what + " did not answer within " + timeout.toSeconds() + " s; it was stopped");
      }
      byte[] out = stdout.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      byte[] err = stderr.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (out.length > MAX_OUTPUT_BYTES || err.length > MAX_OUTPUT_BYTES) {
        throw new CredentialHelperException(
            what + " printed more than " + MAX_OUTPUT_BYTES + " bytes; refusing its answer");
      }
      return new Output(process.exitValue(), out, err);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CredentialHelperException(what + " was interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new CredentialHelperException(
          what + " did not close its output within " + timeout.toSeconds() + " s", e);
    }
  }

  /** Reads at most one byte past the cap, then drains the rest so the helper is not blocked. */
  private static byte[] capped(InputStream in) throws IOException {
    try (in) {
      byte[] head = in.readNBytes(MAX_OUTPUT_BYTES + 1);
      in.transferTo(OutputStream.nullOutputStream());
      return head;
    }
  }

  /** A finished helper: its status and what it printed. */
  private static final class Output {
    private final int exitCode;
    private final byte[] stdout;
    private final byte[] stderr;

    Output(int exitCode, byte[] stdout, byte[] stderr) {
      this.exitCode = exitCode;
      this.stdout = stdout;
      this.stderr = stderr;
    }

    int exitCode() {
      return exitCode;
    }

    byte[] stdout() {
      return stdout;
    }

    /**
     * {@return what a failing helper said: its stderr, trimmed and shortened; stdout is never
     * quoted (a helper that fails half-way may have printed the secret), only its size}
     */
    String message() {
      String out = new String(stdout, StandardCharsets.UTF_8).strip();
      String err = new String(stderr, StandardCharsets.UTF_8).strip();
      if (out.contains(NOT_FOUND) || err.contains(NOT_FOUND)) {
        return NOT_FOUND;
      }
      if (err.isEmpty()) {
        return out.isEmpty()
            ? ""
            : "no error text; it printed " + stdout.length + " bytes on stdout";
      }
      return err.length() > 500 ? err.substring(0, 500) + "..." : err;
    }
  }
}
