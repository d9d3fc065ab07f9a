package dev.drydock.oci;

import dev.drydock.model.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.List;

/**
 * Blob pushes into one repository: existence check (HEAD), upload session (POST), then either one
 * monolithic PUT {@code ?digest=} or, for large blobs, PATCH chunks with {@code Content-Range}
 * followed by the closing PUT; and cross-repository mounts ({@code POST ?mount=&from=}). What is
 * sent is hashed on the way and must match the digest and size the caller named.
 *
 * @see <a
 *     href="https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md#pushing-blobs">OCI
 *     distribution: pushing blobs</a>
 * @see <a
 *     href="https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md#mounting-a-blob-from-another-repository">mounting
 *     a blob from another repository</a>
 */
final class BlobUpload {
  /** The largest PATCH body; chunks are held in memory, so this bounds memory per upload. */
  static final int MAX_CHUNK = 16 * 1024 * 1024;

  private static final String OCTETS = "application/octet-stream";

  private final RegistryTransport transport;
  private final String repository;
  private final long chunkThreshold;

  BlobUpload(RegistryTransport transport, String repository, long chunkThreshold) {
    this.transport = transport;
    this.repository = repository;
    this.chunkThreshold = chunkThreshold;
  }

  static boolean exists(RegistryTransport transport, String repository, Digest digest)
      throws OciException {
    HttpResponse<InputStream> response =
        transport.send(
            new RegistryTransport.Call(
                "HEAD",
                transport.uri(repository + "/blobs/" + digest),
                List.of(),
                null,
                List.of(RegistryTransport.pull(repository)),
                "checking blob " + digest + " in " + transport.registry() + "/" + repository),
            status -> status / 100 == 2 || status == 404);
    RegistryTransport.drain(response);
    return response.statusCode() != 404;
  }

  void push(Descriptor blob, BlobContent content) throws OciException {
    if (exists(transport, repository, blob.digest())) {
      return;
    }
    HttpResponse<InputStream> started =
        transport.send(
            post(transport.uri(repository + "/blobs/uploads/"), List.of(push()), blob),
            s -> s == 202);
    upload(location(started, blob), blob, content);
  }

  boolean mount(Descriptor blob, String from, BlobContent content) throws OciException {
    if (exists(transport, repository, blob.digest())) {
      return true;
    }
    URI uri =
        RegistryTransport.withQuery(
            RegistryTransport.withQuery(
                transport.uri(repository + "/blobs/uploads/"), "mount", blob.digest().toString()),
            "from",
            from);
    HttpResponse<InputStream> response =
        transport.send(
            post(uri, List.of(push(), RegistryTransport.pull(from)), blob),
            s -> s == 201 || s == 202);
    if (response.statusCode() == 201) {
      RegistryTransport.drain(response);
      return true;
    }
    // 202: the registry did not mount but opened an upload session; use it (spec: "MAY").
    upload(location(response, blob), blob, content);
    return false;
  }

  private void upload(URI session, Descriptor blob, BlobContent content) throws OciException {
    if (blob.size() <= chunkThreshold) {
      monolithic(session, blob, content);
    } else {
      chunked(session, blob, content);
    }
  }

  private void monolithic(URI session, Descriptor blob, BlobContent content) throws OciException {
    String what = what(blob);
    HttpResponse<InputStream> done;
    try {
      done =
          transport.send(
              new RegistryTransport.Call(
                  "PUT",
                  RegistryTransport.withQuery(session, "digest", blob.digest().toString()),
                  List.of("Content-Type", OCTETS),
                  () ->
                      HttpRequest.BodyPublishers.fromPublisher(
                          HttpRequest.BodyPublishers.ofInputStream(
                              () -> verifying(content, blob, what)),
                          blob.size()),
                  List.of(push()),
                  what),
              s -> s == 201);
    } catch (DigestMismatchException e) {
      abandon(session, what);
      throw e;
    }
    confirm(done, blob);
  }

