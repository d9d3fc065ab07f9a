package dev.drydock.oci;

import dev.drydock.model.Digest;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Pushes a manifest or index ({@code PUT /v2/<name>/manifests/<reference>}) with its media type,
 * and checks the registry's {@code Docker-Content-Digest} against the bytes: a registry that
 * re-encodes manifests would break every signature over the digest.
 *
 * @see <a
 *     href="https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md#pushing-manifests">OCI
 *     distribution: pushing manifests</a>
 */
final class ManifestPush {
  private ManifestPush() {}

  static PushedManifest push(
      RegistryTransport transport,
      String repository,
      String reference,
      String mediaType,
      byte[] bytes)
      throws OciException {
    return push(transport, repository, reference, mediaType, bytes, null);
  }

  /**
   * Pushes; with {@code ifMatch}, only when the tag still has that {@code ETag} (registries that
   * support conditional requests answer 412 otherwise).
   */
  static PushedManifest push(
      RegistryTransport transport,
      String repository,
      String reference,
      String mediaType,
      byte[] bytes,
      @Nullable String ifMatch)
      throws OciException {
    String what =
        "push of manifest "
            + transport.registry()
            + "/"
            + repository
            + (reference.contains(":") ? "@" : ":")
            + reference;
    if (bytes.length > Codecs.MAX_DOCUMENT_BYTES) {
      throw new MalformedContentException(
          what + ": the manifest is larger than " + Codecs.MAX_DOCUMENT_BYTES + " bytes");
    }
    byte[] body = bytes.clone();
    Digest digest = Images.sha256(body);
    if (reference.contains(":") && !Digest.parse(reference).equals(digest)) {
      throw new DigestMismatchException(what, Digest.parse(reference), digest);
    }
    HttpResponse<InputStream> response =
        transport.send(
            new RegistryTransport.Call(
                "PUT",
                transport.uri(repository + "/manifests/" + reference),
                ifMatch == null
                    ? List.of("Content-Type", mediaType)
                    : List.of("Content-Type", mediaType, "If-Match", ifMatch),
                () -> HttpRequest.BodyPublishers.ofByteArray(body),
                List.of(RegistryTransport.push(repository)),
                what),
            s -> s == 201 || s == 200);
    RegistryTransport.drain(response);
    ManifestFetch.checkHeaderDigest(response, digest, what);
    String subject = response.headers().firstValue("OCI-Subject").orElse(null);
    return new PushedManifest(
        digest,
        subject == null ? null : Codecs.digestOf(subject.strip(), what + " OCI-Subject"),
        response.headers().firstValue("Location").orElse(null));
  }
}
