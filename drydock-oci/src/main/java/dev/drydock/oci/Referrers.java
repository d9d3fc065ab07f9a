package dev.drydock.oci;

import dev.drydock.model.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The manifests that refer to a subject (signatures, SBOMs): listed with the referrers API ({@code
 * GET /v2/<name>/referrers/<digest>}), or, when the registry answers 404 (distribution 2.8 has no
 * such API), from the referrers tag schema: an image index tagged {@code <alg>-<hex>} whose entries
 * are the referrers. Pushing a referrer on such a registry updates that index by read-modify-write,
 * which races with another writer of the same subject (the spec accepts this; the loser's entry
 * must be pushed again).
 *
 * @see <a
 *     href="https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md#listing-referrers">OCI
 *     distribution: listing referrers</a>
 * @see <a
 *     href="https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md#referrers-tag-schema">referrers
 *     tag schema</a>
 */
final class Referrers {
  /** Bounds the pages of a referrers listing. */
  static final int MAX_PAGES = 100;

  /** Tries of a conditional referrers tag update that keeps losing to other writers. */
  static final int MAX_TAG_ATTEMPTS = 3;

  private final RegistryTransport transport;
  private final String repository;

  Referrers(RegistryTransport transport, String repository) {
    this.transport = transport;
    this.repository = repository;
  }

  /** {@return the tag of the referrers tag schema for {@code subject}: {@code sha256-<hex>}} */
  static String fallbackTag(Digest subject) {
    return subject.algorithm() + "-" + subject.hex();
  }

  List<Descriptor> list(Digest subject, @Nullable String artifactType) throws OciException {
    String what = "referrers of " + transport.registry() + "/" + repository + "@" + subject;
    URI uri = transport.uri(repository + "/referrers/" + subject);
    if (artifactType != null) {
      uri = RegistryTransport.withQuery(uri, "artifactType", artifactType);
    }
    List<Descriptor> out = new ArrayList<>();
    for (int page = 0; page < MAX_PAGES; page++) {
      HttpResponse<InputStream> response =
          transport.send(
              RegistryTransport.Call.get(
                  uri, MediaTypes.OCI_INDEX, List.of(RegistryTransport.pull(repository)), what),
              s -> s == 200 || s == 404);
      if (response.statusCode() == 404) {
        RegistryTransport.drain(response);
        if (page > 0) {
          throw new RegistryException(what + ": a next page is missing", 404, null);
        }
        return filter(fromTag(subject), artifactType);
      }
      boolean filtered =
          response.headers().firstValue("OCI-Filters-Applied").orElse("").contains("artifactType");
      List<Descriptor> entries = ImageIndex.parse(read(response, what)).manifests();
      out.addAll(filtered ? entries : filter(entries, artifactType));
      String next = TagList.next(response.headers().firstValue("Link").orElse(null));
      if (next == null) {
        return out;
      }
      uri = TagList.nextPage(uri, next, what);
    }
    throw new MalformedContentException(what + " has more than " + MAX_PAGES + " pages");
  }

  PushedManifest push(String mediaType, byte[] manifest) throws OciException {
    Descriptor entry;
    Descriptor subject;
    Digest digest = Images.sha256(manifest);
    if (MediaTypes.isIndex(mediaType)) {
      ImageIndex index = ImageIndex.parse(manifest);
      subject = index.subject();
      entry = entry(mediaType, digest, manifest.length, index.artifactType(), index.annotations());
    } else {
      ImageManifest m = ImageManifest.parse(manifest);
      subject = m.subject();
      String type = m.artifactType() != null ? m.artifactType() : m.config().mediaType();
      entry = entry(mediaType, digest, manifest.length, type, m.annotations());
    }
    if (subject == null) {
      throw new MalformedContentException(
          "manifest " + digest + " has no subject, so it cannot be pushed as a referrer");
    }
    PushedManifest pushed =
        ManifestPush.push(transport, repository, digest.toString(), mediaType, manifest);
    if (pushed.subject() == null) {
      addToTag(subject.digest(), entry);
    }
    return pushed;
  }

  private void addToTag(Digest subject, Descriptor entry) throws OciException {
    // Conditional on the ETag read, where the registry supports it: a concurrent writer makes the
    // PUT fail with 412, and the entry is added to the index that writer left.
    for (int attempt = 1; ; attempt++) {
      RegistryClient.Manifest tagged = tagged(subject);
      List<Descriptor> entries =
          new ArrayList<>(
              tagged == null ? List.of() : ImageIndex.parse(tagged.bytes()).manifests());
      if (entries.stream().anyMatch(d -> d.digest().equals(entry.digest()))) {
        return;
      }
      entries.add(entry);
      ImageIndex index = new ImageIndex(MediaTypes.OCI_INDEX, null, entries, null, Map.of());
      try {
        ManifestPush.push(
            transport,
            repository,
            fallbackTag(subject),
            MediaTypes.OCI_INDEX,
            index.toJson(),
            tagged == null ? null : tagged.etag());
        return;
      } catch (RegistryException e) {
        if (e.status() != 412 || attempt == MAX_TAG_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private List<Descriptor> fromTag(Digest subject) throws OciException {
    RegistryClient.Manifest tagged = tagged(subject);
    return tagged == null ? List.of() : ImageIndex.parse(tagged.bytes()).manifests();
  }

  /** {@return the index at the referrers tag, or null when there is none} */
  private RegistryClient.@Nullable Manifest tagged(Digest subject) throws OciException {
    RegistryClient.Manifest tagged;
    try {
      tagged = ManifestFetch.get(transport, repository, fallbackTag(subject));
    } catch (RegistryException e) {
      if (e.status() == 404) {
        return null;
      }
      throw e;
    }
    if (!MediaTypes.isIndex(tagged.mediaType())) {
      throw new MalformedContentException(
          "The referrers tag "
              + repository
              + ":"
              + fallbackTag(subject)
              + " holds a "
              + tagged.mediaType()
              + ", not an index; remove it so that referrers can be listed");
    }
    return tagged;
  }

  private static Descriptor entry(
      String mediaType,
      Digest digest,
      long size,
      @Nullable String artifactType,
      Map<String, String> annotations) {
    return new Descriptor(
        mediaType, digest, size, List.of(), annotations, null, null, artifactType);
  }

  private static List<Descriptor> filter(List<Descriptor> entries, @Nullable String artifactType) {
    if (artifactType == null) {
      return entries;
    }
    return entries.stream().filter(d -> artifactType.equals(d.artifactType())).toList();
  }

  private static byte[] read(HttpResponse<InputStream> response, String what) throws OciException {
    try (InputStream in = response.body()) {
      byte[] body = in.readNBytes(Codecs.MAX_DOCUMENT_BYTES + 1);
      if (body.length > Codecs.MAX_DOCUMENT_BYTES) {
        throw new MalformedContentException(what + " is larger than allowed");
      }
      return body;
    } catch (IOException e) {
      throw new RegistryException("Reading the " + what + " failed: " + e, e);
    }
  }
}