  private void chunked(URI session, Descriptor blob, BlobContent content) throws OciException {
    String what = what(blob);
    int chunkSize = (int) Math.max(1, Math.min(MAX_CHUNK, chunkThreshold));
    MessageDigest hash = VerifyingInputStream.newDigest(blob.digest().algorithm());
    long offset = 0;
    URI next = session;
    try (InputStream in = content.open()) {
      while (true) {
        byte[] chunk = in.readNBytes(chunkSize);
        if (chunk.length == 0) {
          break;
        }
        hash.update(chunk);
        if (offset + chunk.length > blob.size()) {
          abandon(next, what);
          throw new DigestMismatchException(
              what + " (larger than its declared " + blob.size() + " bytes)",
              blob.digest(),
              VerifyingInputStream.digestOf(hash, blob.digest().algorithm()));
        }
        long end = offset + chunk.length - 1;
        HttpResponse<InputStream> accepted =
            transport.send(
                new RegistryTransport.Call(
                    "PATCH",
                    next,
                    List.of("Content-Type", OCTETS, "Content-Range", offset + "-" + end),
                    () -> HttpRequest.BodyPublishers.ofByteArray(chunk),
                    List.of(push()),
                    what + " (bytes " + offset + "-" + end + ")"),
                s -> s == 202);
        next = location(accepted, blob);
        offset += chunk.length;
      }
    } catch (IOException e) {
      abandon(next, what);
      throw new OciException("Reading the content of " + what + " failed: " + e, e);
    }
    Digest actual = VerifyingInputStream.digestOf(hash, blob.digest().algorithm());
    if (!actual.equals(blob.digest()) || offset != blob.size()) {
      abandon(next, what);
      throw new DigestMismatchException(what, blob.digest(), actual);
    }
    HttpResponse<InputStream> done =
        transport.send(
            new RegistryTransport.Call(
                "PUT",
                RegistryTransport.withQuery(next, "digest", blob.digest().toString()),
                List.of("Content-Type", OCTETS),
                null,
                List.of(push()),
                what),
            s -> s == 201);
    confirm(done, blob);
  }

  /** Cancels an upload session; best effort, the registry expires it anyway. */
  private void abandon(URI session, String what) {
    try {
      RegistryTransport.drain(
          transport.send(
              new RegistryTransport.Call(
                  "DELETE", session, List.of(), null, List.of(push()), "cancelling " + what),
              s -> true));
    } catch (OciException ignored) {
      // The upload failed already; that error is the one to report.
    }
  }

  private static InputStream verifying(BlobContent content, Descriptor blob, String what) {
    try {
      return new VerifyingInputStream(content.open(), blob.digest(), blob.size(), what);
    } catch (IOException e) {
      return new InputStream() {
        @Override
        public int read() throws IOException {
          throw e;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          throw e;
        }
      };
    }
  }

  private void confirm(HttpResponse<InputStream> done, Descriptor blob) throws OciException {
    RegistryTransport.drain(done);
    String header = done.headers().firstValue("Docker-Content-Digest").orElse(null);
    if (header != null && !header.equals(blob.digest().toString())) {
      throw new DigestMismatchException(
          what(blob) + " (the registry's Docker-Content-Digest)",
          blob.digest(),
          Codecs.digestOf(header, what(blob)));
    }
  }

  private RegistryTransport.Call post(URI uri, List<String> scopes, Descriptor blob) {
    return new RegistryTransport.Call(
        "POST", uri, List.of(), null, scopes, "starting " + what(blob));
  }

  private URI location(HttpResponse<InputStream> response, Descriptor blob)
      throws RegistryException {
    RegistryTransport.drain(response);
    String location =
        response
            .headers()
            .firstValue("Location")
            .orElseThrow(
                () ->
                    new RegistryException(
                        what(blob) + ": the registry answered without an upload Location",
                        response.statusCode(),
                        null));
    return response.request().uri().resolve(location);
  }

  private String push() {
    return RegistryTransport.push(repository);
  }

  private String what(Descriptor blob) {
    return "upload of blob " + blob.digest() + " to " + transport.registry() + "/" + repository;
  }
}
