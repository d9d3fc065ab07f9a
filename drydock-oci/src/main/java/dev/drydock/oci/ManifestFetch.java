package dev.drydock.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.model.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Manifest reads and deletes: GET (bytes verified against the digest asked for and the {@code
 * Docker-Content-Digest} header), HEAD (a descriptor without the body) and DELETE by digest.
 *
 * @see <a
 *     href="https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md#pulling-manifests">OCI
 *     distribution: pulling manifests</a>
 * @see <a
 *     href="https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md#deleting-manifests">deleting
 *     manifests</a>
 */
final class ManifestFetch {
  private ManifestFetch() {}

  static RegistryClient.Manifest get(RegistryTransport transport, String repository, String ref)
      throws OciException {
    String what = "manifest " + transport.registry() + "/" + repository + at(ref);
    HttpResponse<InputStream> response =
        transport.send(
            RegistryTransport.Call.get(
                transport.uri(repository + "/manifests/" + ref),
                RegistryClient.accept(),
                List.of(RegistryTransport.pull(repository)),
                what));
    byte[] bytes;
    try (InputStream in = response.body()) {
      bytes = in.readNBytes(Codecs.MAX_DOCUMENT_BYTES + 1);
    } catch (IOException e) {
      throw new RegistryException("Reading the " + what + " failed: " + e, e);
    }
    if (bytes.length > Codecs.MAX_DOCUMENT_BYTES) {
      throw new MalformedContentException(
          what + " is larger than " + Codecs.MAX_DOCUMENT_BYTES + " bytes");
    }
    Digest actual = Images.sha256(bytes);
    if (ref.contains(":") && !Digest.parse(ref).equals(actual)) {
      throw new DigestMismatchException(what, Digest.parse(ref), actual);
    }
    checkHeaderDigest(response, actual, what);
    String type = contentType(response);
    if (!MediaTypes.MANIFESTS.contains(type)) {
      JsonNode root = Codecs.parseObject(bytes, what);
      String own = Codecs.optText(root, "mediaType", what);
      type =
          own != null
              ? own
              : root.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
    }
    return new RegistryClient.Manifest(
        type, bytes, actual, response.headers().firstValue("ETag").orElse(null));
  }

  static Optional<Descriptor> head(RegistryTransport transport, String repository, String ref)
      throws OciException {
    String what = "manifest " + transport.registry() + "/" + repository + at(ref);
    HttpResponse<InputStream> response =
        transport.send(
            new RegistryTransport.Call(
                "HEAD",
                transport.uri(repository + "/manifests/" + ref),
                List.of("Accept", RegistryClient.accept()),
                null,
                List.of(RegistryTransport.pull(repository)),
                what),
            status -> status / 100 == 2 || status == 404);
    RegistryTransport.drain(response);
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    String header = response.headers().firstValue("Docker-Content-Digest").orElse(null);
    OptionalLong length = response.headers().firstValueAsLong("Content-Length");
    String type = contentType(response);
    if (header == null || length.isEmpty() || !MediaTypes.MANIFESTS.contains(type)) {
      // Not every registry answers HEAD fully; the body tells all.
      return Optional.of(get(transport, repository, ref).descriptor());
    }
    Digest digest = Codecs.digestOf(header, what + " Docker-Content-Digest");
    if (ref.contains(":") && !Digest.parse(ref).equals(digest)) {
      throw new DigestMismatchException(
          what + " (Docker-Content-Digest)", Digest.parse(ref), digest);
    }
    return Optional.of(Descriptor.of(type, digest, length.getAsLong()));
  }

  static void delete(RegistryTransport transport, String repository, Digest digest)
      throws OciException {
    String what = "deleting manifest " + transport.registry() + "/" + repository + "@" + digest;
    RegistryTransport.drain(
        transport.send(
            new RegistryTransport.Call(
                "DELETE",
                transport.uri(repository + "/manifests/" + digest),
                List.of(),
                null,
                List.of("repository:" + repository + ":delete"),
                what)));
  }

  static void checkHeaderDigest(HttpResponse<InputStream> response, Digest actual, String what)
      throws OciException {
    Optional<String> header = response.headers().firstValue("Docker-Content-Digest");
    if (header.isPresent()
        && header.get().startsWith("sha256:")
        && !header.get().equals(actual.toString())) {
      throw new DigestMismatchException(
          what + " (Docker-Content-Digest header)", Codecs.digestOf(header.get(), what), actual);
    }
  }

  static String contentType(HttpResponse<InputStream> response) {
    String contentType = response.headers().firstValue("Content-Type").orElse("");
    int semi = contentType.indexOf(';');
    return (semi >= 0 ? contentType.substring(0, semi) : contentType).strip();
  }

  private static String at(String ref) {
    return (ref.contains(":") ? "@" : ":") + ref;
  }
}
