package dev.drydock.scanner;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Downloads an OSV archive to a file with {@link HttpClient}: connect and request timeouts, a size
 * cap, https only unless plain http is allowed, redirects only to the same or a safer scheme, and a
 * conditional request (ETag / Last-Modified of the previous download) so an unchanged archive is
 * not fetched again.
 */
final class OsvDownload {

  /**
   * The result.
   *
   * @param notModified the server answered 304
   */
  record Result(boolean notModified, @Nullable String etag, @Nullable String lastModified) {}

  private OsvDownload() {}

  static Result fetch(
      URI uri,
      Path target,
      ImportOptions options,
      @Nullable String etag,
      @Nullable String lastModified)
      throws VulnDbException {
    if (!"https".equals(uri.getScheme()) && !options.allowPlainHttp()) {
      throw new VulnDbException("Refusing plain-HTTP OSV source " + uri + ": use an https:// URL.");
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).timeout(options.requestTimeout()).GET();
    if (etag != null) {
      request.header("If-None-Match", etag);
    }
    if (lastModified != null) {
      request.header("If-Modified-Since", lastModified);
    }
    try (HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(options.connectTimeout())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build()) {
      HttpResponse<InputStream> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        int status = response.statusCode();
        if (status == 304) {
          return new Result(true, etag, lastModified);
        }
        if (status != 200) {
          throw new VulnDbException(
              "Downloading "
                  + uri
                  + " failed with HTTP "
                  + status
                  + ": check the URL, or pass a local path with --from.");
        }
        long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared > options.maxDownloadBytes()) {
          throw tooLarge(uri, options);
        }
        copyBounded(body, target, uri, options);
        return new Result(
            false,
            response.headers().firstValue("ETag").orElse(null),
            response.headers().firstValue("Last-Modified").orElse(null));
      }
    } catch (IOException e) {
      throw new VulnDbException(
          "Downloading " + uri + " failed: " + e + ". Check the network, or pass a local path.", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VulnDbException("Downloading " + uri + " was interrupted.", e);
    }
  }

  private static void copyBounded(InputStream in, Path target, URI uri, ImportOptions options)
      throws IOException, VulnDbException {
    byte[] buf = new byte[1 << 16];
    long total = 0;
    try (OutputStream out = Files.newOutputStream(target)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
        if (total > options.maxDownloadBytes()) {
          throw tooLarge(uri, options);
        }
        out.write(buf, 0, n);
      }
    }
  }

  private static VulnDbException tooLarge(URI uri, ImportOptions options) {
    return new VulnDbException(
        "OSV archive "
            + uri
            + " is larger than "
            + options.maxDownloadBytes()
            + " bytes: raise the download limit if this is intended.");
  }
}
